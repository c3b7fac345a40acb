"""How much a compare saves by running the backbone over the images once for transfer and fine-tune.

``core.training.train.compare`` runs transfer and then fine-tune on the same split. The transfer
run's feature pass now also caches the fine-tune cutoff's activations (one pass gives both the
pooled features and the cutoff's activations), so the fine-tune run makes no pass of its own.
Side by side in one process, each in a fresh workspace (nothing cached), the same compare
(``--modes transfer,finetune``: EfficientNet-Lite0, ImageNet weights, the recommended cutoff):

* **one pass**: as tlstudio does it now;
* **two passes**: the fine-tune run computing the cutoff's activations itself, as before
  (``core.training.phases`` told not to share the pass).

Figures: the seconds of every feature pass of the compare (the runs' ``features`` timings) and
the whole compare's seconds, one pass / two passes (lower is better).

    .venv/bin/python bench/compare_feature_pass.py [--data ../shared/data/flowers5] [--per-class 60] [--quick]
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _common as c  # noqa: E402


def run_compare(config, workspace: Path, *, share: bool) -> tuple[float, float, list[float]]:
    """(feature seconds, total seconds, each run's feature seconds) of one compare of transfer and fine-tune."""
    from tlstudio.core.training import phases
    from tlstudio.core.training.train import compare

    original = phases.shared_cut  # the benchmark switches the sharing off for the "two passes" side
    if not share:
        phases.shared_cut = lambda job, classifier: None
    try:
        with c.Stopwatch() as watch:
            results = compare(config, modes=("transfer", "finetune"), workspace=workspace)
    finally:
        phases.shared_cut = original
    assert all(r.status == "finished" for r in results)
    per_run = [r.timings.get("features", 0.0) for r in results]
    return sum(per_run), watch.seconds, per_run


def main(argv: list[str] | None = None) -> int:
    p = c.parser(__doc__)
    p.add_argument("--per-class", type=int, default=60, help="images per class (default %(default)s)")
    p.add_argument("--image-size", type=int, default=224, help="input size (default %(default)s)")
    p.add_argument("--epochs", type=int, default=2)
    args = p.parse_args(argv)
    repeats = args.repeats or 1

    from tlstudio.core.config import HeadConfig, ModelConfig, RunConfig, SplitConfig, TrainConfig

    with tempfile.TemporaryDirectory(prefix="tlstudio-bench-") as tmp_name:
        tmp = Path(tmp_name)
        data = (c.generated_folder(tmp / "data", per_class=12) if args.quick
                else c.subset_folder(Path(args.data), tmp / "data", args.per_class))
        config = RunConfig(data=str(data), split=SplitConfig(seed=0),
                           model=ModelConfig(backbone=c.BACKBONE, mode="finetune",
                                             weights=None if args.quick else "imagenet",
                                             image_size=64 if args.quick else args.image_size,
                                             head=HeadConfig(pooling="avg", dense=(), dropout=0.2)),
                           train=TrainConfig(epochs=1 if args.quick else args.epochs, batch_size=32, seed=0))
        n_images = sum(1 for _ in Path(data).rglob("*.jpg"))
        times: dict[str, list[tuple[float, float, list[float]]]] = {"one": [], "two": []}
        for n, side in enumerate(c.interleaved(repeats, ("two", "one"))):
            times[side].append(run_compare(config, c.fresh_dir(tmp, f"ws{n}"), share=side == "one"))
    one = min(times["one"], key=lambda t: t[1])
    two = min(times["two"], key=lambda t: t[1])
    figures = [c.reported("C1", "feature passes, one pass / two passes (s/s)", one[0] / two[0], target="lower"),
               c.reported("C2", "whole compare, one pass / two passes (s/s)", one[1] / two[1], target="lower")]
    runs = ", ".join(f"{side}: transfer {t[2][0]:.0f} s + fine-tune {t[2][1]:.0f} s" for side, t in (("two passes", two),
                                                                                                 ("one pass", one)))
    context = [f"transfer + fine-tune on {n_images} images, {c.BACKBONE} at {config.model.image_size} px: feature "
               f"passes {two[0]:.0f} s -> {one[0]:.0f} s ({runs}), compare {two[1]:.0f} s -> {one[1]:.0f} s"]
    return c.report(figures, args, context)


if __name__ == "__main__":
    raise SystemExit(main())
