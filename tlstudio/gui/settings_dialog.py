"""File → Settings…: the studio's own settings in one place (where runs are saved, the language).

The workspace folder and the language are also under File and Language; this dialog shows both
at once and applies them together when the user presses OK."""
from __future__ import annotations

from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel,
                               QLineEdit, QPushButton, QWidget)


class SettingsDialog(QDialog):
    """The workspace folder (typed or browsed) and the language; OK applies what changed."""

    def __init__(self, workspace: str, languages: dict[str, str], language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self.setMinimumWidth(560)
        form = QFormLayout(self)
        self.workspace_edit = QLineEdit(workspace)
        self.workspace_edit.setObjectName("settings_workspace")
        self.workspace_edit.setToolTip(self.tr("Runs, caches and exports are saved here; the app opens on it at the "
                                               "next start. Your image folders are never written to."))
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.workspace_edit, 1)
        row.addWidget(browse)
        form.addRow(self.tr("Workspace folder:"), row)
        self.language_box = QComboBox()
        self.language_box.setObjectName("settings_language")
        for code, name in languages.items():
            self.language_box.addItem(name, code)
        self.language_box.setCurrentIndex(max(0, self.language_box.findData(language)))
        form.addRow(self.tr("Language:"), self.language_box)
        note = QLabel(self.tr("A new language is used from the next start."))
        note.setWordWrap(True)
        form.addRow("", note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _browse(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Workspace folder (runs, caches, exports)"),
                                                self.workspace_edit.text())
        if path:
            self.workspace_edit.setText(path)

    def workspace(self) -> str:
        return self.workspace_edit.text().strip()

    def language(self) -> str:
        return str(self.language_box.currentData())
