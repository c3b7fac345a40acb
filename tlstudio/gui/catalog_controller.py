"""The workspace's saved runs in the app (``studio.catalog``): read back at start-up and when a
dataset opens, so the Results run list holds every finished run of the current dataset (newest
first) and Compare those runs or, by choice, every dataset's; rename, note and delete a run; the
workspace folder itself, shown and changed.

Reading the runs back is a job of the pool (many runs' results are many files); renaming and
notes write one small file (core.outputs.catalog, atomic) on the spot.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from tlstudio.core.errors import TlStudioError
from tlstudio.core.outputs.catalog import (
    SavedRun,
    belongs_to,
    delete_run,
    load_saved_runs,
    read_entry,
    records_fingerprint,
    rename_run,
    set_note,
)


class CatalogStudio(QObject):
    """The saved runs of the workspace and what the user does with them.

    ``workspace_changed(path)``: the studio now works in another workspace folder;
    ``loaded()``: the saved runs were read (again).
    """

    workspace_changed = Signal(str)
    loaded = Signal()

    def __init__(self, studio: Any) -> None:
        super().__init__(studio)
        self.studio = studio
        self.state = studio.state
        self.saved: list[SavedRun] = []
        self.compare_all = studio.settings.compare_all
        self.load_jobs = studio.lane(self.tr("Could not read the saved runs"))
        self.delete_jobs = studio.lane(self.tr("Could not delete the run"))
        self._fingerprint: tuple[Any, str] = (None, "")
        self.state.data_path_changed.connect(self.reload)
        self.state.split_changed.connect(self._publish)

    # -- reading ------------------------------------------------------------------------------
    def reload(self, *_: Any) -> None:
        """Read every saved run of the workspace again (a job); the lists follow when done."""
        self.load_jobs.start(partial(load_saved_runs, str(self.studio.workspace)), on_done=self._loaded)

    def _loaded(self, found: list[SavedRun]) -> None:
        """Finished runs read from disk (a stopped run has no results to show; `tlstudio runs` lists
        it); a run object already shown (just trained) is kept as it is."""
        known = {s.entry.path: s for s in self.saved}
        merged = [SavedRun(s.entry, known[s.entry.path].result) if s.entry.path in known else s
                  for s in found if s.result.evaluation is not None]
        paths = {s.entry.path for s in merged}
        extra = [s for s in self.saved if s.entry.path not in paths and Path(s.entry.path).is_dir()]
        self.saved = sorted(merged + extra, key=lambda s: s.entry.created, reverse=True)
        self._publish()
        self.loaded.emit()

    def add(self, results: list) -> None:
        """Runs just trained, newest first at the top of the lists."""
        new = [SavedRun(self._entry(r), r) for r in results if getattr(r, "evaluation", None) is not None]
        self.saved = [*reversed(new), *self.saved]
        self._publish()

    def _entry(self, result: Any) -> Any:
        try:
            return read_entry(result.run_dir)
        except (TlStudioError, OSError, TypeError):  # a run the studio made without a folder (tests)
            from tlstudio.core.outputs.catalog import CatalogEntry
            from tlstudio.core.outputs.workspace import now_text

            model = result.config.model
            ev = result.evaluation
            return CatalogEntry(id=Path(str(result.run_dir or "run")).name, path=str(result.run_dir or ""),
                                created=now_text(), name=result.config.name or Path(str(result.run_dir)).name,
                                note="", dataset=result.config.data, dataset_fingerprint="", test_key="",
                                classes=tuple(result.class_names), mode=model.mode, backbone=model.backbone,
                                image_size=model.image_size, status=result.status, test_accuracy=ev.accuracy,
                                accuracy_ci=tuple(ev.accuracy_ci))

    def fingerprint(self) -> str:
        """The current split's dataset fingerprint (a dataset moved as a whole keeps its runs)."""
        split = self.state.split
        if split is None:
            return ""
        if self._fingerprint[0] is not split:
            records = [*split.train, *split.val, *split.test]
            self._fingerprint = (split, records_fingerprint(records, self.state.data_path))
        return self._fingerprint[1]

    def current_runs(self) -> list[SavedRun]:
        """The saved runs of the current dataset, newest first."""
        data = self.state.data_path
        if not data:
            return []
        fingerprint = self.fingerprint()
        return [s for s in self.saved if belongs_to(s.entry, data, fingerprint)]

    def entry(self, result: Any) -> Any:
        """The catalog entry of a result in the lists (None when it has none)."""
        return next((s.entry for s in self.saved if s.result is result), None)

    def _publish(self, *_: Any) -> None:
        mine = self.current_runs()
        self.state.set_results([s.result for s in mine])
        self.state.set_compare_runs(list(self.saved) if self.compare_all else mine)
        current = self.state.current_result
        if mine and (current is None or all(s.result is not current for s in mine)):
            self.studio.results.show_result(mine[0].result)
        elif not mine and current is not None:
            self.studio.results.show_result(None)

    # -- editing ------------------------------------------------------------------------------
    def set_compare_all(self, show_all: bool) -> None:
        self.compare_all = bool(show_all)
        self.studio.settings.compare_all = self.compare_all
        self._publish()

    def _replace(self, path: str, entry: Any) -> None:
        self.saved = [SavedRun(entry, s.result) if s.entry.path == path else s for s in self.saved]
        self._publish()

    def rename(self, path: str, name: str) -> bool:
        """Give the run in ``path`` a short name (False, and a dialog, when it cannot be)."""
        try:
            entry = rename_run(path, name)
        except TlStudioError as exc:
            self.studio.show_error(exc, self.tr("Could not rename the run"))
            self._publish()  # the table shows the old name again
            return False
        self._replace(path, entry)
        return True

    def set_note(self, path: str, note: str) -> bool:
        try:
            entry = set_note(path, note)
        except TlStudioError as exc:
            self.studio.show_error(exc, self.tr("Could not save the note"))
            return False
        self._replace(path, entry)
        return True

    def delete(self, path: str, *, permanent: bool = False) -> None:
        """Delete the run in ``path`` (to the trash, or for good) as a job; never the dataset."""
        self.state.set_status(self.tr("Deleting the run {0}…").format(Path(path).name))
        self.delete_jobs.start(partial(delete_run, path, permanent=permanent),
                               on_done=lambda outcome: self._deleted(path, outcome))

    def _deleted(self, path: str, outcome: str) -> None:
        self.saved = [s for s in self.saved if s.entry.path != path]
        if self.state.current_result is not None and str(self.state.current_result.run_dir) == path:
            self.studio.results.show_result(None)
        self._publish()
        self.state.set_status(self.tr("Moved {0} to the trash.").format(path) if outcome == "trash"
                              else self.tr("Deleted {0}.").format(path))

    # -- the workspace ------------------------------------------------------------------------
    def set_workspace(self, path: str) -> bool:
        """Work in another workspace folder from now on (and at the next start): its runs are
        read, its interrupted runs offered. Refused while a model trains."""
        from tlstudio.core.outputs.workspace import ensure_workspace, is_inside

        if self.studio.is_running() or self.studio.synth.is_training():
            self.studio.show_error(TlStudioError(self.tr("A model is training."),
                                                 hint=self.tr("Change the workspace when it has finished.")),
                                   self.tr("Could not change the workspace"))
            return False
        data = self.state.data_path
        try:
            if data and is_inside(Path(path).expanduser(), Path(data)):
                raise TlStudioError(self.tr("The workspace cannot be inside the image folder {0}: tlstudio never "
                                            "writes into the dataset.").format(data),
                                    hint=self.tr("Choose a folder outside it."))
            folder = ensure_workspace(Path(path))
        except TlStudioError as exc:
            self.studio.show_error(exc, self.tr("Could not change the workspace"))
            return False
        self.studio.workspace = folder
        self.studio.settings.workspace = str(folder)
        self.saved = []
        self._publish()
        self.reload()
        self.studio.run.check_interrupted()
        self.state.set_status(self.tr("Workspace: {0}").format(folder))
        self.workspace_changed.emit(str(folder))
        return True
