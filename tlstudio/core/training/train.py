"""The training run: one Qt-free entry point used by the CLI and the desktop app.

``train(config, on_event=..., should_stop=...) -> RunResult`` checks the images, splits them,
builds the classifier, trains it in phases, evaluates it on the test images and saves the run
folder. Progress goes out as small immutable :class:`TrainEvent` objects; the CLI passes a
printer, the GUI a signal's ``emit``. Cancel by making ``should_stop()`` return True: it is
polled every batch, Keras is asked to stop with ``model.stop_training`` (never an exception
across Keras), and the run ends as ``"cancelled"`` with its folder consistent.

Phases by mode:

* ``scratch``: the whole network trains on images (augmentation in the input pipeline).
* ``transfer``: the backbone's outputs are computed once (feature cache) and the head trains
  on them.
* ``finetune``: the transfer phase first (``head``); then the backbone is unfrozen from the
  cutoff and training continues (``finetune``) at ``learning_rate * finetune_lr_factor``, with
  BatchNorm in inference mode. The frozen part below the cutoff is cut at the nearest clean
  point and its outputs are cached too, so each fine-tune epoch runs only the trainable top.
  If fine-tuning does not beat the head-only model on validation, the head-only weights are
  kept and the run says so.

Every phase starts at its learning rate and keeps it, or lowers it along a cosine to 0 at the
phase's last planned epoch (``TrainConfig.lr_schedule``); ``history.csv`` gives the rate each
epoch started at.

After the test images are scored, the run is calibrated (``core.evaluation.calibration``): a temperature is
fitted on the validation images' predictions and its effect measured on the test predictions;
``calibration.json`` and ``reliability.png`` go into the run folder, and a short summary into
``metrics.json`` and :class:`RunResult`.

Faults end a run in plain words and lose nothing that was finished (the run folder keeps its
config, split, history and last checkpoint, and says ``failed`` with the reason):

* a loss that becomes NaN or infinite stops training at that batch (:class:`~tlstudio.core.training.callbacks.LossGuard`);
* out of memory (any backend, :func:`~tlstudio.core.training.faults.is_out_of_memory`) retries with half the batch size, from
  the last checkpoint, down to 1; ``config.json`` is updated and the notes say so;
* an image that can no longer be read (the folder moved, renamed, removed, its drive
  disconnected) names the file and says how to resume;
* a full disk or a folder that cannot be written to while saving keeps the earlier files.
"""


from __future__ import annotations

import contextlib
import gc
import json
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Sequence

import numpy as np

from tlstudio.core.config import RunConfig, recipe_config
from tlstudio.core.errors import ConfigError, DatasetError, RunError
from tlstudio.core.models import accel
from tlstudio.core.models.accel import describe_device
from tlstudio.core.outputs.locks import run_lock
from tlstudio.core.training.events import EventHandler, Reporter, StopFlag, TrainEvent
from tlstudio.core.training.faults import describe_failure, is_out_of_memory, unreadable_image
from tlstudio.core.training.job import TrainingJob
from tlstudio.core.training.phases import Predictor, fit_phases, split_labels
from tlstudio.core.training.resume import Checkpointer, ResumeState, saving, sync_history
from tlstudio.core.training.session import releases_memory

if TYPE_CHECKING:
    from tlstudio.core.data.records import Split
    from tlstudio.core.evaluation.calibration import Calibration
    from tlstudio.core.evaluation.metrics import Evaluation

@dataclass(frozen=True)
class RunResult:
    """What a finished (or cancelled) run produced."""

    run_dir: Path | None  # None only when stopped before the run folder was made
    status: str  # "finished" | "cancelled"
    config: RunConfig
    class_names: tuple[str, ...]
    history: dict[str, list]
    evaluation: "Evaluation | None"
    timings: dict[str, float]
    notes: tuple[str, ...] = ()
    #: temperature, ece_before, ece_after, threshold (``core.evaluation.calibration``); None without one
    calibration: dict[str, float] | None = None

    @property
    def test_accuracy(self) -> float | None:
        return None if self.evaluation is None else self.evaluation.accuracy

    def to_dict(self) -> dict[str, Any]:
        return {
            "run_dir": None if self.run_dir is None else str(self.run_dir),
            "status": self.status,
            "mode": self.config.model.mode,
            "backbone": self.config.model.backbone,
            "classes": list(self.class_names),
            "test_accuracy": self.test_accuracy,
            "evaluation": None if self.evaluation is None else self.evaluation.to_dict(),
            "timings": self.timings,
            "notes": list(self.notes),
            "calibration": self.calibration,
        }


