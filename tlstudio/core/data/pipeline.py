"""The tf.data pipeline that streams a split's images to Keras, decoding in parallel."""

from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

import numpy as np

from tlstudio.core.data.imageio import load_image
from tlstudio.core.data.records import ImageRecord

if TYPE_CHECKING:
    import tensorflow as tf


def make_tf_dataset(
    records: Sequence[ImageRecord],
    image_size: int,
    batch_size: int,
    num_classes: int,
    *,
    shuffle: bool,
    seed: int,
    one_hot: bool = True,
    repeat: bool = False,
) -> "tf.data.Dataset":
    """A ``tf.data`` pipeline of ``(images, labels)`` batches read from disk as needed.

    Images are ``float32`` in 0..255, shape ``(batch, image_size, image_size, 3)``; labels are
    one-hot ``float32`` ``(batch, num_classes)`` or ``int32`` ``(batch,)``. Only file paths are
    held in memory; decoding runs in parallel (:func:`~tlstudio.core.data.imageio.load_image` in
    ``tf.numpy_function``) and output order is kept deterministic so a seeded run repeats
    exactly. With ``shuffle`` the order changes every epoch (seeded).
    """
    import tensorflow as tf

    if image_size < 1 or batch_size < 1 or num_classes < 1:
        raise ValueError("image_size, batch_size and num_classes must be positive. Received: "
                         f"image_size={image_size}, batch_size={batch_size}, num_classes={num_classes}")
    paths = [r.path for r in records]
    labels = np.array([r.label for r in records], dtype=np.int32)
    ds = tf.data.Dataset.from_tensor_slices((tf.constant(paths, dtype=tf.string), labels))
    if shuffle and paths:
        ds = ds.shuffle(len(paths), seed=seed, reshuffle_each_iteration=True)
    if repeat:
        ds = ds.repeat()

    def read(path: bytes) -> np.ndarray:
        return load_image(path.decode("utf-8", "surrogateescape"), (image_size, image_size)).astype(np.float32)

    def load(path: "tf.Tensor", label: "tf.Tensor") -> tuple["tf.Tensor", "tf.Tensor"]:
        image = tf.numpy_function(read, [path], tf.float32, stateful=False)
        image = tf.ensure_shape(image, (image_size, image_size, 3))
        target = tf.one_hot(label, num_classes, dtype=tf.float32) if one_hot else label
        return image, target

    ds = ds.map(load, num_parallel_calls=tf.data.AUTOTUNE, deterministic=True)
    return ds.batch(batch_size).prefetch(tf.data.AUTOTUNE)
