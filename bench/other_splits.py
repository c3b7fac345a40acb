"""Whole runs on other splits, scored only on photos outside the reported split's test set.

``bench/head_recipes.py`` compares head recipes on cached backbone outputs. A change that also
touches fine-tuning (an input size, a learning-rate schedule) needs whole runs instead: this
trains ``tlstudio train DATA --mode MODE --backbone BACKBONE --seed N`` for each split seed N
with each setting, and scores every run on its test photos that are not in the seed-42 split's
test set (the figures in README.md and docs/results.md come from that split, so its test photos never choose a default)::

    .venv/bin/python bench/other_splits.py --mode finetune --settings "--image-size 256" "--image-size 320" --splits 1 2

Prints each run's score and the mean per setting, with the difference from the first setting
paired split by split. Runs go to a temporary workspace unless ``--workspace`` is given.
"""

from __future__ import annotations

import argparse
import json
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def held_out_test(data: str, seed: int) -> set[str]:
    """The test photos of the split with ``seed``."""
    from tlstudio.core.config import SplitConfig
    from tlstudio.core.data.scan import scan_dataset
    from tlstudio.core.data.split import make_split

    return {r.path for r in make_split(scan_dataset(data), SplitConfig(seed=seed)).test}


def score(run_dir: Path, held_out: set[str]) -> tuple[float, int, float]:
    """Accuracy of a run on its test photos outside ``held_out``, how many those are, and its
    accuracy on its whole test set."""
    split = json.loads((run_dir / "split.json").read_text(encoding="utf-8"))
    metrics = json.loads((run_dir / "metrics.json").read_text(encoding="utf-8"))
    paths = {p if isinstance(p, str) else p["path"] for p in split["test"]} - held_out
    wrong = sum(1 for m in metrics["misclassified"] if m["path"] in paths)
    return 1.0 - wrong / len(paths), len(paths), metrics["accuracy"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(ROOT.parent / "shared" / "data" / "flowers5"))
    parser.add_argument("--mode", default="finetune", choices=("scratch", "transfer", "finetune"))
    parser.add_argument("--backbone", default="efficientnet_lite0")
    parser.add_argument("--settings", nargs="+", default=[""], help="each a string of extra train options")
    parser.add_argument("--splits", nargs="+", type=int, default=[1, 2, 3, 4], help="split seeds")
    parser.add_argument("--held-out-seed", type=int, default=42)
    parser.add_argument("--workspace", default=None)
    args = parser.parse_args(argv)

    held_out = held_out_test(args.data, args.held_out_seed)
    scores = np.zeros((len(args.settings), len(args.splits)))
    with tempfile.TemporaryDirectory(prefix="tlstudio-splits-") as tmp:
        workspace = Path(args.workspace or tmp)
        for j, seed in enumerate(args.splits):
            for i, setting in enumerate(args.settings):
                command = [str(ROOT / ".venv" / "bin" / "tlstudio"), "train", args.data, "--mode", args.mode,
                           "--backbone", args.backbone, "--seed", str(seed), "--workspace", str(workspace),
                           "--json", *shlex.split(setting)]
                done = subprocess.run(command, capture_output=True, text=True)
                if done.returncode != 0:
                    print(done.stderr[-2000:], file=sys.stderr)
                    return done.returncode
                run_dir = Path(json.loads(done.stdout)["run_dir"])
                scores[i, j], n, whole = score(run_dir, held_out)
                print(f"split {seed}, {setting or 'defaults'}: {100 * scores[i, j]:.1f}% of {n} photos "
                      f"(whole test set {100 * whole:.1f}%)", flush=True)
    print(f"\n| setting | mean | per split ({', '.join(map(str, args.splits))}) | vs {args.settings[0] or 'defaults'} |")
    print("|---|---|---|---|")
    for i, setting in enumerate(args.settings):
        diff = "" if i == 0 else f"{100 * (scores[i] - scores[0]).mean():+.2f} points"
        print(f"| {setting or 'defaults'} | {100 * scores[i].mean():.2f}% | "
              f"{' '.join(f'{100 * s:.1f}' for s in scores[i])} | {diff} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
