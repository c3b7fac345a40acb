"""Errors meant for people: what went wrong, which file, what to do.

Every error tlstudio raises on purpose is a :class:`TlStudioError`. Its ``str()`` is a
complete sentence a clinician can act on; ``hint`` says what to do; ``path`` names the
file or folder involved, when there is one. The GUI shows ``message`` and ``hint`` and
folds the technical ``details`` away; the CLI prints them and exits with ``exit_code``.
"""

from __future__ import annotations


class TlStudioError(Exception):
    """Base class for errors with a plain-words message."""

    exit_code = 1

    def __init__(
        self, message: str, *, hint: str | None = None, path: str | None = None, details: str | None = None
    ) -> None:
        self.message = message
        self.hint = hint
        self.path = None if path is None else str(path)
        self.details = details
        super().__init__(self.full_message())

    def full_message(self) -> str:
        text = self.message
        if self.hint:
            text = f"{text} {self.hint}"
        return text

    def to_dict(self) -> dict[str, str | None]:
        return {
            "error": type(self).__name__,
            "message": self.message,
            "hint": self.hint,
            "path": self.path,
        }


class ConfigError(TlStudioError, ValueError):
    """A setting has a value that cannot work (message says which and what was received)."""

    exit_code = 2


class DatasetError(TlStudioError):
    """The image folder cannot be used as it is (missing, empty class, no images...)."""

    exit_code = 3


class WeightsError(TlStudioError):
    """Pretrained weights are missing, corrupt or do not match the backbone."""

    exit_code = 4


class RunError(TlStudioError):
    """A run folder is missing, incomplete or cannot be written."""

    exit_code = 5


class ExportError(TlStudioError):
    """A model export could not be written, or it does not give the in-app model's answers."""

    exit_code = 6
