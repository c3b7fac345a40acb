"""``tlstudio --self-test``: does this install work? A few checks a user can run in a minute.

Used first of all on the desktop install (``packaging/tlstudio.spec``), where a missing library,
weights file or data file only shows when the code that needs it runs. Each check is a
:class:`Step`; :func:`run_steps` runs them in order, prints one line per check (``ok  ...`` or
``FAIL ...`` with what to do) and returns the exit code, 0 when every check passed. A step whose
prerequisite failed is reported as skipped instead of failing with a confusing second error.

The checks here need no Qt: TensorFlow, EfficientNet-Lite0 from its bundled ImageNet weights,
the demo dataset, one short transfer run on generated images and its report (HTML and PDF).
``tlstudio.gui.selftest`` adds the window's checks.
"""

from __future__ import annotations

import sys
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import numpy as np

from tlstudio.core.errors import TlStudioError

#: What the self-test's transfer run trains on: two classes of generated pictures.
CLASSES: tuple[str, ...] = ("discs", "squares")
IMAGES_PER_CLASS = 10
IMAGE_SIDE = 64

Printer = Callable[[str], None]


class CheckFailed(Exception):
    """A check ran but found something wrong; the message says what."""


@dataclass
class SelfTest:
    """What the steps share: the folder they work in and what earlier steps produced."""

    folder: Path
    found: dict[str, Any] = field(default_factory=dict)

    @property
    def workspace(self) -> Path:
        return self.folder / "workspace"


@dataclass(frozen=True)
class Step:
    """One check. ``run(test)`` returns the line's text after ``ok  `` (what was checked, with
    versions and figures) or raises; ``needs`` names steps that must have passed first."""

    key: str
    title: str
    run: Callable[[SelfTest], str]
    needs: tuple[str, ...] = ()


def unavailable(key: str, title: str, reason: str) -> Step:
    """A step that fails with ``reason``: for a check whose code cannot even be imported."""

    def run(test: SelfTest) -> str:
        raise CheckFailed(reason)

    return Step(key, title, run)


def run_steps(steps: list[Step], folder: Path, *, out: Printer = print) -> int:
    """Run ``steps`` in order inside ``folder``; print one line each; 0 when all passed, else 1."""
    test = SelfTest(Path(folder))
    titles = {step.key: step.title for step in steps}
    passed: set[str] = set()
    failed = 0
    started = time.perf_counter()
    for step in steps:
        missing = [key for key in step.needs if key not in passed]
        if missing:
            out(f"skip  {step.title}: needs the {titles.get(missing[0], missing[0])} check, which did not pass")
            failed += 1
            continue
        t0 = time.perf_counter()
        try:
            text = step.run(test)
        except Exception as exc:  # noqa: BLE001 - every failure is reported, the next checks still run
            failed += 1
            out(f"FAIL  {step.title}: {_describe(exc)}")
            if not isinstance(exc, (TlStudioError, CheckFailed)):  # a bug: the details for its report
                traceback.print_exception(exc, file=sys.stderr)
            continue
        passed.add(step.key)
        out(f"ok  {text}  [{time.perf_counter() - t0:.1f} s]")
    total = time.perf_counter() - started
    if failed:
        out(f"self-test FAILED: {failed} of {len(steps)} checks did not pass ({total:.0f} s)")
        return 1
    out(f"self-test passed: {len(steps)} checks ({total:.0f} s)")
    return 0


def _describe(exc: BaseException) -> str:
    """The error in plain words, with the fix when tlstudio knows it."""
    if isinstance(exc, TlStudioError):
        return exc.full_message()
    if isinstance(exc, CheckFailed):
        return str(exc)
    return f"{type(exc).__name__}: {exc}"


def _non_empty(path: Path | None, what: str) -> int:
    if path is None or not Path(path).is_file():
        raise CheckFailed(f"{what} was not written ({path}).")
    size = Path(path).stat().st_size
    if size == 0:
        raise CheckFailed(f"{what} is empty ({path}).")
    return size


# ------------------------------------------------------------------------------------ the checks

def check_tensorflow(test: SelfTest) -> str:
    import keras
    import tensorflow as tf

    value = float(tf.reduce_sum(tf.constant([1.0, 2.0, 3.0])))
    if value != 6.0:
        raise CheckFailed(f"TensorFlow added 1 + 2 + 3 and got {value}.")
    gpus = len(tf.config.list_physical_devices("GPU"))
    device = f"{gpus} GPU{'s' if gpus > 1 else ''}" if gpus else "CPU"
    return f"TensorFlow {tf.__version__} (Keras {keras.__version__}, {device})"


def check_lite0(test: SelfTest) -> str:
    """EfficientNet-Lite0 built from the offline ImageNet weights, which really were loaded."""
    from tlstudio.core.models.backbones import build_backbone, get_backbone, resolve_weights
    from tlstudio.core.models.lite0 import lite0_weight_map, load_lite0_state_dict

    path = Path(resolve_weights("efficientnet_lite0", "imagenet") or "")
    size = _non_empty(path, "The EfficientNet-Lite0 weights file")
    model = build_backbone("efficientnet_lite0", image_size=IMAGE_SIDE, weights="imagenet")
    params = model.count_params()
    expected = get_backbone("efficientnet_lite0").params
    if params != expected:
        raise CheckFailed(f"EfficientNet-Lite0 has {params:,} parameters instead of {expected:,}.")
    # The stem's kernel holds the file's numbers (transposed), not a random initialisation.
    layer_name, keys = next(iter(lite0_weight_map(model).items()))
    kernel = model.get_layer(layer_name).get_weights()[0]
    stored = load_lite0_state_dict(path)[keys[0]]
    if not np.isclose(float(np.sum(kernel)), float(np.sum(stored)), rtol=1e-4, atol=1e-4):
        raise CheckFailed(f"EfficientNet-Lite0's layer {layer_name} does not hold the weights of {path.name}.")
    return f"EfficientNet-Lite0 ImageNet weights ({path.name}, {size / 2**20:.1f} MiB, {params:,} parameters)"


