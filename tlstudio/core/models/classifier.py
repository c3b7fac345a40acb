"""Backbone + head, the freeze cutoff, and how the network is split for fast training.

The classifier takes raw pixels (any size, 0..255) and returns class probabilities; resizing
and the backbone's own preprocessing are layers inside it, so a saved ``model.keras`` needs
nothing else. Its layout (other modules rely on the names)::

    image -> resize -> preprocess -> backbone -> head_pool -> head_dense_1 -> head_dropout_1
          -> ... -> predictions

Transfer-learning rules live here, not in the GUI:

* ``transfer`` and ``finetune`` call the backbone with ``training=False`` so BatchNorm layers
  keep using their ImageNet statistics, also once they are unfrozen (the Keras fine-tuning
  guide's advice; updating them on a few hundred images wrecks the features).
* Freezing stops at the *cutoff*: backbone layers before it are frozen, the cutoff and the
  layers after it train in the fine-tune phase.
* For speed, the frozen part below the cutoff is cut off at the nearest point where the graph
  can be split (no skip connection crosses it) and its outputs are computed once and cached
  (see ``core.models.features``); :func:`split_backbone` returns that point and the trainable top.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Sequence

from tlstudio.core.config import ModelConfig
from tlstudio.core.errors import ConfigError

if TYPE_CHECKING:  # keep `import tlstudio.core.models.classifier` light for the GUI
    import keras

    from tlstudio.core.models.backbones import LayerInfo


@dataclass(frozen=True)
class FreezePlan:
    """What is frozen and what trains for a given cutoff (shown next to the layer list)."""

    cutoff: str | None
    frozen_params: int
    trainable_params: int
    frozen_layers: int
    trainable_layers: int
    trainable_names: tuple[str, ...] = ()

    def trains(self, name: str) -> bool:
        """Whether the layer called ``name`` learns under this plan."""
        return name in self.trainable_names

    def to_dict(self) -> dict[str, object]:
        return {**self.__dict__, "trainable_names": list(self.trainable_names)}


#: Layer types that stay frozen even after the cutoff when fine-tuning: BatchNormalization keeps
#: its ImageNet statistics (inference mode); updating them from small batches of a few hundred
#: pictures wrecks the features. Freezing the layer is what keeps it in inference mode on every
#: backend: a nested ``backbone(x, training=False)`` alone is overridden by ``fit``'s
#: ``training=True`` in Keras 3.
KEPT_FROZEN_TYPES: frozenset[str] = frozenset({"BatchNormalization"})


def freeze_plan(layers: Sequence["LayerInfo"], cutoff: str | None, *, everything: bool = False) -> FreezePlan:
    """Count frozen and trainable backbone parameters when training starts at ``cutoff``.

    ``cutoff=None`` means the whole backbone is frozen (transfer learning); ``everything``
    means every layer trains, BatchNormalization included (from scratch). When fine-tuning,
    BatchNormalization layers after the cutoff stay frozen (:data:`KEPT_FROZEN_TYPES`). Pure
    and instant, so the layer list can call it on every click.
    """
    if everything:
        trainable = [layer for layer in layers if layer.type != "InputLayer"]
        return FreezePlan(cutoff=None, frozen_params=0, trainable_params=sum(layer.params for layer in trainable),
                          frozen_layers=0, trainable_layers=len(trainable),
                          trainable_names=tuple(layer.name for layer in trainable))
    names = [layer.name for layer in layers]
    if cutoff is None:
        start = len(layers)
    elif cutoff in names:
        start = names.index(cutoff)
    else:
        raise ConfigError(
            f"The freeze cutoff must be one of the backbone's layers. Received: cutoff={cutoff!r}"
        )
    trains = [i >= start and layer.type not in KEPT_FROZEN_TYPES for i, layer in enumerate(layers)]
    frozen = [layer for layer, t in zip(layers, trains) if not t]
    trainable = [layer for layer, t in zip(layers, trains) if t]
    return FreezePlan(
        cutoff=cutoff,
        frozen_params=sum(layer.params for layer in frozen),
        trainable_params=sum(layer.params for layer in trainable),
        frozen_layers=sum(1 for layer in frozen if layer.type != "InputLayer"),
        trainable_layers=len(trainable),
        trainable_names=tuple(layer.name for layer in trainable),
    )


def resolve_cutoff(config: ModelConfig) -> str | None:
    """The cutoff a run really uses: the user's choice, or the backbone's recommended one.

    Only fine-tuning has a cutoff; scratch trains everything and transfer freezes everything.
    """
    if config.mode != "finetune":
        return None
    if config.cutoff is not None:
        return config.cutoff
    from tlstudio.core.models.backbones import get_backbone

    default = get_backbone(config.backbone).default_cutoff
    if default is None:
        raise ConfigError(
            f"The {config.backbone} network cannot be fine-tuned (it has no pretrained weights); "
            f"use mode 'scratch'. Received: backbone={config.backbone!r}, mode='finetune'"
        )
    return default


def image_size_for(config: ModelConfig) -> int:
    """The square input size the run uses (the backbone's usual size unless one is chosen)."""
    if config.image_size is not None:
        return config.image_size
    from tlstudio.core.models.backbones import get_backbone

    return get_backbone(config.backbone).default_size


class Classifier:
    """A built classifier: the full model plus handles on its parts.

    ``model`` is the whole network (raw images in). ``backbone`` is the nested feature
    extractor, ``head_layers`` the decision layers in order (``head_layers[0]`` is the pooling
    or Flatten layer). Models made by :meth:`head_model` and :meth:`top_model` share these
    layer objects, so training them trains ``model``.
    """

    def __init__(self, model: "keras.Model", backbone: "keras.Model", head_layers: list, config: ModelConfig,
                 num_classes: int, image_size: int) -> None:
        self.model = model
        self.backbone = backbone
        self.head_layers = head_layers
        self.config = config
        self.num_classes = num_classes
        self.image_size = image_size

    @property
    def pools_features(self) -> bool:
        """True when the head starts with a parameter-free global pooling (so pooled feature
        vectors can be cached instead of whole feature maps)."""
        return self.config.head.pooling in ("avg", "max")

    def apply_head(self, x: "keras.KerasTensor", *, skip_pool: bool = False) -> "keras.KerasTensor":
        layers = self.head_layers[1:] if skip_pool else self.head_layers
        for layer in layers:
            x = layer(x)
        return x

    def head_model(self, feature_shape: tuple[int, ...], *, pooled: bool) -> "keras.Model":
        """The head alone, fed with cached backbone outputs (pooled vectors or feature maps)."""
        import keras

        inputs = keras.Input(shape=feature_shape, name="features")
        return keras.Model(inputs, self.apply_head(inputs, skip_pool=pooled), name="head")

    def top_model(self, cut_layer: str) -> "keras.Model":
        """The backbone from ``cut_layer``'s output on, plus the head, fed with cached
        outputs of ``cut_layer``. BatchNorm stays in inference mode."""
        import keras

        top = keras.Model(self.backbone.get_layer(cut_layer).output, self.backbone.output, name="backbone_top")
        inputs = keras.Input(shape=tuple(top.input.shape[1:]), name="cut_features")
        x = top(inputs, training=False)
        return keras.Model(inputs, self.apply_head(x), name="finetune_top")

    def trunk_model(self, cut_layer: str | None, *, pool: bool) -> "keras.Model":
        """Raw images -> the cached representation: ``cut_layer``'s output, or (``None``) the
        backbone's output, pooled when ``pool`` is true."""
        import keras

        inputs = keras.Input(shape=(self.image_size, self.image_size, 3), name="image")
        x = self.model.get_layer("resize")(inputs)
        x = self.model.get_layer("preprocess")(x)
        if cut_layer is None:
            x = self.backbone(x, training=False)
            if pool:
                x = self.head_layers[0](x)
        else:
            bottom = keras.Model(self.backbone.input, self.backbone.get_layer(cut_layer).output, name="backbone_bottom")
            x = bottom(x, training=False)
        return keras.Model(inputs, x, name="trunk")

    def trunk_pair(self, cut_layer: str, *, pool: bool) -> "keras.Model":
        """Raw images -> (``cut_layer``'s output, the backbone's output pooled when ``pool``): both
        cached representations of a fine-tune run from one pass over the images."""
        import keras

        inputs = keras.Input(shape=(self.image_size, self.image_size, 3), name="image")
        x = self.model.get_layer("resize")(inputs)
        x = self.model.get_layer("preprocess")(x)
        both = keras.Model(self.backbone.input, [self.backbone.get_layer(cut_layer).output, self.backbone.output],
                           name="backbone_both")
        cut, top = both(x, training=False)
        return keras.Model(inputs, [cut, self.head_layers[0](top) if pool else top], name="trunk_pair")


def build_classifier(config: ModelConfig, num_classes: int, *, on_progress=None) -> Classifier:
    """Build backbone + head for ``config`` (weights resolved and loaded by core.models.backbones)."""
    import keras

    from tlstudio.core.models.backbones import build_backbone, get_backbone, preprocess_layer

    if num_classes < 2:
        raise ConfigError(f"A classifier needs at least 2 classes. Received: num_classes={num_classes}")
    info = get_backbone(config.backbone)
    size = image_size_for(config)
    if size < info.min_size:
        raise ConfigError(
            f"{info.display_name} needs images of at least {info.min_size} pixels. Received: image_size={size}"
        )
    # From scratch means random weights, whatever the weights setting says.
    weights = None if config.mode == "scratch" else config.weights
    backbone = build_backbone(config.backbone, image_size=size, weights=weights, on_progress=on_progress)

    inputs = keras.Input(shape=(None, None, 3), name="image")
    x = keras.layers.Resizing(size, size, name="resize")(inputs)
    pre = preprocess_layer(config.backbone)
    pre.name = "preprocess" if pre.name != "preprocess" else pre.name
    x = pre(x)
    if config.mode == "scratch":
        x = backbone(x)
    else:
        x = backbone(x, training=False)
    head_layers = build_head_layers(config, num_classes)
    for layer in head_layers:
        x = layer(x)
    model = keras.Model(inputs, x, name="classifier")
    apply_freeze(backbone, config)
    return Classifier(model, backbone, head_layers, config, num_classes, size)


def build_head_layers(config: ModelConfig, num_classes: int) -> list:
    import keras

    head = config.head
    pool = {
        "avg": lambda: keras.layers.GlobalAveragePooling2D(name="head_pool"),
        "max": lambda: keras.layers.GlobalMaxPooling2D(name="head_pool"),
        "flatten": lambda: keras.layers.Flatten(name="head_pool"),
    }[head.pooling]()
    layers: list = [pool]
    for i, units in enumerate(head.dense, start=1):
        layers.append(keras.layers.Dense(units, activation="relu", name=f"head_dense_{i}"))
        if head.dropout > 0:
            layers.append(keras.layers.Dropout(head.dropout, name=f"head_dropout_{i}"))
    # float32 even under mixed precision (core.models.accel): a softmax in float16 loses small probabilities
    layers.append(keras.layers.Dense(num_classes, activation="softmax", name="predictions", dtype="float32"))
    return layers


def apply_freeze(backbone: "keras.Model", config: ModelConfig, *, phase: str | None = None) -> None:
    """Set ``trainable`` on the backbone's layers for the mode and phase.

    scratch: everything trains. transfer, and the head phase of finetune: the backbone is
    frozen. The finetune phase: layers from the cutoff on train, except BatchNormalization
    (:data:`KEPT_FROZEN_TYPES`); the rest stays frozen.
    """
    if config.mode == "scratch":
        backbone.trainable = True
        for layer in backbone.layers:
            layer.trainable = True
        return
    if config.mode == "transfer" or phase != "finetune":
        backbone.trainable = False
        return
    cutoff = resolve_cutoff(config)
    names = [layer.name for layer in backbone.layers]
    if cutoff not in names:
        raise ConfigError(
            f"The freeze cutoff must be a layer of {config.backbone}. Received: cutoff={cutoff!r}"
        )
    start = names.index(cutoff)
    backbone.trainable = True
    for i, layer in enumerate(backbone.layers):
        layer.trainable = i >= start and type(layer).__name__ not in KEPT_FROZEN_TYPES


def cache_point(backbone: "keras.Model", cutoff: str) -> str | None:
    """The last layer before ``cutoff`` after which the backbone can be cut (its output alone
    carries everything the rest needs). ``None`` when no such layer exists before the cutoff,
    in which case fine-tuning runs on images end to end."""
    from tlstudio.core.models.backbones import cut_points

    names = [layer.name for layer in backbone.layers]
    start = names.index(cutoff)
    allowed = set(cut_points(backbone))
    for i in range(start - 1, 0, -1):
        if names[i] in allowed:
            return names[i]
    return None


def count_params(model: "keras.Model") -> tuple[int, int]:
    """(trainable, frozen) parameter counts of a built model."""
    import numpy as np

    trainable = int(sum(np.prod(w.shape) for w in model.trainable_weights))
    frozen = int(sum(np.prod(w.shape) for w in model.non_trainable_weights))
    return trainable, frozen
