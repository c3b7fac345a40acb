"""What the app remembers between sessions: last dataset, window layout, language.

A thin typed layer over :class:`QSettings`, so keys and types live in one place. Tests pass
their own ``QSettings`` (an INI file in ``tmp_path``) and never touch the user's settings.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

ORGANIZATION = "tlstudio"
APPLICATION = "tlstudio"


class Settings:
    """Typed access to the persisted settings."""

    def __init__(self, store: QSettings | None = None) -> None:
        self.store = store if store is not None else QSettings(ORGANIZATION, APPLICATION)

    # -- dataset ------------------------------------------------------------------------------
    @property
    def last_dataset(self) -> str:
        return str(self.store.value("dataset/last", "") or "")

    @last_dataset.setter
    def last_dataset(self, path: str) -> None:
        self.store.setValue("dataset/last", path)

    @property
    def first_launch(self) -> bool:
        """True until the demo dataset has been offered once."""
        return str(self.store.value("app/first_launch_done", "false")).lower() != "true"

    def mark_launched(self) -> None:
        self.store.setValue("app/first_launch_done", "true")

    # -- window -------------------------------------------------------------------------------
    def window_geometry(self) -> QByteArray | None:
        value = self.store.value("window/geometry")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def window_state(self) -> QByteArray | None:
        value = self.store.value("window/state")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def save_window(self, geometry: QByteArray, state: QByteArray, tab: int) -> None:
        self.store.setValue("window/geometry", geometry)
        self.store.setValue("window/state", state)
        self.store.setValue("window/tab", tab)

    @property
    def tab(self) -> int:
        try:
            return int(self.store.value("window/tab", 0))
        except (TypeError, ValueError):
            return 0

    # -- language -----------------------------------------------------------------------------
    @property
    def language(self) -> str:
        """A locale name such as ``"en"`` or ``"pt_BR"``; empty means the system's language."""
        return str(self.store.value("app/language", "") or "")

    @language.setter
    def language(self, name: str) -> None:
        self.store.setValue("app/language", name)

    def sync(self) -> None:
        self.store.sync()
