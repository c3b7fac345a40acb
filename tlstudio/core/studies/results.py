"""Saving and reading a study's results: one stamped folder per study in the workspace, with the
result as JSON (what loading reads back), a CSV of its rows, a figure, and any other text file,
each written atomically and never inside the image folder."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence, TypeVar

from tlstudio.core.errors import RunError

T = TypeVar("T")


@dataclass(frozen=True)
class StudyFiles:
    """Where and under which names a kind of study is saved."""

    kind: str  # the workspace folder: "curves", "crossval", "strategies"
    stem: str  # the files' name: "curve" gives curve.json, curve.csv, curve.png
    folder_words: str  # "the learning curve folder", in "Could not create ..."
    result_words: str  # "the learning curve", in "Could not read ..."
    command: str  # the `tlstudio` command that makes such a folder


def save_study(files: StudyFiles, result: Any, workspace: Path | str, *, name: str, data_root: str | None,
               fields: Sequence[str], rows: Sequence[Mapping[str, Any]], draw: Callable[[Any, Path], Path],
               texts: Mapping[str, str] | None = None) -> Path:
    """Write ``<stem>.json`` (``result.to_dict()``), ``<stem>.csv`` (``rows`` with ``fields``), the
    ``texts`` (file name -> text) and ``<stem>.png`` (``draw(result, path)``) into a new folder
    ``<workspace>/<kind>/<stamp>-<name>/``; ``result.folder`` is set to it and it is returned."""
    from tlstudio.core.outputs.locks import locked
    from tlstudio.core.outputs.workspace import new_stamped_folder

    folder = new_stamped_folder(workspace, files.kind, name, data_root=data_root, what=f"create {files.folder_words}")
    result.folder = folder
    with locked(folder, what=files.folder_words):  # one writer at a time
        _write_study(folder, files, result, fields, rows, draw, texts)
    return folder


def _write_study(folder: Path, files: StudyFiles, result: Any, fields: Sequence[str],
                 rows: Sequence[Mapping[str, Any]], draw: Callable[[Any, Path], Path],
                 texts: Mapping[str, str] | None) -> None:
    from tlstudio.core.outputs.workspace import atomic_write_json, atomic_write_text, csv_text

    atomic_write_json(folder / f"{files.stem}.json", result.to_dict())
    atomic_write_text(folder / f"{files.stem}.csv", csv_text(fields, ([row.get(f) for f in fields] for row in rows)))
    for file_name, text in (texts or {}).items():
        atomic_write_text(folder / file_name, text)
    draw(result, folder / f"{files.stem}.png")


def load_study(files: StudyFiles, folder: Path | str, from_dict: Callable[[dict[str, Any]], T]) -> T:
    """The result saved in ``folder`` (its ``<stem>.json``); a RunError in plain words when it
    cannot be read."""
    path = Path(folder) / f"{files.stem}.json"
    try:
        return from_dict(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise RunError(f"Could not read {files.result_words} in {path} ({exc}).",
                       hint=f"Choose a folder made by `tlstudio {files.command}`.", path=str(path)) from exc
