"""The studio's synthetic-images actions and state: train a generator, review, accept, measure.

:class:`SynthStudio` belongs to the :class:`~tlstudio.gui.controller.Studio` (``studio.synth``).
Panels call its methods; it trains generators on their own thread
(a :class:`~tlstudio.gui.workers.JobThread`), runs the short jobs (generate a gallery,
store an accepted set, measure quality) in lanes of the studio's job pool, and puts the answers into
:class:`SynthState`, whose signals update the views. Everything it calls is ``core.synthetic``;
nothing here draws.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

import numpy as np
from PySide6.QtCore import QObject, Signal, Slot

from tlstudio.core.config import GeneratorConfig, SyntheticConfig
from tlstudio.core.errors import ConfigError, TlStudioError
from tlstudio.gui.core_texts import core_text
from tlstudio.gui.errors import ErrorReport
from tlstudio.gui.workers import JobThread


@dataclass(frozen=True)
class GeneratorSettings:
    """What the generator settings show; with the dataset and split it makes a GeneratorConfig."""

    kind: str = "dcgan"
    image_size: int = 64
    epochs: int = 100
    seed: int = 42


@dataclass(frozen=True)
class Gallery:
    """Images freshly generated for review: per class, in order; nothing stored yet."""

    generator: str  # the generator folder
    name: str
    kind: str
    epoch: int
    seed: int
    images: Mapping[str, tuple[np.ndarray, ...]]
    #: Per class, the class a classifier trained on the real training images gives each image
    #: (None when that could not be measured: ``consistency_error`` says why).
    labels: Mapping[str, tuple[str, ...]] | None = None
    feature: str = ""
    consistency_error: str = ""

    @property
    def classes(self) -> tuple[str, ...]:
        return tuple(self.images)

    def consistency(self, checked: Mapping[str, Sequence[int]] | None = None) -> Any:
        """The class consistency (``core.synthetic.consistency.ConsistencyReport``) of the
        ``checked`` images (indices per class; default all); None when it was not measured."""
        from tlstudio.core.synthetic.consistency import summarise

        if self.labels is None:
            return None
        if checked is None:
            checked = {c: range(len(v)) for c, v in self.images.items()}
        return summarise({c: [self.labels[c][i] for i in indices] for c, indices in checked.items()}, self.feature)

    def count(self) -> int:
        return sum(len(v) for v in self.images.values())


class LossHistory:
    """One value per finished epoch, per loss name (the live plot's data)."""

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.epochs: list[int] = []
        self.values: dict[str, list[float]] = {}

    def load(self, folder: Path) -> None:
        """The epochs a generator has saved (its ``history.csv``), in place of what was here."""
        self.reset()
        try:
            with (folder / "history.csv").open(encoding="utf-8", newline="") as fh:
                rows = list(csv.DictReader(fh))
        except OSError:
            return  # no epoch finished yet
        for row in rows:
            try:
                self.epochs.append(int(row["epoch"]))
                for name, value in row.items():
                    if name not in ("epoch", "seconds"):
                        self.values.setdefault(name, []).append(float(value))
            except (KeyError, TypeError, ValueError):
                self.reset()  # a damaged file: show nothing rather than a wrong curve
                return

    def apply(self, event: Any) -> bool:
        """Take one SynthEvent; True when it added an epoch point."""
        if event.kind != "epoch":
            return False
        self.epochs.append(int(event.epoch))
        for name, value in event.losses.items():
            self.values.setdefault(name, [float("nan")] * (len(self.epochs) - 1)).append(float(value))
        for name, values in self.values.items():  # a loss missing from this epoch: a gap, not a shift
            if len(values) < len(self.epochs):
                values.append(float("nan"))
        return True

    def __len__(self) -> int:
        return len(self.epochs)


class SynthState(QObject):
    """What the Synthetic images tab shows; changed only by :class:`SynthStudio`."""

    settings_changed = Signal(object)  # GeneratorSettings
    training_changed = Signal(bool)
    event_received = Signal(object)  # core.synthetic.generators.SynthEvent
    history_changed = Signal(object)  # LossHistory
    outcome = Signal(str, str)  # "finished" | "cancelled" | "failed", message
    generators_changed = Signal(object)  # list[GeneratorSummary]
    generator_chosen = Signal(object)  # GeneratorSummary | None
    samples_changed = Signal(object, int, int)  # uint8 grid of a saved generator, its epoch, its epochs
    gallery_changed = Signal(object)  # Gallery | None
    sets_changed = Signal(object)  # list[SyntheticSetSummary]
    set_chosen = Signal(object)  # SyntheticSetSummary | None
    message = Signal(str)  # a sentence about the gallery (what just happened)
    quality_message = Signal(str)  # a sentence about measuring a set's quality

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = GeneratorSettings()
        self.training = False
        self.last_event: Any = None
        self.history = LossHistory()
        self.generators: list[Any] = []
        self.generator: Any = None
        self.gallery: Gallery | None = None
        self.sets: list[Any] = []
        self.current_set: Any = None


class SynthStudio(QObject):
    """Actions of the Synthetic images tab (and of the run's synthetic-images setting).

    ``train_fn`` replaces ``core.synthetic.training.train_generator`` (tests pass stand-ins).
    """

    def __init__(self, studio: Any, *, train_fn: Callable[..., Any] | None = None) -> None:
        super().__init__(studio)
        self.studio = studio
        self.app_state = studio.state
        self.state = SynthState(self)
        self.train_fn = train_fn
        self.trainer = JobThread(self, name="tlstudio-generator")
        self.trainer.progress.connect(self._on_event)
        self.trainer.running_changed.connect(self._set_training)
        self.generate_jobs = studio.lane(self.tr("Could not generate images"))
        self.accept_jobs = studio.lane(self.tr("Could not store the accepted images"))
        self.quality_jobs = studio.lane(self.tr("Could not measure the quality"))

    @property
    def workspace(self) -> Path:
        return Path(self.studio.workspace)

    def _error(self, exc: BaseException, title: str) -> None:
        self.studio.show_error(exc, title)

    # -- generator training -------------------------------------------------------------------
    def set_settings(self, settings: GeneratorSettings) -> None:
        if settings != self.state.settings:
            self.state.settings = settings
            self.state.settings_changed.emit(settings)

    def generator_config(self) -> GeneratorConfig:
        """The GeneratorConfig the settings describe, on the dataset and split of the Dataset tab
        (the generator learns from the split's training images only)."""
        data = self.app_state.data_path
        if not data:
            raise ConfigError(self.tr("Choose an image folder first (Dataset tab)."))
        s = self.state.settings
        return GeneratorConfig(data=data, kind=s.kind, image_size=s.image_size, epochs=s.epochs, seed=s.seed,
                               name=f"{Path(data).name}-{s.kind}", split=self.app_state.split_config)

    def is_training(self) -> bool:
        return self.trainer.is_running()

    def _start_trainer(self, config: GeneratorConfig, resume: Path | None = None) -> None:
        train = self.train_fn
        if train is None:
            from tlstudio.core.synthetic.training import train_generator as train
        self.trainer.start(partial(train, config, self.workspace, resume=resume), on_done=self._on_finished,
                           on_cancelled=self._on_cancelled, on_failed=self._on_failed)

    def start_training(self) -> bool:
        """Train a new generator with the settings shown."""
        if self.trainer.is_running():
            return False
        try:
            self._check_no_run()
            config = self.generator_config()
        except TlStudioError as exc:
            self._error(exc, self.tr("Cannot train a generator"))
            return False
        self._begin(self.tr("Training a {0} generator…").format(config.kind.upper()))
        self._start_trainer(config)
        return True

    def continue_training(self, path: str | Path) -> bool:
        """Continue the generator in ``path`` from its last checkpoint up to the epochs set in the
        settings (choosing a generator shows its own); its other settings stay as they were."""
        if self.trainer.is_running():
            return False
        done = next((g.epochs_done for g in self.state.generators if Path(g.path) == Path(path)), 0)
        try:
            self._check_no_run()
            config = self._saved_config(Path(path))
            if self.state.settings.epochs <= done:
                raise ConfigError(self.tr("This generator has already trained {0} epochs.").format(done),
                                  hint=self.tr("Set more epochs than that, then continue."))
        except TlStudioError as exc:
            self._error(exc, self.tr("Cannot continue this generator"))
            return False
        config = replace(config, epochs=self.state.settings.epochs)
        self._begin(self.tr("Continuing {0} from its last checkpoint…").format(Path(path).name), resume=Path(path))
        self._start_trainer(config, resume=Path(path))
        return True

    def _check_no_run(self) -> None:
        """One training at a time: a model and a generator training together would share the
        processor (or the GPU's memory) and both crawl."""
        if self.studio.runs.is_running():
            raise ConfigError(self.tr("A model is training (Training tab)."),
                              hint=self.tr("Wait for it to finish or stop it, then train the generator."))

    def _saved_config(self, folder: Path) -> GeneratorConfig:
        try:
            text = (folder / "config.json").read_text(encoding="utf-8")
        except OSError as exc:
            raise ConfigError(self.tr("The generator's settings (config.json) cannot be read."),
                              hint=self.tr("The folder may have been moved or deleted; pick another generator."),
                              path=str(folder)) from exc
        try:
            return GeneratorConfig.from_dict(json.loads(text))
        except ValueError as exc:
            raise ConfigError(self.tr("The generator's settings (config.json) are damaged."),
                              hint=self.tr("Train a new generator."), path=str(folder / "config.json")) from exc

    def _begin(self, message: str, resume: Path | None = None) -> None:
        if resume is None:
            self.state.history.reset()
        else:
            self.state.history.load(resume)  # the curves go on from the saved epochs
        self.state.last_event = None
        self.state.history_changed.emit(self.state.history)
        self.app_state.set_status(message)

    def stop_training(self) -> None:
        if self.trainer.is_running():
            self.app_state.set_status(self.tr("Stopping the generator after this batch…"))
            self.trainer.stop()

    @Slot(bool)
    def _set_training(self, running: bool) -> None:
        self.state.training = running
        self.state.training_changed.emit(running)

    @Slot(object)
    def _on_event(self, event: Any) -> None:
        self.state.last_event = event
        self.state.event_received.emit(event)
        if self.state.history.apply(event):
            self.state.history_changed.emit(self.state.history)
        if event.kind == "status" and event.message:
            self.app_state.set_status(core_text(event.message))

    def _on_finished(self, result: Any) -> None:
        message = self.tr("Generator trained: {0} epochs. Open it in the gallery to make images.").format(
            result.epochs_done)
        self._ended(result, "finished", message)

    def _on_cancelled(self, result: Any) -> None:
        message = self.tr("Stopped after epoch {0}. The checkpoint is kept: Continue training picks up from there.").format(
            result.epochs_done)
        self._ended(result, "cancelled", message)

    def _ended(self, result: Any, status: str, message: str) -> None:
        self.refresh_generators()
        self.choose_generator(result.path)
        self.state.outcome.emit(status, message)
        self.app_state.set_status(message)

    def _on_failed(self, report: ErrorReport) -> None:
        self.refresh_generators()
        self.state.outcome.emit("failed", report.message)
        self.app_state.set_status(self.tr("The generator's training stopped with an error."))
        self.studio.error.emit(report, self.tr("Generator training stopped"))

    # -- generators ---------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the workspace's generators and synthetic sets (small JSON files)."""
        self.refresh_generators()
        self.refresh_sets()

    def refresh_generators(self) -> None:
        from tlstudio.core.synthetic.generators import list_generators

        try:
            found = list_generators(self.workspace)
        except TlStudioError as exc:
            self._error(exc, self.tr("Cannot list the generators"))
            found = []
        self.state.generators = list(found)
        self.state.generators_changed.emit(self.state.generators)
        if self.state.generator is not None:
            self.choose_generator(self.state.generator.path)

    def choose_generator(self, path: str | Path | None) -> None:
        chosen = None if path is None else next(
            (g for g in self.state.generators if Path(g.path) == Path(path)), None)
        self.state.generator = chosen
        if chosen is not None:  # its settings, ready to continue it (or to train another like it)
            self.set_settings(replace(self.state.settings, kind=chosen.kind, image_size=chosen.image_size,
                                      epochs=chosen.epochs))
        self.state.generator_chosen.emit(chosen)
        if chosen is not None and not self.trainer.is_running():
            self._show_saved(chosen)

    def _show_saved(self, generator: Any) -> None:
        """A saved generator's loss curves and its last sample grid (small files, read here)."""
        from tlstudio.core.data.imageio import load_image

        folder = Path(generator.path)
        self.state.history.load(folder)
        self.state.last_event = None
        self.state.history_changed.emit(self.state.history)
        epoch = generator.epochs_done
        try:
            grid = load_image(folder / "samples" / f"epoch_{epoch:04d}.png") if epoch else None
        except (OSError, ValueError):
            grid = None
        self.state.samples_changed.emit(grid, epoch, generator.epochs)

    # -- gallery ------------------------------------------------------------------------------
    def generate(self, per_class: int, seed: int) -> bool:
        """Make ``per_class`` images of every class with the chosen generator (thread pool)."""
        generator = self.state.generator
        if generator is None or generator.epochs_done < 1:
            self._error(ConfigError(self.tr("Choose a generator that has finished at least one epoch."),
                                    hint=self.tr("Train a generator first, or pick one in the list.")),
                        self.tr("Cannot generate images"))
            return False
        self.state.message.emit(self.tr("Generating {0} images per class…").format(per_class))
        self.generate_jobs.start(partial(make_gallery, generator, int(per_class), int(seed)),
                                 on_done=self._gallery_made)
        return True

    def accept(self, checked: Mapping[str, Sequence[int]], name: str, *, accept_anyway: bool = False) -> bool:
        """Store the checked images (indices into the gallery, per class) as a synthetic set, with
        their class consistency; a flagged set (a class below the threshold) only with ``accept_anyway``
        (the gallery asks the user first)."""
        gallery = self.state.gallery
        if gallery is None:
            return False
        images = {c: [gallery.images[c][i] for i in indices] for c, indices in checked.items() if indices}
        if not images:
            self._error(ConfigError(self.tr("No image is checked."),
                                    hint=self.tr("Check the images to keep, then accept them.")),
                        self.tr("Nothing to accept"))
            return False
        self.state.message.emit(self.tr("Storing {0} images…").format(sum(map(len, images.values()))))
        name = name.strip() or f"{gallery.name}-e{gallery.epoch}"
        job = partial(accept_images, gallery.generator, images, str(self.workspace), gallery.seed, name, gallery.epoch,
                      consistency=gallery.consistency(checked), accept_anyway=accept_anyway)
        self.accept_jobs.start(job, on_done=self._accepted)
        return True

    # -- synthetic sets -----------------------------------------------------------------------
    def refresh_sets(self) -> None:
        from tlstudio.core.synthetic.sets import list_synthetic_sets

        try:
            found = list_synthetic_sets(self.workspace)
        except TlStudioError as exc:
            self._error(exc, self.tr("Cannot list the synthetic sets"))
            found = []
        self.state.sets = list(found)
        self.state.sets_changed.emit(self.state.sets)
        current = self.state.current_set
        self.choose_set(None if current is None else current.path)
        chosen = self.app_state.synthetic.set
        if chosen and not any(str(s.path) == chosen for s in self.state.sets):
            self.set_synthetic(SyntheticConfig())  # the set was deleted meanwhile

    def choose_set(self, path: str | Path | None) -> None:
        chosen = None if path is None else next((s for s in self.state.sets if Path(s.path) == Path(path)), None)
        self.state.current_set = chosen
        self.state.set_chosen.emit(chosen)

    def measure_quality(self) -> bool:
        """Measure the chosen set's quality (Fréchet distance, real-vs-synthetic accuracy)."""
        current = self.state.current_set
        if current is None:
            return False
        self.state.quality_message.emit(self.tr("Measuring the quality of {0}…").format(current.name))
        self.quality_jobs.start(partial(measure, str(current.path)), on_done=self._quality_measured,
                                on_progress=self._quality_progress, cancellable=True)
        return True

    def cancel_quality(self) -> None:
        self.quality_jobs.cancel()
        self.state.quality_message.emit(self.tr("Quality measurement cancelled."))

    def set_synthetic(self, config: SyntheticConfig) -> None:
        """The synthetic images the next classifier run adds to its training images."""
        self.app_state.set_synthetic(config)

    # -- answers from the job pool ------------------------------------------------------------
    def _gallery_made(self, gallery: Gallery) -> None:
        self.state.gallery = gallery
        self.state.gallery_changed.emit(gallery)
        text = self.tr("{0} images made by {1} (epoch {2}, seed {3}). Click the ones to leave out.").format(
            gallery.count(), gallery.name, gallery.epoch, gallery.seed)
        if gallery.consistency_error:
            text += " " + self.tr("Whether they look like their class could not be checked: {0}").format(
                core_text(gallery.consistency_error))
        self.state.message.emit(text)

    def _accepted(self, folder: Path) -> None:
        self.refresh_sets()
        self.choose_set(folder)
        count = next((sum(s.counts.values()) for s in self.state.sets if Path(s.path) == Path(folder)), 0)
        self.state.message.emit(self.tr("{0} images accepted into {1}.").format(count, folder))
        self.app_state.set_status(self.tr("Synthetic set stored in {0}.").format(folder))

    def _quality_measured(self, _quality: Any) -> None:
        current = self.state.current_set
        self.refresh_sets()
        if current is not None:
            self.choose_set(current.path)  # its table, from the quality.json just written

    def _quality_progress(self, message: str = "") -> None:
        if message:
            self.state.quality_message.emit(core_text(str(message)))

    # -- shutting down ------------------------------------------------------------------------
    def shutdown(self) -> None:
        """Stop the generator's training and wait for its thread."""
        self.trainer.stop_and_wait()


# -- the pool's jobs: plain functions over core.synthetic, no Qt --------------------------------------
def make_gallery(generator: Any, per_class: int, seed: int) -> Gallery:
    """``per_class`` images of each of the generator's classes, from its last checkpoint (the
    gallery keeps that checkpoint's epoch: training may go on meanwhile)."""
    from tlstudio.core.synthetic.sets import generate_with_epoch, label_generated

    made, epoch = generate_with_epoch(generator.path, generator.classes, per_class, seed=seed)
    images = {name: tuple(made[name]) for name in generator.classes}
    labels: dict[str, tuple[str, ...]] | None = None
    feature = error = ""
    try:
        given, feature = label_generated(generator.path, images)
        labels = {c: tuple(v) for c, v in given.items()}
    except TlStudioError as exc:  # e.g. the real images moved: the gallery still shows the pictures
        error = exc.full_message()
    return Gallery(generator=str(generator.path), name=generator.name, kind=generator.kind, epoch=int(epoch),
                   seed=int(seed), images=images, labels=labels, feature=feature, consistency_error=error)


def accept_images(generator_dir: str, images: Mapping[str, Sequence[np.ndarray]], workspace: str, seed: int,
                  name: str, epoch: int | None = None, *, consistency: Any = None, accept_anyway: bool = False) -> Path:
    from tlstudio.core.synthetic.sets import accept

    return accept(generator_dir, images, workspace, seed=seed, name=name, epoch=epoch, consistency=consistency,
                  accept_anyway=accept_anyway)


def measure(set_dir: str, *, should_stop: Callable[[], bool], on_progress: Callable[..., None]) -> Any:
    from tlstudio.core.synthetic.quality import measure_quality

    return measure_quality(set_dir, on_event=lambda event: on_progress(event.message), should_stop=should_stop)
