"""How much the feature cache saves when training a head on a frozen backbone.

Side by side, in one process, on the same images and the same head:

* **naive**: the usual way, ``model.fit`` on the images with the backbone frozen; the backbone
  runs on every image in every epoch;
* **cached**: what tlstudio does: the backbone runs once over the images (``extract``), then
  each epoch trains the head on the stored outputs.

Prints seconds per epoch for both and the ratios (per epoch, and for a whole run of
``--epochs`` epochs including the one-off extraction). Absolute seconds vary from machine to
machine; the ratios are what to compare.

    .venv/bin/python bench/feature_cache.py [--data ../shared/data/flowers5] [--images 500]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(REPO.parent / "shared" / "data" / "flowers5"))
    parser.add_argument("--backbone", default="efficientnet_lite0")
    parser.add_argument("--images", type=int, default=500, help="training images used (a stratified subset)")
    parser.add_argument("--epochs", type=int, default=5, help="epochs of the whole run the totals are for")
    parser.add_argument("--batch-size", type=int, default=32)
    args = parser.parse_args(argv)

    import keras
    import numpy as np

    from tlstudio.core.config import ModelConfig, SplitConfig
    from tlstudio.core.dataset import make_split, make_tf_dataset, scan_dataset
    from tlstudio.core.features import FeatureCache, extract_features
    from tlstudio.core.model import apply_freeze, build_classifier
    from tlstudio.core.train import _array_batches

    split = make_split(scan_dataset(args.data), SplitConfig(seed=0))
    train = split.train
    step = max(1, len(train) // args.images)
    records = list(train[::step][: args.images])
    labels = np.array([r.label for r in records])
    num_classes = len(split.classes)
    config = ModelConfig(backbone=args.backbone, mode="transfer", weights="imagenet")
    keras.utils.set_random_seed(0)
    clf = build_classifier(config, num_classes)
    apply_freeze(clf.backbone, config, phase="head")
    size = clf.image_size

    def compiled(model: keras.Model) -> keras.Model:
        model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="categorical_crossentropy", metrics=["accuracy"])
        return model

    def timed_epochs(model: keras.Model, data: object, n: int) -> float:
        """Seconds per epoch, the first (warm-up/tracing) epoch left out."""
        model.fit(data, epochs=1, verbose=0, shuffle=False)
        start = time.perf_counter()
        model.fit(data, epochs=n, verbose=0, shuffle=False)
        return (time.perf_counter() - start) / n

    images = make_tf_dataset(records, size, args.batch_size, num_classes, shuffle=True, seed=0)
    naive = timed_epochs(compiled(clf.model), images, 2)

    with tempfile.TemporaryDirectory() as tmp:
        trunk = clf.trunk_model(None, pool=clf.pools_features)
        start = time.perf_counter()
        features = extract_features(trunk, records, image_size=size, batch_size=args.batch_size,
                                    cache=FeatureCache(Path(tmp)), key="bench")
        extract = time.perf_counter() - start
        head = compiled(clf.head_model(tuple(features.shape[2:]), pooled=clf.pools_features))
        batches = _array_batches(features, labels, num_classes, args.batch_size, shuffle=True, seed=0)
        cached = timed_epochs(head, batches, 5)

    e = args.epochs
    print(f"{args.backbone} at {size}x{size}, {len(records)} training images, batch {args.batch_size}, "
          f"{keras.backend.backend()} backend")
    print(f"  naive  (backbone every epoch): {naive:8.2f} s/epoch")
    print(f"  cached (head on stored outputs): {cached:6.3f} s/epoch, plus {extract:.2f} s once to extract")
    print(f"  per epoch: cached is {naive / cached:,.0f}x faster")
    print(f"  a {e}-epoch run: naive {naive * e:.1f} s, cached {extract + cached * e:.1f} s "
          f"-> {naive * e / (extract + cached * e):.1f}x faster")
    return 0


if __name__ == "__main__":
    sys.exit(main())
