"""Figure 4 - responsiveness: the longest stall of the Qt event loop while a fine-tune run trains.

The real app, offscreen: ``tlstudio.gui.app.create_window`` (the studio, its run manager and
every panel), TensorFlow loaded, an image folder opened and checked, EfficientNet-Lite0 with
ImageNet weights in fine-tune mode (the recommended cutoff), the Training tab shown. Then
Start, as the tab's button does, and a probe: a precise ``QTimer`` every 5 ms on the GUI
thread records when it fires. A stall is the time between two ticks; the longest one from Start until the training
thread has finished (feature passes, head, fine-tuning, test, calibration, saving; the live
curves and the log update meanwhile) is figure 4 (<= 50 ms). The longest stalls are printed
with the phase the run was in (the run's garbage is collected as it saves), and the longest in
the three seconds after the run (the results and the gallery of mistakes appear).

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/responsiveness.py [--per-class 40] [--quick]
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _common as c  # noqa: E402

PROBE_MS = 5
AFTER_S = 3.0


def main(argv: list[str] | None = None) -> int:
    p = c.parser(__doc__)
    p.add_argument("--per-class", type=int, default=40, help="images per class (default %(default)s)")
    p.add_argument("--epochs", type=int, default=2, help="epochs of each phase (head, then fine-tune)")
    args = p.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    repeats = args.repeats or 1
    with tempfile.TemporaryDirectory(prefix="tlstudio-bench-") as tmp_name:
        tmp = Path(tmp_name)
        if args.quick:
            data, size, epochs = c.generated_folder(tmp / "data", classes=2, per_class=16, size=72), 64, 1
        else:
            data, size, epochs = c.subset_folder(args.data, tmp / "data", args.per_class), None, args.epochs
        return measure(args, data, size, epochs, tmp, repeats)


def wait_until(condition, timeout_s: float, what: str) -> None:
    """Run the event loop until ``condition()`` holds (checked every 20 ms)."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    deadline = time.monotonic() + timeout_s
    timer = QTimer()
    timer.timeout.connect(lambda: loop.quit() if condition() or time.monotonic() > deadline else None)
    timer.start(20)
    if not condition():
        loop.exec()
    timer.stop()
    if not condition():
        raise RuntimeError(f"gave up waiting for {what} after {timeout_s:.0f} s")


def measure(args, data: Path, size: int | None, epochs: int, tmp: Path, repeats: int) -> int:
    from PySide6.QtCore import QSettings, Qt, QTimer
    from PySide6.QtWidgets import QApplication

    from tlstudio.core.config import ModelConfig, TrainConfig
    from tlstudio.gui.app import create_window
    from tlstudio.gui.settings import Settings

    _app = QApplication.instance() or QApplication([])
    settings = Settings(QSettings(str(tmp / "settings.ini"), QSettings.Format.IniFormat))
    settings.mark_launched()
    window = create_window(tmp / "workspace", settings)
    window.resize(1280, 720)
    window.show()
    studio, state = window.studio, window.studio.state
    errors: list[str] = []
    studio.error.connect(lambda report, title: errors.append(f"{title}: {report.message}\n{report.details}"))
    studio.load_tensorflow()
    wait_until(lambda: studio.tf_ready or bool(errors), 300, "TensorFlow")
    studio.dataset.open_dataset(str(data))
    wait_until(lambda: state.split is not None or bool(errors), 300, "the folder check")
    studio.model.set_model_config(ModelConfig(backbone=c.BACKBONE, mode="finetune", weights="imagenet", image_size=size))
    studio.run.set_train_config(TrainConfig(epochs=epochs, finetune_epochs=epochs))
    lanes = (studio.dataset.scan_jobs, studio.dataset.split_jobs, studio.dataset.leakage_jobs, studio.model.layer_jobs,
             studio.model.backbone_jobs, studio.augment.preview_jobs, studio.tensorflow_jobs)
    wait_until(lambda: bool(state.layers) and not any(lane.is_busy() for lane in lanes) or bool(errors), 300,
               "the layer list and the duplicate check")
    if errors:
        raise RuntimeError("\n".join(errors))

    window.tabs.setCurrentWidget(window.training)  # where the Start button is
    shown = time.monotonic()
    wait_until(lambda: time.monotonic() > shown + 0.5, 60, "the Training tab")
    stalls: list[tuple[float, str]] = []  # (gap in ms, phase) of every run
    runs: list[tuple[float, float]] = []
    after_run = 0.0  # the longest stall in the seconds after: results shown, garbage collected
    for _ in range(repeats):
        ticks: list[float] = []
        phases: list[tuple[float, str]] = [(time.monotonic(), "start")]
        ended: list[float] = []
        probe = QTimer()
        probe.setTimerType(Qt.TimerType.PreciseTimer)
        probe.timeout.connect(lambda: ticks.append(time.monotonic()))
        on_event = lambda event: phases.append((time.monotonic(), event.phase)) if event.kind == "phase" else None  # noqa: E731
        studio.runs.progress.connect(on_event)
        probe.start(PROBE_MS)
        started = time.monotonic()
        window.training.start()
        worker = studio.runs.worker
        if worker is None:
            raise RuntimeError("the run did not start: " + "\n".join(errors))
        worker.done.connect(lambda: ended.append(time.monotonic()), Qt.ConnectionType.DirectConnection)
        wait_until(lambda: not studio.runs.is_running(), 3600, "the run")
        finished = time.monotonic()
        wait_until(lambda: time.monotonic() > finished + AFTER_S, AFTER_S + 5, "the results")
        probe.stop()
        studio.runs.progress.disconnect(on_event)
        if errors or not ended:
            raise RuntimeError("the run failed: " + "\n".join(errors))
        runs.append((started, ended[0]))
        inside = [t for t in ticks if t <= ended[0]]
        for before, after in zip(inside, inside[1:]):
            phase = next((name for t, name in reversed(phases) if t <= before), "start")
            stalls.append(((after - before) * 1000, phase))
        later = [t for t in ticks if t >= inside[-1]]
        after_run = max([after_run, *((b - a) * 1000 for a, b in zip(later, later[1:]))])
    stalls.sort(reverse=True)
    worst = stalls[0][0] if stalls else None
    run_s = sum(end - start for start, end in runs) / len(runs)
    figures = [c.at_most("4", "longest event-loop stall during a fine-tune run", worst, 50, " ms")]
    context = [
        f"Figure 4, responsiveness: the app's studio and window ({os.environ['QT_QPA_PLATFORM']}), {c.BACKBONE} "
        f"fine-tune at {size or 'its default'} px on {len(state.split.train)} training images, "
        f"{epochs}+{epochs} epochs; a {PROBE_MS} ms timer probe; {repeats} run(s) of {run_s:.0f} s; {c.machine()}",
        "  longest stalls: " + ", ".join(f"{ms:.0f} ms ({phase})" for ms, phase in stalls[:5]),
        f"  {sum(1 for ms, _ in stalls if ms > 50)} stall(s) over 50 ms, "
        f"{sum(1 for ms, _ in stalls if ms > 20)} over 20 ms, of {len(stalls)} timer intervals",
        f"  in the {AFTER_S:g} s after the run (results and the gallery of mistakes shown): "
        f"longest stall {after_run:.0f} ms",
    ]
    studio.shutdown()
    window.close()
    return c.report(figures, args, context)


if __name__ == "__main__":
    sys.exit(main())
