"""What the check found before a run, shown on the Results page beside its accuracy.

Reads the run's ``findings.json`` (:mod:`tlstudio.core.data.findings`) when a run is shown; each
finding says what it means for the figures, a tiny test class with its measured recall and
interval. Hidden for a run without findings (or made before runs recorded them).
"""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QGroupBox, QLabel, QVBoxLayout, QWidget

from tlstudio.core.data.findings import load_findings, run_finding_parts
from tlstudio.gui.core_texts import core_text


class FindingsView(QGroupBox):
    """The findings of the run shown (``state.current_result``), one paragraph each."""

    def __init__(self, state: Any, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("What the check found"), parent)
        self.setObjectName("findings")
        self.text = QLabel()
        self.text.setObjectName("findings_text")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        self.lines: list[str] = []
        self.setVisible(False)
        state.current_result_changed.connect(self.show_result)

    @Slot(object)
    def show_result(self, result: Any) -> None:
        run_dir = getattr(result, "run_dir", None)
        findings = None if run_dir is None else load_findings(run_dir)
        if findings is None or not findings.findings:
            self.lines = []
            self.setVisible(False)
            return
        ev = getattr(result, "evaluation", None)
        per_class = [] if ev is None else [c.to_dict() for c in ev.per_class]
        self.lines = [f"{core_text(text)} {core_text(meaning)}".strip()
                      for text, meaning in run_finding_parts(findings, per_class)]
        self.text.setText(self.tr("Read the figures with these in mind:") + "<ul>"
                          + "".join(f"<li>{escape(line)}</li>" for line in self.lines) + "</ul>")
        self.setVisible(True)
