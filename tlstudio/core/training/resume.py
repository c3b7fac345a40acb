"""Where a run stands, saved after every epoch so that an interrupted run continues from there.

``checkpoints/last.weights.h5`` holds the whole classifier's weights and ``checkpoints/state.json``
a :class:`ResumeState`: the phases finished, the phase under way and its finished epochs, every
history row so far and the run's notes. Both are written so that the previous checkpoint stays
whole until the new one is complete. An error while saving any of a run's files says how to go
on from the last checkpoint (:func:`saving`).
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator, Mapping, Sequence

from tlstudio.core.errors import RunError

if TYPE_CHECKING:
    import keras

    from tlstudio.core.outputs.runs import RunFolder

CHECKPOINTS_FOLDER = "checkpoints"
STATE_FILE = "state.json"
WEIGHTS_FILE = "last.weights.h5"


@dataclass(frozen=True)
class ResumeState:
    """Where a run stands: what ``checkpoints/state.json`` holds (JSON keys as the field names)."""

    phases_done: tuple[str, ...] = ()
    phase: str | None = None  # the phase under way, None between phases
    epochs_done: int = 0  # finished epochs of ``phase``
    rows: tuple[dict[str, Any], ...] = ()  # the history rows of every finished epoch, all phases
    notes: tuple[str, ...] = ()

    def start_epoch(self, phase: str) -> int:
        """The epoch ``phase`` starts from (0 when it has not begun), or -1 when it is finished."""
        if phase in self.phases_done:
            return -1
        return self.epochs_done if self.phase == phase else 0

    def after_epoch(self, phase: str, epoch: int, row: Mapping[str, Any], notes: tuple[str, ...]) -> "ResumeState":
        """The state once ``epoch`` of ``phase`` (from 1) has finished with history ``row``."""
        return replace(self, phase=phase, epochs_done=epoch, rows=(*self.rows, dict(row)), notes=tuple(notes))

    def after_phase(self, phase: str) -> "ResumeState":
        """The state once ``phase`` has finished."""
        return replace(self, phases_done=(*self.phases_done, phase), phase=None, epochs_done=0)

    def to_dict(self) -> dict[str, Any]:
        return {"phases_done": list(self.phases_done), "phase": self.phase, "epochs_done": self.epochs_done,
                "rows": [dict(r) for r in self.rows], "notes": list(self.notes)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "ResumeState":
        """Reads every ``state.json`` tlstudio wrote (a missing key takes its default)."""
        return cls(phases_done=tuple(data.get("phases_done") or ()), phase=data.get("phase"),
                   epochs_done=int(data.get("epochs_done") or 0), rows=tuple(dict(r) for r in data.get("rows") or ()),
                   notes=tuple(data.get("notes") or ()))


def can_resume(run_dir: Path | str) -> bool:
    """True when the run folder holds a checkpoint state to continue from."""
    return (Path(run_dir) / CHECKPOINTS_FOLDER / STATE_FILE).is_file()


class Checkpointer:
    """Per-epoch checkpoint of the whole classifier plus where the run stands (for resume)."""

    def __init__(self, run_dir: Path, model: "keras.Model | None") -> None:
        self.dir = Path(run_dir) / CHECKPOINTS_FOLDER
        self.model = model

    def save(self, state: ResumeState) -> None:
        """Save the weights and ``state`` so that the previous checkpoint stays whole until both
        new files are complete: both are written to temporary files first (this is where a full
        disk or a folder that cannot be written to fails, raising :class:`RunError`), then
        renamed, weights first (a crash between the renames leaves newer weights with the older
        state: resuming repeats one epoch, nothing is lost)."""
        from tlstudio.core.outputs.diskspace import ensure_room_for_weights
        from tlstudio.core.outputs.workspace import atomic_write_json

        weights = self.dir / WEIGHTS_FILE
        tmp = self.dir / f"last-{os.getpid()}.tmp.weights.h5"
        pending = self.dir / f".state-{os.getpid()}.pending.json"
        try:
            self.dir.mkdir(parents=True, exist_ok=True)
            ensure_room_for_weights(self.dir, self.model, tmp)  # HDF5 must never meet a full disk
            self.model.save_weights(tmp)
            atomic_write_json(pending, state.to_dict())
            os.replace(tmp, weights)
            os.replace(pending, self.dir / STATE_FILE)
        except BaseException as exc:
            for leftover in (tmp, pending):
                with contextlib.suppress(OSError):
                    leftover.unlink(missing_ok=True)
            cause = exc.__cause__ if isinstance(exc, RunError) else exc  # atomic_write_json wraps its OSError
            if isinstance(cause, OSError):
                raise save_failed(self.dir, cause, self.dir.parent, what="save the checkpoint in") from exc
            raise

    def load_state(self) -> ResumeState | None:
        """The saved state, None when the folder has no complete checkpoint."""
        path = self.dir / STATE_FILE
        if not path.exists() or not (self.dir / WEIGHTS_FILE).exists():
            return None
        return ResumeState.from_dict(json.loads(path.read_text()))

    def restore_weights(self) -> None:
        self.model.load_weights(self.dir / WEIGHTS_FILE)


def with_resume_advice(error: RunError, run_dir: Path) -> RunError:
    """``error`` (from saving a run's file) with how to go on: resume from the checkpoint."""
    if can_resume(run_dir):
        advice = ("Nothing finished is lost: the run folder keeps its last checkpoint, and the run continues from "
                  f"there with: tlstudio train --resume {run_dir}")
    else:
        advice = "No epoch had finished yet: start the run again once its files can be saved."
    if error.hint and advice in error.hint:
        return error
    return RunError(error.message, hint=f"{error.hint or ''} {advice}".strip(), path=error.path, details=error.details)


def save_failed(path: Path, exc: OSError, run_dir: Path, *, what: str = "save") -> RunError:
    """An OSError from saving one of a run's files, in plain words: the disk is full, the folder
    cannot be written to, or the system's reason; naming the file; saying how to go on."""
    from tlstudio.core.outputs.workspace import write_error

    return with_resume_advice(write_error(Path(path), exc, what=what), run_dir)


@contextlib.contextmanager
def saving(path: Path, run_dir: Path, what: str = "save") -> Iterator[None]:
    """Around writes into the run folder: an OSError becomes :func:`save_failed` naming
    ``path``; a :class:`RunError` from an atomic write gets the same advice."""
    try:
        yield
    except RunError as exc:
        advised = with_resume_advice(exc, run_dir)
        if advised is exc:
            raise
        raise advised from exc
    except OSError as exc:
        raise save_failed(path, exc, run_dir, what=what) from exc


def sync_history(run_folder: "RunFolder", rows: Sequence[Mapping[str, Any]]) -> None:
    """Make ``history.csv`` hold exactly the checkpoint's rows. A run that failed (or was
    killed) between saving its checkpoint and its history row gets the row back, never twice."""
    if not rows:
        return
    current: list | None = None
    with contextlib.suppress(RunError):  # a damaged file is rewritten
        current = run_folder.read_history().get("epoch", [])
    if current == [row.get("epoch") for row in rows]:
        return
    run_folder.write_history(rows)
