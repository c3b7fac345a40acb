"""The networks of the synthetic-image generators: a conditional DCGAN and a conditional VAE.

Small on purpose: a 64 x 64 generator on about a hundred images trains an epoch in seconds on
a laptop CPU. Both are *conditional*: one network makes images of every class, told which one
by a class label (an embedding joined to the noise for the generator/decoder, an extra image
channel for the discriminator/encoder).

Backend-neutral (any Keras 3 backend): the DCGAN uses the classic Keras recipe, a compiled
discriminator trained with ``train_on_batch`` on real and fake images, then a compiled
generator -> discriminator model trained with the discriminator frozen (:class:`DCGAN`
switches ``discriminator.trainable`` around each call). The VAE is one compiled model whose
second output is the KL term per image (its "loss" is its mean), so ``train_on_batch`` gives
the reconstruction and KL losses separately.

Images: ``image_size`` is a power of two from 16 on; the generator starts at 4 x 4 and doubles
the size per block (64: 4 blocks, 128: 5). The DCGAN works in [-1, 1] (tanh), the VAE in
[0, 1] (sigmoid).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    import keras

#: Label embedding width joined to the noise.
_EMBED = 16
#: Filters of the generator's first (4 x 4) block; each later block halves them, down to _MIN_FILTERS.
_TOP_FILTERS = 128
_MIN_FILTERS = 16
#: BatchNorm's moving averages follow the batches quickly: samples (inference mode) match training.
_BN_MOMENTUM = 0.8
#: Real images are labelled 0.9, not 1, for the discriminator (one-sided label smoothing).
REAL_LABEL = 0.9


def up_blocks(image_size: int) -> int:
    """How many doubling blocks take 4 x 4 to ``image_size`` (a power of two >= 16)."""
    blocks = int(round(math.log2(image_size / 4)))
    if image_size < 16 or 4 * 2**blocks != image_size:
        raise ValueError(f"image_size must be a power of two of at least 16. Received: image_size={image_size!r}")
    return blocks


def _filters(block: int) -> int:
    return max(_MIN_FILTERS, _TOP_FILTERS >> block)


def build_decoder(image_size: int, latent_dim: int, num_classes: int, *, output: str, name: str) -> "keras.Model":
    """Noise + class label -> image. ``output``: ``"tanh"`` (DCGAN, [-1, 1]) or ``"sigmoid"`` (VAE, [0, 1])."""
    import keras
    from keras import layers

    z = keras.Input((latent_dim,), name="noise")
    label = keras.Input((1,), dtype="int32", name="label")
    embedded = layers.Flatten()(layers.Embedding(num_classes, _EMBED, name="label_embedding")(label))
    x = layers.Concatenate()([z, embedded])
    x = layers.Dense(4 * 4 * _TOP_FILTERS, use_bias=False)(x)
    x = layers.BatchNormalization(momentum=_BN_MOMENTUM)(x)
    x = layers.ReLU()(x)
    x = layers.Reshape((4, 4, _TOP_FILTERS))(x)
    for block in range(up_blocks(image_size)):
        x = layers.UpSampling2D()(x)
        x = layers.Conv2D(_filters(block + 1), 3, padding="same", use_bias=False)(x)
        x = layers.BatchNormalization(momentum=_BN_MOMENTUM)(x)
        x = layers.ReLU()(x)
    image = layers.Conv2D(3, 3, padding="same", activation=output, name="image")(x)
    return keras.Model([z, label], image, name=name)


def _conv_stack(image: Any, label: Any, image_size: int, num_classes: int) -> Any:
    """Image + label (as a fourth channel) -> flattened 4 x 4 features: strided convolutions."""
    from keras import layers

    plane = layers.Embedding(num_classes, image_size * image_size, name="label_plane")(label)
    plane = layers.Reshape((image_size, image_size, 1))(plane)
    x = layers.Concatenate()([image, plane])
    for block in reversed(range(up_blocks(image_size))):
        x = layers.Conv2D(_filters(block + 1), 4, strides=2, padding="same", use_bias=False)(x)
        x = layers.LeakyReLU(0.2)(x)
    return layers.Flatten()(x)


def build_discriminator(image_size: int, num_classes: int) -> "keras.Model":
    """Image + class label -> probability that the image is real. No BatchNorm (it is trained on
    mixed real and fake batches and frozen inside the combined model)."""
    import keras
    from keras import layers

    image = keras.Input((image_size, image_size, 3), name="image")
    label = keras.Input((1,), dtype="int32", name="label")
    x = _conv_stack(image, label, image_size, num_classes)
    x = layers.Dropout(0.3)(x)
    real = layers.Dense(1, activation="sigmoid", name="real")(x)
    return keras.Model([image, label], real, name="discriminator")


class DCGAN:
    """A conditional DCGAN: generator, discriminator and the combined model, compiled."""

    def __init__(self, image_size: int, latent_dim: int, num_classes: int, learning_rate: float) -> None:
        import keras

        self.latent_dim = latent_dim
        self.generator = build_decoder(image_size, latent_dim, num_classes, output="tanh", name="generator")
        self.discriminator = build_discriminator(image_size, num_classes)
        self.discriminator.compile(optimizer=keras.optimizers.Adam(learning_rate, beta_1=0.5), loss="binary_crossentropy")
        z = keras.Input((latent_dim,))
        label = keras.Input((1,), dtype="int32")
        self.combined = keras.Model([z, label], self.discriminator([self.generator([z, label]), label]), name="dcgan")
        self.combined.compile(optimizer=keras.optimizers.Adam(learning_rate, beta_1=0.5), loss="binary_crossentropy")

    def train_batch(self, real: np.ndarray, labels: np.ndarray, rng: np.random.Generator) -> dict[str, float]:
        """One step on a batch of real images in [-1, 1]: the discriminator on real + fake images,
        then the generator through the frozen discriminator."""
        import keras

        n = len(real)
        labels = labels.reshape(-1, 1).astype("int32")
        z = rng.standard_normal((n, self.latent_dim)).astype("float32")
        # training=True: the fakes the discriminator learns from are those the generator makes in
        # its own training step (BatchNorm on batch statistics); this also updates its moving averages.
        fake = keras.ops.convert_to_numpy(self.generator([z, labels], training=True))
        self.discriminator.trainable = True
        d_loss = self.discriminator.train_on_batch(
            [np.concatenate([real, fake]), np.concatenate([labels, labels])],
            np.concatenate([np.full((n, 1), REAL_LABEL, "float32"), np.zeros((n, 1), "float32")]))
        self.discriminator.trainable = False
        z = rng.standard_normal((n, self.latent_dim)).astype("float32")
        g_loss = self.combined.train_on_batch([z, labels], np.ones((n, 1), "float32"))
        return {"generator": _scalar(g_loss), "discriminator": _scalar(d_loss)}

    def weights(self) -> dict[str, "keras.Model"]:
        """The models whose weights make a checkpoint, by file stem."""
        return {"generator": self.generator, "discriminator": self.discriminator}


class _Sampling:
    """Builds the reparameterisation layer (mean, log-variance -> z) with a seeded generator."""

    @staticmethod
    def layer(seed: int) -> "keras.layers.Layer":
        import keras

        class Sampling(keras.layers.Layer):
            def __init__(self, **kwargs: Any) -> None:
                super().__init__(**kwargs)
                self.seed_generator = keras.random.SeedGenerator(seed)

            def call(self, inputs: Any) -> Any:
                mean, log_var = inputs
                eps = keras.random.normal(keras.ops.shape(mean), seed=self.seed_generator)
                return mean + keras.ops.exp(0.5 * log_var) * eps

        return Sampling(name="sampling")


class VAE:
    """A conditional VAE: encoder (image + label -> mean, log-variance), decoder (noise + label
    -> image), and the compiled model that outputs the reconstruction and the KL term per image."""

    def __init__(self, image_size: int, latent_dim: int, num_classes: int, learning_rate: float, seed: int) -> None:
        import keras
        from keras import layers, ops

        self.latent_dim = latent_dim
        image = keras.Input((image_size, image_size, 3), name="image")
        label = keras.Input((1,), dtype="int32", name="label")
        x = _conv_stack(image, label, image_size, num_classes)
        mean = layers.Dense(latent_dim, name="mean")(x)
        log_var = layers.Dense(latent_dim, name="log_var")(x)
        self.encoder = keras.Model([image, label], [mean, log_var], name="encoder")
        self.decoder = build_decoder(image_size, latent_dim, num_classes, output="sigmoid", name="decoder")

        z = _Sampling.layer(seed)([mean, log_var])
        reconstruction = layers.Identity(name="reconstruction")(self.decoder([z, label]))
        kl = layers.Lambda(lambda t: -0.5 * ops.sum(1.0 + t[1] - ops.square(t[0]) - ops.exp(t[1]), axis=-1),
                           output_shape=lambda s: (s[0][0],), name="kl")([mean, log_var])
        self.model = keras.Model([image, label], {"reconstruction": reconstruction, "kl": kl}, name="vae")
        self.model.compile(optimizer=keras.optimizers.Adam(learning_rate),
                           loss={"reconstruction": _reconstruction_loss, "kl": _mean_of_prediction})

    def train_batch(self, real: np.ndarray, labels: np.ndarray, rng: np.random.Generator) -> dict[str, float]:
        """One step on a batch of real images in [0, 1]."""
        labels = labels.reshape(-1, 1).astype("int32")
        logs = self.model.train_on_batch([real, labels], {"reconstruction": real, "kl": np.zeros(len(real), "float32")},
                                         return_dict=True)
        recon = _scalar(logs.get("reconstruction_loss", float("nan")))
        kl = _scalar(logs.get("kl_loss", float("nan")))
        return {"reconstruction": recon, "kl": kl, "total": _scalar(logs["loss"])}

    @property
    def generator(self) -> "keras.Model":
        return self.decoder

    def weights(self) -> dict[str, "keras.Model"]:
        return {"encoder": self.encoder, "decoder": self.decoder}


def _reconstruction_loss(y_true: Any, y_pred: Any) -> Any:
    """Binary cross-entropy summed over the pixels of each image (the classic VAE loss)."""
    from keras import ops

    eps = 1e-7
    p = ops.clip(y_pred, eps, 1.0 - eps)
    bce = -(y_true * ops.log(p) + (1.0 - y_true) * ops.log(1.0 - p))
    return ops.sum(ops.reshape(bce, (ops.shape(bce)[0], -1)), axis=-1)


def _mean_of_prediction(y_true: Any, y_pred: Any) -> Any:
    """The KL output is already the per-image loss."""
    return y_pred


def _scalar(value: Any) -> float:
    if isinstance(value, (list, tuple)):
        value = value[0]
    return float(np.asarray(value))


def build(kind: str, image_size: int, latent_dim: int, num_classes: int, learning_rate: float, seed: int) -> DCGAN | VAE:
    """The generator model set for ``kind`` (``"dcgan"`` or ``"vae"``)."""
    if kind == "dcgan":
        return DCGAN(image_size, latent_dim, num_classes, learning_rate)
    if kind == "vae":
        return VAE(image_size, latent_dim, num_classes, learning_rate, seed)
    raise ValueError(f"kind must be 'dcgan' or 'vae'. Received: kind={kind!r}")


def to_uint8(images: np.ndarray, kind: str) -> np.ndarray:
    """Network output -> ``uint8`` RGB (DCGAN: [-1, 1]; VAE: [0, 1])."""
    x = np.asarray(images, dtype="float32")
    x = (x + 1.0) * 127.5 if kind == "dcgan" else x * 255.0
    return np.clip(np.rint(x), 0, 255).astype(np.uint8)


def to_network(images: np.ndarray, kind: str) -> np.ndarray:
    """``uint8`` RGB -> the network's range (DCGAN: [-1, 1]; VAE: [0, 1])."""
    x = np.asarray(images, dtype="float32")
    return x / 127.5 - 1.0 if kind == "dcgan" else x / 255.0
