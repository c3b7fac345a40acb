"""A scripted session of the studio, as a user clicks through it: open datasets, switch backbones
and modes, train, stop, compare, look at the results, predict, switch the language, restart.

``tests/gui/test_long_session.py`` runs a short one; ``scripts/long_session.py`` runs one for as
long as asked (30 minutes for the reliability check) under a real or virtual display. Both count
what must never happen: an exception nobody caught (it reaches the log as "Unexpected error"
through :class:`tlstudio.gui.errors.UncaughtErrors`). Dialogs that open on the way (a plain error,
the language notice) are answered as a user would, and counted.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QEventLoop, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from tlstudio.gui import i18n
from tlstudio.gui.app import create_window
from tlstudio.gui.errors import uncaught_errors
from tlstudio.gui.settings import Settings

#: Backbones the session switches between: weights that need no network, or random ones.
BACKBONES = ("efficientnet_lite0", "mobilenet_v2", "scratch_cnn")
MODES = ("scratch", "transfer", "finetune")


def wait_until(condition: Callable[[], bool], timeout_s: float) -> bool:
    """Run the event loop until ``condition()`` holds or ``timeout_s`` pass; True when it holds."""
    deadline = time.monotonic() + timeout_s
    loop = QEventLoop()
    timer = QTimer()
    timer.setInterval(30)
    timer.timeout.connect(lambda: loop.quit() if condition() or time.monotonic() > deadline else None)
    timer.start()
    if not condition():
        loop.exec()
    timer.stop()
    return condition()


def pause(ms: int) -> None:
    wait_until(lambda: False, ms / 1000)


@dataclass
class SessionLog:
    """What happened: the actions done, the dialogs answered, the uncaught exceptions."""

    actions: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    uncaught: list[str] = field(default_factory=list)
    runs_finished: int = 0
    restarts: int = 0
    seconds: float = 0.0
    timings: list[tuple[str, float]] = field(default_factory=list)  # (action, seconds) of a script

    def summary(self) -> str:
        counts: dict[str, int] = {}
        for action in self.actions:
            counts[action] = counts.get(action, 0) + 1
        done = ", ".join(f"{name} ×{n}" for name, n in sorted(counts.items()))
        return (f"{len(self.actions)} actions in {self.seconds / 60:.1f} min ({done}); {self.runs_finished} runs "
                f"finished, {self.restarts} restarts, {len(self.dialogs)} dialogs answered, "
                f"{len(self.uncaught)} uncaught exceptions")


class Session:
    """One studio on ``workspace`` with its own settings file, driven through its widgets.

    ``datasets``: image folders to open. ``image_size``, ``epochs``: a tiny recipe. Every run
    uses EfficientNet-Lite0's bundled or random weights, so nothing is downloaded.
    """

    def __init__(self, workspace: Path, datasets: list[Path], *, seed: int = 0, image_size: int = 48,
                 epochs: int = 1, timeout_s: float = 300, pictures: int = 4, stop_chance: float = 0.08) -> None:
        self.workspace = Path(workspace)
        self.settings_file = self.workspace.parent / f"{self.workspace.name}-settings.ini"
        self.datasets = [Path(d) for d in datasets]
        self.rng = random.Random(seed)
        self.image_size = image_size
        self.epochs = epochs
        self.timeout_s = timeout_s
        self.pictures = pictures  # predicted at a time
        self.stop_chance = stop_chance  # of pressing Stop at each look at a running run
        self.log = SessionLog()
        self.app = QApplication.instance()
        self.catcher = uncaught_errors(self.app)
        self.translators: list[Any] = []
        self.window: Any = None
        self._closer = QTimer()
        self._closer.setInterval(150)
        self._closer.timeout.connect(self._answer_dialogs)
        self._closer.start()
        self.catcher.caught.connect(lambda report: self.log.uncaught.append(report.details or report.message))

    # -- the window ---------------------------------------------------------------------------
    def start(self) -> Any:
        """Open the window (in the language its settings say) and load TensorFlow."""
        settings = Settings(QSettings(str(self.settings_file), QSettings.Format.IniFormat))
        settings.mark_launched()
        i18n.remove_translators(self.app, self.translators)
        self.translators = i18n.install_translators(self.app, settings.language or "en")
        self.window = create_window(self.workspace, settings)
        self.window.resize(1280, 720)
        self.window.show()
        self.window.studio.load_tensorflow()
        wait_until(lambda: bool(self.window.studio.state.backbones), self.timeout_s)
        return self.window

    def restart(self) -> None:
        """Close the studio (nothing running) and open it again on the same workspace."""
        self.wait_idle()
        self.window.close()
        self.window.deleteLater()
        pause(200)
        self.log.restarts += 1
        self.start()
        self.open_dataset(self.rng.choice(self.datasets))

    def close(self) -> None:
        self.wait_idle()
        self.window.studio.run.stop_run()
        self.window.close()
        self._closer.stop()
        i18n.remove_translators(self.app, self.translators)
        self.translators = []

    def _answer_dialogs(self) -> None:
        """Close whatever dialog is open (a plain error, the language notice), as a user would."""
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            self.log.dialogs.append(box.text())
            box.done(QMessageBox.StandardButton.Ok)

    def wait_idle(self) -> None:
        studio = self.window.studio
        wait_until(lambda: not studio.is_running(), self.timeout_s)
        studio.pool.wait_for_done(int(self.timeout_s * 1000))
        pause(100)

    # -- what a user does ---------------------------------------------------------------------
    def open_dataset(self, folder: Path) -> None:
        state = self.window.studio.state
        self.window.dataset.set_folder(str(folder))
        wait_until(lambda: state.data_path == str(folder) and state.split is not None, self.timeout_s)
        self.log.actions.append("open dataset")

    def choose_backbone(self, key: str) -> None:
        model, state = self.window.model, self.window.studio.state
        if model.backbone.findData(key) < 0:
            return
        model.choose_backbone(key)
        if state.backbone_info(key) is not None and not state.backbone_info(key).offline_weights:
            model.weights.setCurrentIndex(model.weights.findData("random"))
            model.weights.activated.emit(model.weights.currentIndex())
        model.image_size.setValue(self.image_size)
        model.image_size.editingFinished.emit()
        wait_until(lambda: bool(state.layers) or key == "scratch_cnn", 60)
        self.log.actions.append("switch backbone")

    def choose_mode(self, mode: str) -> None:
        button = self.window.model.mode_buttons[mode]
        if button.isEnabled():
            button.click()
        self.log.actions.append("switch mode")

    def _tiny_recipe(self) -> None:
        training = self.window.training
        for spin, value in ((training.epochs, self.epochs), (training.finetune_epochs, 1), (training.batch_size, 8),
                            (training.augment_views, 1)):
            spin.setValue(value)
            spin.editingFinished.emit()

    def train(self, *, compare: bool = False) -> None:
        studio = self.window.studio
        self._tiny_recipe()
        before = len(studio.state.results)
        (self.window.training.compare_button if compare else self.window.training.start_button).click()
        wait_until(studio.is_running, 10)
        wait_until(lambda: not studio.is_running(), self.timeout_s)
        self.log.runs_finished += len(studio.state.results) - before
        self.log.actions.append("compare" if compare else "train")

    def train_and_stop(self) -> None:
        studio, state = self.window.studio, self.window.studio.state
        self._tiny_recipe()
        self.window.training.start_button.click()
        if wait_until(studio.is_running, 10):
            wait_until(lambda: not studio.is_running() or (state.history.last_event is not None
                                                           and self.rng.random() < self.stop_chance), self.timeout_s)
            studio.run.stop_run()
            wait_until(lambda: not studio.is_running(), self.timeout_s)
        self.log.actions.append("stop")

    def look_at_results(self) -> None:
        """Another run in the list, a confusion cell, all mistakes, sorted by confidence."""
        results, state = self.window.results, self.window.studio.state
        self.window.tabs.setCurrentWidget(results)
        if state.results:
            index = self.rng.randrange(len(state.results))
            results.run_choice.setCurrentIndex(index)
            results.run_choice.activated.emit(index)
            pause(100)
        if results.confusion.rowCount():
            n = results.confusion.rowCount()
            results.confusion.cellClicked.emit(self.rng.randrange(n), self.rng.randrange(n))
        order = results.gallery_order
        order.setCurrentIndex(self.rng.randrange(order.count()))
        order.activated.emit(order.currentIndex())
        if results.gallery.count():
            results.gallery.setCurrentRow(self.rng.randrange(results.gallery.count()))
        results.show_all.click()
        results.tabs.setCurrentIndex(self.rng.randrange(2))
        pause(100)
        self.log.actions.append("results")

    def predict(self) -> None:
        state = self.window.studio.state
        if not state.predict_model or state.scan is None:
            return
        pictures = [r.path for r in self.rng.sample(list(state.scan.records), min(self.pictures, len(state.scan.records)))]
        self.window.tabs.setCurrentWidget(self.window.predict)
        self.window.predict.predict(pictures)
        wait_until(lambda: not self.window.studio.predict.predict_jobs.is_busy(), self.timeout_s)
        table = self.window.predict.table
        if table.rowCount():
            table.selectRow(self.rng.randrange(table.rowCount()))
        self.log.actions.append("predict")

    def switch_language(self) -> None:
        actions = self.window.language_actions
        choice = self.rng.choice(sorted(actions))
        actions[choice].trigger()  # the notice is answered by the dialog closer
        self.log.actions.append("switch language")

    # -- the session --------------------------------------------------------------------------
    def step(self) -> None:
        """One user action, drawn at random (weighted towards what users do most)."""
        actions: list[tuple[Callable[[], None], int]] = [
            (lambda: self.open_dataset(self.rng.choice(self.datasets)), 2),
            (lambda: self.choose_backbone(self.rng.choice(BACKBONES)), 3),
            (lambda: self.choose_mode(self.rng.choice(MODES)), 3),
            (self.train, 3), (self.train_and_stop, 2), (lambda: self.train(compare=True), 1),
            (self.look_at_results, 3), (self.predict, 2), (self.switch_language, 1), (self.restart, 1),
        ]
        pick = self.rng.choices([a for a, _ in actions], weights=[w for _, w in actions])[0]
        pick()

    def run(self, *, minutes: float = 0.0, script: list[Callable[["Session"], None]] | None = None) -> SessionLog:
        """The ``script`` of actions (each called with the session), then random steps for ``minutes``."""
        started = time.monotonic()
        self.start()
        self.log.timings.append(("start", round(time.monotonic() - started, 1)))
        self.open_dataset(self.datasets[0])
        if script is not None:
            for action in script:
                began = time.monotonic()
                action(self)
                self.log.timings.append((getattr(action, "__name__", "?"), round(time.monotonic() - began, 1)))
        while time.monotonic() - started < minutes * 60:
            self.step()
        self.log.seconds = time.monotonic() - started
        self.close()
        return self.log


def unexpected_errors_in_log(workspace: Path) -> list[str]:
    """The "Unexpected error" entries (bugs) of the workspace's log files."""
    found = []
    for path in sorted((Path(workspace) / "logs").glob("tlstudio.log*")):
        found += [line for line in path.read_text(encoding="utf-8", errors="replace").splitlines()
                  if "Unexpected error" in line]
    return found
