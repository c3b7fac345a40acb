"""Run every benchmark under bench/ in turn and print one summary table (``make bench``).

Each script runs in its own process and measures its figure as a ratio of two things timed
side by side (see its docstring); this script collects their rows::

    .venv/bin/python bench/run_all.py            # full scale, on ../shared/data/flowers5 (about 20 minutes on 2 cores)
    .venv/bin/python bench/run_all.py --quick    # a few generated images: checks that every script works

The exit status is 1 when a script failed to produce its figures, not when a target is missed
(the table says PASS or FAIL); ``--strict`` also fails on a missed target.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import _common as c  # noqa: E402

#: In the issue's order; the figures each one prints.
SCRIPTS: dict[str, tuple[str, ...]] = {
    "frozen_training.py": ("1a", "1b", "1c"),
    "input_pipeline.py": ("2",),
    "startup.py": ("3",),
    "responsiveness.py": ("4",),
    "memory.py": ("5",),
    "finetune_throughput.py": ("6",),
    "gpu.py": ("7a", "7b"),
}
TAKES_DATA = {"frozen_training.py", "input_pipeline.py", "responsiveness.py", "memory.py", "finetune_throughput.py", "gpu.py"}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true", help="a few generated images per script, seconds not minutes")
    p.add_argument("--data", default=None, help=f"image folder for the scripts that take one (default {c.DEFAULT_DATA})")
    p.add_argument("--only", default="", help="comma-separated script names, e.g. startup,memory")
    p.add_argument("--json", metavar="FILE", help="also write every figure to this JSON file")
    p.add_argument("--strict", action="store_true", help="exit 1 when a target is missed too")
    args = p.parse_args(argv)
    wanted = {name.strip().removesuffix(".py") + ".py" for name in args.only.split(",") if name.strip()}
    scripts = [name for name in SCRIPTS if not wanted or name in wanted]

    rows: list[dict] = []
    failed: list[str] = []
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="tlstudio-bench-") as tmp:
        for name in scripts:
            out = Path(tmp) / f"{name}.json"
            command = [sys.executable, str(HERE / name), "--json", str(out)]
            if args.quick:
                command.append("--quick")
            if args.data and name in TAKES_DATA:
                command += ["--data", args.data]
            print(f"== {name}", flush=True)
            t = time.monotonic()
            code = subprocess.run(command, cwd=str(c.REPO)).returncode
            print(f"   ({time.monotonic() - t:.0f} s)", flush=True)
            if code != 0 or not out.exists():
                failed.append(name)
                rows += [dict(key=key, name=f"({name} failed)", value=None, target="", ok=False, unit="", note="script failed")
                         for key in SCRIPTS[name]]
                continue
            rows += json.loads(out.read_text())

    figures = [c.Figure(**{k: row[k] for k in ("key", "name", "value", "target", "ok", "unit", "note")}) for row in rows]
    print()
    print(f"Summary ({'quick: generated images, ratios are noise' if args.quick else 'full scale'}; "
          f"{time.monotonic() - started:.0f} s; {c.machine()}):")
    print(c.format_table(figures), flush=True)
    if args.json:
        Path(args.json).write_text(json.dumps([{**row, "result": f.result} for row, f in zip(rows, figures)], indent=2))
    if failed:
        print("failed: " + ", ".join(failed), file=sys.stderr)
        return 1
    return 1 if args.strict and any(f.ok is False for f in figures) else 0


if __name__ == "__main__":
    sys.exit(main())
