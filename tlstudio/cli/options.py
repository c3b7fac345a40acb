"""What every command shares: exit codes, the options of a split, a run and an augmentation,
the configs built from them, and the Ctrl-C handler that stops a run by flag."""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
from pathlib import Path
from typing import Any

from tlstudio.core.config import (
    DICOM_FRAMES,
    HIGH_BIT_SCALINGS,
    LR_SCHEDULES,
    MODES,
    POOLINGS,
    PRECISIONS,
    XLA_CHOICES,
    AugmentSpec,
    HeadConfig,
    ModelConfig,
    ReadingConfig,
    RunConfig,
    SplitConfig,
    SyntheticConfig,
    TrainConfig,
)
from tlstudio.core.errors import ConfigError

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_CANCELLED = 0, 1, 2, 130


def json_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="print one JSON document on stdout")


def split_options(p: argparse.ArgumentParser) -> None:
    d = SplitConfig()
    p.add_argument("--val", type=float, default=d.val_fraction, help="validation fraction (default %(default)s)")
    p.add_argument("--test", type=float, default=d.test_fraction, help="test fraction (default %(default)s)")
    p.add_argument("--seed", type=int, default=d.seed, help="seed for the split and training (default %(default)s)")
    groups = p.add_mutually_exclusive_group()
    groups.add_argument("--groups-csv", metavar="FILE", default=None,
                        help="keep each patient's or lesion's images in one split: a CSV file with the columns "
                             "file (path inside the image folder, or a unique file name) and group")
    groups.add_argument("--group-pattern", metavar="REGEX", default=None,
                        help=r"keep each group's images in one split, the group read from the file name by a "
                             r"regular expression, e.g. '^(patient\d+)_' for patient12_left.jpg")
    p.add_argument("--train-per-class", type=int, default=None, metavar="N",
                   help="train on at most N images per class, chosen at random after the split (validation and "
                        "test unchanged; the rest are left out). crossval refuses it: it tests every image once")
    p.add_argument("--label-conflicts", choices=("keep", "exclude", "one-copy"), default="keep",
                   help="a picture filed under two classes: keep every copy (default), exclude them all, or keep the "
                        "copy whose path sorts first; the folder is never changed, the run records it")
    p.add_argument("--exclude-file", metavar="FILE", default=None,
                   help="leave the pictures listed in FILE (one path a line, inside the image folder or absolute) "
                        "out of the run, e.g. suspected label errors from `tlstudio labels`")
    reading_options(p)


def reading_options(p: argparse.ArgumentParser) -> None:
    """How DICOM files and 16-bit pictures are read and grouped (kept in the run's config)."""
    r = ReadingConfig()
    p.add_argument("--dicom-group-tag", metavar="TAG", default=SplitConfig().dicom_group_tag,
                   help="keep each patient's DICOM images in one split, the patient read from this tag "
                        "(default %(default)s, else StudyInstanceUID; 'none' turns it off; a CSV file or pattern wins)")
    p.add_argument("--dicom-window", type=int, default=r.dicom_window, metavar="N",
                   help="which window stored in the DICOM files to use (1 = the first; 0 = a robust window from the "
                        "values; default %(default)s)")
    p.add_argument("--dicom-frames", choices=DICOM_FRAMES, default=r.dicom_frames,
                   help="a multi-frame DICOM file gives its middle frame, or all: every frame as its own image "
                        "(default %(default)s)")
    p.add_argument("--high-bit", choices=HIGH_BIT_SCALINGS, default=r.high_bit,
                   help="16-bit pictures: auto scales those whose values stay under 4,096 as 12-bit data, full always "
                        "from 0..65,535 (default %(default)s)")


def reading_from_args(args: argparse.Namespace) -> ReadingConfig:
    """The ReadingConfig of ``reading_options``."""
    return ReadingConfig(high_bit=args.high_bit, dicom_window=args.dicom_window, dicom_frames=args.dicom_frames)


