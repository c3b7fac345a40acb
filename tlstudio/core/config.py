"""Every setting of a run, as frozen dataclasses that validate themselves and round-trip JSON.

The panels of the desktop app and the options of the CLI both produce these objects; no
setting lives only in a widget. A run's ``config.json`` is ``RunConfig.to_dict()`` and holds
all that is needed to repeat the run (``RunConfig.from_dict`` reads it back).

Validation errors follow Keras' habit: say which setting, what it must be, and what was
received, e.g. ``ConfigError("epochs must be at least 1. Received: epochs=0")``.
"""

from __future__ import annotations

import dataclasses
import json
import re
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar

from tlstudio.core.config_reading import DICOM_FRAMES, HIGH_BIT_SCALINGS, ReadingConfig, saved_reading  # noqa: F401
from tlstudio.core.errors import ConfigError

MODES: tuple[str, ...] = ("scratch", "transfer", "finetune")
POOLINGS: tuple[str, ...] = ("avg", "max", "flatten")
Mode = Literal["scratch", "transfer", "finetune"]

T = TypeVar("T")

#: How a training phase's learning rate moves: see ``TrainConfig.lr_schedule``.
LR_SCHEDULES: tuple[str, ...] = ("constant", "cosine")
#: Number formats of training (``TrainConfig.precision``; what each means: ``core.models.accel``).
PRECISIONS: tuple[str, ...] = ("auto", "float32", "mixed")
#: Whether training is compiled with XLA (``TrainConfig.xla``).
XLA_CHOICES: tuple[str, ...] = ("auto", "on", "off")


def _check(condition: bool, message: str, **received: Any) -> None:
    if not condition:
        got = ", ".join(f"{k}={v!r}" for k, v in received.items())
        raise ConfigError(f"{message} Received: {got}")


def _from_dict(cls: type[T], data: dict[str, Any] | None) -> T:
    """Build ``cls`` from a dict, ignoring unknown keys (older/newer config files) and
    turning JSON lists back into tuples."""
    if data is None:
        return cls()
    if not isinstance(data, dict):
        raise ConfigError(f"{cls.__name__} must be a JSON object. Received: {data!r}")
    names = {f.name: f for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
    kwargs: dict[str, Any] = {}
    for key, value in data.items():
        if key not in names:
            continue
        if isinstance(value, list):
            value = tuple(value)
        kwargs[key] = value
    try:
        return cls(**kwargs)
    except TypeError as exc:  # wrong types that __post_init__ could not catch
        raise ConfigError(f"{cls.__name__} could not be read: {exc}. Received: {data!r}") from exc


class _Serialisable:
    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)  # type: ignore[call-overload]

    @classmethod
    def from_dict(cls: type[T], data: dict[str, Any] | None) -> T:
        return _from_dict(cls, data)


#: What a run does with a picture filed under two classes: keep all copies, exclude them all, keep one.
LABEL_CONFLICT_CHOICES = ("keep", "exclude", "one_copy")


