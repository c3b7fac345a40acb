"""The main window: assembles the six panels, the menus and the status bar, and connects them."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QFileDialog, QLabel, QMainWindow, QMessageBox, QTabWidget, QVBoxLayout, QWidget

from tlstudio.gui.augment_panel import AugmentPanel
from tlstudio.gui.controller import Studio
from tlstudio.gui.dataset_panel import DatasetPanel
from tlstudio.gui.errors import ErrorReport, LogWindow, show_error
from tlstudio.gui.i18n import current_language
from tlstudio.gui.model_panel import ModelPanel
from tlstudio.gui.predict_panel import PredictPanel
from tlstudio.gui.results_panel import ResultsPanel
from tlstudio.gui.resume_banner import ResumeBanner
from tlstudio.gui.settings_dialog import SettingsDialog
from tlstudio.gui.synth_panel import SynthPanel
from tlstudio.gui.training_panel import TrainingPanel
from tlstudio.gui.widgets import icon


class MainWindow(QMainWindow):
    """Tabs for Dataset, Model, Augmentation, Synthetic images, Training, Results and Predict."""

    def __init__(self, studio: Studio, log_path: str, languages: dict[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.studio = studio
        self.log_path = log_path
        self.log_window: LogWindow | None = None
        self._uncaught_box: QMessageBox | None = None
        self.setWindowTitle(self.tr("tlstudio — train image classifiers with little data"))
        self.setWindowIcon(icon("tlstudio"))
        self.setMinimumSize(1024, 640)

        self.dataset = DatasetPanel(studio)
        self.model = ModelPanel(studio)
        self.augment = AugmentPanel(studio)
        self.synth = SynthPanel(studio)
        self.training = TrainingPanel(studio)
        self.results = ResultsPanel(studio)
        self.predict = PredictPanel(studio)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        for panel, name, title in ((self.dataset, "dataset", self.tr("1 · &Dataset")),
                                   (self.model, "model", self.tr("2 · &Model")),
                                   (self.augment, "augment", self.tr("3 · &Augmentation")),
                                   (self.synth, "synthetic", self.tr("4 · S&ynthetic images")),
                                   (self.training, "training", self.tr("5 · &Training")),
                                   (self.results, "results", self.tr("6 · &Results")),
                                   (self.predict, "predict", self.tr("7 · &Predict"))):
            self.tabs.addTab(panel, icon(name), title)
        self.resume_banner = ResumeBanner(studio)
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        column.addWidget(self.resume_banner)
        column.addWidget(self.tabs, 1)
        self.setCentralWidget(central)

        self.status_text = QLabel()
        self.device_text = QLabel()
        self.workspace_text = QLabel()  # where runs are saved, always in view
        self.workspace_text.setObjectName("workspace_text")
        self.statusBar().addWidget(self.status_text, 1)
        self.statusBar().addPermanentWidget(self.workspace_text)
        self.statusBar().addPermanentWidget(self.device_text)

        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self._action(file_menu, self.tr("&Open image folder…"), self.dataset.choose_folder, QKeySequence.StandardKey.Open)
        self._action(file_menu, self.tr("Open the &digits demo"), studio.dataset.open_demo)
        self._action(file_menu, self.tr("Download &flower photos"), studio.dataset.download_flowers)
        file_menu.addSeparator()
        self.workspace_action = self._action(file_menu, self.tr("&Workspace folder…"), self.choose_workspace)
        self.settings_action = self._action(file_menu, self.tr("&Settings…"), self.open_settings,
                                            QKeySequence.StandardKey.Preferences)
        file_menu.addSeparator()
        self._action(file_menu, self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit)
        run_menu = self.menuBar().addMenu(self.tr("&Run"))
        self._action(run_menu, self.tr("&Start training"), self.training.start, QKeySequence("Ctrl+R"))
        self._action(run_menu, self.tr("S&top"), studio.run.stop_run, QKeySequence("Ctrl+."))
        self._action(run_menu, self.tr("&Compare all three"), self.training.compare)
        self.languages = languages
        language_menu = self.menuBar().addMenu(self.tr("&Language"))
        self.language_actions: dict[str, QAction] = {}
        language_group = QActionGroup(self)  # one language checked at a time
        for code, name in languages.items():
            action = self._action(language_menu, name, lambda checked=False, c=code: self._set_language(c))
            action.setCheckable(True)
            action.setChecked(code == current_language())  # what is shown now (settings: from the next start)
            language_group.addAction(action)
            self.language_actions[code] = action
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self._action(help_menu, self.tr("Open &log"), self._open_log)
        self._action(help_menu, self.tr("&About tlstudio"), self._about)

        studio.state.status_changed.connect(self.status_text.setText)
        studio.state.device_changed.connect(self._show_device)
        studio.error.connect(self._show_error)
        studio.state.run_outcome.connect(self._run_ended)
        studio.state.running_changed.connect(self._run_started)
        studio.catalog.workspace_changed.connect(self._show_workspace)
        self._show_workspace(str(studio.workspace))

    def _action(self, menu, text: str, slot, shortcut=None) -> QAction:  # type: ignore[no-untyped-def]
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def restore(self) -> None:
        """Window size, splitter layout and tab from the last session."""
        settings = self.studio.settings
        geometry, state = settings.window_geometry(), settings.window_state()
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 720)
        if state is not None:
            self.restoreState(state)
        self.tabs.setCurrentIndex(settings.tab)

    @Slot(str)
    def _show_device(self, name: str) -> None:
        self.device_text.setText(self.tr("Device: {0}").format(name))

    @Slot(str)
    def _show_workspace(self, path: str) -> None:
        self.workspace_text.setText(self.tr("Workspace: {0}").format(path))
        self.workspace_text.setToolTip(self.tr("Runs, caches and exports are saved here. Change it with File → "
                                               "Workspace folder…"))
        self.workspace_action.setStatusTip(self.tr("Now: {0}").format(path))

    @Slot()
    def choose_workspace(self) -> None:
        """File → Workspace folder…: where runs are saved, from now on and at the next start."""
        path = QFileDialog.getExistingDirectory(self, self.tr("Workspace folder (runs, caches, exports)"),
                                                str(self.studio.workspace))
        if path:
            self.studio.catalog.set_workspace(path)

    @Slot()
    def open_settings(self) -> None:
        """File → Settings…: the workspace folder and the language together; OK applies what changed."""
        language = self.studio.settings.language or current_language()
        dialog = SettingsDialog(str(self.studio.workspace), self.languages, language, self)
        self.settings_dialog = dialog  # reachable while open (tests)
        if dialog.exec() != SettingsDialog.DialogCode.Accepted:
            return
        folder = dialog.workspace()
        if folder and folder != str(self.studio.workspace):
            self.studio.catalog.set_workspace(folder)
        if dialog.language() != language:
            self._set_language(dialog.language())

    @Slot(object, str)
    def _show_error(self, report: ErrorReport, title: str) -> None:
        show_error(self, report, title)

    @Slot(bool)
    def _run_started(self, running: bool) -> None:
        if running:
            self.tabs.setCurrentWidget(self.training)

    @Slot(str, str)
    def _run_ended(self, status: str, _message: str) -> None:
        if status == "finished":
            self.tabs.setCurrentWidget(self.results)

    @Slot()
    def _open_log(self) -> None:
        """The log in a window of the app (no file viewer needed), newest lines last."""
        if self.log_window is None:
            self.log_window = LogWindow(self.log_path, self)
        self.log_window.reload()
        self.log_window.show()
        self.log_window.raise_()

    @Slot(object)
    def show_uncaught(self, report: ErrorReport) -> None:
        """An exception nobody caught (already in the log): the plain dialog of a bug, one at a time."""
        if self._uncaught_box is not None and self._uncaught_box.isVisible():
            return
        self._uncaught_box = show_error(self, report, self.tr("Something went wrong"))

    @Slot()
    def _about(self) -> None:
        QMessageBox.about(self, self.tr("About tlstudio"), self.tr(
            "<b>tlstudio</b><br>Train image classifiers when data is scarce: augmentation, transfer learning "
            "and fine-tuning, side by side.<br><br>Workspace: {0}<br>Log file: {1}").format(
            self.studio.workspace, self.log_path))

    def _set_language(self, code: str) -> None:
        self.studio.settings.language = code
        if code in self.language_actions:
            self.language_actions[code].setChecked(True)
        QMessageBox.information(self, self.tr("Language"), self.tr("The new language is used from the next start."))

    def busy_question(self) -> str:
        """What closing now would stop, as the question to ask ("" when nothing is training)."""
        if self.studio.is_running() and self.studio.state.running:
            return self.tr("A model is training. Stop it and close tlstudio? The run folder keeps its last checkpoint.")
        if self.studio.synth.is_training():
            return self.tr("A generator is training (Synthetic images tab). Stop it and close tlstudio? Its folder "
                           "keeps its last checkpoint.")
        return ""

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        """Mid-run, ask first; then stop the run and wait for its thread before closing."""
        busy = self.busy_question()
        if busy:
            answer = QMessageBox.question(
                self, self.tr("Stop training?"), busy,
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
        self.status_text.setText(self.tr("Stopping…"))
        self.studio.shutdown()
        self.studio.settings.save_window(self.saveGeometry(), self.saveState(), self.tabs.currentIndex())
        self.studio.settings.sync()
        event.accept()
