"""The training engine: one run from a config to a saved run folder, in phases (head on cached features, fine-tuning, from scratch)."""
