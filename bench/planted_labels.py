"""Suspected label errors: how many planted wrong labels does *Check labels* find?

A copy of the image folder is made in a temporary folder (the original is only read); 5% of its
pictures, chosen at random (seeded), are moved to another class's folder: their label is now
wrong and nothing else about them changed. ``core.studies.labels.check_labels`` then predicts
every picture out of fold (EfficientNet-Lite0, ImageNet weights, transfer, 5 folds, one feature
pass) and lists its suspects (confident learning), least likely given label first.

Figures, with K the number of pictures planted:

* precision and recall of the first K of the suspect list (the list can be shorter than K:
  confident learning flags only the pictures another class confidently claims; precision is
  then of the pictures listed);
* precision and recall at K of the whole ranking (every picture by the probability of its given
  label), the list a user would read past the flagged ones.

    .venv/bin/python bench/planted_labels.py [--data ../shared/data/flowers5] [--share 0.05] [--image-size 224]
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _common as c  # noqa: E402


def planted_copy(source: Path, target: Path, share: float, seed: int, per_class: int | None) -> set[str]:
    """Copy ``source`` into ``target`` with ``share`` of its pictures filed under another class;
    returns the planted pictures' paths in the copy."""
    import numpy as np

    from tlstudio.core.data.imageio import is_image_path

    rng = np.random.default_rng(seed)
    folders = c.class_folders(source)
    files = [(f.name, p) for f in folders
             for p in sorted(p for p in f.iterdir() if p.is_file() and is_image_path(p.name))[:per_class]]
    planted_rows = set(rng.choice(len(files), round(share * len(files)), replace=False).tolist())
    names = [f.name for f in folders]
    planted: set[str] = set()
    for row, (name, path) in enumerate(files):
        label = name
        if row in planted_rows:
            label = rng.choice([n for n in names if n != name])
        out = target / label / path.name
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, out)
        if row in planted_rows:
            planted.add(str(out.absolute()))
    return planted


def main(argv: list[str] | None = None) -> int:
    p = c.parser(__doc__)
    p.add_argument("--share", type=float, default=0.05, help="share of pictures given a wrong label (default 5%%)")
    p.add_argument("--per-class", type=int, default=None, help="pictures per class (default: all)")
    p.add_argument("--image-size", type=int, default=224, help="input size (default %(default)s)")
    p.add_argument("--folds", type=int, default=5)
    p.add_argument("--epochs", type=int, default=10)
    p.add_argument("--seed", type=int, default=0)
    args = p.parse_args(argv)

    import numpy as np

    from tlstudio.core.config import HeadConfig, ModelConfig, RunConfig, SplitConfig, TrainConfig
    from tlstudio.core.evaluation.label_issues import find_label_issues, precision_recall_at
    from tlstudio.core.studies.labels import check_labels

    with tempfile.TemporaryDirectory(prefix="tlstudio-bench-") as tmp_name:
        tmp = Path(tmp_name)
        source = c.generated_folder(tmp / "generated", per_class=40) if args.quick else Path(args.data)
        data = tmp / "planted"
        planted = planted_copy(source, data, args.share, args.seed, 40 if args.quick else args.per_class)
        weights = None if args.quick else "imagenet"
        config = RunConfig(data=str(data), split=SplitConfig(seed=args.seed),
                           model=ModelConfig(backbone=c.BACKBONE, mode="transfer", weights=weights,
                                             image_size=64 if args.quick else args.image_size,
                                             head=HeadConfig(pooling="avg", dense=(), dropout=0.2)),
                           train=TrainConfig(epochs=2 if args.quick else args.epochs, batch_size=32, seed=args.seed))
        with c.Stopwatch() as watch:
            result = check_labels(config, tmp / "ws", folds=args.folds, save=False)
        k = len(planted)
        listed = [s.path for s in result.suspects[:k]]
        hits = len(set(listed) & planted)
        oof = result.out_of_fold
        ranking = find_label_issues(oof["labels"], oof["probs"]).ranked
        index = {path: i for i, path in enumerate(oof["paths"])}
        rank_p, rank_r = precision_recall_at(ranking, {index[path] for path in planted}, k)
        accuracy = float(np.mean(np.argmax(oof["probs"], axis=1) == oof["labels"]))
    figures = [
        c.reported("L1", f"suspect list, precision at K={k}", hits / len(listed) if listed else None),
        c.reported("L2", f"suspect list, recall at K={k}", hits / k if k else None),
        c.reported("L3", f"whole ranking, precision at K={k}", rank_p),
        c.reported("L4", f"whole ranking, recall at K={k}", rank_r),
    ]
    context = [f"{result.n_images} pictures, {k} planted wrong labels ({args.share:.0%}); {len(result.suspects)} "
               f"flagged by confident learning; out-of-fold accuracy against the given labels {accuracy:.1%}; "
               f"{result.folds} folds, {c.BACKBONE} at {config.model.image_size} px, {watch.seconds:.0f} s"]
    return c.report(figures, args, context)


if __name__ == "__main__":
    raise SystemExit(main())