@dataclass(frozen=True)
class SplitConfig(_Serialisable):
    """How images are divided into train / validation / test.

    Fractions are of the whole dataset. When the folder already has a ``test/`` folder it is
    kept as the test set and ``test_fraction`` is ignored; likewise for ``val/``.

    Group-aware splits keep all images of one patient or lesion (a *group*) in the same split,
    so the model is never tested on a person it has seen in training. Set at most one of:

    ``groups_csv``: a CSV file with the columns ``file`` (the image's path inside the dataset
    folder, or just its file name when that is unique) and ``group``. A relative path is looked
    for in the dataset folder.
    ``group_pattern``: a regular expression searched in each file name; its first capture
    group (or, without one, the whole match) is the group, e.g. ``^(patient\\d+)_`` for
    ``patient12_left.jpg``.

    Images with no group (no CSV row, no pattern match) each count as a patient of their own (warned).

    ``dicom_group_tag``: without a CSV or pattern, DICOM images are grouped by this tag (``PatientID``,
    else ``StudyInstanceUID``); groups are named ``patient 1``, ... ``""``: off.

    ``train_per_class``: keep at most this many training images per class (chosen at random, seeded,
    after the split; validation and test are unchanged); the others are left out of the run, and the
    split says how many per class. ``None`` keeps them all. With groups the cap counts images, not
    groups, so one patient's images may be partly left out.

    ``label_conflicts``: what a run does with the same picture filed under two classes (a *label
    conflict*, :mod:`tlstudio.core.data.findings`): ``"keep"`` every copy (the default; the run
    warns), ``"exclude"`` every copy, or ``"one_copy"``: keep the copy whose path sorts first, with
    its label. ``exclude``: paths (inside the folder, or absolute) of pictures left out of the run,
    e.g. suspected label errors. Neither touches the folder; both are recorded in the run.
    """

    val_fraction: float = 0.15
    test_fraction: float = 0.15
    seed: int = 42
    groups_csv: str | None = None
    group_pattern: str | None = None
    train_per_class: int | None = None
    dicom_group_tag: str = "PatientID"
    label_conflicts: str = "keep"
    exclude: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        _check(self.label_conflicts in LABEL_CONFLICT_CHOICES,
               f"label_conflicts must be one of {', '.join(LABEL_CONFLICT_CHOICES)}.",
               label_conflicts=self.label_conflicts)
        _check(isinstance(self.exclude, tuple) and all(isinstance(p, str) and p for p in self.exclude),
               "exclude must be a list of picture paths.", exclude=self.exclude)
        _check(0.0 < self.val_fraction < 0.9, "val_fraction must be between 0 and 0.9.", val_fraction=self.val_fraction)
        _check(0.0 <= self.test_fraction < 0.9, "test_fraction must be between 0 and 0.9.", test_fraction=self.test_fraction)
        _check(
            self.val_fraction + self.test_fraction < 0.95,
            "val_fraction + test_fraction must leave images for training.",
            val_fraction=self.val_fraction,
            test_fraction=self.test_fraction,
        )
        _check(isinstance(self.seed, int) and self.seed >= 0, "seed must be a whole number >= 0.", seed=self.seed)
        _check(
            self.groups_csv is None or (isinstance(self.groups_csv, str) and self.groups_csv.strip() != ""),
            "groups_csv must be the path of a CSV file with the columns file and group.",
            groups_csv=self.groups_csv,
        )
        _check(
            self.group_pattern is None or (isinstance(self.group_pattern, str) and self.group_pattern != ""),
            "group_pattern must be a regular expression, e.g. ^(patient\\d+)_ .",
            group_pattern=self.group_pattern,
        )
        _check(
            self.groups_csv is None or self.group_pattern is None,
            "Group images either by a CSV file (groups_csv) or by a file-name pattern (group_pattern), not both.",
            groups_csv=self.groups_csv,
            group_pattern=self.group_pattern,
        )
        if self.group_pattern is not None:
            self.compiled_group_pattern()
        _check(
            self.train_per_class is None or (isinstance(self.train_per_class, int)
                                             and not isinstance(self.train_per_class, bool) and self.train_per_class >= 1),
            "train_per_class must be a whole number of images of at least 1, or empty for all of them.",
            train_per_class=self.train_per_class,
        )
        _check(isinstance(self.dicom_group_tag, str) and re.fullmatch(r"([A-Za-z][A-Za-z0-9]*)?", self.dicom_group_tag),
               "dicom_group_tag must be a DICOM tag's keyword (e.g. PatientID), or empty for no grouping by tag.",
               dicom_group_tag=self.dicom_group_tag)

    @property
    def grouped(self) -> bool:
        """True when images are grouped (by a CSV file or a file-name pattern)."""
        return self.groups_csv is not None or self.group_pattern is not None

    def compiled_group_pattern(self) -> re.Pattern[str] | None:
        """``group_pattern`` compiled, None when unset; a ConfigError in plain words when invalid."""
        if self.group_pattern is None:
            return None
        try:
            return re.compile(self.group_pattern)
        except re.error as exc:
            where = f" at character {exc.pos + 1}" if exc.pos is not None else ""
            raise ConfigError(
                f"group_pattern is not a valid regular expression ({exc.msg}{where}). Write the part of the "
                "file name that names the patient in parentheses, e.g. ^(patient\\d+)_ for "
                f"patient12_left.jpg. Received: group_pattern={self.group_pattern!r}"
            ) from None


