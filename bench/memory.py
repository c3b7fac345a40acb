"""Figure 5 - memory: the peak memory of a transfer run on a dataset ten times larger, against the
peak on the original.

Two folders: the first ``--per-class`` images of each class of ``--data`` (links to the files),
and the same images ten times over under other names (each class folder holds every image ten
times). Each run is a fresh Python process that calls ``core.training.train.train`` (EfficientNet-Lite0,
ImageNet weights, transfer, 5 epochs) in its own workspace; its peak resident memory (RSS, from
``os.wait4``) is what is compared. Figure 5: peak 10x / peak 1x (<= 1.5). Repeats interleave
the two sizes; the medians are compared.

    .venv/bin/python bench/memory.py [--data ../shared/data/flowers5] [--per-class 60] [--quick]
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _common as c  # noqa: E402

CHILD = r"""
import sys
sys.path.insert(0, sys.argv[1])
from tlstudio.core.config import ModelConfig, RunConfig, TrainConfig
from tlstudio.core.training.train import train
size = None if sys.argv[4] == "default" else int(sys.argv[4])
config = RunConfig(data=sys.argv[2], model=ModelConfig(backbone="efficientnet_lite0", mode="transfer", image_size=size),
                   train=TrainConfig(epochs=int(sys.argv[5])))
result = train(config, workspace=sys.argv[3])
print("STATUS", result.status, flush=True)
"""


def peak_rss_mb(data: Path, workspace: Path, size: int | None, epochs: int) -> float:
    """Run a transfer run in a fresh process; its peak resident memory in MB."""
    log = workspace / "child.log"
    with open(log, "w") as out:
        proc = subprocess.Popen([sys.executable, "-c", CHILD, str(c.REPO), str(data), str(workspace),
                                 "default" if size is None else str(size), str(epochs)],
                                stdout=out, stderr=subprocess.STDOUT, cwd=str(c.REPO))
        # wait4 gives this child's own resource usage (RUSAGE_CHILDREN would mix all children).
        _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    text = log.read_text(errors="replace")
    if proc.returncode != 0 or "STATUS finished" not in text:
        raise RuntimeError(f"the run in the child process failed (exit {proc.returncode}):\n{text[-3000:]}")
    kilobytes = usage.ru_maxrss if sys.platform != "darwin" else usage.ru_maxrss / 1024
    return kilobytes / 1024


def main(argv: list[str] | None = None) -> int:
    p = c.parser(__doc__)
    p.add_argument("--per-class", type=int, default=60, help="images per class in the original (default %(default)s)")
    p.add_argument("--times", type=int, default=10, help="how many times larger the large dataset is (default %(default)s)")
    p.add_argument("--epochs", type=int, default=5)
    args = p.parse_args(argv)
    repeats = args.repeats or 1
    with tempfile.TemporaryDirectory(prefix="tlstudio-bench-") as tmp_name:
        tmp = Path(tmp_name)
        if args.quick:
            source, per_class, size, epochs = c.generated_folder(tmp / "source", classes=2, per_class=8, size=72), None, 64, 1
        else:
            source, per_class, size, epochs = Path(args.data), args.per_class, None, args.epochs
        small = c.subset_folder(source, tmp / "x1", per_class)
        large = c.subset_folder(source, tmp / f"x{args.times}", per_class, copies=args.times)
        counts = {name: sum(1 for _ in folder.rglob("*.*")) for name, folder in (("small", small), ("large", large))}
        peaks: dict[str, list[float]] = {"small": [], "large": []}
        for i, side in enumerate(c.interleaved(repeats, ("small", "large"))):
            folder = small if side == "small" else large
            peaks[side].append(peak_rss_mb(folder, c.fresh_dir(tmp, f"ws{i}"), size, epochs))
    small_mb, large_mb = c.median(peaks["small"]), c.median(peaks["large"])
    figures = [c.at_most("5", f"peak memory, {args.times}x larger dataset / original", large_mb / small_mb, 1.5)]
    context = [
        f"Figure 5, memory: {c.BACKBONE} transfer runs ({epochs} epochs) in fresh processes, peak RSS; "
        f"{repeats} repeat(s) per size, medians; {c.machine()}",
        f"  original, {counts['small']} images: {small_mb:.0f} MB",
        f"  {args.times}x, {counts['large']} images: {large_mb:.0f} MB",
    ]
    return c.report(figures, args, context)


if __name__ == "__main__":
    sys.exit(main())
