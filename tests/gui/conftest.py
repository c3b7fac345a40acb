"""GUI test fixtures: a studio window on a temporary workspace with its own settings file."""

from __future__ import annotations

import gc
import os
from pathlib import Path
from typing import Any, Callable

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

pytest.importorskip("PySide6")
pytest.importorskip("pytestqt")

from PySide6.QtCore import QSettings  # noqa: E402

from tlstudio.gui.settings import Settings  # noqa: E402


@pytest.fixture(autouse=True)
def _collect_garbage_on_the_gui_thread() -> Any:
    """After each test (once pytest-qt has closed its widgets), collect cyclic garbage here, on
    the GUI thread. Left to chance, the collection ran in the next test's image-scan thread, freed
    a closed window's Qt objects there and crashed the process (a segfault seen once in CI)."""
    yield
    gc.collect()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings kept in an INI file inside the test's folder (the user's are never touched)."""
    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def make_window(qtbot: Any, tmp_path: Path, settings: Settings) -> Callable[..., Any]:
    """Factory: ``make_window(train_fn=None, compare_fn=None)`` -> a shown ``MainWindow``.

    The window is closed (run stopped, threads joined) at the end of the test.
    """
    from tlstudio.gui.app import create_window

    windows = []

    def make(**kwargs: Any) -> Any:
        window = create_window(tmp_path / "workspace", settings, **kwargs)
        # Stop any run before pytest-qt closes the window: a test that fails mid-run would
        # otherwise leave closeEvent's "Stop training?" question open with nobody to answer it.
        qtbot.addWidget(window, before_close_func=lambda w: w.studio.shutdown())
        window.resize(1280, 720)
        window.show()
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.studio.shutdown()


def _prepare_tiny_run(window: Any, folder: Path, qtbot: Any, errors: list) -> None:
    """Open ``folder`` in the Dataset tab and set a tiny recipe: EfficientNet-Lite0 with random
    weights at 64 px, transfer, batch 8 (fast enough for a curve or a cross-validation)."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    studio, state = window.studio, window.studio.state
    studio.load_tensorflow()
    window.dataset.path_edit.setText(str(folder))
    QTest.keyClick(window.dataset.path_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: state.split is not None or bool(errors), timeout=60_000)
    qtbot.waitUntil(lambda: bool(state.backbones) or bool(errors), timeout=120_000)
    assert not errors, errors
    model = window.model
    model.choose_backbone("efficientnet_lite0")
    model.weights.setCurrentIndex(model.weights.findData("random"))
    model.weights.activated.emit(model.weights.currentIndex())
    model.image_size.setValue(64)
    model.image_size.editingFinished.emit()
    model.mode_buttons["transfer"].click()
    window.training.batch_size.setValue(8)
    window.training.batch_size.editingFinished.emit()
    assert state.model_config.image_size == 64 and state.train_config.batch_size == 8


@pytest.fixture
def prepare_tiny_run() -> Callable[..., None]:
    """``prepare_tiny_run(window, folder, qtbot, errors)``: the dataset and tiny recipe of the
    learning-curve and cross-validation tests."""
    return _prepare_tiny_run


def _tiny_core_run(data: Path, workspace: Path, epochs: int = 2) -> Any:
    """A finished run made headless (core.training.train) to show in the window: the from-scratch CNN
    at 40 px, batch 8, seed 3, on ``data``."""
    from tlstudio.core.config import HeadConfig, ModelConfig, RunConfig, SplitConfig, TrainConfig
    from tlstudio.core.training.train import train

    config = RunConfig(
        data=str(data),
        split=SplitConfig(val_fraction=0.2, test_fraction=0.2, seed=3),
        model=ModelConfig(backbone="scratch_cnn", mode="scratch", weights=None, image_size=40,
                          head=HeadConfig(pooling="flatten", dense=(16,), dropout=0.0)),
        train=TrainConfig(epochs=epochs, batch_size=8, learning_rate=3e-3, patience=5, seed=3),
    )
    return train(config, workspace=workspace)


@pytest.fixture
def tiny_core_run() -> Callable[..., Any]:
    """``tiny_core_run(data, workspace, epochs=2) -> RunResult``: the finished tiny run of the
    calibration, export and report tests."""
    return _tiny_core_run
