"""The workspace and its run folders: everything a run writes, written so that nothing is lost.

A *workspace* is a folder of the user's (by default a per-user data folder) holding ``runs/``,
``cache/`` and ``exports/``. Each training run gets its own folder
``runs/<YYYYmmdd-HHMMSS>-<name>/``::

    config.json    the RunConfig (all that is needed to repeat the run)
    split.json     which files went to train / validation / test
    bad_files.json the files the check skipped, with the reason; findings.json what the check found
    status.json    created / running / finished / cancelled / failed, with timestamps (and, while
                   running, which process on which computer runs it)
    history.csv    one row per finished epoch
    classes.json   the class names, in the order of the model's outputs
    metrics.json   test results (accuracy with its interval, confusion matrix, per class...)
    model.keras    the trained classifier (raw images in, probabilities out)
    confusion.png  the confusion matrix as a picture
    calibration.json  temperature, calibration error before/after, the "uncertain" threshold
    reliability.png   the reliability diagram and the coverage/accuracy curve
    checkpoints/   the last checkpoint, for resuming a stopped run

Every file is written atomically (a temporary file in the same folder, flushed to disk, then
renamed over the old one), so a crash or a full disk never leaves a half-written file and never
destroys the previous version. The user's image folder is never written to: a workspace inside
it is refused.
"""

from __future__ import annotations

import contextlib
import csv
import os
import re
import tempfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Mapping, Sequence

from tlstudio.core.errors import RunError
from tlstudio.core.outputs.workspace import (
    STAMP_FORMAT,
    PathLike,
    atomic_write_json,
    atomic_write_text,
    csv_text,
    fsync_folder,
    new_stamped_folder,
    now_text,
    printable,
    process_alive,
    read_json,
    this_process,
    write_error,
)

if TYPE_CHECKING:
    import keras

    from tlstudio.core.evaluation.metrics import Evaluation

#: What ``status.json`` may say. ``created``: the folder exists, training has not started.
STATUSES: tuple[str, ...] = ("created", "running", "finished", "cancelled", "failed")
_TERMINAL = frozenset({"finished", "cancelled", "failed"})
#: How the run list shows a run whose status says "running" but whose process has ended
#: without saying so (killed, crashed, the computer lost power): it can be resumed.
INTERRUPTED = "interrupted"
_STAMP_RE = re.compile(r"^(\d{8}-\d{6})-")


# ----------------------------------------------------------------------------- run folders


def _parse_value(text: str) -> Any:
    """A history.csv cell back as int, float, None (empty) or text."""
    if text == "":
        return None
    for convert in (int, float):
        try:
            return convert(text)
        except ValueError:
            continue
    return text