#: Augmentation operations in the order they are applied, each with the fields that set its
#: strength and the field that holds its probability (``<operation>_p``).
AUGMENT_OPERATIONS: dict[str, tuple[tuple[str, ...], str]] = {
    "flip_horizontal": (("flip_horizontal",), "flip_horizontal_p"),
    "flip_vertical": (("flip_vertical",), "flip_vertical_p"),
    "rotation": (("rotation",), "rotation_p"),
    "zoom": (("zoom_in", "zoom_out"), "zoom_p"),
    "crop": (("crop",), "crop_p"),
    "translation": (("translation",), "translation_p"),
    "brightness": (("brightness",), "brightness_p"),
    "contrast": (("contrast",), "contrast_p"),
    "blur": (("blur",), "blur_p"),
    "cutout": (("cutout",), "cutout_p"),
}


@dataclass(frozen=True)
class AugmentSpec(_Serialisable):
    """Random changes applied to training images only (never validation or test).

    Strengths use Keras' conventions: ``rotation`` is a fraction of a full turn (0.05 = ±18°),
    ``zoom_in``/``zoom_out``/``translation``/``cutout`` are fractions of the image side,
    ``brightness``/``contrast`` are fractions (0.2 = ±20%), ``blur`` is the largest Gaussian
    sigma in pixels, ``crop`` is the share of the side cut away by a random crop (0.2 keeps a
    random window of 80% of the side, resized back to the full size). 0 switches an operation off.

    Each operation also has a probability ``<operation>_p`` (see ``AUGMENT_OPERATIONS``): the
    chance that one training image gets that change at all, drawn per image. The defaults keep
    the meaning of configurations saved before probabilities existed: flips, blur and cut-out
    0.5 (Keras' own layers applied them to about half the images), everything else 1.0.

    ``mixup`` is the alpha of mixup (0 = off): pairs of training images and their labels are
    blended with a weight drawn from Beta(alpha, alpha). Where backbone outputs are cached
    (transfer learning, fine-tuning on cached outputs) the cached outputs are blended instead,
    which is mixup in feature space.
    """

    flip_horizontal: bool = False
    flip_vertical: bool = False
    rotation: float = 0.0
    zoom_in: float = 0.0
    zoom_out: float = 0.0
    translation: float = 0.0
    brightness: float = 0.0
    contrast: float = 0.0
    blur: float = 0.0
    cutout: float = 0.0
    crop: float = 0.0
    mixup: float = 0.0
    flip_horizontal_p: float = 0.5
    flip_vertical_p: float = 0.5
    rotation_p: float = 1.0
    zoom_p: float = 1.0
    crop_p: float = 1.0
    translation_p: float = 1.0
    brightness_p: float = 1.0
    contrast_p: float = 1.0
    blur_p: float = 0.5
    cutout_p: float = 0.5

    def __post_init__(self) -> None:
        for name in ("flip_horizontal", "flip_vertical"):
            _check(isinstance(getattr(self, name), bool), f"{name} must be true or false.", **{name: getattr(self, name)})
        for name in ("rotation", "zoom_in", "zoom_out", "translation", "brightness", "contrast", "cutout", "crop"):
            value = getattr(self, name)
            _check(
                _is_number(value) and 0.0 <= value <= 0.9,
                f"{name} must be a number between 0 and 0.9.",
                **{name: value},
            )
        _check(_is_number(self.blur) and 0.0 <= self.blur <= 10.0, "blur must be between 0 and 10 pixels.", blur=self.blur)
        _check(_is_number(self.mixup) and 0.0 <= self.mixup <= 1.0,
               "mixup must be between 0 (off) and 1 (its alpha; 0.2 is usual).", mixup=self.mixup)
        for _, p_name in AUGMENT_OPERATIONS.values():
            value = getattr(self, p_name)
            _check(_is_number(value) and 0.0 <= value <= 1.0,
                   f"{p_name} is a probability and must be between 0 (never) and 1 (every image).", **{p_name: value})

    def strength_on(self, operation: str) -> bool:
        """True when ``operation`` (a key of ``AUGMENT_OPERATIONS``) has a strength above 0."""
        fields, _ = AUGMENT_OPERATIONS[operation]
        return any(bool(getattr(self, f)) for f in fields)

    def probability(self, operation: str) -> float:
        """The chance that one training image gets ``operation``."""
        return float(getattr(self, AUGMENT_OPERATIONS[operation][1]))

    def active_operations(self) -> tuple[str, ...]:
        """The operations that change some images: strength above 0 and probability above 0."""
        return tuple(op for op in AUGMENT_OPERATIONS if self.strength_on(op) and self.probability(op) > 0)

    @property
    def changes_images(self) -> bool:
        """True when at least one operation changes images (mixup aside)."""
        return bool(self.active_operations())

    @property
    def is_identity(self) -> bool:
        """True when nothing is switched on: no operation changes an image and mixup is off."""
        return not self.changes_images and self.mixup == 0


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value == value


