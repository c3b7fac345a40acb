"""Entry point: `tlstudio` with no arguments opens the desktop app; with a command, runs the CLI."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args:
        from tlstudio.gui.app import main as gui_main

        return gui_main(sys.argv[:1])
    from tlstudio.cli.main import main as cli_main

    return cli_main(args)


if __name__ == "__main__":
    sys.exit(main())
