"""``train --resume``: the run goes on with the settings saved in its folder, so no other option
may be given with it (it would be silently ignored)."""

from __future__ import annotations

import argparse

from tlstudio.cli.parser import build_parser
from tlstudio.core.errors import ConfigError

#: What ``train --resume`` takes besides the run folder: nothing else about the run can change.
RESUME_OPTIONS = frozenset({"command", "resume", "json", "workspace"})


def refuse_resume_changes(args: argparse.Namespace) -> None:
    """A resumed run continues with the settings in its folder (config.json), so an option given
    with ``--resume`` would be silently ignored: refuse it, naming each one."""
    defaults = vars(build_parser().parse_args(["train", "--resume", str(args.resume)]))
    given = [name for name, value in vars(args).items() if name not in RESUME_OPTIONS and defaults.get(name) != value]
    if not given:
        return
    shown = ", ".join("the image folder" if name == "data" else f"--{name.replace('_', '-')}={getattr(args, name)!r}"
                      for name in given)
    raise ConfigError(
        f"--resume continues the run with the settings saved in its folder; these cannot change a resumed run: "
        f"{shown}.",
        hint="Leave them out to continue the run as it was planned (only --workspace and --json go with --resume), "
             "or start a new run with the new settings.")
