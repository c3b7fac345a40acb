"""The Augmentation tab's actions: the augmentation, its presets and warnings, the preview of
variants, and the export of augmented copies."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from tlstudio.core.config import AugmentSpec
from tlstudio.gui import jobs


class AugmentStudio(QObject):
    """Actions of the Augmentation tab (``studio.augment``).

    ``exported(AugmentExport)``: augmented copies were written into the workspace (or the export
    stopped); ``export_progress(done, total)``: images done so far.
    """

    exported = Signal(object)
    export_progress = Signal(int, int)

    def __init__(self, studio: Any) -> None:
        super().__init__(studio)
        self.studio = studio
        self.state = studio.state
        self.preview_seed = 0
        self.preview_image = ""
        self.preview_count = 8
        self.preset: str | None = None  # the kind of images the augmentation was chosen for
        self.preview_jobs = studio.lane()
        self.export_jobs = studio.lane(self.tr("Could not write the augmented copies"))

    def set_augment(self, spec: AugmentSpec) -> None:
        self.state.set_augment(spec)
        self.request_preview()

    def set_augment_preset(self, key: str) -> None:
        """Apply a preset of core.augmentation.augment.PRESETS; its kind of images is kept for the warnings."""
        from tlstudio.core.augmentation.augment import get_preset

        self.preset = key
        self.set_augment(get_preset(key).spec)

    def augment_warnings(self) -> list[str]:
        """Sentences for the chosen operations that can change what an image shows."""
        from tlstudio.core.augmentation.augment import label_warnings

        classes = self.state.scan.classes if self.state.scan is not None else ()
        return label_warnings(self.state.augment, self.preset, classes)

    def export_augmented(self, copies: int) -> bool:
        """Write ``copies`` augmented copies of every image into the workspace (a cancellable job)."""
        if not self.state.data_path or not self.state.augment.changes_images:
            return False
        self.state.set_status(self.tr("Writing {0} augmented copies of each image…").format(copies))
        job = partial(jobs.export_augmented, self.state.data_path, self.state.augment, copies,
                      str(self.studio.workspace), self.preset)
        self.export_jobs.start(job, on_done=self._exported, on_progress=self._export_progress, cancellable=True)
        return True

    def cancel_augment_export(self) -> None:
        self.export_jobs.cancel()
        self.state.set_status(self.tr("Export of augmented copies stopped: nothing was kept."))

    def set_preview_image(self, path: str) -> None:
        self.preview_image = path
        self.request_preview()

    def forget_picture(self) -> None:
        """No preview picture (another dataset is opening: its first image becomes the next)."""
        self.preview_jobs.cancel()
        self.preview_image = ""
        self.state.set_preview([])

    def picture_folder(self) -> str:
        """Where "Choose picture…" opens: the preview picture's folder, else the dataset's."""
        return str(Path(self.preview_image).parent) if self.preview_image else self.state.data_path

    def set_preview_count(self, n: int) -> None:
        self.preview_count = n
        self.request_preview()

    def new_variants(self) -> None:
        self.preview_seed += 1
        self.request_preview()

    def request_preview(self) -> None:
        if not self.studio.tf_ready or not self.preview_image:
            return
        job = partial(jobs.augmentation_preview, self.preview_image, self.state.augment, self.preview_count,
                      self.preview_seed)
        self.preview_jobs.start(job, on_done=self.state.set_preview)

    # -- answers ------------------------------------------------------------------------------
    def _export_progress(self, done: int, total: int) -> None:
        self.state.set_status(self.tr("Augmented copies: {0} of {1} images done").format(done, total))
        self.export_progress.emit(int(done), int(total))

    def _exported(self, result: Any) -> None:
        if result.status == "finished":
            self.state.set_status(self.tr("{0} augmented copies written to {1}.").format(result.written, result.folder))
        self.exported.emit(result)
