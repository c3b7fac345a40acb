"""The phases of a run, in order: from scratch on the images; or the head on cached backbone
outputs, then fine-tuning from the cutoff at a lower learning rate (on cached outputs of the
frozen part below it when the graph can be cut there, else on the images). A fine-tuned model
is kept only when it beats the head-only model on validation.
"""

from __future__ import annotations

import math
import time
from typing import TYPE_CHECKING, Any, Callable

import numpy as np

from tlstudio.core.training.job import TrainingJob

if TYPE_CHECKING:
    from tlstudio.core.data.records import Split

#: The trained model's probabilities for the "val" or "test" images (in split order).
Predictor = Callable[[str], np.ndarray]


def fit_phases(job: TrainingJob, classifier: Any, split: "Split") -> tuple[Predictor, bool]:
    """The mode's phases (a finished phase of a resumed run is skipped): from scratch on the
    images; or the head on cached features, then fine-tuning. Returns how to predict with the
    model kept, and whether the user stopped."""
    tr = job.config.train
    labels = split_labels(split)
    class_weight = _class_weight(job, labels["train"], len(split.classes))
    if job.config.model.mode == "scratch":
        return _train_on_images(job, classifier, split, phase="scratch", epochs=tr.epochs, lr=tr.learning_rate,
                                class_weight=class_weight, initial_epoch=max(0, job.state.start_epoch("scratch")))
    predict, cancelled = _head_phase(job, classifier, split, labels, class_weight)
    if job.config.model.mode == "finetune" and not cancelled:
        return _finetune(job, classifier, split, predict, class_weight,
                         initial_epoch=max(0, job.state.start_epoch("finetune")))
    return predict, cancelled


def split_labels(split: "Split") -> dict[str, np.ndarray]:
    from tlstudio.core.training.fitters import labels_of

    return {"train": labels_of(split.train), "val": labels_of(split.val), "test": labels_of(split.test)}


def _class_weight(job: TrainingJob, y_train: np.ndarray, num_classes: int) -> dict[int, float] | None:
    from tlstudio.core.training.fitters import class_weights

    return class_weights(y_train, num_classes) if job.config.train.class_weights else None


def _head_phase(job: TrainingJob, classifier: Any, split: "Split", labels: dict[str, np.ndarray],
                class_weight: dict[int, float] | None) -> tuple[Predictor, bool]:
    """Phase 1: the backbone's outputs computed once (cached), the head trained on them."""
    from tlstudio.core.models.classifier import apply_freeze
    from tlstudio.core.training.fitters import ArrayBatches

    tr, num_classes, rep = job.config.train, len(split.classes), job.reporter
    apply_freeze(classifier.backbone, job.config.model, phase="head")
    pooled = classifier.pools_features
    trunk = classifier.trunk_model(None, pool=pooled)
    rep.start_phase("features", "Computing backbone features once (cached)")
    t = time.monotonic()
    cut = shared_cut(job, classifier)
    if cut is None:
        f_train, f_val, f_test = job.split_features(trunk, split, cut=None, pooled=pooled)
    else:  # the fine-tune cutoff's activations from the same pass (cached for the fine-tune phase)
        _, (f_train, f_val, f_test) = job.split_feature_pairs(classifier.trunk_pair(cut, pool=pooled), split,
                                                              cut=cut, pooled=pooled)
    job.timed("features", t)
    head = classifier.head_model(tuple(f_train.shape[2:]), pooled=pooled)
    pooled_features = {"val": f_val, "test": f_test}

    def predict(part: str) -> np.ndarray:
        return head.predict(np.asarray(pooled_features[part][0], "float32"), batch_size=256, verbose=0)

    start = job.state.start_epoch("head")
    if start < 0:
        return predict, False
    rep.start_phase("head", "Training the head (backbone frozen)", tr.epochs)
    t = time.monotonic()
    train_data = ArrayBatches(f_train, labels["train"], num_classes, tr.batch_size, shuffle=True, seed=tr.seed,
                              mixup=job.config.augment.mixup)
    val_data = ArrayBatches(f_val, labels["val"], num_classes, tr.batch_size, shuffle=False, seed=tr.seed)
    job.fit(head, train_data, val_data, phase="head", epochs=tr.epochs, lr=tr.learning_rate, steps=len(train_data),
            class_weight=class_weight, initial_epoch=start)
    job.timed("head", t)
    cancelled = job.should_stop()
    job.finish_phase("head")
    return predict, cancelled


def shared_cut(job: TrainingJob, classifier: Any) -> str | None:
    """Where the head phase's feature pass also caches activations for fine-tuning: the cache point
    before the cutoff in a fine-tune run, or in a run asked to prefetch it (compare's transfer run,
    for the fine-tune run after it); None otherwise, or when the graph cannot be cut there."""
    if job.config.model.mode != "finetune" and not job.prefetch_cutoff:
        return None
    from dataclasses import replace

    from tlstudio.core.errors import ConfigError
    from tlstudio.core.models.classifier import cache_point, resolve_cutoff

    try:
        cutoff = resolve_cutoff(replace(job.config.model, mode="finetune"))  # the fine-tune run's cutoff
    except ConfigError:  # a backbone that cannot be fine-tuned: nothing to prefetch
        return None
    return None if cutoff is None else cache_point(classifier.backbone, cutoff)