@dataclass(frozen=True)
class HeadConfig(_Serialisable):
    """The new decision layers put on top of the backbone."""

    pooling: str = "avg"
    dense: tuple[int, ...] = (256,)
    dropout: float = 0.3

    def __post_init__(self) -> None:
        _check(self.pooling in POOLINGS, f"pooling must be one of {POOLINGS}.", pooling=self.pooling)
        _check(
            isinstance(self.dense, tuple) and all(isinstance(u, int) and 1 <= u <= 8192 for u in self.dense),
            "dense must be a list of layer sizes between 1 and 8192.",
            dense=self.dense,
        )
        _check(0.0 <= self.dropout < 1.0, "dropout must be between 0 and 1.", dropout=self.dropout)


@dataclass(frozen=True)
class ModelConfig(_Serialisable):
    """Which backbone, how it is used, and where freezing stops.

    ``mode``: ``scratch`` trains the small reference CNN from random weights; ``transfer``
    keeps the whole backbone frozen and trains the head; ``finetune`` trains the head first
    with the backbone frozen, then unfreezes the backbone from ``cutoff`` on and continues at a
    learning rate ``TrainConfig.finetune_lr_factor`` times lower.

    ``cutoff`` is the name of the first backbone layer that is trained in fine-tuning (layers
    before it stay frozen). ``None`` means the backbone's recommended cutoff.
    ``weights``: ``"imagenet"`` (Keras cache, then download; bundled for efficientnet_lite0),
    ``None`` (random, for tests), or the path of a weights file the user chose.
    ``image_size``: ``None`` means the backbone's usual input size.
    """

    backbone: str = "vgg16"
    mode: str = "transfer"
    cutoff: str | None = None
    weights: str | None = "imagenet"
    image_size: int | None = None
    head: HeadConfig = field(default_factory=HeadConfig)

    def __post_init__(self) -> None:
        _check(self.mode in MODES, f"mode must be one of {MODES}.", mode=self.mode)
        _check(isinstance(self.backbone, str) and self.backbone != "", "backbone must be a backbone name.", backbone=self.backbone)
        _check(
            self.image_size is None or (isinstance(self.image_size, int) and 32 <= self.image_size <= 1024),
            "image_size must be between 32 and 1024 pixels.",
            image_size=self.image_size,
        )
        if isinstance(self.head, dict):  # from JSON
            object.__setattr__(self, "head", HeadConfig.from_dict(self.head))

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> "ModelConfig":
        data = dict(data or {})
        if "head" in data:
            data["head"] = HeadConfig.from_dict(data["head"])
        return _from_dict(cls, data)


