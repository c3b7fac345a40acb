"""What the app remembers between sessions: the workspace, the last dataset, the settings of the
tabs (split, model, training, augmentation and its preset), window layout, language.

A thin typed layer over :class:`QSettings`, so keys and types live in one place. Tests pass
their own ``QSettings`` (an INI file in ``tmp_path``) and never touch the user's settings.
"""

from __future__ import annotations

import json
from typing import Any

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

    # -- workspace and the tabs' settings -----------------------------------------------------
    @property
    def workspace(self) -> str:
        """The workspace folder chosen last ("": the default one)."""
        return str(self.store.value("workspace/folder", "") or "")

    @workspace.setter
    def workspace(self, path: str) -> None:
        self.store.setValue("workspace/folder", path)

    @property
    def compare_all(self) -> bool:
        """Compare shows the runs of every dataset (else those of the current one)."""
        return str(self.store.value("results/compare_all", "false")).lower() == "true"

    @compare_all.setter
    def compare_all(self, value: bool) -> None:
        self.store.setValue("results/compare_all", "true" if value else "false")

    def config(self, name: str) -> dict[str, Any] | None:
        """A tab's last settings (``split``, ``model``, ``train``, ``augment``) as the config's
        ``to_dict()``; None when never saved or unreadable."""
        text = self.store.value(f"settings/{name}", "")
        try:
            value = json.loads(str(text)) if text else None
        except ValueError:
            return None
        return value if isinstance(value, dict) else None

    def set_config(self, name: str, value: dict[str, Any]) -> None:
        self.store.setValue(f"settings/{name}", json.dumps(value))

    @property
    def augment_preset(self) -> str:
        return str(self.store.value("settings/augment_preset", "") or "")

    @augment_preset.setter
    def augment_preset(self, key: str) -> None:
        self.store.setValue("settings/augment_preset", key or "")

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
