"""One training's working state: its config, reporter, history rows and checkpoint state, and the
two things every phase does — compute a frozen part's outputs once (feature cache), and fit a
model epoch by epoch with a checkpoint and a history row after each.

A run (:mod:`tlstudio.core.training.train`) makes one :class:`TrainingJob`; a study makes one
per recipe and hands it to a :class:`~tlstudio.core.training.fitters.FeatureTrainer`.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Sequence

import numpy as np

from tlstudio.core.config import RunConfig, recipe_config
from tlstudio.core.training.events import EventHandler, Reporter, StopFlag
from tlstudio.core.training.resume import ResumeState, saving

if TYPE_CHECKING:
    import keras

    from tlstudio.core.data.records import ImageRecord, Split
    from tlstudio.core.models.accel import Acceleration
    from tlstudio.core.outputs.runs import RunFolder
    from tlstudio.core.synthetic.sets import SyntheticAddition
    from tlstudio.core.training.fitters import FeatureTrainer, ImageTrainer
    from tlstudio.core.training.resume import Checkpointer

TENSORBOARD_FOLDER = "tensorboard"


class TrainingJob:
    """The state of one training while it runs (what a checkpoint and the run's files are made of)."""

    def __init__(self, config: RunConfig, workspace: Path, emit: EventHandler, should_stop: StopFlag) -> None:
        self.config = config
        self.workspace = workspace
        self.reporter = Reporter(emit, should_stop)
        self.should_stop = should_stop
        self.timings: dict[str, float] = {}
        self.rows: list[dict[str, Any]] = []
        self.notes: list[str] = []
        self.state = ResumeState()
        self.accel: "Acceleration | None" = None  # the hardware plan of the attempt under way
        self.synthetic: "SyntheticAddition | None" = None  # synthetic training images, None without
        self.memory_limited = False  # True after running out of memory (the batch size was halved)
        self.classifier: Any = None
        self.checkpointer: "Checkpointer | None" = None
        self.run: "RunFolder | None" = None  # a run's folder; studies have none
        #: The head phase's feature pass also caches the fine-tune cutoff's activations (a fine-tune
        #: run does for itself; compare's transfer run for the fine-tune run after it)
        self.prefetch_cutoff = False

    def timed(self, name: str, start: float) -> None:
        """Add the time since ``start`` to the timing ``name``."""
        self.timings[name] = self.timings.get(name, 0.0) + (time.monotonic() - start)

    def resume_from(self, state: ResumeState) -> None:
        """Carry on from a checkpoint's state: its rows and notes (the notes said so far kept too)."""
        self.rows = list(state.rows)
        self.state = state
        self.notes = list(dict.fromkeys([*state.notes, *self.notes]))

    def finish_phase(self, phase: str) -> None:
        self.state = self.state.after_phase(phase)

    def _key(self, records: Sequence["ImageRecord"], *, augment: bool, views: int, cut: str | None,
             pooled: bool) -> str:
        """The feature cache's key of ``records`` through the trunk cut at ``cut`` (None: the whole backbone)."""
        from tlstudio.core.data.records import dataset_fingerprint
        from tlstudio.core.models.features import cache_key, weights_identity

        cfg = self.config
        return cache_key(
            data=dataset_fingerprint(records),
            backbone=cfg.model.backbone,
            weights=weights_identity(cfg.model.weights, cfg.train.seed),
            size=self.classifier.image_size,
            cut=cut,
            pooling=cfg.model.head.pooling if pooled else None,
            # mixup blends the cached outputs later, batch by batch: it does not change them
            augment={k: v for k, v in cfg.augment.to_dict().items() if k != "mixup"} if augment else None,
            views=views,
            seed=cfg.train.seed if augment else None,
            reading=cfg.reading.to_dict(),  # how DICOM windows and 16-bit pictures were read changes the pixels
            **({"precision": self.accel.precision} if self.accel is not None and self.accel.mixed else {}),
        )

    def features(self, trunk: "keras.Model", records: Sequence["ImageRecord"], *, tag: str, views: int,
                 augment: bool, cut: str | None, pooled: bool) -> np.ndarray:
        """``trunk``'s outputs for ``records`` (``views`` augmented copies each when ``augment``),
        from the workspace's feature cache when this data, backbone, size and cut were seen before."""
        return self._outputs(trunk, records, tag=tag, views=views, augment=augment,
                             cuts=((cut, pooled),))[0]

    def feature_pair(self, trunk: "keras.Model", records: Sequence["ImageRecord"], *, tag: str, views: int,
                     augment: bool, cut: str, pooled: bool) -> tuple[np.ndarray, np.ndarray]:
        """The outputs of a :meth:`~tlstudio.core.models.classifier.Classifier.trunk_pair`: ``cut``'s
        activations and the (pooled) backbone output, both cached as :meth:`features` caches them,
        from one pass over the images."""
        cut_out, top = self._outputs(trunk, records, tag=tag, views=views, augment=augment,
                                     cuts=((cut, False), (None, pooled)))
        return cut_out, top

    def _outputs(self, trunk: "keras.Model", records: Sequence["ImageRecord"], *, tag: str, views: int,
                 augment: bool, cuts: Sequence[tuple[str | None, bool]]) -> list[np.ndarray]:
        from tlstudio.core.augmentation.layers import build_augmenter
        from tlstudio.core.models.features import FeatureCache, extract_outputs

        cfg = self.config
        augmenter = build_augmenter(cfg.augment, seed=cfg.train.seed) if augment else None
        keys = [self._key(records, augment=augment, views=views, cut=cut, pooled=pooled) for cut, pooled in cuts]
        cache = FeatureCache(self.workspace / "cache" / "features")
        self.reporter.next_pass()
        self.reporter.status(f"Computing features of {len(records)} {tag} images"
                             + (f" ({views} augmented views each)" if views > 1 else ""))
        return extract_outputs(
            trunk, records, image_size=self.classifier.image_size, cache=cache, keys=keys,
            batch_size=self.accel.inference_batch_size if self.accel is not None else cfg.train.batch_size,
            views=views, augmenter=augmenter, seed=cfg.train.seed,
            on_batch=self.reporter.feature_batch, should_stop=self.should_stop,
            metas=[{"backbone": cfg.model.backbone, "cut": cut, "tag": tag} for cut, _ in cuts],
        )

    def split_features(self, trunk: "keras.Model", split: "Split", *, cut: str | None, pooled: bool
                       ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """``trunk``'s outputs for the training (augmented views when augmentation is on),
        validation and test images of ``split``."""
        augment = self.config.augment.changes_images
        views = self.config.train.augment_views if augment else 1
        self.reporter.plan_passes([len(split.train) * views, len(split.val), len(split.test)])
        return (self.features(trunk, split.train, tag="training", views=views, augment=augment, cut=cut, pooled=pooled),
                self.features(trunk, split.val, tag="validation", views=1, augment=False, cut=cut, pooled=pooled),
                self.features(trunk, split.test, tag="test", views=1, augment=False, cut=cut, pooled=pooled))

    def split_feature_pairs(self, trunk: "keras.Model", split: "Split", *, cut: str, pooled: bool
                            ) -> tuple[tuple[np.ndarray, ...], tuple[np.ndarray, ...]]:
        """:meth:`split_features` of a trunk pair: (cut activations, pooled features), each for the
        training, validation and test images, from one pass."""
        augment = self.config.augment.changes_images
        views = self.config.train.augment_views if augment else 1
        self.reporter.plan_passes([len(split.train) * views, len(split.val), len(split.test)])
        parts = [self.feature_pair(trunk, split.train, tag="training", views=views, augment=augment, cut=cut,
                                   pooled=pooled),
                 self.feature_pair(trunk, split.val, tag="validation", views=1, augment=False, cut=cut, pooled=pooled),
                 self.feature_pair(trunk, split.test, tag="test", views=1, augment=False, cut=cut, pooled=pooled)]
        return tuple(p[0] for p in parts), tuple(p[1] for p in parts)

    def fit(self, model: "keras.Model", train_data: Any, val_data: Any, *, phase: str, epochs: int, lr: float,
            steps: int, class_weight: dict[int, float] | None, initial_epoch: int = 0) -> None:
        """Fit one phase of a run: after every finished epoch a checkpoint (first: it is what a
        resume trusts) and a history row; a loss that becomes NaN or infinite ends it with a
        :class:`RunError` saying where; the user's Stop ends it at the next batch."""
        import keras

        from tlstudio.core.training.callbacks import LossGuard, ProgressCallback, RateRecorder
        from tlstudio.core.training.faults import diverged_error
        from tlstudio.core.training.fitters import fit_model

        started = time.monotonic()
        rates = RateRecorder()

        def on_epoch(epoch: int, metrics: dict[str, float]) -> None:
            row = {"phase": phase, "epoch": len(self.rows) + 1, "phase_epoch": epoch,
                   "learning_rate": round(rates.rates.get(epoch, lr), 9),
                   "batch_size": self.config.train.batch_size, "seconds": round(time.monotonic() - started, 3),
                   **metrics}
            state = self.state.after_epoch(phase, epoch, row, tuple(self.notes))
            with saving(self.run.history_path, self.run.path):
                self.checkpointer.save(state)
                self.rows, self.state = [*self.rows, row], state
                self.run.append_history(row)

        guard = LossGuard(initial_epoch)
        progress = ProgressCallback(self.reporter.should_stop, reporter=self.reporter, phase=phase, epochs=epochs,
                                    steps=steps, initial_epoch=initial_epoch, on_epoch=on_epoch,
                                    halted=lambda: guard.problem is not None)
        then: list[keras.callbacks.Callback] = [progress]
        if self.config.train.tensorboard:
            # One log folder per phase: the head and the fine-tuned network are different models.
            then.append(keras.callbacks.TensorBoard(log_dir=str(self.run.path / TENSORBOARD_FOLDER / phase),
                                                    write_graph=False))
        fit_model(model, train_data, val_data, train=self.config.train, epochs=epochs, lr=lr, steps=steps,
                  class_weight=class_weight, patience=self.config.train.patience, initial_epoch=initial_epoch,
                  first=[guard, rates],  # the guard first: the others see a bad batch as the end of training
                  then=then, jit_compile=self.accel.jit_compile if self.accel is not None else "auto")
        if guard.problem is not None:
            raise diverged_error(phase, guard.problem, epochs, steps, self.config.train.learning_rate)

    def best(self, phase: str) -> tuple[float, float]:
        """(best validation accuracy, minus its loss) of ``phase``'s epochs; (-1, 0) without any."""
        rows = [r for r in self.rows if r["phase"] == phase and "val_accuracy" in r]
        if not rows:
            return (-1.0, 0.0)
        best = max(rows, key=lambda r: (r["val_accuracy"], -r.get("val_loss", 0.0)))
        return (best["val_accuracy"], -best.get("val_loss", 0.0))


def trainer_for(config: RunConfig, mode: str, split: "Split", workspace: Path, emit: EventHandler,
                stop: StopFlag) -> "FeatureTrainer | ImageTrainer":
    """The trainer of one recipe of a study: ``config`` in ``mode`` (``scratch``: the reference
    CNN, see :func:`~tlstudio.core.config.recipe_config`), with a job of its own."""
    from tlstudio.core.training.fitters import FeatureTrainer, ImageTrainer

    run_config = recipe_config(config, mode)
    job = TrainingJob(run_config, workspace, emit, stop)
    return ImageTrainer(job, split) if mode == "scratch" else FeatureTrainer(job, split)