def _finetune(job: TrainingJob, classifier: Any, split: "Split", predict_head: Predictor,
              class_weight: dict[int, float] | None, *, initial_epoch: int) -> tuple[Predictor, bool]:
    """Phase 2: unfreeze from the cutoff, lower the learning rate, keep BN in inference mode."""
    from tlstudio.core.models.classifier import apply_freeze, cache_point, resolve_cutoff
    from tlstudio.core.training.fitters import ArrayBatches, labels_of

    config = job.config
    tr = config.train
    num_classes = len(split.classes)
    cutoff = resolve_cutoff(config.model)
    apply_freeze(classifier.backbone, config.model, phase="finetune")
    head_best = job.best("head")
    snapshot = classifier.model.get_weights()
    lr = tr.learning_rate * tr.finetune_lr_factor
    cut = cache_point(classifier.backbone, cutoff)
    epochs = tr.phase2_epochs
    if cut is None:
        return _train_on_images(job, classifier, split, phase="finetune", epochs=epochs, lr=lr,
                                class_weight=class_weight, initial_epoch=initial_epoch,
                                fallback=(snapshot, head_best, predict_head))

    job.reporter.start_phase("features", f"Computing the frozen layers' outputs once (up to {cut})")
    t = time.monotonic()
    c_train, c_val, c_test = job.split_features(classifier.trunk_model(cut, pool=False), split, cut=cut, pooled=False)
    job.timed("features", t)
    top = classifier.top_model(cut)
    job.reporter.start_phase("finetune", f"Fine-tuning from {cutoff} at a {1 / tr.finetune_lr_factor:g}x lower "
                             "learning rate", epochs)
    t = time.monotonic()
    train_data = ArrayBatches(c_train, labels_of(split.train), num_classes, tr.batch_size, shuffle=True,
                              seed=tr.seed + 1, mixup=config.augment.mixup)
    val_data = ArrayBatches(c_val, labels_of(split.val), num_classes, tr.batch_size, shuffle=False, seed=tr.seed)
    job.fit(top, train_data, val_data, phase="finetune", epochs=epochs, lr=lr, steps=len(train_data),
            class_weight=class_weight, initial_epoch=initial_epoch)
    job.timed("finetune", t)
    cancelled = job.should_stop()
    cut_features = {"val": c_val, "test": c_test}

    def predict_top(part: str) -> np.ndarray:
        return top.predict(np.asarray(cut_features[part][0], "float32"), batch_size=64, verbose=0)

    return _keep_better(job, classifier, snapshot, head_best, predict_head, predict_top), cancelled


def _keep_better(job: TrainingJob, classifier: Any, snapshot: list, head_best: tuple[float, float],
                 predict_head: Predictor, predict_ft: Predictor) -> Predictor:
    """Keep fine-tuned weights only if they beat the head-only model on validation."""
    ft_best = job.best("finetune")
    if ft_best > head_best or head_best[0] < 0:
        return predict_ft
    classifier.model.set_weights(snapshot)
    note = (f"Fine-tuning did not improve validation accuracy ({ft_best[0]:.1%} vs {head_best[0]:.1%} with the "
            "backbone frozen), so the head-only weights were kept.")
    job.notes.append(note)
    job.reporter.status(note)
    return predict_head


def _train_on_images(job: TrainingJob, classifier: Any, split: "Split", *, phase: str, epochs: int, lr: float,
                     class_weight: dict[int, float] | None, initial_epoch: int,
                     fallback: tuple | None = None) -> tuple[Predictor, bool]:
    """Train the whole classifier on images (scratch, or fine-tuning with no cacheable cut)."""
    from tlstudio.core.augmentation.layers import build_augmenter, mix_image_batches
    from tlstudio.core.data.pipeline import make_tf_dataset
    from tlstudio.core.training.fitters import with_augmenter

    cfg = job.config
    tr = cfg.train
    num_classes = len(split.classes)
    size = classifier.image_size
    train_ds = make_tf_dataset(split.train, size, tr.batch_size, num_classes, shuffle=True, seed=tr.seed)
    train_ds = mix_image_batches(train_ds, cfg.augment, seed=tr.seed)
    val_ds = make_tf_dataset(split.val, size, tr.batch_size, num_classes, shuffle=False, seed=tr.seed)
    steps = math.ceil(len(split.train) / tr.batch_size)
    job.reporter.start_phase(phase, "Training the whole network on the images" if phase == "scratch"
                             else "Fine-tuning on the images", epochs)
    t = time.monotonic()
    job.fit(with_augmenter(classifier.model, build_augmenter(cfg.augment, seed=tr.seed), size), train_ds, val_ds,
            phase=phase, epochs=epochs, lr=lr, steps=steps, class_weight=class_weight, initial_epoch=initial_epoch)
    job.timed(phase, t)
    cancelled = job.should_stop()
    records = {"val": split.val, "test": split.test}

    def predict(part: str) -> np.ndarray:
        return classifier.model.predict(
            make_tf_dataset(records[part], size, tr.batch_size, num_classes, shuffle=False, seed=tr.seed), verbose=0)

    if fallback is not None:
        snapshot, head_best, predict_head = fallback
        return _keep_better(job, classifier, snapshot, head_best, predict_head, predict), cancelled
    return predict, cancelled
