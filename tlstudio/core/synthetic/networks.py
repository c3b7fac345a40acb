"""The networks of the synthetic-image generators: a class-conditional GAN and a conditional VAE.

Small on purpose (a 64 x 64 generator on a few hundred images trains an epoch in seconds on a
laptop CPU) and built with what works on small data:

* **GAN** (kind ``"dcgan"``, the default): the generator grows a 4 x 4 map by resize-convolution
  (bilinear ``UpSampling2D`` + ``Conv2D``: no checkerboard, unlike transposed convolutions, and
  no blocks and streaks along the rows and columns, unlike nearest-neighbour upsampling), with
  mirrored rather than zero padding (no frame along the edges); samples come from a moving
  average of its weights. The discriminator has
  spectral normalisation on every layer (Miyato et al. 2018), a *projection* of the class
  embedding onto its features (Miyato & Koyama 2018: the discriminator judges "is this a real
  picture *of this class*", so a generator that ignores the class loses) and an auxiliary
  class head (Odena et al. 2017) trained on real pictures, whose verdict on the fakes is added
  to the generator's loss. Hinge losses. Real and fake pictures both go through the same
  differentiable augmentation before the discriminator (DiffAugment, Zhao et al. 2020: colour,
  translation, cutout), so a discriminator cannot memorise a hundred pictures and starve the
  generator of gradient.
* **VAE** (kind ``"vae"``): encoder and decoder are both told the class (a label plane joined to
  the image; an embedding joined to the noise), the decoder ends in a sigmoid on [0, 1] pixels
  whose bias starts at the mean brightness of the training pictures, and the reconstruction
  loss is the per-pixel binary cross-entropy summed over the picture (the likelihood of [0, 1]
  data), so the samples keep the pictures' brightness.

The layers and losses are Keras 3 (``keras.ops``, ``keras.random``); the GAN's training step
takes its gradients with TensorFlow's ``GradientTape`` (the backend the project runs on).
The VAE trains with ``train_on_batch`` (any backend).

Images: ``image_size`` is a power of two from 16 on; the generator starts at 4 x 4 and doubles
the size per block (64: 4 blocks, 128: 5). The GAN works in [-1, 1] (tanh), the VAE in [0, 1].
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    import keras

#: The networks' layout; a generator folder saved with another layout cannot load its weights.
ARCHITECTURE = 3
#: Label embedding width joined to the noise.
_EMBED = 32
#: Filters of the generator's first (4 x 4) block; each later block halves them, down to _MIN_FILTERS.
_TOP_FILTERS = 256
_MIN_FILTERS = 16
#: The generator used for samples follows the trained one as an exponential moving average
#: (Karras et al. 2018; Yazici et al. 2019): steadier, cleaner samples than the last step's weights.
EMA_DECAY = 0.99
_BN_MOMENTUM = 0.8
#: Weight of the auxiliary class loss for the discriminator (on real pictures) and for the
#: generator (on its fakes). The generator's is larger: at weight 1 its flowers drifted towards
#: each other (sunflowers labelled as daisies or roses by a classifier of the real pictures).
CLASS_LOSS_WEIGHT = 1.0
GENERATOR_CLASS_LOSS_WEIGHT = 3.0


def up_blocks(image_size: int) -> int:
    """How many doubling blocks take 4 x 4 to ``image_size`` (a power of two >= 16)."""
    blocks = int(round(math.log2(image_size / 4)))
    if image_size < 16 or 4 * 2**blocks != image_size:
        raise ValueError(f"image_size must be a power of two of at least 16. Received: image_size={image_size!r}")
    return blocks


def _filters(block: int) -> int:
    return max(_MIN_FILTERS, _TOP_FILTERS >> block)


def build_decoder(image_size: int, latent_dim: int, num_classes: int, *, output: str, name: str,
                  batch_norm: bool = True, output_bias: float = 0.0) -> "keras.Model":
    """Noise + class label -> image by resize-convolution. ``output``: ``"tanh"`` (GAN, [-1, 1])
    or ``"sigmoid"`` (VAE, [0, 1]); ``output_bias`` starts the last layer's bias there."""
    import keras
    from keras import layers

    z = keras.Input((latent_dim,), name="noise")
    label = keras.Input((1,), dtype="int32", name="label")
    embedded = layers.Flatten()(layers.Embedding(num_classes, _EMBED, name="label_embedding")(label))
    x = layers.Concatenate()([z, embedded])
    x = layers.Dense(4 * 4 * _TOP_FILTERS, use_bias=not batch_norm)(x)
    x = layers.BatchNormalization(momentum=_BN_MOMENTUM)(x) if batch_norm else x
    x = layers.ReLU()(x)
    x = layers.Reshape((4, 4, _TOP_FILTERS))(x)
    for block in range(up_blocks(image_size)):
        x = layers.UpSampling2D(interpolation="bilinear")(x)
        x = layers.Conv2D(_filters(block + 1), 3, use_bias=not batch_norm)(_reflect_pad(x))
        x = layers.BatchNormalization(momentum=_BN_MOMENTUM)(x) if batch_norm else x
        x = layers.ReLU()(x) if batch_norm else layers.LeakyReLU(0.2)(x)
    image = layers.Conv2D(3, 3, activation=output, name="image",
                          bias_initializer=keras.initializers.Constant(output_bias))(_reflect_pad(x))
    return keras.Model([z, label], image, name=name)


