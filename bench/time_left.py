"""How close the first time-left estimate of each phase of a run is to the truth.

A run reports a time-left estimate with its progress (``TrainEvent.eta_s``; None while it says
"estimating"). For every phase of a transfer run and of a fine-tune run, each in a fresh
workspace (nothing cached), this records the phase's first estimate and, afterwards, the true
seconds from that moment to the phase's end (the next phase, or the run's end).

Figure per phase: first estimate / true time left (1 is perfect; the target is within a factor
of 1.5 either way, or no estimate at all before the phase's end).

    .venv/bin/python bench/time_left.py [--data ../shared/data/flowers5] [--per-class 120] [--quick]
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _common as c  # noqa: E402


def phase_estimates(config, workspace: Path) -> list[tuple[str, float | None, float]]:
    """(phase, first estimate, true seconds left then) of every phase of one run, in order."""
    from tlstudio.core.training.train import train

    events: list[tuple[float, object]] = []
    result = train(config, workspace=workspace, on_event=lambda e: events.append((time.monotonic(), e)))
    end = time.monotonic()
    assert result.status == "finished", result.status
    starts = [i for i, (_, e) in enumerate(events) if e.kind == "phase"]
    rows = []
    for n, i in enumerate(starts):
        stop = starts[n + 1] if n + 1 < len(starts) else len(events)
        phase_end = events[stop][0] if stop < len(events) else end
        first = next(((t, e.eta_s) for t, e in events[i:stop] if e.eta_s is not None and e.eta_s > 0), None)
        if first is None:
            rows.append((events[i][1].phase, None, 0.0))
        else:
            rows.append((events[i][1].phase, first[1], phase_end - first[0]))
    return rows


def main(argv: list[str] | None = None) -> int:
    p = c.parser(__doc__)
    p.add_argument("--per-class", type=int, default=120, help="images per class (default %(default)s)")
    p.add_argument("--image-size", type=int, default=224, help="input size (default %(default)s)")
    p.add_argument("--epochs", type=int, default=4)
    args = p.parse_args(argv)

    from tlstudio.core.config import HeadConfig, ModelConfig, RunConfig, SplitConfig, TrainConfig

    figures, context = [], []
    with tempfile.TemporaryDirectory(prefix="tlstudio-bench-") as tmp_name:
        tmp = Path(tmp_name)
        data = (c.generated_folder(tmp / "data", per_class=12) if args.quick
                else c.subset_folder(Path(args.data), tmp / "data", args.per_class))
        for mode in ("transfer", "finetune"):
            config = RunConfig(data=str(data), split=SplitConfig(seed=0),
                               model=ModelConfig(backbone=c.BACKBONE, mode=mode,
                                                 weights=None if args.quick else "imagenet",
                                                 image_size=64 if args.quick else args.image_size,
                                                 head=HeadConfig(pooling="avg", dense=(), dropout=0.2)),
                               train=TrainConfig(epochs=2 if args.quick else args.epochs, batch_size=32, seed=0))
            for n, (phase, eta, truth) in enumerate(phase_estimates(config, c.fresh_dir(tmp, f"ws-{mode}"))):
                key = f"{mode[0].upper()}{n + 1}"
                if eta is None:
                    figures.append(c.reported(key, f"{mode}, {phase}: no estimate (\"estimating\")", None,
                                              target="none before the phase ended", note="too short to pace"))
                    continue
                ratio = eta / truth if truth > 0 else None
                off = None if ratio is None else max(ratio, 1 / ratio)
                figures.append(c.at_most(key, f"{mode}, {phase}: first estimate / truth, off by (x)", off, 1.5,
                                         note=f"{eta:.1f} s / {truth:.1f} s"))
                context.append(f"{mode} {phase}: first estimate {eta:.1f} s, truth {truth:.1f} s "
                               f"(ratio {ratio if ratio is not None else float('nan'):.2f})")
    return c.report(figures, args, context)


if __name__ == "__main__":
    raise SystemExit(main())