class RunFolder:
    """One run's folder and the files in it (see the module docstring for the layout)."""

    def __init__(self, path: PathLike) -> None:
        self.path = Path(path)

    def __repr__(self) -> str:
        return f"RunFolder({str(self.path)!r})"

    @classmethod
    def create(cls, workspace: PathLike, config_dict: Mapping[str, Any], name: str, *,
               data_root: PathLike | None = None) -> "RunFolder":
        """Make ``<workspace>/runs/<YYYYmmdd-HHMMSS>-<name>/`` and write ``config.json``.

        The folder name is unique even when two runs start in the same second (``-2``,
        ``-3``... is appended). ``data_root`` is the user's image folder: a workspace inside
        it is refused, because tlstudio never writes into the dataset.
        """
        folder = new_stamped_folder(workspace, "runs", name, data_root=data_root, what="create the run folder")
        run = cls(folder)
        run.write_config(config_dict)
        atomic_write_json(run.status_path, {"status": "created", "name": name, "created": now_text()})
        return run

    # -- paths -----------------------------------------------------------------------------
    @property
    def id(self) -> str:
        """The folder name, e.g. ``20240501-142233-transfer-vgg16``."""
        return self.path.name

    @property
    def config_path(self) -> Path:
        return self.path / "config.json"

    @property
    def split_path(self) -> Path:
        return self.path / "split.json"

    @property
    def history_path(self) -> Path:
        return self.path / "history.csv"

    @property
    def metrics_path(self) -> Path:
        return self.path / "metrics.json"

    @property
    def status_path(self) -> Path:
        return self.path / "status.json"

    @property
    def classes_path(self) -> Path:
        return self.path / "classes.json"

    @property
    def model_path(self) -> Path:
        return self.path / "model.keras"

    @property
    def confusion_path(self) -> Path:
        return self.path / "confusion.png"

    @property
    def curves_path(self) -> Path:
        return self.path / "curves.png"

    @property
    def checkpoint_dir(self) -> Path:
        return self.path / "checkpoints"

    # -- writing ---------------------------------------------------------------------------
    def write_config(self, config_dict: Mapping[str, Any]) -> Path:
        return atomic_write_json(self.config_path, config_dict)

    def write_split(self, split_dict: Mapping[str, Any]) -> Path:
        return atomic_write_json(self.split_path, split_dict)

    def write_metrics(self, metrics: Mapping[str, Any]) -> Path:
        return atomic_write_json(self.metrics_path, metrics)

    def write_classes(self, class_names: Sequence[str]) -> Path:
        """``classes.json`` beside the model: the class names in the order of its outputs."""
        return write_classes_file(self.classes_path, class_names)

    def write_status(self, status: str, **extra: Any) -> Path:
        """Record where the run stands. Earlier fields (name, start time...) are kept;
        ``started`` is set when it starts running, ``ended`` when it finishes, is cancelled or
        fails."""
        if status not in STATUSES:
            raise ValueError(f"status must be one of {STATUSES}. Received: status={status!r}")
        record: dict[str, Any] = {}
        if self.status_path.exists():
            with contextlib.suppress(RunError):
                old = read_json(self.status_path, "status")
                if isinstance(old, dict):
                    record.update(old)
        now = now_text()
        record.update(extra)
        record["status"] = status
        record["updated"] = now
        record.setdefault("created", now)
        if status == "running":
            record["started"] = now
            record.pop("ended", None)
            record.update(this_process())
        elif status in _TERMINAL:
            record["ended"] = now
        return atomic_write_json(self.status_path, record)

    def append_history(self, row: Mapping[str, Any]) -> Path:
        """Add one epoch's row to ``history.csv``. The header is the union of the rows' keys in
        order of first appearance; the file is rewritten atomically each time."""
        rows = self._history_rows()
        rows.append({str(k): v for k, v in row.items()})
        return self.write_history(rows)

    def write_history(self, rows: Sequence[Mapping[str, Any]]) -> Path:
        """Write ``history.csv`` with exactly ``rows`` (header: the union of their keys in order
        of first appearance; None written as empty), atomically."""
        header: list[str] = []
        for r in rows:
            header.extend(k for k in r if k not in header)
        return atomic_write_text(self.history_path, csv_text(header, ([r.get(k) for k in header] for r in rows)))

    def save_model(self, model: "keras.Model") -> Path:
        """Save ``model`` as ``model.keras``: first to a temporary ``.keras`` file in the same
        folder, then renamed over the old one (a crash never leaves half a model)."""
        try:
            fd, tmp_name = tempfile.mkstemp(prefix=".model-", suffix=".keras", dir=self.path)
        except OSError as exc:  # a full disk or a folder that cannot be written to
            raise write_error(self.model_path, exc) from exc
        os.close(fd)
        try:
            model.save(tmp_name)
            os.replace(tmp_name, self.model_path)
        except BaseException as exc:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)
            if isinstance(exc, OSError):
                raise write_error(self.model_path, exc) from exc
            raise
        fsync_folder(self.path)
        return self.model_path

    def write_start(self, split_dict: Mapping[str, Any], class_names: Sequence[str], bad_files: Sequence[Any],
                    findings: Any = None) -> None:
        """A new run's split, class names, skipped files (``bad_files.json``; bytes that are not UTF-8
        written as the replacement character) and what the check found (``findings.json``)."""
        self.write_split(split_dict)
        self.write_classes(class_names)
        atomic_write_json(self.path / "bad_files.json", [{k: printable(v) for k, v in b.to_dict().items()}
                                                         for b in bad_files])
        findings is None or findings.save(self.path)

    def save_results(self, evaluation: "Evaluation", history: Mapping[str, list], calibration: Any,
                     metrics: dict[str, Any], *, before_metrics: Callable[[], None] = lambda: None) -> None:
        """A finished run's results: the confusion matrices, the curves, the calibration files
        (when ``calibration``; its summary goes into ``metrics``), then ``metrics.json`` and the
        status ``finished``. ``before_metrics()`` runs just before ``metrics.json`` is written."""
        from tlstudio.core.evaluation.metrics import save_confusion_png, save_curves_png

        save_confusion_png(evaluation, self.path / "confusion.png")
        save_confusion_png(evaluation, self.path / "confusion_normalized.png", normalized=True)
        save_curves_png(history, self.path / "curves.png")
        if calibration is not None:
            from tlstudio.core.evaluation.calibration_files import (
                RELIABILITY_FILE,
                save_calibration,
                save_reliability_png,
            )

            save_calibration(calibration, self.path)
            save_reliability_png(calibration, self.path / RELIABILITY_FILE)
            metrics["calibration"] = calibration.summary()
        before_metrics()
        self.write_metrics(metrics)
        self.write_status("finished", test_accuracy=evaluation.accuracy)

    # -- reading ---------------------------------------------------------------------------
    def _history_rows(self) -> list[dict[str, Any]]:
        if not self.history_path.exists():
            return []
        try:
            with self.history_path.open(newline="", encoding="utf-8") as fh:
                return [{k: _parse_value(v or "") for k, v in row.items()} for row in csv.DictReader(fh)]
        except (OSError, UnicodeDecodeError, csv.Error) as exc:
            raise RunError(f"The training history {self.history_path} is damaged and cannot be read.",
                           hint="The run folder is incomplete; start a new run.", path=str(self.history_path),
                           details=str(exc)) from exc

    def read_history(self) -> dict[str, list]:
        """``history.csv`` as columns: ``{"epoch": [1, 2], "loss": [0.9, 0.7], ...}`` (empty
        cells are ``None``, numbers are numbers)."""
        rows = self._history_rows()
        keys: list[str] = []
        for r in rows:
            keys.extend(k for k in r if k not in keys)
        return {k: [r.get(k) for r in rows] for k in keys}

    def read_config(self) -> dict[str, Any]:
        return _expect_dict(read_json(self.config_path, "run configuration"), self.config_path)

    def read_metrics(self) -> dict[str, Any]:
        """``metrics.json``, or ``{}`` while the run has no test results (running, cancelled)."""
        if not self.metrics_path.exists():
            return {}
        return _expect_dict(read_json(self.metrics_path, "results"), self.metrics_path)

    def read_status(self) -> dict[str, Any]:
        if not self.status_path.exists():
            return {}
        return _expect_dict(read_json(self.status_path, "status"), self.status_path)

    def read_classes(self) -> list[str]:
        return read_classes_file(self.classes_path) if self.classes_path.exists() else []