def tensorboard_available() -> bool:
    """True when the ``tensorboard`` package (which writes TensorBoard's log files) is installed."""
    import importlib.util

    return importlib.util.find_spec("tensorboard") is not None


def history_columns(rows: Sequence[dict[str, Any]]) -> dict[str, list]:
    """The history rows as columns (what :class:`RunResult` and the curves plot use)."""
    keys = ["epoch", "phase", "loss", "accuracy", "val_loss", "val_accuracy"]
    return {k: [row.get(k) for row in rows] for k in keys}


def scan_and_split(config: RunConfig, reporter: Reporter, *, pooled: bool = False) -> Any:
    """Check every image of ``config.data`` (progress as ``scan`` events), look for duplicates,
    leave out what the split config asks and split the rest (``pooled``: no split, as
    cross-validation pools every image); None when stopped during the check. Returns
    ``core.data.findings.Prepared`` (scan, split, findings); the findings go out as ``findings``
    status events first, so every command says them before it trains."""
    from tlstudio.core.data.findings import prepare
    from tlstudio.core.data.records import ScanCancelled
    from tlstudio.core.data.scan import scan_dataset

    reporter.start_phase("scan", "Checking the images")
    try:
        scan = scan_dataset(config.data, should_stop=reporter.should_stop, on_progress=reporter.scan_progress,
                            reading=config.reading)
    except ScanCancelled:
        return None
    reporter.status("Looking for duplicates and label conflicts")
    prepared = prepare(scan, config.split, pooled=pooled)
    announce_findings(prepared.findings, reporter)
    return prepared


def announce_findings(findings: Any, reporter: Reporter) -> None:
    """Each finding as a ``findings`` status event (the CLI prints them before training starts)."""
    for line in findings.lines():
        reporter.emit(TrainEvent(kind="status", phase="findings", message=f"Warning: {line}"))


# ----------------------------------------------------------------------------- one run


@releases_memory
def train(
    config: RunConfig,
    *,
    workspace: Path | str | None = None,
    on_event: EventHandler | None = None,
    should_stop: StopFlag | None = None,
    split: "Split | None" = None,
    resume: Path | str | None = None,
    bad_files: Sequence[Any] = (),
    findings: Any = None,
    prefetch_cutoff: bool = False,
) -> RunResult:
    """Train, evaluate and save one run. See the module docstring for the phases.

    ``split``: reuse a split already made (``compare`` does, so all modes see the same
    images), with ``bad_files`` the files its check skipped and ``findings`` what it found
    (``core.data.findings.DatasetFindings``, saved as ``findings.json``). ``prefetch_cutoff``: the
    head's feature pass also caches the fine-tune cutoff's activations (``compare`` asks it of the
    transfer run, so the fine-tune run after it needs no pass of its own). ``resume``: the folder of an
    interrupted run to continue from its last checkpoint (its own config and split are used;
    ``config`` is ignored). The skipped files are saved in the run folder (``bad_files.json``).

    ``config.synthetic``: an accepted synthetic set is checked against this run's folder and split
    (``core.synthetic.sets.synthetic_for_run``) and its chosen images are added to the training images only;
    ``split.json`` lists them apart (``synthetic``), ``metrics.json`` counts them.
    """
    from tlstudio.core.data.imageio import set_reading
    from tlstudio.core.outputs.runs import RunFolder
    from tlstudio.core.outputs.workspace import default_workspace

    emit = on_event or (lambda event: None)
    stop = should_stop or (lambda: False)
    workspace = Path(workspace) if workspace is not None else default_workspace()
    started = time.monotonic()
    locks: list[Any] = []  # the run folder's lock (one writer at a time), released however the run ends
    try:
        run_folder = None
        if resume is not None:
            locks.append(run_lock(Path(resume)))  # before anything is read: a second writer is refused here
            config, split = _resumed_run(Path(resume))
            run_folder = RunFolder(Path(resume))
        set_reading(config.reading)  # how this run reads its pictures (DICOM windows, 12-bit scaling)
        return _train_locked(config, workspace, emit, stop, split, resume, bad_files, run_folder, locks, started,
                             findings=findings, prefetch_cutoff=prefetch_cutoff)
    finally:
        for lock in locks:
            lock.release()


