"""The "Export model…" dialog of the Results panel: which formats to write.

Thin: one check box per format of ``core.outputs.export`` (the float formats ticked), OK and Cancel.
The studio runs the export (``Studio.export_model``) as a background job.
"""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from tlstudio.core.outputs.export_formats import FLOAT_FORMATS, FORMATS


class ExportDialog(QDialog):
    """Asks which formats to export; :meth:`formats` gives the ticked ones."""

    def __init__(self, run_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export model"))
        names = {
            "keras": self.tr("Keras (.keras): takes pictures of any size"),
            "savedmodel": self.tr("TensorFlow SavedModel"),
            "tflite": self.tr("TensorFlow Lite (phones, small devices)"),
            "tflite_int8": self.tr("TensorFlow Lite, 8-bit (smaller and faster, slightly different answers)"),
            "onnx": self.tr("ONNX (other runtimes and languages)"),
        }
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Export the model of {0}. Each file is loaded again and checked against the model "
                               "here; a labels file and a model card go beside them.").format(run_name))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.boxes: dict[str, QCheckBox] = {}
        for fmt in FORMATS:
            box = QCheckBox(names[fmt])
            box.setChecked(fmt in FLOAT_FORMATS)
            box.toggled.connect(self._update_ok)
            self.boxes[fmt] = box
            layout.addWidget(box)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Export"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def formats(self) -> tuple[str, ...]:
        """The ticked formats, in ``core.outputs.export.FORMATS`` order."""
        return tuple(fmt for fmt, box in self.boxes.items() if box.isChecked())

    def _update_ok(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.formats()))
