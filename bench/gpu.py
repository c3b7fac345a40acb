"""Figure 7 - GPU: mixed precision against float32 when fine-tuning, and fine-tuning images/s.

Needs a GPU that the current Keras backend sees (``KERAS_BACKEND=tensorflow``, ``torch`` or
``jax``); without one it prints that no GPU was found and marks both figures "not measured"
(exit status 0).

On a GPU, side by side in one process, repeats interleaved: ``core.training.train.train`` in fine-tune
mode (EfficientNet-Lite0, ImageNet weights, the recommended cutoff) with
``TrainConfig(precision="float32")`` and with ``precision="mixed"``; each fine-tune epoch's
images/s (median of the epochs after the first, which compiles). ``--batch-size`` sets the
batch (default 64: a GPU has room for it). Figures: 7a mixed / float32 speed-up (reported;
expected above 1 on tensor cores); 7b fine-tune images/s with what the app picks by default
(``precision="auto"``, ``xla="auto"``), reported with the settings it used.

    .venv/bin/python bench/gpu.py [--data ../shared/data/flowers5] [--per-class 100] [--quick]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _common as c  # noqa: E402
from finetune_throughput import epoch_seconds, fine_tune_rows  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    p = c.parser(__doc__)
    p.add_argument("--per-class", type=int, default=100, help="images per class (default %(default)s)")
    p.add_argument("--epochs", type=int, default=4, help="fine-tune epochs (the first is left out)")
    p.add_argument("--batch-size", type=int, default=64)
    # --cpu: measure on a CPU anyway (checks that the script works; both sides float32 there)
    p.add_argument("--cpu", action="store_true", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    repeats = args.repeats or (1 if args.quick else 2)

    import keras

    from tlstudio.core.models.accel import find_gpu

    gpu = find_gpu()
    if gpu is None and not args.cpu:
        note = "no GPU"
        figures = [c.reported("7a", "mixed precision / float32, fine-tune images/s", None, note=note, target="> 1"),
                   c.reported("7b", "fine-tune images/s, default settings", None, note=note, target="reported")]
        return c.report(figures, args, [f"Figure 7, GPU: no GPU found by the {keras.backend.backend()} backend; "
                                        f"{c.machine()}"])
    with tempfile.TemporaryDirectory(prefix="tlstudio-bench-") as tmp_name:
        tmp = Path(tmp_name)
        if args.quick:
            data, size, epochs = c.generated_folder(tmp / "data", classes=2, per_class=24, size=72), 64, 2
        else:
            data, size, epochs = c.subset_folder(args.data, tmp / "data", args.per_class), None, max(2, args.epochs)
        return measure(args, data, size, epochs, tmp, repeats, gpu)


def measure(args, data: Path, size: int | None, epochs: int, tmp: Path, repeats: int, gpu) -> int:
    import keras

    from tlstudio.core.config import ModelConfig, RunConfig, TrainConfig
    from tlstudio.core.models.accel import plan
    from tlstudio.core.training.train import train

    def config(precision: str) -> RunConfig:
        return RunConfig(data=str(data),
                         model=ModelConfig(backbone=c.BACKBONE, mode="finetune", weights="imagenet", image_size=size),
                         train=TrainConfig(epochs=1, finetune_epochs=epochs, batch_size=args.batch_size,
                                           patience=epochs + 1, precision=precision))

    ips: dict[str, list[float]] = {"float32": [], "mixed": [], "auto": []}
    n = 0
    for i, precision in enumerate(c.interleaved(repeats, ("float32", "mixed", "auto"))):
        result = train(config(precision), workspace=c.fresh_dir(tmp, f"ws{i}"))
        n = len(json.loads((result.run_dir / "split.json").read_text())["train"])
        ips[precision].append(n / c.median(epoch_seconds(fine_tune_rows(result.run_dir), "finetune")))
    mixed, f32, auto = max(ips["mixed"]), max(ips["float32"]), max(ips["auto"])
    used = plan(config("auto").train)
    figures = [c.reported("7a", "mixed precision / float32, fine-tune images/s", mixed / f32, target="> 1"),
               c.reported("7b", "fine-tune images/s, default settings", auto, target="reported")]
    context = [
        f"Figure 7, GPU: {c.BACKBONE} fine-tune at {size or 'its default'} px, {n} training images, batch "
        f"{args.batch_size}, {keras.backend.backend()} backend on {gpu.name if gpu else 'CPU (--cpu)'}; "
        f"best of {repeats}",
        f"  float32: {f32:.0f} images/s; mixed precision: {mixed:.0f} images/s; "
        f"default settings ({used.describe()}): {auto:.0f} images/s",
    ] + [f"  note: {note}" for note in used.notes]
    return c.report(figures, args, context)


if __name__ == "__main__":
    sys.exit(main())