def _reflect_pad(x: Any) -> Any:
    """One pixel of mirrored border before a 3 x 3 convolution: zero padding would make the
    generator's edge pixels differ from the rest (a frame around every picture)."""
    from keras import layers, ops

    return layers.Lambda(lambda t: ops.pad(t, [[0, 0], [1, 1], [1, 1], [0, 0]], mode="reflect"),
                         output_shape=lambda s: (s[0], None if s[1] is None else s[1] + 2,
                                                 None if s[2] is None else s[2] + 2, s[3]))(x)


def build_discriminator(image_size: int, num_classes: int) -> "keras.Model":
    """Image + class label -> (realness score, class logits): spectral normalisation on every
    layer, a projection of the class embedding onto the pooled features, an auxiliary class head."""
    import keras
    from keras import layers

    sn = layers.SpectralNormalization
    image = keras.Input((image_size, image_size, 3), name="image")
    label = keras.Input((1,), dtype="int32", name="label")
    x = layers.LeakyReLU(0.2)(sn(layers.Conv2D(_filters(up_blocks(image_size)), 3, padding="same"))(image))
    for block in reversed(range(up_blocks(image_size))):
        x = layers.LeakyReLU(0.2)(sn(layers.Conv2D(_filters(block), 4, strides=2, padding="same"))(x))
    features = layers.GlobalAveragePooling2D()(x)
    width = _filters(0)
    class_vector = layers.Flatten()(layers.Embedding(num_classes, width, name="projection")(label))
    projection = layers.Dot(axes=1)([class_vector, features])
    real = layers.Add(name="real")([sn(layers.Dense(1))(features), projection])
    classes = sn(layers.Dense(num_classes), name="classes")(features)
    return keras.Model([image, label], [real, classes], name="discriminator")


