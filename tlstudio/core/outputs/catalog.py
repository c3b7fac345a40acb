"""The workspace's runs as the user sees them: one entry per run, with a name and a note the user
can edit, the dataset it learned from, and what it was trained with; rename, note, delete.

An entry (:class:`CatalogEntry`) is read from the run folder's files (``config.json``,
``status.json``, ``metrics.json``, ``split.json``) and from ``meta.json``, the one file this
module writes: the user's short ``name`` and ``note``, and two fingerprints computed once and kept
there (``dataset_fingerprint``: the images the run used, by path inside the dataset folder, class
and size, so a dataset moved as a whole keeps its runs; ``test_key``: which images it was tested
on, so two runs tested on the same images can be compared image by image). Every write is
atomic. Deleting sends the run folder to the system trash (Send2Trash) or removes it for good; it
only ever removes a run folder of the workspace, never the dataset.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Mapping, Sequence

from tlstudio.core.errors import ConfigError, RunError
from tlstudio.core.outputs.runs import RunFolder, list_runs
from tlstudio.core.outputs.workspace import PathLike, atomic_write_json, is_inside, process_alive, read_json

if TYPE_CHECKING:
    from tlstudio.core.training.train import RunResult

META_FILE = "meta.json"
#: The longest name and note the user can give a run.
MAX_NAME = 80
MAX_NOTE = 2000
#: The columns of ``tlstudio runs`` and of the app's comparison table, in order.
COLUMNS: tuple[str, ...] = ("created", "name", "dataset", "mode", "backbone", "image_size", "status",
                            "test_accuracy")


@dataclass(frozen=True)
class CatalogEntry:
    """One run of the workspace, as the run list and the comparison show it."""

    id: str  # the folder name
    path: str
    created: str  # ISO 8601 with time zone
    name: str  # the user's short name (the run's own name until renamed)
    note: str
    dataset: str  # the image folder it learned from
    dataset_fingerprint: str  # sha256 of the images it used ("" when its split.json is missing)
    test_key: str  # sha1 of its test images' paths ("" likewise)
    classes: tuple[str, ...]
    mode: str | None
    backbone: str | None
    image_size: int | None
    status: str
    test_accuracy: float | None
    accuracy_ci: tuple[float, float] | None
    settings: dict[str, str] = field(default_factory=dict)  # key settings, as text, in a fixed order

    @property
    def dataset_name(self) -> str:
        return Path(self.dataset).name if self.dataset else ""

    def to_dict(self) -> dict[str, Any]:
        doc = dict(self.__dict__)
        doc["classes"] = list(self.classes)
        doc["accuracy_ci"] = None if self.accuracy_ci is None else list(self.accuracy_ci)
        doc["settings"] = dict(self.settings)
        return doc


# ----------------------------------------------------------------------------- reading


def _meta_path(run: PathLike) -> Path:
    return Path(run) / META_FILE


def read_meta(run: PathLike) -> dict[str, Any]:
    """``meta.json`` of a run ({} when it has none or it is damaged: it only holds what can be
    computed again, and the user's name and note)."""
    path = _meta_path(run)
    if not path.is_file():
        return {}
    with contextlib.suppress(RunError):
        data = read_json(path, "run's name and note")
        if isinstance(data, dict):
            return data
    return {}


def _write_meta(run: PathLike, **changes: Any) -> dict[str, Any]:
    meta = {**read_meta(run), **changes}
    atomic_write_json(_meta_path(run), meta)
    return meta


def _records(split: Mapping[str, Any], parts: Sequence[str]) -> list[Mapping[str, Any]]:
    return [r for part in parts for r in (split.get(part) or ()) if isinstance(r, Mapping)]


def split_fingerprints(split: Mapping[str, Any], data_root: str) -> tuple[str, str]:
    """``(dataset_fingerprint, test_key)`` of a ``split.json`` (see the module docstring); real
    images only (synthetic training images are not part of the dataset)."""
    rows = []
    for record in _records(split, ("train", "val", "test")):
        path = str(record.get("path", ""))
        with contextlib.suppress(ValueError):  # another drive (Windows): the full path
            path = os.path.relpath(path, data_root) if data_root else path
        rows.append(f"{path.replace(os.sep, '/')}\0{record.get('class_name', '')}\0{record.get('size_bytes', '')}")
    dataset = hashlib.sha256("\n".join(sorted(rows)).encode("utf-8", "surrogateescape")).hexdigest()
    tests = sorted(str(r.get("path", "")) for r in _records(split, ("test",)))
    test_key = hashlib.sha1("\n".join(tests).encode("utf-8", "surrogateescape")).hexdigest()
    return dataset, test_key


def records_fingerprint(records: Iterable[Any], data_root: str) -> str:
    """The dataset fingerprint of a split made in this session (``Split`` records), as
    :func:`split_fingerprints` computes it from a saved ``split.json``."""
    split = {"train": [{"path": r.path, "class_name": r.class_name, "size_bytes": r.size_bytes} for r in records]}
    return split_fingerprints(split, data_root)[0]


def _fingerprints(run: RunFolder, data_root: str, meta: dict[str, Any], final: bool) -> tuple[str, str]:
    """The run's fingerprints from ``meta.json``, else from ``split.json`` (then kept in
    ``meta.json`` once the run has ended, when its split can no longer change)."""
    if isinstance(meta.get("dataset_fingerprint"), str) and isinstance(meta.get("test_key"), str):
        return meta["dataset_fingerprint"], meta["test_key"]
    if not run.split_path.is_file():
        return "", ""
    try:
        split = read_json(run.split_path, "split")
    except RunError:
        return "", ""
    if not isinstance(split, dict):
        return "", ""
    dataset, test_key = split_fingerprints(split, data_root)
    if final:
        with contextlib.suppress(RunError):  # a read-only workspace still lists its runs
            _write_meta(run.path, dataset_fingerprint=dataset, test_key=test_key)
    return dataset, test_key


def _text(value: Any) -> str:
    if value is None:
        return "default"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, (list, tuple)):
        return ", ".join(map(str, value)) or "none"
    return str(value)


