"""The phase fitters every training uses: batches of cached backbone outputs, one compile-and-fit,
the augmented training model, and the trainers that fit many models on one set of cached
features (the learning curve's points and cross-validation's folds).

A run (:mod:`tlstudio.core.training.train`) fits its phases with :func:`fit_model`; a study
builds a :class:`FeatureTrainer` (transfer and fine-tuning on cached outputs) or an
:class:`ImageTrainer` (from scratch, on the images) once and calls ``train(rows, ...)`` per model.

This module imports Keras: import it where a model trains, not at the top of a light module.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any, Sequence

import keras
import numpy as np

from tlstudio.core.config import TrainConfig
from tlstudio.core.errors import RunError
from tlstudio.core.training.callbacks import ProgressCallback

if TYPE_CHECKING:
    from tlstudio.core.data.records import ImageRecord, Split
    from tlstudio.core.training.job import TrainingJob

#: A small subset is repeated within an epoch up to this many optimisation steps (see
#: :func:`repeats_for`): five epochs of one step each would judge a 25-image subset by five
#: weight updates.
MIN_STEPS_PER_EPOCH = 20


def labels_of(records: Sequence["ImageRecord"]) -> np.ndarray:
    """The class indices of ``records``, in order."""
    return np.array([r.label for r in records], dtype="int64")


def class_weights(labels: np.ndarray, num_classes: int) -> dict[int, float]:
    """scikit-learn's "balanced" weights (rare classes weigh more); 1 for a class with no image."""
    from sklearn.utils.class_weight import compute_class_weight

    present = np.unique(labels)
    weights = compute_class_weight("balanced", classes=present, y=labels)
    result = {int(c): 1.0 for c in range(num_classes)}
    result.update({int(c): float(w) for c, w in zip(present, weights)})
    return result


def repeats_for(n_rows: int, batch_size: int) -> int:
    """How many times ``n_rows`` images are repeated in an epoch to make :data:`MIN_STEPS_PER_EPOCH` steps."""
    return max(1, math.ceil(MIN_STEPS_PER_EPOCH * batch_size / max(1, n_rows)))


class ArrayBatches(keras.utils.PyDataset):
    """Batches from cached arrays of shape (views, n, ...). Each epoch every image appears once,
    as a randomly chosen view (so augmented views vary from epoch to epoch). ``rows``: train on
    these images only (indices into the arrays; repeats allowed), e.g. a learning curve's subset.

    ``mixup`` (the alpha of ``AugmentSpec.mixup``, 0 = off) blends each batch's cached outputs and
    one-hot labels pairwise (:func:`tlstudio.core.augmentation.augment.mixup_arrays`): mixup in
    feature space, since the images themselves were turned into backbone outputs once. Seeded
    per epoch and batch."""

    def __init__(self, views: np.ndarray, labels: np.ndarray, num_classes: int, batch_size: int, *, shuffle: bool,
                 seed: int, rows: np.ndarray | None = None, mixup: float = 0.0) -> None:
        super().__init__()
        self.views, self.batch_size, self.shuffle, self.seed, self.mixup = views, batch_size, shuffle, seed, mixup
        self.chosen = np.arange(views.shape[1]) if rows is None else np.asarray(rows, dtype=np.int64)
        self.rng = np.random.default_rng(seed)
        self.epoch = 0
        self.n = len(self.chosen)
        self.onehot = np.eye(num_classes, dtype="float32")[labels]
        self._new_epoch()

    def _new_epoch(self) -> None:
        self.order = self.rng.permutation(self.n) if self.shuffle else np.arange(self.n)
        n_views = self.views.shape[0]
        self.view = self.rng.integers(0, n_views, size=self.n) if n_views > 1 else np.zeros(self.n, int)

    def __len__(self) -> int:
        return math.ceil(self.n / self.batch_size)

    def __getitem__(self, index: int) -> tuple[np.ndarray, np.ndarray]:
        from tlstudio.core.augmentation.augment import mixup_arrays

        positions = self.order[index * self.batch_size : (index + 1) * self.batch_size]
        positions = positions[np.argsort(self.chosen[positions], kind="stable")]  # ascending rows: fast memmap reads
        idx = self.chosen[positions]
        x = np.asarray(self.views[self.view[positions], idx], dtype="float32")
        if self.mixup > 0:
            return mixup_arrays(x, self.onehot[idx], self.mixup, np.random.default_rng((self.seed, self.epoch, index)))
        return x, self.onehot[idx]

    def on_epoch_end(self) -> None:
        self.epoch += 1
        self._new_epoch()


