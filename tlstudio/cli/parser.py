"""The command line's parser: ``tlstudio COMMAND ...``, one small function per group of commands."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from tlstudio import __version__
from tlstudio.cli.options import EXIT_USAGE, augment_options, json_option, run_options, split_options
from tlstudio.cli.runs_commands import add_runs_parser
from tlstudio.cli.synth_commands import add_synth_parser


class Parser(argparse.ArgumentParser):
    """argparse that exits with 2 and a plain message (its default, made explicit)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"tlstudio: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    """Every command with its options, in the order ``tlstudio --help`` lists them."""
    parser = Parser(prog="tlstudio", description="Train image classifiers when data is scarce.")
    parser.add_argument("--version", action="version", version=f"tlstudio {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    add_dataset_parsers(sub)
    add_training_parsers(sub)
    add_augment_parser(sub)
    add_model_parsers(sub)
    add_synth_parser(sub)
    add_runs_parser(sub)
    return parser


def add_dataset_parsers(sub: Any) -> None:
    """``check``, ``backbones`` and ``layers``: the folder and the networks."""
    p = sub.add_parser("check", help="check every image of a folder and show the split")
    p.add_argument("data", help="image folder: one subfolder per class, or train/ and test/ folders")
    split_options(p)
    p.add_argument("--no-leakage", action="store_true", help="skip the search for duplicate images across splits")
    json_option(p)

    p = sub.add_parser("backbones", help="list the available backbones")
    json_option(p)

    p = sub.add_parser("layers", help="list a backbone's layers with their blocks and parameters")
    p.add_argument("backbone")
    p.add_argument("--image-size", type=int, default=None)
    p.add_argument("--cutoff", default=None, help="show what fine-tuning from this layer freezes")
    json_option(p)


def add_training_parsers(sub: Any) -> None:
    """``train``, ``compare``, ``curve``, ``crossval`` and ``strategies``: runs and studies."""
    p = sub.add_parser("train", help="train one model and test it")
    p.add_argument("data", nargs="?", help="image folder (not needed with --resume)")
    run_options(p)
    p.add_argument("--resume", metavar="RUN_DIR", help="continue an interrupted run from its last checkpoint")
    json_option(p)

    p = sub.add_parser("compare", help="from scratch vs transfer vs fine-tuning on the same split")
    p.add_argument("data")
    run_options(p)
    p.add_argument("--modes", default="scratch,transfer,finetune", help="comma-separated, default: all three")
    json_option(p)

    p = sub.add_parser("curve", help="learning curve: test accuracy against training images per class")
    p.add_argument("data")
    run_options(p)
    p.add_argument("--modes", default="transfer,finetune,scratch", help="comma-separated, default: all three")
    p.add_argument("--sizes", default="5,10,25,50,100,250,500,1000",
                   help="training images per class to try, comma-separated; every training image is always "
                        "the last size (default %(default)s)")
    p.add_argument("--seeds", type=int, default=3, help="models per size and recipe (default %(default)s)")
    json_option(p)

    p = sub.add_parser("crossval", help="repeated stratified k-fold cross-validation: mean and spread per metric")
    p.add_argument("data")
    run_options(p)
    p.add_argument("--folds", type=int, default=5, help="parts the images are divided into (default %(default)s)")
    p.add_argument("--repeats", type=int, default=2, help="times the folds are redrawn (default %(default)s)")
    p.add_argument("--modes", default=None, help="comma-separated recipes: transfer, finetune, scratch (default: --mode)")
    json_option(p)

    p = sub.add_parser("strategies", help="no augmentation vs augmentation vs synthetic images vs both, on one split")
    p.add_argument("data")
    run_options(p)
    p.add_argument("--strategies", default="none,augment,synthetic,both",
                   help="comma-separated: none, augment, synthetic, both (default: all four). The augmentation "
                        "options (--augment, --augment-preset) and the synthetic ones (--synthetic, "
                        "--synthetic-ratio) say what each strategy adds")
    json_option(p)

    p = sub.add_parser("labels", help="suspected label errors: the pictures whose given label out-of-fold "
                                      "predictions find least likely")
    p.add_argument("data")
    run_options(p)
    p.add_argument("--folds", type=int, default=5, help="parts the images are divided into (default %(default)s)")
    p.add_argument("--show", type=int, default=30, help="suspects printed, least likely first (default %(default)s)")
    json_option(p)


def add_augment_parser(sub: Any) -> None:
    """``augment``: the plan, a preview sheet, augmented copies."""
    p = sub.add_parser("augment", help="an augmentation plan with its reasons and warnings; augmented copies of "
                                       "every image into the workspace")
    p.add_argument("data", help="image folder (read only: the copies never go into it)")
    augment_options(p, preset_flag="--preset")
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
    json_option(p)


def add_model_parsers(sub: Any) -> None:
    """``predict``, ``calibrate``, ``export`` and ``report``: what a finished run gives."""
    p = sub.add_parser("predict", help="classify images with a saved model and write a CSV")
    p.add_argument("model", help="a run folder or a model.keras file")
    p.add_argument("images", nargs="+", help="image files or folders")
    p.add_argument("-o", "--output", help="CSV file to write (default: print a table)")
    p.add_argument("--threshold", type=float, default=None,
                   help="answer 'uncertain' below this calibrated confidence, 0 to 1 (default: the threshold saved "
                        "with the model, 0 when none)")
    json_option(p)

    p = sub.add_parser("calibrate", help="a run's calibration and the coverage/accuracy of confidence thresholds")
    p.add_argument("run", help="a run folder")
    p.add_argument("--threshold", type=float, default=None,
                   help="save this confidence threshold (0 to 1) with the model: below it predictions say 'uncertain'")
    json_option(p)

    p = sub.add_parser("export", help="export a run's model (Keras, SavedModel, TensorFlow Lite, ONNX), each checked")
    p.add_argument("run", help="a run folder")
    p.add_argument("--format", default="keras,savedmodel,tflite,onnx",
                   help="comma-separated: keras, savedmodel, tflite, tflite_int8, onnx, or all (default %(default)s)")
    p.add_argument("--out", type=Path, default=None,
                   help="the export folder, new or empty (default: <workspace>/exports/<time>-<run name>)")
    json_option(p)

    p = sub.add_parser("report", help="a run's report: one self-contained HTML file and a PDF to share")
    p.add_argument("run", help="a run folder")
    p.add_argument("--out", type=Path, default=None, help="folder to write into (default: RUN/report)")
    p.add_argument("--no-pdf", action="store_true", help="write the HTML file only")
    p.add_argument("--compare", nargs="+", metavar="RUN", default=None,
                   help="run folders to compare with (default: the runs of the same recipe on the same split, "
                        "e.g. those of `tlstudio compare`)")
    p.add_argument("--no-compare", action="store_true", help="leave the comparison out")
    p.add_argument("--language", default="en", help="language of the report: en or pt_BR (default %(default)s)")
    p.add_argument("--pseudonyms", action="store_true",
                   help="replace every file name and the image folder's path by image 1, image 2, ... (for file "
                        "names that hold a patient's name or ID)")
    json_option(p)