def _expect_dict(value: Any, path: Path) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise RunError(f"The file {path} does not hold what tlstudio wrote there.",
                       hint="The run folder is damaged; start a new run.", path=str(path))
    return value


def write_classes_file(path: PathLike, class_names: Sequence[str]) -> Path:
    """Write ``{"classes": [...]}`` (the model's output order) atomically."""
    names = [str(c) for c in class_names]
    return atomic_write_json(path, {"classes": names})


def read_classes_file(path: PathLike) -> list[str]:
    """Read a ``classes.json`` (``{"classes": [...]}``, or a plain list)."""
    path = Path(path)
    data = read_json(path, "class names")
    names = data.get("classes") if isinstance(data, dict) else data
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names) or not names:
        raise RunError(f"The class names file {path} is damaged (it should list the class names).",
                       hint="Keep the classes.json that was saved with the model, or train again.", path=str(path))
    return names


# ----------------------------------------------------------------------------- listing and loading


@dataclass(frozen=True)
class RunSummary:
    """One line of the run list."""

    id: str
    path: str
    name: str
    created: str  # ISO 8601 with time zone
    status: str
    mode: str | None
    backbone: str | None
    test_accuracy: float | None

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class LoadedRun:
    """A run read back from its folder."""

    path: Path
    config: dict[str, Any]
    metrics: dict[str, Any]
    history: dict[str, list]
    classes: list[str]
    status: dict[str, Any] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return self.path.name

    @property
    def folder(self) -> RunFolder:
        return RunFolder(self.path)

    @property
    def paths(self) -> dict[str, Path]:
        """The run's files that exist, by name (``"model"``, ``"confusion"``...)."""
        run = self.folder
        candidates = {
            "config": run.config_path, "split": run.split_path, "history": run.history_path,
            "metrics": run.metrics_path, "status": run.status_path, "classes": run.classes_path,
            "model": run.model_path, "confusion": run.confusion_path,
            "confusion_normalized": run.path / "confusion_normalized.png", "curves": run.curves_path,
            "calibration": run.path / "calibration.json", "reliability": run.path / "reliability.png",
            "checkpoints": run.checkpoint_dir,
        }
        return {k: p for k, p in candidates.items() if p.exists()}

    @property
    def model_path(self) -> Path | None:
        return self.paths.get("model")

    @property
    def test_accuracy(self) -> float | None:
        value = self.metrics.get("accuracy")
        return float(value) if isinstance(value, (int, float)) else None

    @property
    def evaluation(self) -> "Evaluation | None":
        """The test results as an :class:`~tlstudio.core.evaluation.metrics.Evaluation` (None before
        the run finished)."""
        if "confusion" not in self.metrics:
            return None
        from tlstudio.core.evaluation.metrics import Evaluation

        return Evaluation.from_dict(self.metrics)