def _train_locked(config: RunConfig, workspace: Path, emit: EventHandler, stop: StopFlag, split: "Split | None",
                  resume: Path | str | None, bad_files: Sequence[Any], run_folder: Any, locks: list[Any],
                  started: float, *, findings: Any, prefetch_cutoff: bool) -> RunResult:
    """:func:`train` once a resumed run's folder is locked (a new run's is locked once made)."""
    from tlstudio.core.outputs.runs import RunFolder

    if config.train.tensorboard and not tensorboard_available():
        raise ConfigError("TensorBoard logs were asked for, but the tensorboard package is not installed.",
                          hint="Install it (pip install tensorboard) or switch the TensorBoard logs off.")
    job = TrainingJob(config, workspace, emit, stop)
    job.prefetch_cutoff = prefetch_cutoff
    if split is None:
        t = time.monotonic()
        scanned = scan_and_split(config, job.reporter)
        if scanned is None:
            return RunResult(None, "cancelled", config, (), history_columns([]), None,
                             {"total": time.monotonic() - started})
        split, bad_files, findings = scanned.split, scanned.scan.bad_files, scanned.findings
        for bad in bad_files:
            job.reporter.status(f"Skipped {bad.path}: {bad.reason}")
        job.timed("scan", t)
    if not split.test:
        raise DatasetError("No image is kept aside for testing (test share 0), so the model could not be tested.",
                           hint="Set a test share of 0.15 or more (Dataset tab, or --test 0.15), or add a "
                                "test/ folder with one subfolder per class.", path=config.data)
    synthetic = _synthetic_images(config, split)
    if resume is None:
        run_folder = RunFolder.create(workspace, config.to_dict(), name=config.name or _default_name(config),
                                      data_root=config.data)
        locks.append(run_lock(run_folder.path))
        run_folder.write_start({**split.to_dict(), **({} if synthetic is None else {
            "synthetic": [r.to_dict() for r in synthetic.records], "synthetic_set": synthetic.to_dict()})},
            list(split.classes), bad_files, findings)
    job.run = run_folder
    run_folder.write_status("running", device=describe_device())
    if synthetic is not None:
        job.synthetic = synthetic
        job.reporter.status(f"Adding {len(synthetic.records)} synthetic images to the {len(split.train)} real "
                            "training images (never to validation or test)")
        split = replace(split, train=split.train + synthetic.records)
    try:
        return _run_with_retries(job, split, resume, started)
    except BaseException as exc:
        # A crash or a bad file mid-run: the folder says so (and keeps its last checkpoint,
        # from which ``train(..., resume=folder)`` continues).
        for lock in locks:
            lock.free_reserve()  # room for the status on a full disk
        with contextlib.suppress(Exception):
            if isinstance(exc, KeyboardInterrupt):
                run_folder.write_status("cancelled", epochs_done=len(job.rows))
            else:
                run_folder.write_status("failed", error=describe_failure(exc), epochs_done=len(job.rows))
        raise


def _resumed_run(folder: Path) -> tuple[RunConfig, "Split"]:
    """The config and split of the run in ``folder``, to continue it."""
    from tlstudio.core.data.records import Split
    from tlstudio.core.outputs.runs import load_run

    loaded = load_run(folder)
    return RunConfig.from_dict(loaded.config), Split.from_dict(json.loads((folder / "split.json").read_text()))


def _synthetic_images(config: RunConfig, split: "Split") -> Any:
    """The synthetic images this run adds to its training images (``core.synthetic.sets.SyntheticAddition``),
    None without; refused in plain words when the set does not fit this run (another folder or
    split, a class the folder lacks, a missing set). Only ever added to the training images."""
    if not config.synthetic.active:
        return None
    from tlstudio.core.synthetic.sets import synthetic_for_run

    return synthetic_for_run(config.synthetic, config.data, config.split, split, seed=config.train.seed)


def _run_with_retries(job: TrainingJob, split: "Split", resume: Path | str | None, started: float) -> RunResult:
    """:func:`_run_phases`; after running out of memory, again with half the batch size (see
    :func:`_halve_batch`); an image that can no longer be read becomes a :class:`RunError` in
    plain words (:func:`~tlstudio.core.training.faults.unreadable_image`)."""
    while True:
        try:
            plan = accel.plan(job.config.train)
            if job.memory_limited:  # the feature passes' larger GPU batch would run out of memory again
                plan = replace(plan, inference_batch_size=job.config.train.batch_size)
            with accel.applied(plan) as job.accel:
                job.reporter.status(f"Training on {job.accel.describe()}")
                return _run_phases(job, split, resume, started)
        except Exception as exc:
            if not is_out_of_memory(exc):
                unreadable = unreadable_image(exc, job.config, job.run.path)
                if unreadable is None:
                    raise
                raise unreadable from exc
            failure = describe_failure(exc)
        # Outside the except block, so the failed attempt's network and tensors can be freed.
        resume = _halve_batch(job, failure)