def fit_model(model: "keras.Model", train_data: Any, val_data: Any, *, train: TrainConfig, epochs: int, lr: float,
              steps: int, class_weight: dict[int, float] | None, patience: int, initial_epoch: int = 0,
              first: Sequence[keras.callbacks.Callback] = (), then: Sequence[keras.callbacks.Callback] = (),
              jit_compile: Any = "auto") -> "keras.callbacks.History":
    """Compile ``model`` with the run's optimizer (``train``'s learning-rate schedule over
    ``epochs`` of ``steps`` batches, from ``lr``) and loss, and fit it with early stopping on
    validation accuracy that restores the best epoch's weights. Callbacks run in the order
    ``first``, early stopping, ``then``. The pipelines shuffle themselves (seeded, every
    epoch), so Keras is told not to."""
    optimizer = train.optimizer(lr, epochs=epochs, steps_per_epoch=steps, initial_epoch=initial_epoch)
    model.compile(optimizer=optimizer, loss=train.loss(), metrics=["accuracy"], jit_compile=jit_compile)
    best = keras.callbacks.EarlyStopping(monitor="val_accuracy", patience=patience, restore_best_weights=True)
    return model.fit(train_data, validation_data=val_data, epochs=epochs, initial_epoch=initial_epoch,
                     callbacks=[*first, best, *then], class_weight=class_weight, shuffle=False, verbose=0)


def with_augmenter(model: "keras.Model", augmenter: Any, size: int) -> "keras.Model":
    """The model that ``fit`` trains: ``model`` behind the augmentation layers, which change the
    images only while training (validation passes them through). Being part of the model, they
    run where the model runs (on the GPU when there is one) instead of in the input pipeline on
    the CPU. The two share their weights; ``model`` alone is what is saved."""
    if augmenter is None:
        return model
    inputs = keras.Input(shape=(size, size, 3), name="training_images")
    return keras.Model(inputs, model(augmenter(inputs)), name="augmented_training")


def predict_in_batches(model: "keras.Model", x: np.ndarray, batch_size: int, rows: np.ndarray | None = None
                       ) -> np.ndarray:
    """Probabilities in batches, calling the model directly (``predict`` would trace a new
    function after every compile, i.e. for every model of a study). ``rows``: only these rows of
    ``x``, in their order (read in ascending order within a batch: fast on a memory-mapped cache)."""
    if rows is None:
        rows = np.arange(len(x))
    out = []
    for i in range(0, len(rows), batch_size):
        chunk = np.asarray(rows[i : i + batch_size], dtype=np.int64)
        ascending = np.argsort(chunk, kind="stable")
        probs = keras.ops.convert_to_numpy(model(np.asarray(x[chunk[ascending]], "float32"), training=False))
        back = np.empty_like(probs)
        back[ascending] = probs
        out.append(back)
    return np.concatenate(out) if out else np.zeros((0, model.output.shape[-1]), "float32")


def _best_val_accuracy(history: "keras.callbacks.History") -> float:
    return float(max(history.history.get("val_accuracy", [0.0]) or [0.0]))