def _created_from(folder: Path, status: Mapping[str, Any]) -> tuple[str, float]:
    """When a run was created, as ISO text and a sortable timestamp."""
    text = status.get("created")
    if isinstance(text, str):
        with contextlib.suppress(ValueError):
            return text, datetime.fromisoformat(text).timestamp()
    match = _STAMP_RE.match(folder.name)
    if match:
        with contextlib.suppress(ValueError):
            stamp = datetime.strptime(match.group(1), STAMP_FORMAT).astimezone()
            return stamp.isoformat(timespec="seconds"), stamp.timestamp()
    mtime = (folder / "config.json").stat().st_mtime
    return datetime.fromtimestamp(mtime).astimezone().isoformat(timespec="seconds"), mtime


def _summarise(folder: Path) -> tuple[RunSummary, tuple[float, int]]:
    run = RunFolder(folder)
    try:
        config = run.read_config()
        status = run.read_status()
        metrics = run.read_metrics()
        state = str(status.get("status", "unknown"))
        if state == "running" and process_alive(status) is False:
            state = INTERRUPTED
    except RunError:
        config, status, metrics, state = {}, {}, {}, "damaged"
    model = config.get("model") if isinstance(config.get("model"), dict) else {}
    created, stamp = _created_from(folder, status)
    accuracy = metrics.get("accuracy")
    summary = RunSummary(
        id=folder.name,
        path=str(folder),
        name=str(status.get("name") or config.get("name") or folder.name),
        created=created,
        status=state,
        mode=model.get("mode"),
        backbone=model.get("backbone"),
        test_accuracy=float(accuracy) if isinstance(accuracy, (int, float)) else None,
    )
    return summary, (stamp, run.config_path.stat().st_mtime_ns)


def list_runs(workspace: PathLike) -> list[RunSummary]:
    """Every run in ``<workspace>/runs``, newest first. Folders without a ``config.json`` are
    not runs and are left out; a run whose files cannot be read is listed as ``damaged``."""
    runs_dir = Path(workspace).expanduser() / "runs"
    if not runs_dir.is_dir():
        return []
    found = []
    for folder in runs_dir.iterdir():
        if folder.name.startswith(".") or not folder.is_dir() or not (folder / "config.json").is_file():
            continue
        found.append(_summarise(folder))
    found.sort(key=lambda item: (item[1], item[0].id), reverse=True)
    return [summary for summary, _ in found]


@dataclass(frozen=True)
class InterruptedRun:
    """A run whose process ended mid-training (killed, crashed, power lost) and that can
    continue from its last checkpoint (``train(..., resume=path)``)."""

    id: str
    path: str
    name: str
    mode: str | None
    backbone: str | None
    epochs_done: int
    epochs_planned: int
    stopped: str  # ISO 8601: when its last checkpoint was written

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def interrupted_runs(workspace: PathLike) -> list[InterruptedRun]:
    """The runs of ``workspace`` that were interrupted after at least one checkpoint, newest
    first: what the app offers to resume when it starts."""
    found = []
    for summary in list_runs(workspace):
        if summary.status != INTERRUPTED:
            continue
        checkpoints = Path(summary.path) / "checkpoints"
        state_path = checkpoints / "state.json"
        if not state_path.is_file() or not (checkpoints / "last.weights.h5").is_file():
            continue
        try:
            state = read_json(state_path, "checkpoint")
            config = RunFolder(summary.path).read_config()
        except RunError:
            continue
        train = config.get("train") if isinstance(config.get("train"), dict) else {}
        planned = int(train.get("epochs", 0) or 0)
        if summary.mode == "finetune":
            planned += int(train.get("finetune_epochs") or planned)
        rows = state.get("rows") if isinstance(state, dict) else None
        stopped = datetime.fromtimestamp(state_path.stat().st_mtime).astimezone().isoformat(timespec="seconds")
        found.append(InterruptedRun(id=summary.id, path=summary.path, name=summary.name, mode=summary.mode,
                                    backbone=summary.backbone, epochs_done=len(rows) if isinstance(rows, list) else 0,
                                    epochs_planned=planned, stopped=stopped))
    return found


def mark_not_resumed(path: PathLike) -> Path:
    """The user chose not to resume an interrupted run: it is listed as cancelled from now on
    (its checkpoint stays, so ``tlstudio train --resume`` can still continue it)."""
    return RunFolder(path).write_status("cancelled", reason="interrupted (the program ended mid-run); not resumed")