@dataclass(frozen=True)
class TrainConfig(_Serialisable):
    """How the network is trained.

    ``epochs`` is for the head (transfer), for the whole network (scratch), and for the first,
    head-only phase of fine-tuning; ``finetune_epochs`` is for the second phase (``None``: the
    same as ``epochs``). Early stopping watches validation accuracy with ``patience`` epochs and
    restores the best weights.

    ``precision`` (``auto``, ``float32``, ``mixed``) and ``xla`` (``auto``, ``on``, ``off``) say how
    to use a GPU; ``auto`` is safe everywhere (see ``core.models.accel``: mixed precision only on a GPU
    with tensor cores, XLA as Keras decides, a CPU always in float32).

    ``tensorboard``: also write TensorBoard logs (loss and accuracy per epoch, one folder per
    phase) into the run's ``tensorboard/`` folder; needs the ``tensorboard`` package.

    ``label_smoothing``: the training targets give the true class ``1 - s + s/k`` and every
    class ``s/k`` (k classes) instead of 1 and 0, so the network is not pushed to ever more
    certain answers (Szegedy et al. 2016; EfficientNet was trained with 0.1). 0 turns it off.
    The loss printed per epoch is the smoothed loss. A saved configuration without the field
    (written before it existed) reads as 0, so resuming an old run keeps its meaning.

    ``lr_schedule``: ``"constant"`` keeps each phase's learning rate fixed; ``"cosine"`` lowers
    it step by step along a cosine, from its starting value (``learning_rate``; times
    ``finetune_lr_factor`` when fine-tuning) to 0 at the phase's last planned epoch (Loshchilov
    & Hutter 2017, without restarts): big steps first, small ones to settle. Not the default:
    on flowers5 (``bench/head_recipes.py``) cosine from 0.002 trained better frozen and
    fine-tuned backbones but a worse scratch CNN, and a comparison trains all three with one
    setting.
    """

    epochs: int = 5
    finetune_epochs: int | None = None
    batch_size: int = 32
    learning_rate: float = 1e-3
    finetune_lr_factor: float = 0.1
    patience: int = 5
    class_weights: bool = False
    augment_views: int = 3
    seed: int = 42
    precision: str = "auto"
    xla: str = "auto"
    tensorboard: bool = False
    label_smoothing: float = 0.1
    lr_schedule: str = "constant"

    def __post_init__(self) -> None:
        _check(isinstance(self.epochs, int) and 1 <= self.epochs <= 1000, "epochs must be between 1 and 1000.", epochs=self.epochs)
        _check(
            self.finetune_epochs is None or (isinstance(self.finetune_epochs, int) and 1 <= self.finetune_epochs <= 1000),
            "finetune_epochs must be between 1 and 1000.",
            finetune_epochs=self.finetune_epochs,
        )
        _check(isinstance(self.batch_size, int) and 1 <= self.batch_size <= 4096, "batch_size must be between 1 and 4096.", batch_size=self.batch_size)
        _check(0.0 < self.learning_rate <= 1.0, "learning_rate must be between 0 and 1.", learning_rate=self.learning_rate)
        _check(
            0.001 <= self.finetune_lr_factor <= 1.0,
            "finetune_lr_factor must be between 0.001 and 1 (0.1 = ten times lower).",
            finetune_lr_factor=self.finetune_lr_factor,
        )
        _check(isinstance(self.patience, int) and self.patience >= 1, "patience must be at least 1 epoch.", patience=self.patience)
        _check(isinstance(self.augment_views, int) and 1 <= self.augment_views <= 50, "augment_views must be between 1 and 50.", augment_views=self.augment_views)
        _check(isinstance(self.seed, int) and self.seed >= 0, "seed must be a whole number >= 0.", seed=self.seed)
        _check(self.precision in PRECISIONS, f"precision must be one of {PRECISIONS}.", precision=self.precision)
        _check(self.xla in XLA_CHOICES, f"xla must be one of {XLA_CHOICES}.", xla=self.xla)
        _check(isinstance(self.tensorboard, bool), "tensorboard must be true or false.", tensorboard=self.tensorboard)
        _check(
            isinstance(self.label_smoothing, (int, float)) and not isinstance(self.label_smoothing, bool)
            and 0.0 <= self.label_smoothing <= 0.5,
            "label_smoothing must be between 0 (off) and 0.5.",
            label_smoothing=self.label_smoothing,
        )
        _check(self.lr_schedule in LR_SCHEDULES, f"lr_schedule must be one of {LR_SCHEDULES}.",
               lr_schedule=self.lr_schedule)

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> "TrainConfig":
        if isinstance(data, dict) and "label_smoothing" not in data:
            data = {**data, "label_smoothing": 0.0}  # saved before label smoothing existed
        return _from_dict(cls, data)

    def loss(self) -> Any:
        """The Keras loss this configuration trains with."""
        import keras

        return keras.losses.CategoricalCrossentropy(label_smoothing=float(self.label_smoothing))

    def optimizer(self, learning_rate: float, *, epochs: int, steps_per_epoch: int, initial_epoch: int = 0) -> Any:
        """The Keras optimizer of one training phase: Adam starting at ``learning_rate``, with this
        configuration's schedule over the phase's ``epochs`` of ``steps_per_epoch`` batches.
        ``initial_epoch``: a resumed phase goes on where the schedule stood after that many epochs."""
        import keras

        rate: Any = learning_rate
        if self.lr_schedule == "cosine":
            rate = keras.optimizers.schedules.CosineDecay(learning_rate, decay_steps=max(1, epochs * steps_per_epoch))
        optimizer = keras.optimizers.Adam(learning_rate=rate)
        if initial_epoch:
            optimizer.iterations.assign(initial_epoch * steps_per_epoch)
        return optimizer

    @property
    def phase2_epochs(self) -> int:
        return self.epochs if self.finetune_epochs is None else self.finetune_epochs