def _augmentation(augment: Mapping[str, Any]) -> str:
    from tlstudio.core.config import AugmentSpec

    with contextlib.suppress(ConfigError, TypeError, ValueError):
        return ", ".join(AugmentSpec.from_dict(dict(augment)).active_operations()) or "none"
    return "unknown"


def key_settings(config: Mapping[str, Any]) -> dict[str, str]:
    """What a run was trained with, as short texts (the comparison shows those that differ)."""
    def part(name: str) -> dict[str, Any]:
        value = config.get(name)
        return value if isinstance(value, dict) else {}

    model, train, split, synthetic = part("model"), part("train"), part("split"), part("synthetic")
    head = model.get("head") if isinstance(model.get("head"), dict) else {}
    return {
        "weights": _text(model.get("weights") if model.get("weights") is not None else "random"),
        "cutoff": _text(model.get("cutoff")),
        "head": _text(head.get("dense")),
        "dropout": _text(head.get("dropout")),
        "epochs": _text(train.get("epochs")),
        "finetune_epochs": _text(train.get("finetune_epochs")),
        "batch_size": _text(train.get("batch_size")),
        "learning_rate": _text(train.get("learning_rate")),
        "lr_schedule": _text(train.get("lr_schedule")),
        "label_smoothing": _text(train.get("label_smoothing")),
        "class_weights": _text(train.get("class_weights")),
        "seed": _text(train.get("seed")),
        "augmentation": _augmentation(part("augment")),
        "augment_views": _text(train.get("augment_views")),
        "val_fraction": _text(split.get("val_fraction")),
        "test_fraction": _text(split.get("test_fraction")),
        "split_seed": _text(split.get("seed")),
        "train_per_class": _text(split.get("train_per_class") or "all"),
        "synthetic": _text(synthetic.get("set") or "none"),
    }


def _accuracy_ci(metrics: Mapping[str, Any]) -> tuple[float, float] | None:
    ci = metrics.get("accuracy_ci")
    if isinstance(ci, (list, tuple)) and len(ci) == 2 and all(isinstance(v, (int, float)) for v in ci):
        return float(ci[0]), float(ci[1])
    return None


def read_entry(path: PathLike, *, status: str | None = None, created: str | None = None) -> CatalogEntry:
    """The catalog entry of one run folder (``status`` and ``created`` as :func:`list_runs`
    found them; read from the folder when not given). RunError for a folder that is not a run."""
    run = RunFolder(path)
    config, state, metrics = run.read_config(), run.read_status(), run.read_metrics()
    meta = read_meta(run.path)
    model = config.get("model") if isinstance(config.get("model"), dict) else {}
    status = status or str(state.get("status", "unknown"))
    data = str(config.get("data") or "")
    dataset, test_key = _fingerprints(run, data, meta, final=status in ("finished", "cancelled", "failed"))
    size = metrics.get("image_size", model.get("image_size"))
    accuracy = metrics.get("accuracy")
    return CatalogEntry(
        id=run.id, path=str(run.path), created=created or str(state.get("created") or ""),
        name=str(meta.get("name") or state.get("name") or config.get("name") or run.id),
        note=str(meta.get("note") or ""), dataset=data, dataset_fingerprint=dataset, test_key=test_key,
        classes=tuple(run.read_classes()), mode=model.get("mode"), backbone=model.get("backbone"),
        image_size=int(size) if isinstance(size, (int, float)) else None, status=status,
        test_accuracy=float(accuracy) if isinstance(accuracy, (int, float)) else None,
        accuracy_ci=_accuracy_ci(metrics), settings=key_settings(config),
    )


