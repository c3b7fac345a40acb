"""Pictures in: reading image files, scanning a folder of classes, splitting, groups, leakage, and the tf.data pipeline."""
