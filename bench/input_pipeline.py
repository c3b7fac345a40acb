"""Figure 2 - input pipeline: extracting features from the JPEG folder against ``predict`` on the
same images already decoded in memory.

Side by side, in one process, with the same frozen EfficientNet-Lite0 (ImageNet weights) cut
where a transfer run cuts it, batch 32:

* **from the folder**: ``core.models.features.extract_features``, what a run does: the tf.data
  pipeline of ``core.data.pipeline.make_tf_dataset`` reads and decodes the JPEG files in parallel,
  resizes them and feeds the network; the outputs go into the on-disk feature cache.
* **in memory**: ``Model.predict`` on the same images, decoded and resized beforehand into one
  float32 array (not timed): the network alone, the most the pipeline could reach.

The files are read once beforehand, so both sides find them in the page cache (a run has just
read every byte when it checked the folder). Figure 2: images/s from the folder / images/s in
memory (>= 0.85). Repeats are interleaved; the best (shortest) times are compared.

    .venv/bin/python bench/input_pipeline.py [--data ../shared/data/flowers5] [--per-class 120] [--quick]
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _common as c  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    p = c.parser(__doc__)
    p.add_argument("--per-class", type=int, default=120, help="images per class (default %(default)s; 0: all)")
    p.add_argument("--batch-size", type=int, default=32)
    args = p.parse_args(argv)
    repeats = args.repeats or (1 if args.quick else 5)

    with tempfile.TemporaryDirectory(prefix="tlstudio-bench-") as tmp_name:
        tmp = Path(tmp_name)
        if args.quick:
            data, size = c.generated_folder(tmp / "data", classes=2, per_class=20, size=96), 64
        else:
            data, size = c.subset_folder(args.data, tmp / "data", args.per_class or None), None
        return measure(args, data, size, tmp, repeats)


def measure(args, data: Path, size: int | None, tmp: Path, repeats: int) -> int:
    import keras
    import numpy as np

    from tlstudio.core.config import ModelConfig
    from tlstudio.core.data.scan import scan_dataset
    from tlstudio.core.models.classifier import build_classifier
    from tlstudio.core.models.features import FeatureCache, extract_features

    scan = scan_dataset(data)
    records = list(scan.records)
    config = ModelConfig(backbone=c.BACKBONE, mode="transfer", weights="imagenet", image_size=size)
    clf = build_classifier(config, len(scan.classes))
    size = clf.image_size
    trunk = clf.trunk_model(None, pool=clf.pools_features)
    c.read_files(r.path for r in records)
    images = c.load_images(records, size)
    n = len(records)
    # Trace both ways once (full and last partial batch), outside the timing.
    trunk.predict(images[: args.batch_size + 1], batch_size=args.batch_size, verbose=0)
    extract_features(trunk, records[: args.batch_size + 1], image_size=size, batch_size=args.batch_size,
                     cache=FeatureCache(c.fresh_dir(tmp, "warm")), key="warm")

    seconds: dict[str, list[float]] = {"folder": [], "memory": []}
    for i, side in enumerate(c.interleaved(repeats, ("folder", "memory"))):
        with c.Stopwatch() as t:
            if side == "folder":
                extract_features(trunk, records, image_size=size, batch_size=args.batch_size,
                                 cache=FeatureCache(c.fresh_dir(tmp, f"cache{i}")), key="pipeline")
            else:
                np.asarray(trunk.predict(images, batch_size=args.batch_size, verbose=0))
        seconds[side].append(t.seconds)
    folder_ips = n / c.best(seconds["folder"])
    memory_ips = n / c.best(seconds["memory"])
    figures = [c.at_least("2", "folder extraction / in-memory predict (images/s)", folder_ips / memory_ips, 0.85)]
    context = [
        f"Figure 2, input pipeline: {c.BACKBONE} at {size} px, {n} JPEG images, batch {args.batch_size}, "
        f"{keras.backend.backend()} backend; best of {repeats} per side, interleaved; {c.machine()}",
        f"  from the folder (extract_features): {folder_ips:.1f} images/s  "
        f"(each run: {', '.join(f'{s:.2f}' for s in seconds['folder'])} s)",
        f"  in memory (predict):                {memory_ips:.1f} images/s  "
        f"(each run: {', '.join(f'{s:.2f}' for s in seconds['memory'])} s)",
    ]
    return c.report(figures, args, context)


if __name__ == "__main__":
    sys.exit(main())