class FeatureTrainer:
    """Transfer and fine-tune models on cached backbone outputs, computed once for every model.

    Built once per recipe of a study; :meth:`train` fits one model on some training rows. When
    the split's parts are one and the same pool of images (cross-validation), the outputs are
    computed once for the whole pool, and each fold picks its rows with ``val_rows`` and
    ``test_rows``."""

    def __init__(self, job: "TrainingJob", split: "Split") -> None:
        from tlstudio.core.models.classifier import apply_freeze, build_classifier, cache_point, resolve_cutoff

        self.job, self.split = job, split
        config = job.config
        self.num_classes = len(split.classes)
        keras.utils.set_random_seed(config.train.seed)
        job.reporter.status("Building the network")
        classifier = build_classifier(config.model, self.num_classes)
        job.classifier = classifier
        self.classifier = classifier
        self.snapshot = classifier.model.get_weights()
        apply_freeze(classifier.backbone, config.model, phase="head")
        pooled = classifier.pools_features
        trunk = classifier.trunk_model(None, pool=pooled)
        job.reporter.start_phase("features", "Computing backbone features once (cached)")
        self.f_train, self.f_val, self.f_test = self._features(trunk, cut=None, pooled=pooled)
        self.head = classifier.head_model(tuple(self.f_train.shape[2:]), pooled=pooled)
        self.y_train, self.y_val = labels_of(split.train), labels_of(split.val)
        self.top = None
        if config.model.mode == "finetune":
            cutoff = resolve_cutoff(config.model)
            self.cut = cache_point(classifier.backbone, cutoff)
            if self.cut is None:
                raise RunError(f"Fine-tuning from {cutoff} leaves no frozen part to cache, so a learning curve or "
                               "cross-validation of it would re-run the whole network for every model.",
                               hint="Choose a later cutoff layer, or use transfer and scratch.")
            sub = classifier.trunk_model(self.cut, pool=False)
            self.c_train, self.c_val, self.c_test = self._features(sub, cut=self.cut, pooled=False)
            self.top = classifier.top_model(self.cut)

    def _features(self, trunk: "keras.Model", *, cut: str | None, pooled: bool) -> tuple[np.ndarray, ...]:
        """The trunk's outputs for the training (augmented views when augmentation is on),
        validation and test images; computed once and shared when the parts are one pool."""
        job, split = self.job, self.split
        augment = job.config.augment.changes_images
        views = job.config.train.augment_views if augment else 1
        if split.val is split.train and split.test is split.train:
            plain = job.features(trunk, split.train, tag="cross-validation", views=1, augment=False, cut=cut, pooled=pooled)
            train = job.features(trunk, split.train, tag="training", views=views, augment=True, cut=cut,
                                 pooled=pooled) if augment else plain
            return train, plain, plain
        return job.split_features(trunk, split, cut=cut, pooled=pooled)

    def train(self, rows: np.ndarray, *, seed: int, stopper: ProgressCallback, class_weight: dict[int, float] | None,
              val_rows: np.ndarray | None = None, test_rows: np.ndarray | None = None,
              min_steps: bool = True) -> tuple[np.ndarray, float]:
        """Train a fresh head (then the top, when fine-tuning) on ``rows`` of the training
        images; returns the test images' probabilities and the best validation accuracy.
        ``val_rows``/``test_rows``: only these validation and test images (all when None).
        ``min_steps``: repeat a small subset up to :data:`MIN_STEPS_PER_EPOCH` steps an epoch."""
        from tlstudio.core.models.classifier import apply_freeze

        config, tr, n = self.job.config, self.job.config.train, self.num_classes
        self.classifier.model.set_weights(self.snapshot)  # a fresh head (and backbone) for every model
        keras.utils.set_random_seed(seed)
        apply_freeze(self.classifier.backbone, config.model, phase="head")
        repeated = np.tile(rows, repeats_for(len(rows), tr.batch_size)) if min_steps else np.asarray(rows)
        data = ArrayBatches(self.f_train, self.y_train, n, tr.batch_size, shuffle=True, seed=seed, rows=repeated,
                            mixup=config.augment.mixup)
        val = ArrayBatches(self.f_val, self.y_val, n, tr.batch_size, shuffle=False, seed=seed, rows=val_rows)
        val_head = _best_val_accuracy(fit_model(self.head, data, val, train=tr, epochs=tr.epochs, lr=tr.learning_rate,
                                                steps=len(data), class_weight=class_weight, patience=tr.epochs,
                                                then=[stopper]))
        probs = predict_in_batches(self.head, self.f_test[0], 256, test_rows)
        if self.top is None:
            return probs, val_head
        apply_freeze(self.classifier.backbone, config.model, phase="finetune")
        data = ArrayBatches(self.c_train, self.y_train, n, tr.batch_size, shuffle=True, seed=seed + 1, rows=repeated,
                            mixup=config.augment.mixup)
        val = ArrayBatches(self.c_val, self.y_val, n, tr.batch_size, shuffle=False, seed=seed, rows=val_rows)
        val_ft = _best_val_accuracy(fit_model(self.top, data, val, train=tr, epochs=tr.phase2_epochs,
                                              lr=tr.learning_rate * tr.finetune_lr_factor, steps=len(data),
                                              class_weight=class_weight, patience=tr.phase2_epochs, then=[stopper]))
        if val_ft <= val_head:  # as in a normal run: fine-tuning is kept only when it beats the head on validation
            return probs, val_head
        return predict_in_batches(self.top, self.c_test[0], 64, test_rows), val_ft


