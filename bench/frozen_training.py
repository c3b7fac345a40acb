"""Figure 1 - frozen-backbone training: a whole transfer run against one pass of the backbone,
and against plain ``model.fit``.

Side by side, in one process, on the same images, the same split and the same classifier
(EfficientNet-Lite0, ImageNet weights, the default head; 5 epochs, batch 32, seed 42):

* **feature pass**: the frozen part's model is made (its graph traced on the first batch, as in
  a run) and ``core.models.features.extract_features`` runs it once over every image of the folder,
  read from their JPEG files. Nothing can train a head on these images in less: each must go
  through the backbone once, to train on (training images), to pick the epoch (validation) and
  to be scored (test).
* **tlstudio run**: ``core.training.train.train`` with ``mode="transfer"`` in a fresh workspace (empty
  feature cache), timed from the call to its return: checking every file, the split, building
  the network, the feature passes over train/val/test, 5 epochs of the head, testing,
  calibration and saving the run folder.
* **plain fit**: the usual Keras recipe on the same frozen classifier, with the images already
  decoded in memory (decoding is not timed): ``model.fit`` for 5 epochs with the same
  validation images and early stopping, then ``predict`` on the test images. The backbone runs
  on every image in every epoch. Same initial weights, and batches drawn in the run's order
  (its seeded shuffle), so the two differ only in where the backbone's outputs come from.

Figures: 1a run / feature pass (<= 1.25); 1b plain fit / run (>= 4x); 1c the test accuracy of
the run minus that of the plain fit, in points (within +-1). Repeats are interleaved (pass,
run, plain, plain, run, pass...) and the best time of each side is compared; TensorFlow is
warmed up once beforehand for all of them. The run's seconds per phase and the ratio to a
pass over the training images alone are printed too.

    .venv/bin/python bench/frozen_training.py [--data ../shared/data/flowers5] [--per-class N] [--quick]
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _common as c  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    p = c.parser(__doc__)
    p.add_argument("--per-class", type=int, default=None, help="images per class (default: all)")
    p.add_argument("--epochs", type=int, default=5)
    p.add_argument("--batch-size", type=int, default=32)
    p.add_argument("--image-size", type=int, default=None, help="default: the backbone's (256)")
    args = p.parse_args(argv)
    repeats = args.repeats or (1 if args.quick else 2)

    with tempfile.TemporaryDirectory(prefix="tlstudio-bench-") as tmp_name:
        tmp = Path(tmp_name)
        if args.quick:
            data = c.generated_folder(tmp / "data", classes=3, per_class=10, size=72)
            size, args.epochs = args.image_size or 64, 2
        else:
            data = Path(args.data) if args.per_class is None else c.subset_folder(args.data, tmp / "data", args.per_class)
            size = args.image_size
        return measure(args, data, size, tmp, repeats)


def measure(args, data: Path, size: int | None, tmp: Path, repeats: int) -> int:
    import keras
    import numpy as np

    from tlstudio.core.config import ModelConfig, RunConfig, TrainConfig
    from tlstudio.core.data.records import Split
    from tlstudio.core.data.scan import scan_dataset
    from tlstudio.core.data.split import make_split
    from tlstudio.core.models.accel import plan
    from tlstudio.core.models.classifier import apply_freeze, build_classifier
    from tlstudio.core.models.features import FeatureCache, extract_features
    from tlstudio.core.training.fitters import ArrayBatches
    from tlstudio.core.training.train import train

    config = RunConfig(
        data=str(data),
        model=ModelConfig(backbone=c.BACKBONE, mode="transfer", weights="imagenet", image_size=size),
        train=TrainConfig(epochs=args.epochs, batch_size=args.batch_size),
    )
    scan = scan_dataset(config.data)
    records = list(scan.records)
    c.read_files(r.path for r in records)
    num_classes = len(scan.classes)

    keras.utils.set_random_seed(config.train.seed)
    clf = build_classifier(config.model, num_classes)
    size = clf.image_size
    # TensorFlow's one-time set-up (thread pools, oneDNN kernels for these shapes), for all sides
    clf.trunk_model(None, pool=clf.pools_features).predict_on_batch(np.zeros((args.batch_size, size, size, 3), "float32"))

    def feature_pass(i: int) -> None:
        """The frozen part's model made and traced, and every image through it once."""
        trunk = clf.trunk_model(None, pool=clf.pools_features)
        extract_features(trunk, records, image_size=size, batch_size=args.batch_size,
                         cache=FeatureCache(c.fresh_dir(tmp, f"cache{i}")), key="pass")

    runs: list = []

    def transfer_run(i: int) -> None:
        runs.append(train(config, workspace=c.fresh_dir(tmp, f"ws{i}")))

    # The plain recipe on the same split, initial weights and batches: model.fit on the images in
    # memory, batches drawn in the run's order (so the two differ only in where the backbone's
    # outputs come from). uint8 in memory; each batch becomes float32 as it is drawn.
    split = make_split(scan, config.split)
    x_train, x_val, x_test = (c.load_images(part, size, "uint8") for part in (split.train, split.val, split.test))
    y_train, y_val = (np.array([r.label for r in part]) for part in (split.train, split.val))
    y_test = np.array([r.label for r in split.test])
    tr = config.train
    plain_accuracy: list[float] = []

    def plain_fit(i: int) -> None:
        keras.utils.set_random_seed(tr.seed)
        model_clf = build_classifier(config.model, num_classes)
        apply_freeze(model_clf.backbone, config.model, phase="head")
        model = model_clf.model
        model.compile(optimizer=keras.optimizers.Adam(tr.learning_rate), loss="categorical_crossentropy",
                      metrics=["accuracy"])
        stop = keras.callbacks.EarlyStopping(monitor="val_accuracy", patience=tr.patience, restore_best_weights=True)
        train_batches = ArrayBatches(x_train[None], y_train, num_classes, tr.batch_size, shuffle=True, seed=tr.seed)
        val_batches = ArrayBatches(x_val[None], y_val, num_classes, tr.batch_size, shuffle=False, seed=tr.seed)
        model.fit(train_batches, epochs=tr.epochs, validation_data=val_batches, callbacks=[stop], shuffle=False, verbose=0)
        probs = model.predict(x_test.astype("float32"), batch_size=tr.batch_size, verbose=0)
        plain_accuracy.append(float(np.mean(probs.argmax(axis=1) == y_test)))

    sides = {"pass": feature_pass, "run": transfer_run, "plain": plain_fit}
    seconds: dict[str, list[float]] = {name: [] for name in sides}
    for i, side in enumerate(c.interleaved(repeats, tuple(sides))):
        with c.Stopwatch() as t:
            sides[side](i)
        seconds[side].append(t.seconds)
    del x_train, x_val, x_test
    result = runs[seconds["run"].index(c.best(seconds["run"]))]  # the phases of the run timed
    assert result.evaluation is not None
    assert Split.from_dict(json.loads((result.run_dir / "split.json").read_text())).train == split.train
    plain_acc = plain_accuracy[-1]
    run_s, pass_s, plain_s = (c.best(seconds[side]) for side in ("run", "pass", "plain"))
    n_train = len(split.train)
    run_acc = float(result.evaluation.accuracy)
    timings = ", ".join(f"{k} {v:.1f}" for k, v in result.timings.items() if k != "total")
    figures = [
        c.at_most("1a", "transfer run / one feature pass over its images", run_s / pass_s, 1.25),
        c.at_least("1b", "plain model.fit / transfer run (speed-up)", plain_s / run_s, 4, "x"),
        c.Figure("1c", "test accuracy, run minus plain fit (points)", 100 * (run_acc - plain_acc), "within +-1",
                 abs(100 * (run_acc - plain_acc)) <= 1.0),
    ]
    context = [
        f"Figure 1, frozen-backbone training: {c.BACKBONE} at {size} px, {len(records)} images "
        f"({n_train} train / {len(split.val)} val / {len(split.test)} test), {args.epochs} epochs, "
        f"batch {args.batch_size}, {keras.backend.backend()} backend, {plan(config.train).describe()}; "
        f"best of {repeats}; {c.machine()}",
        f"  feature pass over all {len(records)} images: {pass_s:.1f} s ({len(records) / pass_s:.0f} images/s)",
        f"  tlstudio transfer run: {run_s:.1f} s (seconds by phase: {timings}); test accuracy {run_acc:.1%}",
        f"  plain model.fit + predict: {plain_s:.1f} s; test accuracy {plain_acc:.1%}",
        f"  run / a pass over the {n_train} training images alone "
        f"({pass_s * n_train / len(records):.1f} s, pro rata): {run_s / (pass_s * n_train / len(records)):.2f}",
    ]
    return c.report(figures, args, context)


if __name__ == "__main__":
    sys.exit(main())
