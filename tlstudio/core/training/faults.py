"""Faults a run meets, in plain words: running out of memory, a loss that diverged, an image
that can no longer be read (saving errors: :mod:`tlstudio.core.training.resume`). Each says what happened, which file,
and how to go on (usually: resume from the last checkpoint)."""

from __future__ import annotations

import math
import os
import re
from pathlib import Path

from tlstudio.core.config import RunConfig
from tlstudio.core.errors import DatasetError, RunError, TlStudioError
from tlstudio.core.training.events import PHASE_WORDS
from tlstudio.core.training.resume import can_resume

#: Exception class names that mean "out of memory": TensorFlow's ResourceExhaustedError,
#: PyTorch's OutOfMemoryError (``torch.OutOfMemoryError``, ``torch.cuda.OutOfMemoryError``).
_OOM_CLASS_NAMES = frozenset({"ResourceExhaustedError", "OutOfMemoryError"})
#: Messages that mean "out of memory" when the class does not say it: PyTorch's RuntimeError
#: "CUDA out of memory" / "CUDA error: out of memory" / "MPS backend out of memory", JAX's
#: XlaRuntimeError "RESOURCE_EXHAUSTED: Out of memory...", TensorFlow's "OOM when allocating"
#: and "Dst tensor is not initialized" (a GPU copy that found no memory), cuDNN/cuBLAS
#: "..._STATUS_ALLOC_FAILED".
_OOM_MESSAGE = re.compile(r"out of memory|RESOURCE_EXHAUSTED|OOM when allocating|Dst tensor is not initialized|"
                          r"STATUS_ALLOC_FAILED", re.IGNORECASE)
#: An OSError's text inside another error (TensorFlow passes on the text of an error raised
#: while its pipeline decoded an image): "[Errno 2] No such file or directory: '/a/b.jpg'".
_OS_ERROR_IN_TEXT = re.compile(r"\[Errno (\d+)\] ([^:\n]*): '([^'\n]+)'")


def is_out_of_memory(exc: BaseException) -> bool:
    """True when ``exc`` (or what caused it) says the computer or the GPU ran out of memory.

    Works for every Keras backend without importing any: Python's ``MemoryError``, and the
    backends' errors recognised by class name and message. tlstudio's own errors never count
    (tlstudio has already decided what those mean)."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen and not isinstance(current, TlStudioError):
        seen.add(id(current))
        if isinstance(current, MemoryError) or any(cls.__name__ in _OOM_CLASS_NAMES for cls in type(current).__mro__):
            return True
        if _OOM_MESSAGE.search(str(current)[:4000]):
            return True
        current = current.__cause__ or current.__context__
    return False


def diverged_error(phase: str, problem: tuple[int, int, float], epochs: int, steps: int,
                   learning_rate: float) -> RunError:
    """The run's error when the loss became NaN or infinite (what, where, why, what to do)."""
    epoch, batch, value = problem
    what = "NaN (not a number)" if math.isnan(value) else "infinite"
    where = PHASE_WORDS.get(phase, phase)
    return RunError(
        f"Training stopped because the loss became {what} in epoch {epoch} of {epochs}, batch {batch} of {steps} "
        f"({where}): the model diverged and cannot learn from there.",
        hint=(f"The learning rate ({learning_rate:g}) is probably too high for these images, or some images are "
              f"broken. Start a new run with a lower learning rate, for example {learning_rate / 10:g} (a tenth), "
              "and check the images. The run folder keeps the epochs finished before this one."),
        details=f"loss={value!r} at phase={phase!r}, epoch={epoch}, batch={batch}")


def _inside(path: str | Path, folder: str | Path) -> bool:
    a = os.path.normcase(os.path.abspath(path))
    b = os.path.normcase(os.path.abspath(folder)).rstrip(os.sep)
    return a == b or a.startswith(b + os.sep)


def _unreadable_path(exc: BaseException) -> tuple[str | None, str]:
    """(the image path ``exc`` names, the system's reason) — (None, "") when it names none."""
    if isinstance(exc, OSError) and exc.filename:
        return os.fsdecode(exc.filename), exc.strerror or ""
    if isinstance(exc, DatasetError):
        return exc.path, ""
    if not isinstance(exc, TlStudioError):
        found = _OS_ERROR_IN_TEXT.search(str(exc)[:20000])
        if found:
            return found.group(3), found.group(2)
    return None, ""


def unreadable_image(exc: BaseException, config: RunConfig, run_dir: Path) -> RunError | None:
    """``exc`` in plain words when it means an image of the run could not be read any more (the
    image folder moved, renamed or removed mid-run, its drive disconnected, a file deleted);
    None when it means something else.

    Recognised: an OSError naming a file in the image folder (Pillow, in the feature pass), the
    same text inside a backend's error (``tf.data`` reading images for training), the
    DatasetError of an image that is gone, and any error of a run whose image folder is gone."""
    data = Path(config.data)
    path, reason = _unreadable_path(exc)
    if path is not None and not _inside(path, data):
        return None
    if path is not None and os.path.normcase(os.path.abspath(path)) == os.path.normcase(os.path.abspath(data)):
        path = None  # about the folder itself: only a folder that is gone is this function's business
    if path is None and (isinstance(exc, TlStudioError) or data.is_dir()):
        return None
    if not data.is_dir():
        message = (f"The image folder {data} is no longer there"
                   + (f", so {path} could not be read" if path else "")
                   + ": it seems to have been moved, renamed or removed, or its drive was disconnected, while the "
                     "run was using it.")
        fix = "Put the folder back where it was (or reconnect the drive)"
    elif not os.path.exists(path):
        message = (f"The image {path} could not be read: it seems to have been moved, renamed or deleted while the "
                   "run was using it.")
        fix = "Put the image back where it was"
    else:
        message = f"The image {path} could not be read while the run was using it ({reason or 'read error'})."
        fix = "Make sure the image can be read (permissions, the drive)"
    if can_resume(run_dir):
        hint = (f"{fix}, then resume the run from its last checkpoint: tlstudio train --resume {run_dir} "
                "(or start a new run).")
    else:
        hint = f"{fix}, then start the run again."
    return RunError(message, hint=hint, path=path or str(data), details=f"{type(exc).__name__}: {exc}"[:4000])


def describe_failure(exc: BaseException) -> str:
    """``exc`` as the one line ``status.json`` keeps of a failure."""
    return f"{type(exc).__name__}: {exc}"[:2000]