GENERATOR_KINDS: tuple[str, ...] = ("dcgan", "vae")
GENERATOR_SIZES: tuple[int, ...] = (64, 128)
#: Image sizes the generator accepts besides GENERATOR_SIZES. Empty for users; tests add a tiny
#: size here (e.g. 16) so that a generator trains in a fraction of a second.
EXTRA_GENERATOR_SIZES: set[int] = set()
MAX_SYNTHETIC_RATIO = 5.0


@dataclass(frozen=True)
class GeneratorConfig(_Serialisable):
    """A per-class generator of synthetic images, trained only on the training part of the split.

    ``kind``: ``"dcgan"`` (a conditional DCGAN: sharper images, less steady training) or
    ``"vae"`` (a conditional variational autoencoder: simpler and steadier, blurrier images).
    ``split`` is the same split the classifier runs use, so the generator never sees their
    validation or test images.
    """

    data: str
    kind: str = "dcgan"
    image_size: int = 64
    epochs: int = 100
    batch_size: int = 32
    latent_dim: int = 64
    learning_rate: float = 2e-4
    seed: int = 42
    name: str = ""
    split: SplitConfig = field(default_factory=SplitConfig)

    def __post_init__(self) -> None:
        _check(isinstance(self.data, str) and self.data != "", "data must be the path of an image folder.", data=self.data)
        _check(self.kind in GENERATOR_KINDS, f"kind must be one of {GENERATOR_KINDS}.", kind=self.kind)
        _check(
            self.image_size in GENERATOR_SIZES or self.image_size in EXTRA_GENERATOR_SIZES,
            f"image_size must be one of {GENERATOR_SIZES} pixels.",
            image_size=self.image_size,
        )
        _check(isinstance(self.epochs, int) and 1 <= self.epochs <= 10000, "epochs must be between 1 and 10000.", epochs=self.epochs)
        _check(isinstance(self.batch_size, int) and 1 <= self.batch_size <= 1024, "batch_size must be between 1 and 1024.", batch_size=self.batch_size)
        _check(isinstance(self.latent_dim, int) and 2 <= self.latent_dim <= 1024, "latent_dim must be between 2 and 1024.", latent_dim=self.latent_dim)
        _check(
            isinstance(self.learning_rate, (int, float)) and 0.0 < self.learning_rate <= 1.0,
            "learning_rate must be between 0 and 1.",
            learning_rate=self.learning_rate,
        )
        _check(isinstance(self.seed, int) and self.seed >= 0, "seed must be a whole number >= 0.", seed=self.seed)
        _check(isinstance(self.name, str), "name must be text.", name=self.name)
        if isinstance(self.split, dict):  # from JSON
            object.__setattr__(self, "split", SplitConfig.from_dict(self.split))

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> "GeneratorConfig":
        if not isinstance(data, dict) or "data" not in data:
            raise ConfigError(f"A generator configuration needs at least 'data' (the image folder). Received: {data!r}")
        data = dict(data)
        data["split"] = SplitConfig.from_dict(data.get("split"))
        return _from_dict(cls, data)