class ImageTrainer:
    """From-scratch models: the reference CNN trained on the chosen training images themselves."""

    def __init__(self, job: "TrainingJob", split: "Split") -> None:
        from tlstudio.core.data.pipeline import make_tf_dataset
        from tlstudio.core.models.classifier import build_classifier

        self.job, self.split = job, split
        config = job.config
        self.num_classes = len(split.classes)
        keras.utils.set_random_seed(config.train.seed)
        self.classifier = build_classifier(config.model, self.num_classes)
        self.snapshot = self.classifier.model.get_weights()
        size, batch = self.classifier.image_size, config.train.batch_size
        self.val_ds = make_tf_dataset(split.val, size, batch, self.num_classes, shuffle=False, seed=0)
        self.test_ds = make_tf_dataset(split.test, size, batch, self.num_classes, shuffle=False, seed=0)

    def train(self, rows: np.ndarray, *, seed: int, stopper: ProgressCallback, class_weight: dict[int, float] | None,
              val_rows: np.ndarray | None = None, test_rows: np.ndarray | None = None,
              min_steps: bool = True) -> tuple[np.ndarray, float]:
        """As :meth:`FeatureTrainer.train`, on the images themselves."""
        from tlstudio.core.augmentation.layers import build_augmenter, mix_image_batches
        from tlstudio.core.data.pipeline import make_tf_dataset

        config, tr = self.job.config, self.job.config.train
        size, n = self.classifier.image_size, self.num_classes
        self.classifier.model.set_weights(self.snapshot)
        keras.utils.set_random_seed(seed)
        chosen = np.tile(rows, repeats_for(len(rows), tr.batch_size)) if min_steps else np.asarray(rows)
        records = [self.split.train[i] for i in chosen]
        data = mix_image_batches(make_tf_dataset(records, size, tr.batch_size, n, shuffle=True, seed=seed),
                                 config.augment, seed=seed)
        # as a run does: the augmentation layers inside the model that trains (on its device)
        trainer = with_augmenter(self.classifier.model, build_augmenter(config.augment, seed=seed), size)
        val_ds = self.val_ds if val_rows is None else make_tf_dataset(
            [self.split.val[i] for i in val_rows], size, tr.batch_size, n, shuffle=False, seed=0)
        test_ds = self.test_ds if test_rows is None else make_tf_dataset(
            [self.split.test[i] for i in test_rows], size, tr.batch_size, n, shuffle=False, seed=0)
        history = fit_model(trainer, data, val_ds, train=tr, epochs=tr.epochs, lr=tr.learning_rate,
                            steps=math.ceil(len(records) / tr.batch_size), class_weight=class_weight,
                            patience=tr.epochs, then=[stopper])
        return np.asarray(self.classifier.model.predict(test_ds, verbose=0)), _best_val_accuracy(history)