def split_config_from_args(args: argparse.Namespace) -> SplitConfig:
    """The SplitConfig of ``split_options``. A relative ``--groups-csv`` is taken from the current
    folder when it is there, else from the image folder (as in a saved configuration)."""
    groups_csv = args.groups_csv
    if groups_csv is not None and groups_csv.strip():
        path = Path(groups_csv).expanduser()
        if path.is_absolute() or path.exists():
            groups_csv = str(path.resolve())
    return SplitConfig(val_fraction=args.val, test_fraction=args.test, seed=args.seed, groups_csv=groups_csv,
                       group_pattern=args.group_pattern, train_per_class=getattr(args, "train_per_class", None),
                       dicom_group_tag="" if args.dicom_group_tag.lower() in ("", "none", "off") else args.dicom_group_tag,
                       label_conflicts=args.label_conflicts.replace("-", "_"), exclude=read_exclude_file(args.exclude_file))


def read_exclude_file(path: str | None) -> tuple[str, ...]:
    """The paths listed in ``--exclude-file`` (one a line; blank lines and ``#`` comments skipped)."""
    if path is None:
        return ()
    try:
        text = Path(path).expanduser().read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"The list of pictures to leave out, {path}, could not be read ({exc}).",
                          hint="Give a text file with one picture path a line.") from exc
    return tuple(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def run_options(p: argparse.ArgumentParser) -> None:
    split_options(p)
    m, t, h = ModelConfig(), TrainConfig(), HeadConfig()
    p.add_argument("--backbone", default=m.backbone, help="see `tlstudio backbones` (default %(default)s)")
    p.add_argument("--mode", choices=MODES, default=m.mode, help=f"how the backbone is used (default {m.mode})")
    p.add_argument("--cutoff", default=None, help="first backbone layer trained when fine-tuning (see `tlstudio layers`)")
    p.add_argument("--weights", default="imagenet", help="'imagenet', 'none', or the path of a weights file")
    p.add_argument("--image-size", type=int, default=None, help="input size in pixels (default: the backbone's)")
    p.add_argument("--epochs", type=int, default=t.epochs, help=f"passes over the training images (default {t.epochs})")
    p.add_argument("--finetune-epochs", type=int, default=None, help="epochs of the fine-tune phase (default: --epochs)")
    p.add_argument("--batch-size", type=int, default=t.batch_size, help=f"images per training step (default {t.batch_size})")
    p.add_argument("--lr", type=float, default=t.learning_rate, help="learning rate a phase starts at (default %(default)s)")
    p.add_argument("--lr-schedule", choices=LR_SCHEDULES, default=t.lr_schedule,
                   help="constant: keep the learning rate; cosine: lower it gradually to 0 over each phase (default %(default)s)")
    p.add_argument("--finetune-lr-factor", type=float, default=t.finetune_lr_factor,
                   help="fine-tune learning rate = lr x this (default %(default)s)")
    p.add_argument("--patience", type=int, default=t.patience, help=f"stop after this many epochs without a better validation accuracy (default {t.patience})")
    p.add_argument("--class-weights", action="store_true", help="weigh classes by rarity (imbalanced data)")
    p.add_argument("--label-smoothing", type=float, default=t.label_smoothing,
                   help="soften the training targets: 0 = off (default %(default)s)")
    p.add_argument("--pooling", choices=POOLINGS, default=h.pooling, help=f"how the feature map becomes a vector (default {h.pooling})")
    p.add_argument("--dense", default=",".join(str(u) for u in h.dense), help="head layer sizes, e.g. 256,128 ('' for none)")
    p.add_argument("--dropout", type=float, default=h.dropout, help=f"share of head units dropped while training (default {h.dropout})")
    augment_options(p, preset_flag="--augment-preset")
    p.add_argument("--augment-views", type=int, default=t.augment_views,
                   help="augmented copies per image cached for a frozen backbone (default %(default)s)")
    p.add_argument("--precision", choices=PRECISIONS, default=t.precision,
                   help="float32, or mixed precision on a GPU (default auto: mixed on a GPU with tensor cores, else float32)")
    p.add_argument("--xla", choices=XLA_CHOICES, default=t.xla, help="compile with XLA (default auto: as Keras decides, never on a CPU)")
    p.add_argument("--tensorboard", action="store_true",
                   help="also write TensorBoard logs into the run's tensorboard/ folder (needs the tensorboard package)")
    p.add_argument("--synthetic", metavar="SET", default=None,
                   help="add the images of an accepted synthetic set (a folder listed by `tlstudio synth sets`) to "
                        "the training images only, never to validation or test")
    p.add_argument("--synthetic-ratio", type=float, default=None, metavar="R",
                   help="synthetic images added per real training image of each class, 0 to 5 (default 1 with "
                        "--synthetic)")
    p.add_argument("--name", default="", help="a name for the run")
    p.add_argument("--workspace", type=Path, default=None, help="where runs and caches go (default: per-user data folder)")


PRESET_NAMES = ("none", "natural", "chest_xray", "dermoscopy", "microscopy")  # core.augmentation.augment.PRESETS


def augment_options(p: argparse.ArgumentParser, *, preset_flag: str) -> None:
    p.add_argument(preset_flag, dest="augment_preset", default=None, metavar="NAME",
                   help=f"start from an augmentation preset: {', '.join(PRESET_NAMES)} (see `tlstudio augment "
                        "DATA --preset NAME` for its reasons)")
    p.add_argument("--augment-spec", metavar="FILE", default=None,
                   help="start from the augmentation in a JSON file: an AugmentSpec, or a run's config.json")
    p.add_argument("--augment", default="",
                   help="operations and changes on top of the preset or file, e.g. flip_horizontal,rotation=0.05,"
                        "zoom_in=0.1,brightness=0.2,crop=0.1,mixup=0.2; a probability per operation with _p, "
                        "e.g. rotation_p=0.5 (flip_horizontal=0 switches a flip off)")


def parse_augment(text: str, base: AugmentSpec | None = None) -> AugmentSpec:
    """``"flip_horizontal,rotation=0.05,rotation_p=0.5"`` -> AugmentSpec (changes to ``base``).
    Unknown names are a ConfigError."""
    import dataclasses

    fields = {f for f in AugmentSpec.__dataclass_fields__}
    values: dict[str, Any] = {}
    for item in filter(None, (part.strip() for part in text.split(","))):
        name, _, value = item.partition("=")
        name = name.strip().replace("-", "_")
        if name not in fields:
            raise ConfigError(f"Unknown augmentation '{name}'. Choose from: {', '.join(sorted(fields))}. Received: --augment={text!r}")
        if name.startswith("flip_"):
            values[name] = value.strip().lower() not in ("0", "false", "no", "off") if value else True
        else:
            try:
                values[name] = float(value) if value else (1.0 if name.endswith("_p") else 0.1)
            except ValueError:
                raise ConfigError(f"The strength of '{name}' must be a number. Received: {item!r}") from None
    return dataclasses.replace(base or AugmentSpec(), **values)


def augment_from_args(args: argparse.Namespace) -> AugmentSpec:
    """The AugmentSpec of ``augment_options``: the preset or the JSON file, then ``--augment``."""
    from tlstudio.core.augmentation.augment import get_preset

    base = AugmentSpec()
    if getattr(args, "augment_preset", None):
        base = get_preset(args.augment_preset).spec
    if getattr(args, "augment_spec", None):
        if getattr(args, "augment_preset", None):
            raise ConfigError("Give either an augmentation preset or an augmentation file, not both. "
                              f"Received: preset={args.augment_preset!r}, file={args.augment_spec!r}")
        path = Path(args.augment_spec).expanduser()
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
        except OSError as exc:
            raise ConfigError(f"Could not read the augmentation file {path} ({exc.strerror or exc}).",
                              hint="Check the path.", path=str(path)) from exc
        except json.JSONDecodeError as exc:
            raise ConfigError(f"The augmentation file {path} is not valid JSON ({exc.msg} at line {exc.lineno}).",
                              path=str(path)) from exc
        if isinstance(doc, dict) and isinstance(doc.get("augment"), dict):
            doc = doc["augment"]  # a run's config.json
        try:
            base = AugmentSpec.from_dict(doc)
        except ConfigError as exc:
            raise ConfigError(f"The augmentation file {path} has a setting that cannot work: {exc.message}",
                              hint="Correct it in the file, or leave --augment-spec out.", path=str(path)) from exc
    return parse_augment(getattr(args, "augment", "") or "", base)


def config_from_args(args: argparse.Namespace) -> RunConfig:
    weights = None if str(args.weights).lower() == "none" else args.weights
    if weights not in (None, "imagenet"):
        weights = str(Path(weights).expanduser().resolve())
    try:
        dense = tuple(int(u) for u in args.dense.split(",") if u.strip())
    except ValueError:
        raise ConfigError(f"--dense must be layer sizes separated by commas. Received: --dense={args.dense!r}") from None
    config = RunConfig(
        data=str(Path(args.data).expanduser().resolve()),
        name=args.name,
        split=split_config_from_args(args),
        model=ModelConfig(backbone=args.backbone, mode=args.mode, cutoff=args.cutoff, weights=weights,
                          image_size=args.image_size, head=HeadConfig(pooling=args.pooling, dense=dense, dropout=args.dropout)),
        train=TrainConfig(epochs=args.epochs, finetune_epochs=args.finetune_epochs, batch_size=args.batch_size,
                          learning_rate=args.lr, finetune_lr_factor=args.finetune_lr_factor, patience=args.patience,
                          class_weights=args.class_weights, augment_views=args.augment_views, seed=args.seed,
                          precision=args.precision, xla=args.xla, tensorboard=args.tensorboard,
                          label_smoothing=args.label_smoothing, lr_schedule=args.lr_schedule),
        augment=augment_from_args(args),
        synthetic=synthetic_from_args(args),
        reading=reading_from_args(args),
    )
    print_augment_warnings(config.augment, getattr(args, "augment_preset", None), config.data)
    return config


def synthetic_from_args(args: argparse.Namespace) -> SyntheticConfig:
    """The SyntheticConfig of ``--synthetic SET --synthetic-ratio R`` (ratio 1 when only the set is given)."""
    set_dir, ratio = getattr(args, "synthetic", None), getattr(args, "synthetic_ratio", None)
    if not set_dir:
        if ratio:
            raise ConfigError(f"--synthetic-ratio needs --synthetic SET (an accepted synthetic set; see `tlstudio "
                              f"synth sets`). Received: --synthetic-ratio={ratio!r}")
        return SyntheticConfig()
    return SyntheticConfig(set=str(Path(set_dir).expanduser().resolve()), ratio=1.0 if ratio is None else ratio)


def folder_class_names(data: str | Path) -> list[str]:
    """The class folder names of an image folder (of its ``train/`` folder when it has one),
    without checking any image: enough for the augmentation warnings."""
    root = Path(data)
    if (root / "train").is_dir():
        root = root / "train"
    try:
        return sorted(p.name for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))
    except OSError:
        return []