def load_run(path: PathLike) -> LoadedRun:
    """Read a run folder back (config, results, history, class names, status).

    Raises :class:`RunError` in plain words when the folder does not exist, is not a run
    folder (no ``config.json``), or a file in it is damaged. A stopped run has no results yet:
    its ``metrics`` is ``{}``.
    """
    folder = Path(path).expanduser()
    if not folder.is_dir():
        raise RunError(f"The run folder {folder} does not exist.",
                       hint="It may have been moved or deleted; pick a run from the list.", path=str(folder))
    run = RunFolder(folder)
    if not run.config_path.is_file():
        raise RunError(f"The folder {folder} is not a complete run: its config.json is missing.",
                       hint="Pick a run folder made by tlstudio, or start a new run.", path=str(folder))
    return LoadedRun(path=folder, config=run.read_config(), metrics=run.read_metrics(),
                     history=run.read_history(), classes=run.read_classes(), status=run.read_status())


# ----------------------------------------------------------------------------- comparison


_MODE_LABELS = {"scratch": "scratch CNN", "transfer": "transfer (frozen)", "finetune": "fine-tuned"}


def comparison_table(runs: Iterable[LoadedRun | PathLike]) -> list[dict[str, Any]]:
    """One row per run for a side-by-side comparison: ``run``, ``model`` (a label),
    ``mode``, ``backbone``, ``epochs`` (finished epochs, all phases), ``test_accuracy``,
    ``accuracy_ci`` ([low, high] or None), ``balanced_accuracy``, ``train_time_s``."""
    rows = []
    for item in runs:
        run = item if isinstance(item, LoadedRun) else load_run(item)
        model = run.config.get("model") if isinstance(run.config.get("model"), dict) else {}
        mode = run.metrics.get("mode", model.get("mode"))
        backbone = run.metrics.get("backbone", model.get("backbone"))
        ci = run.metrics.get("accuracy_ci")
        timings = run.metrics.get("timings") if isinstance(run.metrics.get("timings"), dict) else {}
        balanced = run.metrics.get("balanced_accuracy")
        total = timings.get("total")
        rows.append({
            "run": run.id,
            "model": f"{_MODE_LABELS.get(str(mode), str(mode))}: {backbone}",
            "mode": mode,
            "backbone": backbone,
            "status": str(run.status.get("status", "unknown")),
            "epochs": len(run.history.get("epoch", [])),
            "test_accuracy": run.test_accuracy,
            "accuracy_ci": [float(ci[0]), float(ci[1])] if isinstance(ci, (list, tuple)) and len(ci) == 2 else None,
            "balanced_accuracy": float(balanced) if isinstance(balanced, (int, float)) else None,
            "train_time_s": float(total) if isinstance(total, (int, float)) else None,
        })
    return rows


def _percent(value: float | None) -> str:
    return "" if value is None else f"{value:.1%}"


def format_table(rows: Sequence[Mapping[str, Any]]) -> str:
    """The comparison rows as an aligned plain-text table (also valid Markdown)::

        | model                    | epochs | test accuracy | 95% interval  | balanced accuracy | train time |
        |--------------------------|-------:|--------------:|---------------|------------------:|-----------:|
        | scratch CNN: scratch_cnn |      5 |         54.0% | 51.1% – 57.0% |             53.2% |      41 s |
    """
    header = ["model", "epochs", "test accuracy", "95% interval", "balanced accuracy", "train time"]
    right = [False, True, True, False, True, True]
    body = []
    for row in rows:
        ci = row.get("accuracy_ci")
        seconds = row.get("train_time_s")
        accuracy = row.get("test_accuracy")
        body.append([
            str(row.get("model") or f"{row.get('mode')}: {row.get('backbone')}"),
            str(row.get("epochs", "")),
            _percent(accuracy) if accuracy is not None else str(row.get("status", "")),
            f"{ci[0]:.1%} – {ci[1]:.1%}" if ci else "",
            _percent(row.get("balanced_accuracy")),
            "" if seconds is None else f"{seconds:.0f} s",
        ])
    widths = [max(len(r[i]) for r in [header, *body]) for i in range(len(header))]

    def line(cells: Sequence[str]) -> str:
        padded = [c.rjust(w) if r else c.ljust(w) for c, w, r in zip(cells, widths, right)]
        return "| " + " | ".join(padded) + " |"

    rule = "|" + "|".join(("-" * (w + 1) + ":") if r else "-" * (w + 2) for w, r in zip(widths, right)) + "|"
    return "\n".join([line(header), rule, *(line(r) for r in body)])
