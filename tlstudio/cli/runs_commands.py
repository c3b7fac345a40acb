"""`tlstudio runs ...`: the workspace's runs, as the app's Compare tab lists them; rename, note, delete.

``tlstudio runs`` lists every run, newest first (``--data DIR``: only the runs of that image folder,
with the verdict on which did best); ``runs rename RUN NAME`` and ``runs note RUN TEXT`` keep a
short name and a note with a run; ``runs delete RUN`` moves a run folder to the system trash
(``--permanent``: deletes it for good). RUN is a run folder, its folder name (or the start of it)
or its name.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from pathlib import Path
from typing import Any, Sequence

from tlstudio.cli.options import EXIT_OK, EXIT_USAGE, json_option

WORKSPACE_HELP = "the workspace (default: per-user data folder, or $TLSTUDIO_WORKSPACE)"


def add_runs_parser(sub: Any) -> None:
    """The ``runs`` command and its sub-commands."""
    p = sub.add_parser("runs", help="list the runs in the workspace; rename, note or delete one",
                       description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--workspace", type=Path, default=None, help=WORKSPACE_HELP)
    p.add_argument("--data", type=Path, default=None, help="only the runs of this image folder (and the verdict)")
    json_option(p)
    commands = p.add_subparsers(dest="runs_command", metavar="SUBCOMMAND", parser_class=type(p))

    r = commands.add_parser("rename", help="give a run a short name")
    r.add_argument("run", help="a run folder, its folder name or its name")
    r.add_argument("name", help="the new name (quote it when it has spaces)")
    _shared_options(r)

    n = commands.add_parser("note", help="keep a note with a run (an empty note removes it)")
    n.add_argument("run", help="a run folder, its folder name or its name")
    n.add_argument("text", help="the note (quote it)")
    _shared_options(n)

    d = commands.add_parser("delete", help="move a run folder to the system trash (never the image folder)")
    d.add_argument("run", help="a run folder, its folder name or its name")
    d.add_argument("--permanent", action="store_true", help="delete it for good instead of moving it to the trash")
    d.add_argument("--yes", action="store_true", help="do not ask first")
    _shared_options(d)


def _shared_options(p: argparse.ArgumentParser) -> None:
    """--workspace and --json after a sub-command too; left out, the ones before it count
    (``tlstudio runs --workspace W rename ...``)."""
    p.add_argument("--workspace", type=Path, default=argparse.SUPPRESS, help=WORKSPACE_HELP)
    p.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="print one JSON document on stdout")


def _workspace(args: argparse.Namespace) -> Path:
    from tlstudio.core.outputs.workspace import default_workspace

    return Path(args.workspace).expanduser() if args.workspace else default_workspace()


def _when(created: str) -> str:
    try:
        return datetime.fromisoformat(created).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return created


def format_runs(entries: Sequence[Any]) -> str:
    """The runs as an aligned table: date and time, name, dataset, mode, backbone, image size, the
    settings that differ between the rows, status, test accuracy, folder."""
    from tlstudio.core.outputs.catalog import differing_settings

    differ = differing_settings(entries)
    header = ["date", "name", "dataset", "mode", "backbone", "size", "differs", "status", "test accuracy", "folder"]
    body = [[_when(e.created), e.name, e.dataset_name, e.mode or "", e.backbone or "",
             "" if e.image_size is None else f"{e.image_size} px",
             ", ".join(f"{k}={e.settings.get(k, '')}" for k in differ), e.status,
             "" if e.test_accuracy is None else f"{e.test_accuracy:.1%}", e.id] for e in entries]
    widths = [max(len(row[i]) for row in [header, *body]) for i in range(len(header))]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in [header, *body])


def cmd_list(args: argparse.Namespace) -> int:
    from tlstudio.core.outputs.catalog import differing_settings, list_catalog
    from tlstudio.core.outputs.runs import list_runs
    from tlstudio.core.outputs.verdict import verdict

    workspace = _workspace(args)
    if args.data is not None and not Path(args.data).expanduser().is_dir():
        print(f"tlstudio: the image folder {args.data} does not exist.", file=sys.stderr)
        return EXIT_USAGE
    entries = list_catalog(workspace, args.data)
    damaged = [r for r in list_runs(workspace) if r.status == "damaged"] if args.data is None else []
    judged = verdict(entries) if args.data is not None else None
    if args.json:
        print(json.dumps({"ok": True, "workspace": str(workspace), "data": None if args.data is None else str(args.data),
                          "runs": [e.to_dict() for e in entries], "differs": differing_settings(entries),
                          "damaged": [r.to_dict() for r in damaged],
                          "verdict": None if judged is None else judged.to_dict()}, ensure_ascii=False))
        return EXIT_OK
    if not entries and not damaged:
        print(f"No runs yet in {workspace}" + (f" for {args.data}." if args.data is not None else "."))
        return EXIT_OK
    if entries:
        print(format_runs(entries))
    for r in damaged:
        print(f"damaged: {r.id} (its files cannot be read)")
    if judged is not None:
        print("\n" + judged.text())
    if any(e.status == "interrupted" for e in entries):
        print("\nAn interrupted run ended mid-training without saying so (the program was killed or the "
              "computer stopped). Continue it from its last checkpoint with: tlstudio train --resume RUN_FOLDER")
    return EXIT_OK


def _edited(args: argparse.Namespace, entry: Any, message: str) -> int:
    if args.json:
        print(json.dumps({"ok": True, "run": entry.to_dict()}, ensure_ascii=False))
    else:
        print(message)
    return EXIT_OK


def cmd_rename(args: argparse.Namespace) -> int:
    from tlstudio.core.outputs.catalog import find_run, rename_run

    entry = rename_run(find_run(_workspace(args), args.run), args.name)
    return _edited(args, entry, f"Renamed {entry.id} to {entry.name!r}.")


def cmd_note(args: argparse.Namespace) -> int:
    from tlstudio.core.outputs.catalog import find_run, set_note

    entry = set_note(find_run(_workspace(args), args.run), args.text)
    return _edited(args, entry, f"Note saved with {entry.id}." if entry.note else f"Note of {entry.id} removed.")


def cmd_delete(args: argparse.Namespace) -> int:
    from tlstudio.core.outputs.catalog import delete_run, find_run, read_entry

    folder = find_run(_workspace(args), args.run)
    entry = read_entry(folder)
    where = "delete it for good" if args.permanent else "move it to the trash"
    if not args.yes:
        if not sys.stdin.isatty():
            print(f"tlstudio: not deleting {folder} without --yes (nobody here to ask).", file=sys.stderr)
            return EXIT_USAGE
        answer = input(f"Run {entry.name!r} ({entry.id}): {where}? The image folder is not touched. [y/N] ")
        if answer.strip().lower() not in ("y", "yes"):
            print("Nothing deleted.")
            return EXIT_OK
    outcome = delete_run(folder, permanent=args.permanent)
    if args.json:
        print(json.dumps({"ok": True, "run": str(folder), "deleted": outcome}))
    else:
        print(f"Moved {folder} to the trash." if outcome == "trash" else f"Deleted {folder}.")
    return EXIT_OK


def cmd_runs(args: argparse.Namespace) -> int:
    """``tlstudio runs [SUBCOMMAND]``."""
    command = {"rename": cmd_rename, "note": cmd_note, "delete": cmd_delete}.get(args.runs_command or "", cmd_list)
    return command(args)