def print_augment_warnings(spec: AugmentSpec, preset: str | None, data: str | Path) -> list[str]:
    """Print (to stderr) each chosen augmentation that can change what an image shows."""
    from tlstudio.core.augmentation.augment import label_warnings

    warnings = label_warnings(spec, preset, folder_class_names(data))
    for line in warnings:
        print(f"Augmentation warning: {line}", file=sys.stderr)
    return warnings


class StopOnInterrupt:
    """Ctrl-C (SIGINT) or SIGTERM asks the work to stop at the next batch, as the app's Stop does:
    the run ends "cancelled" and can be resumed. A second one ends the process at once, whatever
    it is doing: the first restores the system's default action for both signals, so the second
    is handled by the operating system, not by Python code that a blocked call could delay (the
    run folder is then listed as interrupted and resumes from its last checkpoint)."""

    SIGNALS = tuple(s for s in (getattr(signal, "SIGINT", None), getattr(signal, "SIGTERM", None)) if s is not None)

    def __init__(self) -> None:
        self.flag = threading.Event()
        self.previous: dict[int, Any] = {}

    def __enter__(self) -> "StopOnInterrupt":
        def handler(signum: int, frame: Any) -> None:
            for number in self.SIGNALS:
                signal.signal(number, signal.SIG_DFL)
            self.flag.set()
            what = "Ctrl-C" if signum == getattr(signal, "SIGINT", None) else "a request to end (SIGTERM)"
            print(f"\nStopping after the current batch, after {what} (press Ctrl-C again to end at once)...",
                  file=sys.stderr, flush=True)

        if threading.current_thread() is threading.main_thread():
            for number in self.SIGNALS:
                self.previous[number] = signal.signal(number, handler)
        return self

    def __exit__(self, *exc: Any) -> None:
        for number, previous in self.previous.items():
            signal.signal(number, previous if previous is not None else signal.SIG_DFL)
        self.previous = {}

    def __call__(self) -> bool:
        return self.flag.is_set()