def _halve_batch(job: TrainingJob, failure: str) -> Path | None:
    """After running out of memory: the run again with half the batch size, said in a status
    event and the notes, and written to ``config.json`` (a repeat then uses the size that
    worked). Returns the folder to resume from, or None to start again when no epoch has been
    checkpointed. Below 1 there is nothing left to halve: a :class:`RunError` says what to do."""
    run_folder = job.run
    size = job.config.train.batch_size
    if size <= 1:
        raise RunError("There is not enough memory to train this model, even with a batch size of 1.",
                       hint="Use a smaller image size or a lighter backbone (for example MobileNetV2 or "
                            "EfficientNet-Lite0), or close other programs that use the memory of the graphics card, "
                            "then start a new run.",
                       path=str(run_folder.path), details=failure)
    smaller = size // 2
    state = Checkpointer(run_folder.path, None).load_state()
    where = f"from the checkpoint after epoch {len(state.rows)}" if state else "from the start"
    note = f"Out of memory with batch size {size}: retrying with batch size {smaller}, {where}."
    job.notes.append(note)
    job.reporter.status(note)
    job.memory_limited = True
    job.config = job.config.replace(train=replace(job.config.train, batch_size=smaller))
    with saving(run_folder.config_path, run_folder.path):
        run_folder.write_config(job.config.to_dict())
    job.classifier = job.checkpointer = None
    if state is None:
        job.rows, job.state = [], ResumeState()
    gc.collect()
    return run_folder.path if state else None


def _run_phases(job: TrainingJob, split: "Split", resume: Path | str | None, started: float) -> RunResult:
    """The steps of one run after its folder exists: fit its phases, test, save (see :func:`train`)."""
    from tlstudio.core.models.features import Cancelled

    classifier = _build(job, len(split.classes), resume)
    try:
        predict, cancelled = fit_phases(job, classifier, split)
    except Cancelled:
        cancelled = True
    if cancelled:
        return _finish_cancelled(job, tuple(split.classes), started)
    evaluation, calibration = _evaluate(job, predict, split)
    return _save(job, classifier, split, evaluation, calibration, started)


def _build(job: TrainingJob, num_classes: int, resume: Path | str | None) -> Any:
    """The seeded classifier and its checkpointer; a resumed run gets its checkpoint's weights,
    history and notes back (``history.csv`` made to match the checkpoint)."""
    import keras

    from tlstudio.core.models.classifier import build_classifier

    keras.utils.set_random_seed(job.config.train.seed)
    job.reporter.status("Building the network")
    classifier = build_classifier(job.config.model, num_classes)
    job.classifier = classifier
    job.checkpointer = Checkpointer(job.run.path, classifier.model)
    if resume is not None:
        state = job.checkpointer.load_state()
        if state is None:
            raise RunError(f"The run in {resume} has no checkpoint to resume from.",
                           hint="Start a new run instead.", path=str(resume))
        job.checkpointer.restore_weights()
        job.resume_from(state)
        with saving(job.run.history_path, job.run.path):
            sync_history(job.run, job.rows)
        job.reporter.status(f"Resuming after {len(job.rows)} finished epochs")
    return classifier


def _evaluate(job: TrainingJob, predict: Predictor, split: "Split") -> tuple["Evaluation", "Calibration | None"]:
    """The kept model tested once on the test images, and calibrated on the validation images."""
    from tlstudio.core.evaluation.metrics import evaluate_predictions

    job.reporter.start_phase("evaluate", "Testing on images the model has never seen")
    t = time.monotonic()
    labels = split_labels(split)
    probs = np.asarray(predict("test"))
    evaluation = evaluate_predictions(labels["test"], probs, list(split.classes), [r.path for r in split.test],
                                      seed=job.config.train.seed)
    calibration = _calibrate(job, predict, labels["val"], labels["test"], probs)
    job.timed("evaluate", t)
    return evaluation, calibration


def _calibrate(job: TrainingJob, predict: Predictor, y_val: np.ndarray, y_test: np.ndarray,
               test_probs: np.ndarray) -> "Calibration | None":
    """Temperature fitted on the validation images (one more pass over them), ECE before and
    after on the test images already predicted. None without validation or test images. A
    threshold already saved in the run folder (a resumed run) is kept; otherwise it is 0."""
    if y_val.size == 0 or y_test.size == 0:
        return None
    from tlstudio.core.evaluation.calibration import calibrate
    from tlstudio.core.evaluation.calibration_files import load_calibration

    job.reporter.status("Measuring calibration (temperature fitted on the validation images)")
    val_probs = np.asarray(predict("val"))
    previous = None
    with contextlib.suppress(RunError):  # a damaged old file is replaced
        previous = load_calibration(job.run.path)
    calibration = calibrate(val_probs, y_val, test_probs, y_test, kind="probs",
                            threshold=previous.threshold if previous is not None else 0.0)
    job.reporter.status(f"Calibration: temperature {calibration.temperature:.2f}, expected calibration error "
                        f"{calibration.ece_before:.1%} before scaling, {calibration.ece_after:.1%} after")
    return calibration


