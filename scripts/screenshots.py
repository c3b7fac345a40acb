"""Screenshots of every panel after a real short run, driven through the widgets.

Run under a real X display (a virtual one is fine)::

    xvfb-run -a -s "-screen 0 1280x720x24" .venv/bin/python scripts/screenshots.py [OUT_DIR]
        [--data ../shared/data/flowers5] [--size 128] [--epochs 3]

It opens the studio at 1280x720 on the dataset, picks EfficientNet-Lite0 (ImageNet weights
bundled, no network), switches on a few augmentations, trains a transfer run, then a
fine-tuning run from a layer clicked in the layer list, predicts a few pictures, and saves
``dataset.png``, ``model.png``, ``augmentation.png``, ``training.png``, ``results.png``,
``results_compare.png``, ``results_curve.png`` (a short transfer learning curve),
``results_crossval.png`` (3-fold cross-validation), ``results_calibration.png`` and
``predict.png`` into OUT_DIR (default ``screenshots/``). ``--language pt_BR`` takes them in
Portuguese; ``--quick`` leaves out the learning curve and the cross-validation.
The workspace (runs, feature cache) is ``workspace-screenshots/`` in the repository; the
settings used are a throwaway file (or ``--settings FILE``), so the user's own settings are never
touched.

``--stop-after-results`` stops after the Results and Compare pictures. ``--saved-runs`` trains
nothing: the studio starts as the app does (the last dataset of ``--settings``, its saved runs read
back from the workspace) and saves ``results.png``, ``results_compare.png`` and
``results_compare_all.png`` (every dataset's runs), with
``--language pt_BR`` in Portuguese (the names get the language as a suffix)::

    xvfb-run -a -s "-screen 0 1280x720x24" .venv/bin/python scripts/screenshots.py shots \
        --size 96 --epochs 2 --workspace /tmp/ws --settings /tmp/shots.ini --stop-after-results
    xvfb-run -a -s "-screen 0 1280x720x24" .venv/bin/python scripts/screenshots.py shots \
        --workspace /tmp/ws --settings /tmp/shots.ini --saved-runs --language pt_BR
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

from PySide6.QtCore import QEventLoop, QPoint, QSettings, Qt, QTimer  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QAbstractItemView, QApplication, QWidget  # noqa: E402

from tlstudio.gui.app import STYLE_SHEET, create_window, start  # noqa: E402
from tlstudio.gui.i18n import install_translators  # noqa: E402
from tlstudio.gui.settings import Settings  # noqa: E402


def wait_until(condition: Callable[[], bool], timeout_s: float, what: str) -> None:
    """Run the event loop (GIL released, workers progress) until ``condition()`` holds."""
    deadline = time.monotonic() + timeout_s
    loop = QEventLoop()
    timer = QTimer()
    timer.setInterval(50)
    timer.timeout.connect(lambda: loop.quit() if condition() or time.monotonic() > deadline else None)
    timer.start()
    loop.exec()
    timer.stop()
    if not condition():
        raise SystemExit(f"Timed out after {timeout_s:.0f} s waiting for {what}.")


def settle(ms: int = 400) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def click(view: QAbstractItemView, pos: QPoint) -> None:
    """A real left click inside an item view, as the user makes it."""
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pos)
    settle(200)


SUFFIX = ""  # "_pt_BR" with --language pt_BR


def shoot(window: QWidget, tab: QWidget, out: Path, name: str) -> None:
    window.tabs.setCurrentWidget(tab)
    settle()
    path = out / f"{name}{SUFFIX}.png"
    window.grab().save(str(path))
    print(f"saved {path}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", default=str(REPO / "screenshots"), help="folder for the PNG files")
    parser.add_argument("--data", default=str(REPO.parent / "shared" / "data" / "flowers5"), help="image folder")
    parser.add_argument("--size", type=int, default=128, help="image size in pixels (smaller is faster)")
    parser.add_argument("--epochs", type=int, default=3, help="epochs per phase")
    parser.add_argument("--workspace", default=str(REPO / "workspace-screenshots"))
    parser.add_argument("--settings", default=None, help="settings file (default: a throwaway one)")
    parser.add_argument("--language", default="en", help="language of the window: en or pt_BR")
    parser.add_argument("--stop-after-results", action="store_true", help="stop after the Results and Compare shots")
    parser.add_argument("--saved-runs", action="store_true",
                        help="train nothing: start as the app does and show the saved runs of the last dataset")
    parser.add_argument("--quick", action="store_true", help="no learning curve, no cross-validation")
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    global SUFFIX
    SUFFIX = "" if args.language == "en" else f"_{args.language}"
    app = QApplication(sys.argv[:1])
    install_translators(app, args.language)
    app.setStyleSheet(STYLE_SHEET.read_text(encoding="utf-8"))
    settings_file = Path(args.settings) if args.settings else Path(tempfile.mkdtemp(prefix="tlstudio-shots-")) / "settings.ini"
    settings = Settings(QSettings(str(settings_file), QSettings.Format.IniFormat))
    settings.mark_launched()
    if args.saved_runs:
        return shoot_saved_runs(args.workspace, settings, out)
    window = create_window(args.workspace, settings)
    window.resize(1280, 720)
    window.show()
    studio, state = window.studio, window.studio.state
    errors: list[str] = []
    studio.error.connect(lambda report, title: errors.append(f"{title}: {report.message}\n{report.details}"))
    studio.load_tensorflow()

    # 1. Dataset
    window.dataset.set_folder(args.data)
    wait_until(lambda: state.leakage is not None or bool(errors), 300, "the dataset check")
    if errors:
        raise SystemExit(errors[0])
    shoot(window, window.dataset, out, "dataset")

    # 2. Model: EfficientNet-Lite0 (bundled ImageNet weights), transfer, smaller images.
    wait_until(lambda: bool(state.backbones) or bool(errors), 180, "TensorFlow and the backbone list")
    window.model.choose_backbone("efficientnet_lite0")
    window.model.image_size.setValue(args.size)
    window.model.image_size.editingFinished.emit()
    window.model.mode_buttons["transfer"].click()
    wait_until(lambda: bool(state.layers) and state.freeze_plan is not None, 180, "the layer list")

    # 3. Augmentation: flips, a little rotation, zoom and brightness.
    aug = window.augment
    aug.flip_h.setChecked(True)
    aug.set_strength("rotation", 15)
    aug.set_strength("zoom_in", 15)
    aug.set_strength("brightness", 20)
    wait_until(lambda: len(state.preview) == studio.augment.preview_count and not studio.augment.preview_jobs.is_busy(), 120,
               "the augmentation preview")
    shoot(window, window.augment, out, "augmentation")

    # 4. Training: a transfer run...
    tp = window.training
    tp.epochs.setValue(args.epochs)
    tp.finetune_epochs.setValue(args.epochs)
    tp.augment_views.setValue(2)
    tp.start_button.click()
    wait_until(lambda: not studio.is_running() and len(state.results) == 1 or bool(errors), 900, "the transfer run")
    if errors:
        raise SystemExit(errors[0])

    # ...then fine-tuning from a layer clicked in the layer list (its counts update at once).
    window.tabs.setCurrentWidget(window.model)
    cutoff = studio.model.effective_cutoff()
    item = window.model.layer_item(cutoff) if cutoff else None
    if item is None:
        raise SystemExit(f"The layer list has no layer {cutoff!r} to click.")
    window.model.layers.scrollToItem(item)
    settle()
    click(window.model.layers, window.model.layers.visualItemRect(item).center())
    shoot(window, window.model, out, "model")
    tp.start_button.click()
    wait_until(lambda: studio.is_running(), 10, "the fine-tuning run to start")
    wait_until(lambda: len(state.history) >= 2 or not studio.is_running(), 900, "two epochs of fine-tuning")
    shoot(window, window.training, out, "training_live")
    wait_until(lambda: not studio.is_running() or bool(errors), 900, "the fine-tuning run")
    if errors or len(state.results) != 2:
        raise SystemExit(errors[0] if errors else "The fine-tuning run did not finish.")
    shoot(window, window.training, out, "training")

    # 5. Results: wait for the Grad-CAM gallery, then click the largest mistake cell.
    wait_until(lambda: bool(state.gallery) or not state.current_result.evaluation.misclassified, 300,
               "the Grad-CAM gallery")
    ev = state.current_result.evaluation
    n = len(ev.class_names)
    worst = max(((i, j) for i in range(n) for j in range(n) if i != j), key=lambda c: ev.confusion[c[0]][c[1]])
    window.results.tabs.setCurrentIndex(0)
    shoot(window, window.results, out, "results")
    table = window.results.confusion
    click(table, table.visualItemRect(table.item(*worst)).center())
    shoot(window, window.results, out, "results_cell")
    window.results.tabs.setCurrentIndex(1)
    shoot(window, window.results, out, "results_compare")
    if args.stop_after_results:
        window.close()
        return 1 if errors else 0

    if args.quick:
        return predict_and_close(window, args.data, errors, out)
    # A transfer learning curve on the cached features (a few sizes, two seeds).
    window.model.mode_buttons["transfer"].click()
    view = window.results.curve
    window.results.tabs.setCurrentWidget(view)
    for mode, box in view.recipes.items():
        box.setChecked(mode == "transfer")
    view.sizes.setText("5, 10, 25, 100")
    view.seeds.setValue(2)
    view.start_button.click()
    wait_until(lambda: not studio.is_running() and state.curve is not None or bool(errors), 900, "the learning curve")
    if errors:
        raise SystemExit(errors[0])
    shoot(window, window.results, out, "results_curve")

    # Cross-validation of the transfer recipe (3 folds, once), then the fine-tuned run's calibration.
    cv = window.results.crossval
    window.results.tabs.setCurrentWidget(cv)
    for mode, box in cv.recipes.items():
        box.setChecked(mode == "transfer")
    cv.folds.setValue(3)
    cv.repeats.setValue(1)
    cv.start_button.click()
    wait_until(lambda: not studio.is_running() and state.crossval is not None or bool(errors), 900,
               "the cross-validation")
    if errors:
        raise SystemExit(errors[0])
    shoot(window, window.results, out, "results_crossval")
    calibration = window.results.calibration
    calibration.threshold.setValue(0.8)
    window.results.tabs.setCurrentWidget(calibration)
    shoot(window, window.results, out, "results_calibration")
    window.results.tabs.setCurrentIndex(0)

    return predict_and_close(window, args.data, errors, out)


def predict_and_close(window: QWidget, folder: str, errors: list[str], out: Path) -> int:
    """6. Predict: two pictures of each class; then close the window."""
    state = window.studio.state
    data = Path(folder)
    if (data / "test").is_dir():
        data = data / "test"
    pictures = [str(p) for c in sorted(d for d in data.iterdir() if d.is_dir()) for p in sorted(c.iterdir())[-2:]]
    window.predict.predict(pictures)
    wait_until(lambda: len(state.predictions) == len(pictures) or bool(errors), 300, "the predictions")
    shoot(window, window.predict, out, "predict")

    window.close()
    if errors:
        print("\n".join(errors), file=sys.stderr)
        return 1
    return 0


def shoot_saved_runs(workspace: str, settings: Settings, out: Path) -> int:
    """Start as the app starts (the last dataset, its saved runs) and shoot Results and Compare."""
    window = create_window(workspace, settings)
    window.resize(1280, 720)
    window.show()
    studio, state = window.studio, window.studio.state
    errors: list[str] = []
    studio.error.connect(lambda report, title: errors.append(f"{title}: {report.message}\n{report.details}"))
    start(window)
    wait_until(lambda: (bool(state.results) and state.current_result is not None) or bool(errors), 300,
               "the saved runs of the last dataset")
    wait_until(lambda: bool(state.gallery) or not state.current_result.evaluation.misclassified or bool(errors), 300,
               "the Grad-CAM gallery")
    window.results.tabs.setCurrentIndex(0)
    shoot(window, window.results, out, "results")
    window.results.tabs.setCurrentIndex(1)
    shoot(window, window.results, out, "results_compare")
    window.results.compare.show_all.setChecked(True)  # every dataset's runs
    shoot(window, window.results, out, "results_compare_all")
    window.results.compare.show_all.setChecked(False)
    window.close()
    if errors:
        print("\n".join(errors), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
