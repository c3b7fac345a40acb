"""Figure 6 - fine-tune throughput: images/s of a fine-tune epoch against images/s of a forward pass.

Side by side, in one process, on the same training images:

* **fine-tune epoch**: ``core.training.train.train`` in fine-tune mode (EfficientNet-Lite0, ImageNet
  weights, the recommended cutoff, batch 32): the head trains first, then the backbone from the
  cutoff on. The fine-tune phase's epochs are timed (Keras's own epoch, with validation and the
  per-epoch checkpoint; the first epoch, which traces the graph, is left out), and the training
  images divided by the median epoch time.
* **forward pass**: the whole classifier's ``predict`` on the same training images, already
  decoded in memory (not timed): every image through every layer, once (best of three).

Figure 6: fine-tune images/s / forward images/s, reported (no pass mark: it is to be as high
as the hardware allows). tlstudio trains only what lies after the cutoff, on the cached output
of the frozen layers below it, so an epoch can go faster than one forward pass over the whole
network. For comparison the script also times the usual way (``--plain``, on by default):
``model.fit`` of the whole classifier on the in-memory images, with the same layers trainable.

    .venv/bin/python bench/finetune_throughput.py [--data ../shared/data/flowers5] [--per-class 60] [--quick]
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _common as c  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    p = c.parser(__doc__)
    p.add_argument("--per-class", type=int, default=60, help="images per class (default %(default)s)")
    p.add_argument("--epochs", type=int, default=4, help="fine-tune epochs (the first is left out)")
    p.add_argument("--batch-size", type=int, default=32)
    p.add_argument("--no-plain", dest="plain", action="store_false", help="skip the plain model.fit comparison")
    args = p.parse_args(argv)
    repeats = args.repeats or 1
    with tempfile.TemporaryDirectory(prefix="tlstudio-bench-") as tmp_name:
        tmp = Path(tmp_name)
        if args.quick:
            data, size, epochs = c.generated_folder(tmp / "data", classes=2, per_class=16, size=72), 64, 2
            args.plain = False
        else:
            data, size, epochs = c.subset_folder(args.data, tmp / "data", args.per_class), None, args.epochs
        return measure(args, data, size, max(2, epochs), tmp, repeats)


def epoch_seconds(rows: list[dict], phase: str) -> list[float]:
    """Seconds of each epoch of ``phase`` but the first (history rows hold the seconds since
    the phase's fit started)."""
    elapsed = [row["seconds"] for row in rows if row["phase"] == phase]
    return [b - a for a, b in zip(elapsed, elapsed[1:])]


def fine_tune_rows(run_dir: Path) -> list[dict]:
    import csv

    with open(run_dir / "history.csv", newline="") as fh:
        return [{**row, "seconds": float(row["seconds"])} for row in csv.DictReader(fh)]


def measure(args, data: Path, size: int | None, epochs: int, tmp: Path, repeats: int) -> int:
    import json

    import keras
    import numpy as np

    from tlstudio.core.config import ModelConfig, RunConfig, TrainConfig
    from tlstudio.core.data.records import Split
    from tlstudio.core.models.accel import plan
    from tlstudio.core.models.classifier import apply_freeze, build_classifier, resolve_cutoff

    config = RunConfig(data=str(data),
                       model=ModelConfig(backbone=c.BACKBONE, mode="finetune", weights="imagenet", image_size=size),
                       train=TrainConfig(epochs=1, finetune_epochs=epochs, batch_size=args.batch_size, patience=epochs + 1))
    from tlstudio.core.training.train import train

    finetune_s: list[float] = []
    forward_s: list[float] = []
    plain_s: list[float] = []
    images = None
    for i, side in enumerate(c.interleaved(repeats, ("finetune", "forward"))):
        if side == "finetune":
            result = train(config, workspace=c.fresh_dir(tmp, f"ws{i}"))
            finetune_s.append(c.median(epoch_seconds(fine_tune_rows(result.run_dir), "finetune")))
            split = Split.from_dict(json.loads((result.run_dir / "split.json").read_text()))
            continue
        if images is None:
            # the training images of the run's split (the same seed gives the same split)
            from tlstudio.core.data.scan import scan_dataset
            from tlstudio.core.data.split import make_split

            split = make_split(scan_dataset(config.data), config.split)
            clf = build_classifier(config.model, len(split.classes))
            images = c.load_images(split.train, clf.image_size)
            clf.model.predict(images[: args.batch_size + 1], batch_size=args.batch_size, verbose=0)  # trace
        for _ in range(3):  # a few seconds each: best of three
            with c.Stopwatch() as t:
                clf.model.predict(images, batch_size=args.batch_size, verbose=0)
            forward_s.append(t.seconds)
    n = len(split.train)
    if args.plain:
        labels = np.eye(len(split.classes), dtype="float32")[[r.label for r in split.train]]
        apply_freeze(clf.backbone, config.model, phase="finetune")
        clf.model.compile(optimizer=keras.optimizers.Adam(config.train.learning_rate * config.train.finetune_lr_factor),
                          loss="categorical_crossentropy", metrics=["accuracy"])
        clf.model.fit(images[: args.batch_size], labels[: args.batch_size], batch_size=args.batch_size, epochs=1, verbose=0)
        for _ in range(repeats):
            with c.Stopwatch() as t:
                clf.model.fit(images, labels, batch_size=args.batch_size, epochs=1, verbose=0)
            plain_s.append(t.seconds)
    finetune_ips, forward_ips = n / c.best(finetune_s), n / c.best(forward_s)
    figures = [c.reported("6", "fine-tune epoch / forward pass (images/s)", finetune_ips / forward_ips)]
    context = [
        f"Figure 6, fine-tune throughput: {c.BACKBONE} at {clf.image_size} px from {resolve_cutoff(config.model)}, "
        f"{n} training images, batch {args.batch_size}, {epochs} fine-tune epochs (first left out), "
        f"{keras.backend.backend()} backend, {plan(config.train).describe()}; best of {repeats}; {c.machine()}",
        f"  tlstudio fine-tune epoch: {finetune_ips:.1f} images/s (validation and checkpoint included)",
        f"  forward pass, whole network, in memory: {forward_ips:.1f} images/s",
    ]
    if plain_s:
        plain_ips = n / c.best(plain_s)
        context.append(f"  plain model.fit epoch, whole network, in memory: {plain_ips:.1f} images/s "
                       f"({plain_ips / forward_ips:.2f} of a forward pass; tlstudio's is {finetune_ips / plain_ips:.1f}x faster)")
    return c.report(figures, args, context)


if __name__ == "__main__":
    sys.exit(main())