def same_folder(a: PathLike, b: PathLike) -> bool:
    """True when ``a`` and ``b`` name the same folder (links and case as the system sees them)."""
    return os.path.normcase(os.path.realpath(os.path.expanduser(a))) == os.path.normcase(
        os.path.realpath(os.path.expanduser(b)))


def belongs_to(entry: CatalogEntry, data: PathLike, fingerprint: str = "") -> bool:
    """True when ``entry`` learned from the dataset ``data``: the same folder, or (a folder moved
    as a whole) the same images, by ``fingerprint`` (:func:`records_fingerprint`)."""
    if entry.dataset and same_folder(entry.dataset, data):
        return True
    return bool(fingerprint) and entry.dataset_fingerprint == fingerprint


def list_catalog(workspace: PathLike, data: PathLike | None = None, *, fingerprint: str = "") -> list[CatalogEntry]:
    """Every run of ``workspace``, newest first; with ``data``, only the runs of that dataset
    (:func:`belongs_to`). A run whose files cannot be read is left out (``tlstudio runs`` lists
    it as damaged through :func:`~tlstudio.core.outputs.runs.list_runs`)."""
    entries = []
    for summary in list_runs(workspace):
        if summary.status == "damaged":
            continue
        try:
            entry = read_entry(summary.path, status=summary.status, created=summary.created)
        except RunError:
            continue
        if data is None or belongs_to(entry, data, fingerprint):
            entries.append(entry)
    return entries


def find_run(workspace: PathLike, ref: PathLike) -> Path:
    """The run folder ``ref`` names: a folder path, a folder name of ``<workspace>/runs``, the
    start of one, or a run's name. RunError in plain words when none or several match."""
    candidate = Path(ref).expanduser()
    if candidate.is_dir() and (candidate / "config.json").is_file():
        return candidate
    text = str(ref)
    runs = list_runs(workspace)
    for match in ([r for r in runs if r.id == text], [r for r in runs if r.id.startswith(text)],
                  [r for r in runs if read_entry_name(r.path) == text]):
        if len(match) == 1:
            return Path(match[0].path)
        if len(match) > 1:
            raise RunError(f"{text!r} matches {len(match)} runs: {', '.join(r.id for r in match[:5])}.",
                           hint="Give the whole folder name (see `tlstudio runs`).")
    raise RunError(f"No run called {text!r} in {Path(workspace) / 'runs'}.",
                   hint="List the runs with `tlstudio runs` and give a folder name from it.")


def read_entry_name(path: PathLike) -> str:
    """The name the run list shows for a run (the user's, else the run's own)."""
    meta = read_meta(path)
    if meta.get("name"):
        return str(meta["name"])
    with contextlib.suppress(RunError):
        state = RunFolder(path).read_status()
        return str(state.get("name") or Path(path).name)
    return Path(path).name


# ----------------------------------------------------------------------------- editing


def _check_run(path: PathLike) -> RunFolder:
    run = RunFolder(Path(path).expanduser())
    if not run.path.is_dir() or not run.config_path.is_file():
        raise RunError(f"The folder {run.path} is not a run folder (it has no config.json).",
                       hint="Pick a run from the list (`tlstudio runs`).", path=str(run.path))
    return run


def rename_run(path: PathLike, name: str) -> CatalogEntry:
    """Give a run a short name (kept in its ``meta.json``; its folder keeps its name)."""
    run = _check_run(path)
    clean = " ".join(str(name).split())
    if not clean:
        raise ConfigError("A run's name cannot be empty.", hint="Type a few words, e.g. 'flowers, 96 px, augmented'.")
    if len(clean) > MAX_NAME:
        raise ConfigError(f"A run's name can have at most {MAX_NAME} characters. Received: {len(clean)} characters.",
                          hint="Put the longer text in the run's note.")
    _write_meta(run.path, name=clean)
    return read_entry(run.path)


