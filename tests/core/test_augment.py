"""Augmentation: each operation changes training images, never inference images, and is seeded."""

from __future__ import annotations

import numpy as np
import pytest

from tlstudio.core.augment import build_augmenter, preview
from tlstudio.core.config import AugmentSpec

ALL_ON = dict(flip_horizontal=True, flip_vertical=True, rotation=0.1, zoom_in=0.2, zoom_out=0.2, translation=0.1,
              brightness=0.2, contrast=0.3, blur=1.5, cutout=0.3)
OPERATIONS = [
    {"flip_horizontal": True},
    {"flip_vertical": True},
    {"rotation": 0.1},
    {"zoom_in": 0.3},
    {"zoom_out": 0.3},
    {"translation": 0.2},
    {"brightness": 0.3},
    {"contrast": 0.4},
    {"blur": 2.0},
    {"cutout": 0.4},
]


def sample_image(size: int = 32, seed: int = 0) -> np.ndarray:
    """Asymmetric content (a gradient, a bright corner, noise) so every operation shows."""
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:size, 0:size]
    img = np.stack([x * 6, y * 6, (x + y) * 3], -1).astype(np.float32) + rng.normal(0, 20, (size, size, 3))
    img[:6, :10] = (250, 30, 30)
    return np.clip(img, 0, 255).astype(np.uint8)


def batch(n: int = 8, size: int = 32) -> np.ndarray:
    return np.stack([sample_image(size, seed) for seed in range(n)]).astype(np.float32)




def test_no_operation_gives_no_augmenter():
    assert build_augmenter(AugmentSpec()) is None


@pytest.mark.parametrize("options", OPERATIONS, ids=lambda o: next(iter(o)))
def test_each_operation_changes_training_images_and_leaves_inference_images_alone(options):
    augmenter = build_augmenter(AugmentSpec(**options), seed=1)
    images = batch()
    trained = np.asarray(augmenter(images, training=True))
    assert trained.shape == images.shape
    changed = [not np.allclose(a, b, atol=0.5) for a, b in zip(trained, images)]
    assert any(changed), options
    assert trained.min() >= 0.0 and trained.max() <= 255.0
    np.testing.assert_allclose(np.asarray(augmenter(images, training=False)), images)
    np.testing.assert_allclose(np.asarray(augmenter(images)), images)  # default is inference


def test_flips_really_flip():
    images = batch()
    out = np.asarray(build_augmenter(AugmentSpec(flip_horizontal=True), seed=0)(images, training=True))
    for original, result in zip(images, out):
        assert np.array_equal(result, original) or np.array_equal(result, np.flip(original, axis=1))
    assert any(np.array_equal(r, np.flip(o, axis=1)) for o, r in zip(images, out))
    out = np.asarray(build_augmenter(AugmentSpec(flip_vertical=True), seed=0)(images, training=True))
    for original, result in zip(images, out):
        assert np.array_equal(result, original) or np.array_equal(result, np.flip(original, axis=0))
    assert any(np.array_equal(r, np.flip(o, axis=0)) for o, r in zip(images, out))


def centred_disc(size: int = 64) -> np.ndarray:
    y, x = np.mgrid[0:size, 0:size]
    disc = (x - size / 2 + 0.5) ** 2 + (y - size / 2 + 0.5) ** 2 <= (size / 4) ** 2
    return np.where(disc[..., None], 255.0, 0.0).repeat(3, -1).astype(np.float32)


def test_zoom_in_enlarges_and_zoom_out_shrinks():
    """Keras' RandomZoom takes a negative factor for zooming in; check tlstudio's mapping."""
    images = np.stack([centred_disc()] * 6)
    bright = (images > 127).mean()
    zoomed_in = np.asarray(build_augmenter(AugmentSpec(zoom_in=0.4), seed=3)(images, training=True))
    assert (zoomed_in > 127).mean() > bright
    images_on_grey = images * 0.5 + 40  # fill by reflection repeats the disc; compare the centre
    zoomed_out = np.asarray(build_augmenter(AugmentSpec(zoom_out=0.4), seed=3)(images_on_grey, training=True))
    centre = slice(16, 48)
    assert (zoomed_out[:, centre, centre] > 100).mean() < (images_on_grey[:, centre, centre] > 100).mean()


