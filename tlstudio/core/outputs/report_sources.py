"""What the run report reads besides the run's own files: its split, the files its scan
skipped, the runs it is compared with, and the versions of the libraries installed."""

from __future__ import annotations

import hashlib
import json
import os
import platform
from pathlib import Path
from typing import Any, Mapping

from tlstudio.core.errors import RunError
from tlstudio.core.outputs.runs import LoadedRun, load_run

#: A file a run may write beside split.json with the images its scan skipped (``[{path, code,
#: reason}]``); without it the report checks the image folder again, read-only.
BAD_FILES_FILE = "bad_files.json"
#: Libraries whose versions the report lists (distribution names; the first found of each tuple).
LIBRARIES: tuple[tuple[str, ...], ...] = (
    ("tensorflow", "tensorflow-cpu", "tensorflow-macos"), ("keras",), ("numpy",), ("pillow",),
    ("scikit-learn",), ("matplotlib",), ("PySide6-Essentials", "PySide6"), ("tlstudio",),
)


def library_versions() -> list[tuple[str, str | None]]:
    """``[(name, version or None)]`` for :data:`LIBRARIES`, plus Python."""
    from importlib.metadata import PackageNotFoundError, version

    found: list[tuple[str, str | None]] = [("python", platform.python_version())]
    for names in LIBRARIES:
        value = None
        for name in names:
            try:
                value = version(name)
                break
            except PackageNotFoundError:
                continue
        found.append((names[0], value))
    return found


def read_split(run: LoadedRun) -> dict[str, Any]:
    """The run's ``split.json`` ({} when it has none; RunError for a damaged one)."""
    path = run.path / "split.json"
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise RunError(f"The split file {path} is damaged and cannot be read.",
                       hint="The run folder is incomplete; start a new run.", path=str(path), details=str(exc)) from exc
    return data if isinstance(data, dict) else {}


def _split_key(split: Mapping[str, Any]) -> str:
    """A fingerprint of which files went to which split (runs on the same split share it)."""
    digest = hashlib.sha1()
    for part in ("train", "val", "test"):
        for record in split.get(part, ()) or ():
            path = record.get("path") if isinstance(record, dict) else record
            digest.update(f"{part}\0{path}\n".encode())
    return digest.hexdigest()


def split_files(split: Mapping[str, Any], root: str = "") -> list[tuple[str, str, str]]:
    """Every image of a ``split.json``: ``(split, class, path)``, paths relative to ``root``; the
    synthetic training images of a run that added some are listed with the split ``synthetic``."""
    rows = []
    for part in ("train", "synthetic", "val", "test"):  # "synthetic": training images made by a generator
        for record in split.get(part, ()) or ():
            if not isinstance(record, dict):
                continue
            path = str(record.get("path", ""))
            if root:
                try:
                    path = os.path.relpath(path, root)
                except ValueError:  # another drive (Windows)
                    pass
            rows.append((part, str(record.get("class_name", "")), path))
    return rows


def skipped_files(run: LoadedRun, data: str) -> tuple[list[dict[str, str]] | None, str]:
    """The files the run's scan skipped (``[{path, code, reason}]``, None when not available)
    and where that list came from: ``"run"`` (:data:`BAD_FILES_FILE`), ``"rescan"`` (the image
    folder ``data`` checked again, read-only) or ``""`` (not available)."""
    recorded = run.path / BAD_FILES_FILE
    if recorded.is_file():
        try:
            items = json.loads(recorded.read_text(encoding="utf-8"))
            if isinstance(items, dict):
                items = items.get("bad_files", [])
            return [dict(b) for b in items if isinstance(b, dict)], "run"
        except (OSError, ValueError, TypeError):
            pass
    if data and Path(data).is_dir():
        from tlstudio.core.data.scan import scan_dataset
        from tlstudio.core.errors import TlStudioError

        try:
            scan = scan_dataset(data)
        except (TlStudioError, OSError):
            return None, ""
        return [b.to_dict() for b in scan.bad_files], "rescan"
    return None, ""


def find_comparison_runs(run: LoadedRun) -> list[LoadedRun]:
    """The runs this run is compared with when none are named: the finished runs in the same
    ``runs/`` folder trained on exactly the same split (the same training, validation and test
    files, so the same test images) in another mode, the newest of each mode: what ``tlstudio
    compare`` and *Compare all three* leave behind (their scratch run uses the reference CNN,
    so the backbone may differ). Empty when there is none."""
    own_split = read_split(run)
    if not own_split:
        return []
    key = _split_key(own_split)
    model = run.config.get("model") if isinstance(run.config.get("model"), dict) else {}
    mode = model.get("mode")
    chosen: dict[str, LoadedRun] = {}
    for folder in sorted(run.path.parent.iterdir(), reverse=True):  # names start with a time stamp: newest first
        if folder == run.path or not (folder / "split.json").is_file() or not (folder / "metrics.json").is_file():
            continue
        try:
            other = load_run(folder)
        except RunError:
            continue
        other_model = other.config.get("model") if isinstance(other.config.get("model"), dict) else {}
        other_mode = other_model.get("mode")
        if other.status.get("status") != "finished" or other_mode == mode or other_mode in chosen:
            continue
        try:
            if _split_key(read_split(other)) != key:
                continue
        except RunError:
            continue
        chosen[str(other_mode)] = other
    order = {"scratch": 0, "transfer": 1, "finetune": 2}
    return sorted(chosen.values(), key=lambda r: order.get(str(r.config.get("model", {}).get("mode")), 9))

