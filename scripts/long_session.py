"""A long scripted session of the studio: random user actions for a while, then the count of
exceptions nobody caught (there must be none).

Run under a real or virtual display, or offscreen::

    xvfb-run -a -s "-screen 0 1280x720x24" .venv/bin/python scripts/long_session.py --minutes 30
    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/long_session.py --minutes 5

The actions (``tests/gui/session.py``): open one of two datasets (two small generated folders, or
the ``--data`` folders), switch backbones and modes, train (1 epoch, tiny images), stop a run
part-way, compare the three modes, look at the results (another run, a confusion cell, the
mistakes sorted), predict a few pictures, switch the language, restart on the same workspace.
It prints what was done and exits with 1 when an exception went uncaught (the workspace's log
has "Unexpected error") or the session could not go on.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

from PySide6.QtWidgets import QApplication  # noqa: E402

from tests.conftest import write_class_images  # noqa: E402
from tests.gui.session import Session, unexpected_errors_in_log  # noqa: E402
from tlstudio.gui.app import STYLE_SHEET  # noqa: E402


def generated_folders(root: Path) -> list[Path]:
    """Two small folders of shapes: two classes of 16 images, three classes of 10."""
    import numpy as np

    rng = np.random.default_rng(0)
    folders = []
    for name, classes, count in (("shapes2", ("discs", "squares"), 16), ("shapes3", ("discs", "stripes", "rings"), 10)):
        for index, cls in enumerate(classes):
            write_class_images(root / name / cls, index, count, 48, rng)
        folders.append(root / name)
    return folders


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=30.0, help="how long to keep going")
    parser.add_argument("--data", nargs="*", default=None, help="image folders to open (default: two generated)")
    parser.add_argument("--seed", type=int, default=0, help="the random actions' seed")
    parser.add_argument("--size", type=int, default=48, help="image size in pixels")
    parser.add_argument("--root", default=None, help="folder for the workspace (default: a new temporary one)")
    args = parser.parse_args(argv)
    root = Path(args.root or tempfile.mkdtemp(prefix="tlstudio-session-"))
    datasets = [Path(d) for d in args.data] if args.data else generated_folders(root / "data")
    app = QApplication(sys.argv[:1])
    app.setStyleSheet(STYLE_SHEET.read_text(encoding="utf-8"))
    session = Session(root / "workspace", datasets, seed=args.seed, image_size=args.size)
    log = session.run(minutes=args.minutes)
    logged = unexpected_errors_in_log(root / "workspace")
    print(log.summary())
    print(f"workspace: {root / 'workspace'}; 'Unexpected error' lines in its log: {len(logged)}")
    for entry in log.uncaught[:5]:
        print(entry, file=sys.stderr)
    return 1 if log.uncaught or logged else 0


if __name__ == "__main__":
    sys.exit(main())