def set_note(path: PathLike, note: str) -> CatalogEntry:
    """Keep a note with a run (what was tried, why); an empty note removes it."""
    run = _check_run(path)
    text = str(note).strip()
    if len(text) > MAX_NOTE:
        raise ConfigError(f"A note can have at most {MAX_NOTE} characters. Received: {len(text)} characters.")
    _write_meta(run.path, note=text)
    return read_entry(run.path)


def _check_deletable(run: RunFolder) -> None:
    """Refuse what is not a run folder of a workspace, a run still training, and any folder
    holding the dataset."""
    if run.path.parent.name != "runs":
        raise RunError(f"The folder {run.path} is not inside a workspace's runs folder; tlstudio only deletes "
                       "its own run folders.", path=str(run.path))
    status = run.read_status()
    if status.get("status") == "running" and process_alive(status) is not False:
        raise RunError(f"The run {run.id} is still training.", hint="Stop it first, then delete it.",
                       path=str(run.path))
    data = str(run.read_config().get("data") or "")
    if data and (is_inside(Path(data), run.path) or is_inside(run.path, Path(data))):
        raise RunError(f"The run folder {run.path} and the image folder {data} overlap; nothing was deleted.",
                       hint="Move the workspace out of the image folder and delete the run there.",
                       path=str(run.path))


def delete_run(path: PathLike, *, permanent: bool = False) -> str:
    """Delete a run folder: to the system trash (default), or for good with ``permanent``.
    Returns ``"trash"`` or ``"deleted"``. The dataset is never touched (see :func:`_check_deletable`)."""
    run = _check_run(path)
    _check_deletable(run)
    if not permanent:
        from send2trash import send2trash
        from send2trash.exceptions import TrashPermissionError

        try:
            send2trash(str(run.path))
        except (OSError, TrashPermissionError) as exc:
            raise RunError(f"The run folder {run.path} could not be moved to the trash ({exc}).",
                           hint="Delete it for good instead (in the app: Delete permanently; on the command "
                                "line: --permanent).", path=str(run.path), details=repr(exc)) from exc
        return "trash"
    try:
        shutil.rmtree(run.path)
    except OSError as exc:
        raise RunError(f"The run folder {run.path} could not be deleted ({exc.strerror or exc}).",
                       hint="Close any program using its files and try again.", path=str(run.path)) from exc
    return "deleted"


# ----------------------------------------------------------------------------- loading for the app


def load_result(path: PathLike) -> "RunResult":
    """A saved run as the :class:`~tlstudio.core.training.train.RunResult` it returned when it
    ended: its config, class names, history, test results, timings, notes and calibration summary."""
    from tlstudio.core.config import RunConfig
    from tlstudio.core.outputs.runs import load_run
    from tlstudio.core.training.train import RunResult

    run = load_run(path)
    metrics = run.metrics
    status = str(run.status.get("status", "unknown"))
    timings = metrics.get("timings") if isinstance(metrics.get("timings"), dict) else {}
    calibration = metrics.get("calibration") if isinstance(metrics.get("calibration"), dict) else None
    try:
        config = RunConfig.from_dict(run.config)
    except (ConfigError, TypeError, ValueError) as exc:
        raise RunError(f"The settings of the run {run.id} cannot be read ({exc}).",
                       hint="The run was made by another version of tlstudio, or its config.json is damaged.",
                       path=str(run.path)) from exc
    return RunResult(run.path, "finished" if run.evaluation is not None else status, config,
                     tuple(run.classes or (run.evaluation.class_names if run.evaluation else ())), run.history,
                     run.evaluation, {str(k): float(v) for k, v in timings.items() if isinstance(v, (int, float))},
                     tuple(str(n) for n in metrics.get("notes", ()) or ()), calibration=calibration)


@dataclass(frozen=True)
class SavedRun:
    """A run of the workspace as the app holds it: its catalog entry and its results."""

    entry: CatalogEntry
    result: "RunResult"


def load_saved_runs(workspace: PathLike, data: PathLike | None = None, *, fingerprint: str = "") -> list[SavedRun]:
    """The runs of :func:`list_catalog` with their results (newest first); a run that cannot be
    read back is left out."""
    found = []
    for entry in list_catalog(workspace, data, fingerprint=fingerprint):
        with contextlib.suppress(RunError):
            found.append(SavedRun(entry, load_result(entry.path)))
    return found


def differing_settings(entries: Sequence[CatalogEntry]) -> list[str]:
    """The keys of :func:`key_settings` whose values are not the same in every entry, in order."""
    if len(entries) < 2:
        return []
    keys = list(entries[0].settings)
    return [k for k in keys if len({e.settings.get(k, "") for e in entries}) > 1]