@dataclass(frozen=True)
class SyntheticConfig(_Serialisable):
    """Accepted synthetic images added to the training images of a run (never validation or test).

    ``set``: the folder of an accepted synthetic set in the workspace (``""``: none).
    ``ratio``: synthetic images added per real training image of each class (0 to 5); a class
    gets ``round(ratio * real training images)`` of them, or all the set has when fewer.
    """

    set: str = ""
    ratio: float = 0.0

    def __post_init__(self) -> None:
        _check(isinstance(self.set, str), "set must be the folder of a synthetic set.", set=self.set)
        _check(
            isinstance(self.ratio, (int, float)) and not isinstance(self.ratio, bool)
            and 0.0 <= self.ratio <= MAX_SYNTHETIC_RATIO,
            f"ratio must be between 0 and {MAX_SYNTHETIC_RATIO:g} synthetic images per real training image.",
            ratio=self.ratio,
        )

    @property
    def active(self) -> bool:
        """True when synthetic images are added to training."""
        return self.set != "" and self.ratio > 0.0


@dataclass(frozen=True)
class RunConfig(_Serialisable):
    """Everything a run needs: the data, the split, the model, augmentation and training."""

    data: str
    name: str = ""
    split: SplitConfig = field(default_factory=SplitConfig)
    model: ModelConfig = field(default_factory=ModelConfig)
    train: TrainConfig = field(default_factory=TrainConfig)
    augment: AugmentSpec = field(default_factory=AugmentSpec)
    synthetic: SyntheticConfig = field(default_factory=SyntheticConfig)
    reading: ReadingConfig = field(default_factory=ReadingConfig)

    def __post_init__(self) -> None:
        _check(isinstance(self.data, str) and self.data != "", "data must be the path of an image folder.", data=self.data)

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> "RunConfig":
        if not isinstance(data, dict) or "data" not in data:
            raise ConfigError(f"A run configuration needs at least 'data' (the image folder). Received: {data!r}")
        return cls(
            data=str(data["data"]),
            name=str(data.get("name", "")),
            split=SplitConfig.from_dict(data.get("split")),
            model=ModelConfig.from_dict(data.get("model")),
            train=TrainConfig.from_dict(data.get("train")),
            augment=AugmentSpec.from_dict(data.get("augment")),
            synthetic=SyntheticConfig.from_dict(data.get("synthetic")),
            reading=saved_reading(data),
        )

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> "RunConfig":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ConfigError(f"The run configuration is not valid JSON ({exc.msg} at line {exc.lineno}).") from exc
        return cls.from_dict(data)

    def replace(self, **changes: Any) -> "RunConfig":
        return dataclasses.replace(self, **changes)

#: The small CNN of the reference experiment: Flatten -> Dense -> Dense -> Dense(n, softmax).
SCRATCH_HEAD = HeadConfig(pooling="flatten", dense=(128, 64), dropout=0.0)


def scratch_config(config: RunConfig) -> RunConfig:
    """The reference baseline: the small CNN from random weights, at its usual 150 px."""
    model = dataclasses.replace(config.model, backbone="scratch_cnn", mode="scratch", cutoff=None, weights=None,
                    image_size=None, head=SCRATCH_HEAD)
    return config.replace(model=model)


def recipe_config(config: RunConfig, mode: str) -> RunConfig:
    """``config`` trained in ``mode``: ``scratch`` is the reference CNN (:func:`scratch_config`);
    ``transfer`` and ``finetune`` keep ``config``'s backbone. What ``compare`` and the studies run."""
    return scratch_config(config) if mode == "scratch" else config.replace(model=dataclasses.replace(config.model, mode=mode))