def test_everything_on_keeps_shape_and_range():
    augmenter = build_augmenter(AugmentSpec(**ALL_ON), seed=0)
    images = batch(4, 48)
    images[0] = 255.0
    images[1] = 0.0
    out = np.asarray(augmenter(images, training=True))
    assert out.shape == images.shape and out.dtype == np.float32
    assert out.min() >= 0.0 and out.max() <= 255.0
    assert [layer.name for layer in augmenter.layers] == [
        "flip", "rotation", "zoom", "translation", "brightness", "contrast", "blur", "cutout", "clip"]


def test_preview_is_seeded_uint8_and_sized():
    image = sample_image(80)
    spec = AugmentSpec(**ALL_ON)
    first = preview(image, spec, 6, seed=5, size=40)
    assert len(first) == 6
    assert all(v.dtype == np.uint8 and v.shape == (40, 40, 3) for v in first)
    again = preview(image, spec, 6, seed=5, size=40)
    assert all(np.array_equal(a, b) for a, b in zip(first, again))
    other = preview(image, spec, 6, seed=6, size=40)
    assert not all(np.array_equal(a, b) for a, b in zip(first, other))
    assert len({v.tobytes() for v in first}) > 1  # variants differ from each other


def test_preview_without_operations_returns_the_resized_picture():
    image = sample_image(64)
    variants = preview(image, AugmentSpec(), 3, size=32)
    assert len(variants) == 3 and variants[0].shape == (32, 32, 3)
    assert all(np.array_equal(v, variants[0]) for v in variants)


def test_preview_accepts_grey_and_rgba_arrays_and_rejects_nonsense():
    grey = sample_image(40)[..., 0]
    assert preview(grey, AugmentSpec(brightness=0.2), 2, size=32)[0].shape == (32, 32, 3)
    rgba = np.concatenate([sample_image(40), np.full((40, 40, 1), 255, np.uint8)], -1)
    assert preview(rgba, AugmentSpec(rotation=0.1), 1, size=32)[0].shape == (32, 32, 3)
    with pytest.raises(ValueError, match="n must be at least 1"):
        preview(sample_image(), AugmentSpec(), 0)
    with pytest.raises(ValueError, match="RGB array"):
        preview(np.zeros((4, 4, 4, 4), np.uint8), AugmentSpec(), 1)


def test_augmenter_serialises_and_reloads():
    import keras

    augmenter = build_augmenter(AugmentSpec(**ALL_ON), seed=0)
    restored = keras.saving.deserialize_keras_object(keras.saving.serialize_keras_object(augmenter))
    assert type(restored) is type(augmenter)
    assert [type(layer).__name__ for layer in restored.layers] == [type(layer).__name__ for layer in augmenter.layers]
    images = batch(2)
    np.testing.assert_allclose(np.asarray(restored(images, training=False)), images)


def test_previews_asked_for_from_several_threads_at_once_all_arrive():
    # The app computes previews on a thread pool; two quick clicks used to crash TensorFlow.
    from concurrent.futures import ThreadPoolExecutor

    image = np.random.default_rng(0).integers(0, 256, (80, 100, 3), dtype=np.uint8)
    spec = AugmentSpec(flip_horizontal=True, rotation=0.1, zoom_in=0.2, brightness=0.2)
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda seed: preview(image, spec, 6, seed=seed, size=64), range(8)))
    assert [len(r) for r in results] == [6] * 8
    assert all(v.shape == (64, 64, 3) and v.dtype == np.uint8 for r in results for v in r)
    assert results[0] != [] and not np.array_equal(np.stack(results[0]), np.stack(results[1]))  # seeds differ
