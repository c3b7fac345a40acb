"""`tlstudio <command>`: the same runs as the desktop app, headless, for servers and scripts.

Every command prints plain text for people, or with ``--json`` exactly one JSON document on
stdout (progress always goes to stderr). Exit codes a script can rely on:

    0 success · 1 unexpected error · 2 bad command or setting · 3 unusable image folder
    4 pretrained weights missing or broken · 5 run folder problem · 6 export failed or did not pass its check
    130 stopped (Ctrl-C)
"""

from __future__ import annotations

import json
import logging
import sys
from typing import Sequence

from tlstudio.cli.options import EXIT_CANCELLED, EXIT_USAGE
from tlstudio.cli.parser import build_parser
from tlstudio.core.errors import TlStudioError


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    if not args.command:
        parser.print_help()
        return EXIT_USAGE
    from tlstudio.core import tflog

    tflog.install()  # TF_CPP_MIN_LOG_LEVEL=2 unless set, and a quiet TensorFlow import (see core.tflog)
    logging.getLogger("absl").setLevel(logging.ERROR)
    from tlstudio.cli import commands

    try:
        return getattr(commands, f"cmd_{args.command}")(args)
    except TlStudioError as exc:
        if getattr(args, "json", False):
            print(json.dumps({"ok": False, **exc.to_dict()}))
        print(f"tlstudio: {exc.message}", file=sys.stderr)
        if exc.hint:
            print(f"  What to do: {exc.hint}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("tlstudio: stopped.", file=sys.stderr)
        return EXIT_CANCELLED