class DiffAugment:
    """The same random, differentiable changes for real and fake pictures in [-1, 1] before the
    discriminator (Zhao et al. 2020): brightness, saturation, contrast, a shift of up to 1/8 of
    the side (zeros shifted into the gap, as in the paper's code) and a cutout of half the side."""

    def __init__(self, seed: int) -> None:
        import keras

        self.seed = keras.random.SeedGenerator(seed)

    def __call__(self, x: Any) -> Any:
        return self.cutout(self.translate(self.colour(x)))

    def _uniform(self, n: Any, *shape: int) -> Any:
        import keras

        return keras.random.uniform((n, *shape), seed=self.seed)

    def colour(self, x: Any) -> Any:
        from keras import ops

        n = ops.shape(x)[0]
        x = x + (self._uniform(n, 1, 1, 1) - 0.5)
        mean = ops.mean(x, axis=-1, keepdims=True)
        x = (x - mean) * (self._uniform(n, 1, 1, 1) * 2.0) + mean
        mean = ops.mean(x, axis=(1, 2, 3), keepdims=True)
        return (x - mean) * (self._uniform(n, 1, 1, 1) + 0.5) + mean

    def translate(self, x: Any) -> Any:
        from keras import ops

        n, side = ops.shape(x)[0], x.shape[1]
        limit = max(1, side // 8)
        shifts = ops.cast(ops.floor(self._uniform(n, 2) * (2 * limit + 1)), "int32") - limit
        rows = _shift_matrix(shifts[:, 0], side)
        cols = _shift_matrix(shifts[:, 1], side)
        x = ops.einsum("bij,bjkc->bikc", rows, x)
        return ops.einsum("bkl,bilc->bikc", cols, x)

    def cutout(self, x: Any) -> Any:
        from keras import ops

        n, side = ops.shape(x)[0], x.shape[1]
        half = side // 4
        centre = ops.cast(ops.floor(self._uniform(n, 2) * side), "int32")
        grid = ops.arange(side, dtype="int32")
        inside_r = ops.abs(grid[None, :] - centre[:, 0:1]) < half
        inside_c = ops.abs(grid[None, :] - centre[:, 1:2]) < half
        cut = ops.logical_and(inside_r[:, :, None], inside_c[:, None, :])
        return x * ops.cast(ops.logical_not(cut), x.dtype)[..., None]


def _shift_matrix(shift: Any, side: int) -> Any:
    """``(n, side, side)`` matrices that move rows by ``shift``, zeros shifted into the gap.

    As in DiffAugment's reference code (Zhao et al. 2020), rather than the edge row repeated
    into the gap, which adds streaks to the real pictures that the paper never tested."""
    from keras import ops

    grid = ops.arange(side, dtype="int32")
    source = grid[None, :, None] - shift[:, None, None]
    return ops.cast(ops.equal(grid[None, None, :], source), "float32")


class ConditionalGAN:
    """Generator, discriminator (projection + auxiliary class head, spectral normalisation),
    their optimisers and the DiffAugment they share; :meth:`train_batch` is one hinge-loss step."""

    def __init__(self, image_size: int, latent_dim: int, num_classes: int, learning_rate: float, seed: int) -> None:
        import keras

        self.latent_dim = latent_dim
        self.trained_generator = build_decoder(image_size, latent_dim, num_classes, output="tanh", name="generator")
        #: The moving average of the trained generator's weights: what samples and checkpoints use.
        self.generator = build_decoder(image_size, latent_dim, num_classes, output="tanh", name="generator_ema")
        self.generator.set_weights(self.trained_generator.get_weights())
        self.discriminator = build_discriminator(image_size, num_classes)
        self.g_optimizer = keras.optimizers.Adam(learning_rate, beta_1=0.5, beta_2=0.999)
        self.d_optimizer = keras.optimizers.Adam(learning_rate, beta_1=0.5, beta_2=0.999)
        self.augment = DiffAugment(seed)
        self.noise_seed = keras.random.SeedGenerator(seed + 1)
        self._step: Any = None

    def _losses(self, real: Any, labels: Any) -> dict[str, Any]:
        import tensorflow as tf
        from keras import ops

        g, d = self.trained_generator, self.discriminator
        n = ops.shape(real)[0]
        flat = ops.reshape(labels, (-1,))
        with tf.GradientTape() as tape:
            fake = g([self._noise(n), labels], training=True)
            real_score, real_classes = d([self.augment(real), labels], training=True)
            fake_score, _ = d([self.augment(fake), labels], training=True)
            d_adv = ops.mean(ops.relu(1.0 - real_score)) + ops.mean(ops.relu(1.0 + fake_score))
            d_class = _class_loss(flat, real_classes)
            d_loss = d_adv + CLASS_LOSS_WEIGHT * d_class
        self.d_optimizer.apply(tape.gradient(d_loss, d.trainable_variables), d.trainable_variables)
        with tf.GradientTape() as tape:
            fake = g([self._noise(n), labels], training=True)
            fake_score, fake_classes = d([self.augment(fake), labels], training=True)
            g_class = _class_loss(flat, fake_classes)
            g_loss = -ops.mean(fake_score) + GENERATOR_CLASS_LOSS_WEIGHT * g_class
        self.g_optimizer.apply(tape.gradient(g_loss, g.trainable_variables), g.trainable_variables)
        # The average warms up (TensorFlow's ExponentialMovingAverage with num_updates): early on
        # it follows the trained weights closely, later it averages over about 100 steps.
        steps = ops.cast(self.g_optimizer.iterations, "float32")
        decay = ops.minimum(EMA_DECAY, (1.0 + steps) / (10.0 + steps))
        for average, weight in zip(self.generator.weights, g.weights):
            average.assign(decay * average + (1.0 - decay) * weight)
        return {"generator": g_loss, "discriminator": d_loss, "class_real": d_class, "class_fake": g_class}

    def _noise(self, n: Any) -> Any:
        import keras

        return keras.random.normal((n, self.latent_dim), seed=self.noise_seed)

    def train_batch(self, real: np.ndarray, labels: np.ndarray, rng: np.random.Generator) -> dict[str, float]:
        """One step on a batch of real images in [-1, 1]: the discriminator, then the generator."""
        import tensorflow as tf

        if self._step is None:
            self._step = tf.function(self._losses, reduce_retracing=True)
        out = self._step(tf.constant(real, "float32"), tf.constant(labels.reshape(-1, 1), "int32"))
        return {name: _scalar(value) for name, value in out.items()}

    def weights(self) -> dict[str, "keras.Model"]:
        """The models whose weights make a checkpoint, by file stem (``generator``: the moving
        average, which samples use; ``trained_generator``: the one the optimiser trains)."""
        return {"generator": self.generator, "trained_generator": self.trained_generator,
                "discriminator": self.discriminator}


def _class_loss(labels: Any, logits: Any) -> Any:
    from keras import ops

    return ops.mean(ops.sparse_categorical_crossentropy(labels, logits, from_logits=True))


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


def _encoder_stack(image: Any, label: Any, image_size: int, num_classes: int) -> Any:
    """Image + label (as a fourth channel) -> flattened 4 x 4 features: strided convolutions."""
    from keras import layers

    plane = layers.Embedding(num_classes, image_size * image_size, name="label_plane")(label)
    plane = layers.Reshape((image_size, image_size, 1))(plane)
    x = layers.Concatenate()([image, plane])
    for block in reversed(range(up_blocks(image_size))):
        x = layers.Conv2D(_filters(block + 1), 4, strides=2, padding="same")(x)
        x = layers.LeakyReLU(0.2)(x)
    return layers.Flatten()(x)


class VAE:
    """A conditional VAE: encoder (image + label -> mean, log-variance), decoder (noise + label
    -> image), and the compiled model that outputs the reconstruction and the KL term per image."""

    def __init__(self, image_size: int, latent_dim: int, num_classes: int, learning_rate: float, seed: int,
                 brightness: float = 0.5) -> None:
        import keras
        from keras import layers, ops

        self.latent_dim = latent_dim
        image = keras.Input((image_size, image_size, 3), name="image")
        label = keras.Input((1,), dtype="int32", name="label")
        x = _encoder_stack(image, label, image_size, num_classes)
        mean = layers.Dense(latent_dim, name="mean")(x)
        log_var = layers.Dense(latent_dim, name="log_var")(x)
        self.encoder = keras.Model([image, label], [mean, log_var], name="encoder")
        p = min(max(brightness, 0.05), 0.95)
        self.decoder = build_decoder(image_size, latent_dim, num_classes, output="sigmoid", name="decoder",
                                     batch_norm=False, output_bias=math.log(p / (1.0 - p)))

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
    """Binary cross-entropy summed over the pixels of each image (the likelihood of [0, 1] pixels)."""
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


def build(kind: str, image_size: int, latent_dim: int, num_classes: int, learning_rate: float, seed: int,
          brightness: float = 0.5) -> ConditionalGAN | VAE:
    """The generator model set for ``kind`` (``"dcgan"``: the conditional GAN, or ``"vae"``).
    ``brightness``: the training pictures' mean pixel value in [0, 1] (the VAE starts there)."""
    if kind == "dcgan":
        return ConditionalGAN(image_size, latent_dim, num_classes, learning_rate, seed)
    if kind == "vae":
        return VAE(image_size, latent_dim, num_classes, learning_rate, seed, brightness)
    raise ValueError(f"kind must be 'dcgan' or 'vae'. Received: kind={kind!r}")


def to_uint8(images: np.ndarray, kind: str) -> np.ndarray:
    """Network output -> ``uint8`` RGB (GAN: [-1, 1]; VAE: [0, 1])."""
    x = np.asarray(images, dtype="float32")
    x = (x + 1.0) * 127.5 if kind == "dcgan" else x * 255.0
    return np.clip(np.rint(x), 0, 255).astype(np.uint8)


def to_network(images: np.ndarray, kind: str) -> np.ndarray:
    """``uint8`` RGB -> the network's range (GAN: [-1, 1]; VAE: [0, 1])."""
    x = np.asarray(images, dtype="float32")
    return x / 127.5 - 1.0 if kind == "dcgan" else x / 255.0
