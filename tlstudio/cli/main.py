"""`tlstudio <command>`: the same runs as the desktop app, headless, for servers and scripts.

Every command prints plain text for people, or with ``--json`` exactly one JSON document on
stdout (progress always goes to stderr). Exit codes a script can rely on:

    0 success · 1 unexpected error · 2 bad command or setting · 3 unusable image folder
    4 pretrained weights missing or broken · 5 run folder problem · 6 export failed or did not pass its check
    130 stopped (Ctrl-C)
"""

from __future__ import annotations

import argparse
import json
import logging
import signal
import sys
import threading
from pathlib import Path
from typing import Any, Sequence

from tlstudio import __version__
from tlstudio.core.config import (
    LR_SCHEDULES,
    MODES,
    POOLINGS,
    AugmentSpec,
    HeadConfig,
    ModelConfig,
    RunConfig,
    SplitConfig,
    SyntheticConfig,
    TrainConfig,
)
from tlstudio.core.errors import ConfigError, TlStudioError
from tlstudio.core.models.accel import PRECISIONS, XLA_CHOICES

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_CANCELLED = 0, 1, 2, 130


class _Parser(argparse.ArgumentParser):
    """argparse that exits with 2 and a plain message (its default, made explicit)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"tlstudio: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="tlstudio", description="Train image classifiers when data is scarce.")
    parser.add_argument("--version", action="version", version=f"tlstudio {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    p = sub.add_parser("check", help="check every image of a folder and show the split")
    p.add_argument("data", help="image folder: one subfolder per class, or train/ and test/ folders")
    _split_options(p)
    p.add_argument("--no-leakage", action="store_true", help="skip the search for duplicate images across splits")
    _json_option(p)

    p = sub.add_parser("backbones", help="list the available backbones")
    _json_option(p)

    p = sub.add_parser("layers", help="list a backbone's layers with their blocks and parameters")
    p.add_argument("backbone")
    p.add_argument("--image-size", type=int, default=None)
    p.add_argument("--cutoff", default=None, help="show what fine-tuning from this layer freezes")
    _json_option(p)

    p = sub.add_parser("train", help="train one model and test it")
    p.add_argument("data", nargs="?", help="image folder (not needed with --resume)")
    _run_options(p)
    p.add_argument("--resume", metavar="RUN_DIR", help="continue an interrupted run from its last checkpoint")
    _json_option(p)

    p = sub.add_parser("compare", help="from scratch vs transfer vs fine-tuning on the same split")
    p.add_argument("data")
    _run_options(p)
    p.add_argument("--modes", default="scratch,transfer,finetune", help="comma-separated, default: all three")
    _json_option(p)

    p = sub.add_parser("curve", help="learning curve: test accuracy against training images per class")
    p.add_argument("data")
    _run_options(p)
    p.add_argument("--modes", default="transfer,finetune,scratch", help="comma-separated, default: all three")
    p.add_argument("--sizes", default="5,10,25,50,100,250,500,1000",
                   help="training images per class to try, comma-separated; every training image is always "
                        "the last size (default %(default)s)")
    p.add_argument("--seeds", type=int, default=3, help="models per size and recipe (default %(default)s)")
    _json_option(p)

    p = sub.add_parser("crossval", help="repeated stratified k-fold cross-validation: mean and spread per metric")
    p.add_argument("data")
    _run_options(p)
    p.add_argument("--folds", type=int, default=5, help="parts the images are divided into (default %(default)s)")
    p.add_argument("--repeats", type=int, default=2, help="times the folds are redrawn (default %(default)s)")
    p.add_argument("--modes", default=None, help="comma-separated recipes: transfer, finetune, scratch (default: --mode)")
    _json_option(p)

    p = sub.add_parser("strategies", help="no augmentation vs augmentation vs synthetic images vs both, on one split")
    p.add_argument("data")
    _run_options(p)
    p.add_argument("--strategies", default="none,augment,synthetic,both",
                   help="comma-separated: none, augment, synthetic, both (default: all four). The augmentation "
                        "options (--augment, --augment-preset) and the synthetic ones (--synthetic, "
                        "--synthetic-ratio) say what each strategy adds")
    _json_option(p)

    p = sub.add_parser("augment", help="an augmentation plan with its reasons and warnings; augmented copies of "
                                       "every image into the workspace")
    p.add_argument("data", help="image folder (read only: the copies never go into it)")
    _augment_options(p, preset_flag="--preset")
    p.add_argument("--copies", type=int, default=0,
                   help="augmented copies of each image to write (default %(default)s: only show the plan)")
    p.add_argument("--out", type=Path, default=None,
                   help="folder for the copies, new or empty, outside the image folder "
                        "(default: <workspace>/augmented/<time>-<folder name>)")
    p.add_argument("--size", type=int, default=None, help="resize images to this square size first (default: keep)")
    p.add_argument("--preview", type=int, default=0, metavar="N",
                   help="save N variants of one picture side by side as a PNG in the workspace, as the app's "
                        "preview shows them (default: none)")
    p.add_argument("--image", default=None, help="the picture for --preview (default: the folder's first image)")
    p.add_argument("--seed", type=int, default=0, help="seed of the random changes (default %(default)s)")
    p.add_argument("--workspace", type=Path, default=None, help="where the copies go (default: per-user data folder)")
    _json_option(p)

    p = sub.add_parser("predict", help="classify images with a saved model and write a CSV")
    p.add_argument("model", help="a run folder or a model.keras file")
    p.add_argument("images", nargs="+", help="image files or folders")
    p.add_argument("-o", "--output", help="CSV file to write (default: print a table)")
    p.add_argument("--threshold", type=float, default=None,
                   help="answer 'uncertain' below this calibrated confidence, 0 to 1 (default: the threshold saved "
                        "with the model, 0 when none)")
    _json_option(p)

    p = sub.add_parser("calibrate", help="a run's calibration and the coverage/accuracy of confidence thresholds")
    p.add_argument("run", help="a run folder")
    p.add_argument("--threshold", type=float, default=None,
                   help="save this confidence threshold (0 to 1) with the model: below it predictions say 'uncertain'")
    _json_option(p)

    p = sub.add_parser("export", help="export a run's model (Keras, SavedModel, TensorFlow Lite, ONNX), each checked")
    p.add_argument("run", help="a run folder")
    p.add_argument("--format", default="keras,savedmodel,tflite,onnx",
                   help="comma-separated: keras, savedmodel, tflite, tflite_int8, onnx, or all (default %(default)s)")
    p.add_argument("--out", type=Path, default=None,
                   help="the export folder, new or empty (default: <workspace>/exports/<time>-<run name>)")
    _json_option(p)

    p = sub.add_parser("report", help="a run's report: one self-contained HTML file and a PDF to share")
    p.add_argument("run", help="a run folder")
    p.add_argument("--out", type=Path, default=None, help="folder to write into (default: RUN/report)")
    p.add_argument("--no-pdf", action="store_true", help="write the HTML file only")
    p.add_argument("--compare", nargs="+", metavar="RUN", default=None,
                   help="run folders to compare with (default: the runs of the same recipe on the same split, "
                        "e.g. those of `tlstudio compare`)")
    p.add_argument("--no-compare", action="store_true", help="leave the comparison out")
    p.add_argument("--language", default="en", help="language of the report: en or pt_BR (default %(default)s)")
    _json_option(p)

    from tlstudio.cli.synth_commands import add_synth_parser

    add_synth_parser(sub)

    p = sub.add_parser("runs", help="list the runs in the workspace")
    p.add_argument("--workspace", type=Path, default=None)
    _json_option(p)
    return parser


def _json_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="print one JSON document on stdout")


def _split_options(p: argparse.ArgumentParser) -> None:
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


def split_config_from_args(args: argparse.Namespace) -> SplitConfig:
    """The SplitConfig of ``_split_options``. A relative ``--groups-csv`` is taken from the current
    folder when it is there, else from the image folder (as in a saved configuration)."""
    groups_csv = args.groups_csv
    if groups_csv is not None and groups_csv.strip():
        path = Path(groups_csv).expanduser()
        if path.is_absolute() or path.exists():
            groups_csv = str(path.resolve())
    return SplitConfig(val_fraction=args.val, test_fraction=args.test, seed=args.seed, groups_csv=groups_csv,
                       group_pattern=args.group_pattern, train_per_class=getattr(args, "train_per_class", None))


def _run_options(p: argparse.ArgumentParser) -> None:
    _split_options(p)
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
    _augment_options(p, preset_flag="--augment-preset")
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


def _augment_options(p: argparse.ArgumentParser, *, preset_flag: str) -> None:
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
    """The AugmentSpec of ``_augment_options``: the preset or the JSON file, then ``--augment``."""
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


class _StopOnInterrupt:
    """Ctrl-C asks the run to stop at the next batch (a second Ctrl-C aborts at once)."""

    def __init__(self) -> None:
        self.flag = threading.Event()
        self.previous: Any = None

    def __enter__(self) -> "_StopOnInterrupt":
        def handler(signum: int, frame: Any) -> None:
            if self.flag.is_set():
                raise KeyboardInterrupt
            self.flag.set()
            print("\nStopping after the current batch (press Ctrl-C again to abort)...", file=sys.stderr)

        if threading.current_thread() is threading.main_thread():
            self.previous = signal.signal(signal.SIGINT, handler)
        return self

    def __exit__(self, *exc: Any) -> None:
        if self.previous is not None:
            signal.signal(signal.SIGINT, self.previous)

    def __call__(self) -> bool:
        return self.flag.is_set()


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    if not args.command:
        parser.print_help()
        return EXIT_USAGE
    from tlstudio.core import tflog

    tflog.install()  # TF_CPP_MIN_LOG_LEVEL=2 unless set, and a quiet TensorFlow import (see core.tflog)
    logging.getLogger("absl").setLevel(logging.ERROR)
    from tlstudio.cli import commands

    try:
        return getattr(commands, f"cmd_{args.command}")(args)
    except TlStudioError as exc:
        if getattr(args, "json", False):
            print(json.dumps({"ok": False, **exc.to_dict()}))
        print(f"tlstudio: {exc.message}", file=sys.stderr)
        if exc.hint:
            print(f"  What to do: {exc.hint}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("tlstudio: stopped.", file=sys.stderr)
        return EXIT_CANCELLED