def _save(job: TrainingJob, classifier: Any, split: "Split", evaluation: "Evaluation",
          calibration: "Calibration | None", started: float) -> RunResult:
    """The finished run's model and results into its folder (each file atomic; an error names it)."""
    run_folder = job.run
    job.reporter.start_phase("save", "Saving the run")
    t = time.monotonic()
    with saving(run_folder.model_path, run_folder.path):
        run_folder.save_model(classifier.model)
    history = history_columns(job.rows)
    job.timings["total"] = time.monotonic() - started
    metrics = _metrics(job, classifier, split, evaluation)
    with saving(run_folder.path, run_folder.path):
        run_folder.save_results(evaluation, history, calibration, metrics, before_metrics=lambda: job.timed("save", t))
    job.reporter.status(f"Test accuracy {evaluation.accuracy:.1%}")
    return RunResult(run_folder.path, "finished", job.config, tuple(split.classes), history, evaluation,
                     dict(job.timings), tuple(job.notes),
                     calibration=None if calibration is None else calibration.summary())


def _metrics(job: TrainingJob, classifier: Any, split: "Split", evaluation: "Evaluation") -> dict[str, Any]:
    """What ``metrics.json`` holds besides the calibration summary."""
    from tlstudio.core.models.classifier import resolve_cutoff

    config = job.config
    n_synthetic = 0 if job.synthetic is None else len(job.synthetic.records)
    return {
        **evaluation.to_dict(),
        "mode": config.model.mode,
        "backbone": config.model.backbone,
        "cutoff": resolve_cutoff(config.model),
        "image_size": classifier.image_size,
        "batch_size": config.train.batch_size,
        "device": describe_device(),
        "acceleration": job.accel.to_dict(),
        # "train" counts every training image; "synthetic" says how many of them were synthetic
        "counts": {"train": len(split.train), "val": len(split.val), "test": len(split.test),
                   **({"synthetic": n_synthetic} if n_synthetic else {})},
        "synthetic": None if job.synthetic is None else job.synthetic.to_dict(),
        "timings": job.timings,
        "notes": job.notes,
    }


def _default_name(config: RunConfig) -> str:
    return f"{config.model.mode}-{config.model.backbone}"


def _finish_cancelled(job: TrainingJob, classes: tuple[str, ...], started: float) -> RunResult:
    job.timings["total"] = time.monotonic() - started
    job.run.write_status("cancelled", epochs_done=len(job.rows))
    job.reporter.status("Stopped. The run folder keeps the last checkpoint; it can be resumed.")
    return RunResult(job.run.path, "cancelled", job.config, classes, history_columns(job.rows), None,
                     dict(job.timings), tuple(job.notes))


# ----------------------------------------------------------------------------- the reference experiment


def compare(
    config: RunConfig,
    *,
    modes: Sequence[str] = ("scratch", "transfer", "finetune"),
    workspace: Path | str | None = None,
    on_event: EventHandler | None = None,
    should_stop: StopFlag | None = None,
) -> list[RunResult]:
    """Run scratch, transfer and fine-tune on the same split and seed (the reference experiment).

    ``scratch`` uses the reference CNN (:func:`~tlstudio.core.config.recipe_config`); the others use ``config``'s
    backbone. The images are checked and split once, and the backbone runs over them once for the
    transfer and fine-tune runs together (the transfer run's pass also caches the cutoff's
    activations). Stops between and within runs.
    """
    emit = on_event or (lambda event: None)
    stop = should_stop or (lambda: False)
    scanned = scan_and_split(config, Reporter(emit, stop))
    if scanned is None:
        return []
    split, bad_files = scanned.split, scanned.scan.bad_files
    results: list[RunResult] = []
    for mode in modes:
        if stop():
            break
        run_config = recipe_config(config, mode)
        run_config = run_config.replace(name=f"{config.name + '-' if config.name else ''}{mode}")
        emit(TrainEvent(kind="status", phase="scan", message=f"Run {len(results) + 1} of {len(modes)}: {mode}"))
        results.append(train(run_config, workspace=workspace, on_event=on_event, should_stop=should_stop, split=split,
                             bad_files=bad_files, findings=scanned.findings,
                             prefetch_cutoff=mode == "transfer" and "finetune" in modes))
    return results
