"""The Dataset tab's actions: open a folder (check, split, thumbnails), the split settings,
the duplicate check, the digits demo and the flower photos download."""

from __future__ import annotations

from dataclasses import replace
from functools import partial
from typing import Any

from PySide6.QtCore import QObject, Signal

from tlstudio.core.config import ModelConfig, ReadingConfig, SplitConfig
from tlstudio.gui import jobs

# The setup a first launch opens the bundled digits with: offline backbone, frozen, 96 px.
DEMO_MODEL = ModelConfig(backbone="efficientnet_lite0", mode="transfer", image_size=96)


class DatasetStudio(QObject):
    """Actions of the Dataset tab (``studio.dataset``).

    ``download_finished(path)``: the flower photos are in ``path``;
    ``download_progress(done, total)``: bytes of the download so far.
    """

    download_finished = Signal(str)

    def __init__(self, studio: Any) -> None:
        super().__init__(studio)
        self.studio = studio
        self.state = studio.state
        self.scan_jobs = studio.lane(self.tr("This folder cannot be used"))
        self.split_jobs = studio.lane(self.tr("Cannot split the images"))
        self.leakage_jobs = studio.lane()
        self.demo_jobs = studio.lane()
        self.download_jobs = studio.lane(self.tr("Download failed"))

    def open_demo(self) -> None:
        """Write the bundled digits into the workspace (once) and open them, ready to train."""
        self.state.set_model_config(DEMO_MODEL)
        self.state.set_train_config(replace(self.state.train_config, epochs=5))
        self.state.set_status(self.tr("Preparing the handwritten digits demo…"))
        self.demo_jobs.start(partial(jobs.ensure_demo, str(self.studio.workspace)), on_done=self._demo_ready)

    def download_flowers(self) -> None:
        self.state.set_status(self.tr("Downloading the flower photos…"))
        self.download_jobs.start(partial(jobs.download_flowers, str(self.studio.workspace)),
                                 on_done=self._downloaded, on_progress=self._download_progress, cancellable=True)

    def cancel_download(self) -> None:
        self.download_jobs.cancel()
        self.state.set_status(self.tr("Download cancelled."))

    def open_dataset(self, path: str) -> None:
        """Check the images of ``path`` (thread pool); the newest folder chosen wins."""
        path = str(path).strip()
        if not path:
            return
        if path != self.state.data_path:
            self.forget_dataset()
        self.state.set_data_path(path)
        self.state.set_scan(None)
        self.state.set_split(None)
        self.state.set_leakage(None)
        self.studio.settings.last_dataset = path
        self.state.set_status(self.tr("Checking the images in {0}…").format(path))
        self.scan_jobs.start(partial(jobs.scan_folder, path, self.state.split_config, self.state.reading),
                             on_done=self._scanned, cancellable=True)

    def set_reading(self, config: ReadingConfig) -> None:
        """Read DICOM files and 16-bit pictures this way, and check the folder again (frames change the images)."""
        changed = config != self.state.reading
        self.state.set_reading(config)
        if changed and self.state.data_path:
            self.open_dataset(self.state.data_path)

    def forget_dataset(self) -> None:
        """What belonged to the dataset open until now goes: the augmentation preview and its
        picture (the next folder's first image replaces it), the predictions of the Predict tab
        and, unless a run is going on, the last run's curves."""
        self.studio.augment.forget_picture()
        self.studio.predict.clear()
        if not self.state.running:
            self.state.start_history()

    def set_split_config(self, config: SplitConfig) -> None:
        self.state.set_split_config(config)
        if self.state.scan is not None:
            self.state.set_leakage(None)
            self.split_jobs.start(partial(jobs.split_scan, self.state.scan, config), on_done=self._split)

    def check_leakage(self) -> None:
        if self.state.split is not None:
            self.state.set_status(self.tr("Looking for the same picture in two splits…"))
            self.leakage_jobs.start(partial(jobs.leakage, self.state.split), on_done=self._leakage_found)

    # -- answers ------------------------------------------------------------------------------
    def _demo_ready(self, path: str) -> None:
        self.studio.settings.mark_launched()
        self.open_dataset(path)

    def _download_progress(self, done: int, total: int) -> None:
        self.state.download_progress.emit(int(done), int(total))

    def _downloaded(self, path: str) -> None:
        self.state.set_status(self.tr("The flower photos are in {0}.").format(path))
        self.download_finished.emit(path)
        self.open_dataset(path)

    def _scanned(self, outcome: jobs.ScanOutcome | None) -> None:
        if outcome is None:
            return
        self.state.set_scan(outcome.scan, outcome.thumbnails)
        self.state.set_split(outcome.split)
        scan = outcome.scan
        self.state.set_status(self.tr("{0} usable images in {1} classes; {2} skipped.").format(
            len(scan.records), len(scan.classes), len(scan.bad_files)))
        if not self.studio.augment.preview_image and scan.records:
            self.studio.augment.set_preview_image(scan.records[0].path)
        if outcome.split_error is not None:
            self.studio.show_error(outcome.split_error, self.tr("Cannot split the images"))
            return
        self.check_leakage()

    def _split(self, split: Any) -> None:
        self.state.set_split(split)
        self.check_leakage()

    def _leakage_found(self, pairs: tuple) -> None:
        self.state.set_leakage(pairs)
        self.state.set_status(self.tr("Duplicate check done: {0} pair(s) found.").format(len(pairs)))