def check_demo(test: SelfTest) -> str:
    """The bundled handwritten digits, as the app's first start writes them."""
    from tlstudio.core.data.demo import DIGITS_COUNT, ensure_demo_dataset
    from tlstudio.core.data.imageio import IMAGE_EXTENSIONS

    folder = ensure_demo_dataset(test.workspace)
    files = [p for p in folder.rglob("*") if p.suffix.lower() in IMAGE_EXTENSIONS]
    classes = sorted(p.name for p in folder.iterdir() if p.is_dir())
    if len(files) != DIGITS_COUNT or len(classes) != 10:
        raise CheckFailed(f"the demo dataset in {folder} has {len(files)} images in {len(classes)} classes, "
                          f"not {DIGITS_COUNT:,} in 10.")
    return f"Demo dataset ({len(files):,} handwritten digits in {len(classes)} classes)"


def write_images(folder: Path, *, per_class: int = IMAGES_PER_CLASS, side: int = IMAGE_SIDE, seed: int = 0) -> Path:
    """Two classes of pictures a network tells apart at once: a disc or a square, in its own
    colour, at a random place and size over grey noise. One subfolder per class."""
    from PIL import Image, ImageDraw

    rng = np.random.default_rng(seed)
    colours = {"discs": (220, 60, 40), "squares": (40, 90, 220)}
    for name in CLASSES:
        (folder / name).mkdir(parents=True, exist_ok=True)
        for i in range(per_class):
            noise = rng.normal(128, 20, (side, side, 3)).clip(0, 255).astype(np.uint8)
            image = Image.fromarray(noise)
            r = rng.uniform(0.2, 0.3) * side
            cx, cy = rng.uniform(r, side - r, size=2)
            box = (cx - r, cy - r, cx + r, cy + r)
            draw = ImageDraw.Draw(image)
            (draw.ellipse if name == "discs" else draw.rectangle)(box, fill=colours[name])
            image.save(folder / name / f"{name}_{i:02d}.png")
    return folder


def check_training(test: SelfTest) -> str:
    """One epoch of transfer learning on generated images, with the real ImageNet weights."""
    from tlstudio.core.config import HeadConfig, ModelConfig, RunConfig, SplitConfig, TrainConfig
    from tlstudio.core.training.train import train

    data = write_images(test.folder / "images")
    config = RunConfig(
        data=str(data), name="self-test",
        split=SplitConfig(val_fraction=0.2, test_fraction=0.2, seed=1),
        model=ModelConfig(backbone="efficientnet_lite0", mode="transfer", weights="imagenet", image_size=IMAGE_SIDE,
                          head=HeadConfig(pooling="avg", dense=(), dropout=0.0)),
        train=TrainConfig(epochs=1, batch_size=8, learning_rate=1e-2, patience=1, seed=1),
    )
    result = train(config, workspace=test.workspace)
    if result.status != "finished" or result.run_dir is None:
        raise CheckFailed(f"the run ended as '{result.status}' instead of finishing.")
    _non_empty(result.run_dir / "model.keras", "The trained model (model.keras)")
    if result.evaluation is None:
        raise CheckFailed(f"the run in {result.run_dir} has no test results.")
    test.found["run_dir"] = result.run_dir
    total = IMAGES_PER_CLASS * len(CLASSES)
    return (f"Training (1 epoch of transfer learning on {total} generated images, "
            f"test accuracy {result.evaluation.accuracy:.0%})")


def check_report(test: SelfTest) -> str:
    from tlstudio.core.outputs.report import write_report
    from tlstudio.core.outputs.report_sources import library_versions

    unknown = [name for name, version in library_versions() if version is None]
    if unknown:
        raise CheckFailed(f"the report could not name the version of {', '.join(unknown)} "
                          "(the install lacks their package metadata).")
    out = test.folder / "report"
    result = write_report(test.found["run_dir"], out, comparison_runs=[])
    html = _non_empty(result.html_path, "The report (report.html)")
    pdf = _non_empty(result.pdf_path, "The report (report.pdf)")
    if not Path(result.pdf_path).read_bytes().startswith(b"%PDF"):
        raise CheckFailed(f"{result.pdf_path} is not a PDF file.")
    return f"Report (report.html {html / 1024:.0f} KiB, report.pdf {pdf / 1024:.0f} KiB)"


def core_steps() -> list[Step]:
    """The checks that need no Qt, in the order they run."""
    return [
        Step("tensorflow", "TensorFlow", check_tensorflow),
        Step("lite0", "EfficientNet-Lite0 ImageNet weights", check_lite0, needs=("tensorflow",)),
        Step("demo", "Demo dataset", check_demo),
        Step("training", "Training", check_training, needs=("lite0",)),
        Step("report", "Report", check_report, needs=("training",)),
    ]
