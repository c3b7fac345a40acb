"""Entry point: `tlstudio` with no arguments opens the desktop app; with a command, runs the CLI;
`tlstudio --self-test [FOLDER]` checks that this install works (see docs/development.md, "Desktop install")."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

SELF_TEST = "--self-test"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == [SELF_TEST]:
        return self_test(args[1:])
    if not args:
        from tlstudio.gui.app import exit_at_once
        from tlstudio.gui.app import main as gui_main

        exit_at_once(gui_main(sys.argv[:1]))  # settings and runs are saved; see exit_at_once
    from tlstudio.cli.main import main as cli_main

    return cli_main(args)


def self_test(args: list[str]) -> int:
    """Qt offscreen, TensorFlow, EfficientNet-Lite0's offline weights, the demo dataset, one short
    run and its report; one line per check; 0 when all passed. The files go to FOLDER when given
    (kept), else to a temporary folder removed at the end."""
    if len(args) > 1:
        print(f"usage: tlstudio {SELF_TEST} [FOLDER]", file=sys.stderr)
        return 2
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from tlstudio.core import tflog

    tflog.install()  # TF_CPP_MIN_LOG_LEVEL=2 unless set, and a quiet TensorFlow import (see core.tflog)
    from tlstudio.core.selftest import core_steps, run_steps, unavailable

    try:
        from tlstudio.gui.selftest import qt_steps

        steps = qt_steps()
    except ImportError as exc:  # a command-line-only install: say so, still check the rest
        steps = [unavailable("qt", "Qt offscreen", f"PySide6 cannot be imported ({exc}); "
                             'install the gui extra: pip install "tlstudio[gui]".')]
    steps += core_steps()
    printer = lambda line: print(line, flush=True)  # noqa: E731 - each line as soon as its check ends
    if args:
        folder = Path(args[0]).expanduser()
        folder.mkdir(parents=True, exist_ok=True)
        return run_steps(steps, folder, out=printer)
    with tempfile.TemporaryDirectory(prefix="tlstudio-self-test-", ignore_cleanup_errors=True) as tmp:
        return run_steps(steps, Path(tmp), out=printer)


if __name__ == "__main__":
    sys.exit(main())
