"""Augmentation: each operation changes training images, never inference images, and is seeded."""

from __future__ import annotations

import numpy as np
import pytest

from tlstudio.core.augmentation.augment import preview
from tlstudio.core.augmentation.layers import build_augmenter
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
        "flip_horizontal", "flip_vertical", "rotation", "zoom", "translation", "brightness", "contrast", "blur",
        "cutout", "clip"]


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


# ----------------------------------------------------------------------------- probabilities, crop, mixup

PER_OPERATION = [*OPERATIONS, {"crop": 0.3}]


def _changed(out: np.ndarray, images: np.ndarray) -> list[bool]:
    return [not np.allclose(a, b, atol=0.5) for a, b in zip(out, images)]


def _probability_field(options: dict) -> str:
    from tlstudio.core.config import AUGMENT_OPERATIONS

    name = next(iter(options))
    return next(p for op, (fields, p) in AUGMENT_OPERATIONS.items() if name in fields)


@pytest.mark.parametrize("options", PER_OPERATION, ids=lambda o: next(iter(o)))
def test_probability_one_changes_every_image_and_zero_none(options):
    images = batch(8)
    p_field = _probability_field(options)
    always = build_augmenter(AugmentSpec(**options, **{p_field: 1.0}), seed=4)
    assert all(_changed(np.asarray(always(images, training=True)), images)), options
    assert build_augmenter(AugmentSpec(**options, **{p_field: 0.0}), seed=4) is None  # switched off


def test_a_probability_between_changes_about_that_share_of_images():
    images = np.repeat(batch(1), 400, axis=0)
    out = np.asarray(build_augmenter(AugmentSpec(brightness=0.5, brightness_p=0.25), seed=2)(images, training=True))
    share = np.mean(_changed(out, images))
    assert 0.17 < share < 0.33


def test_old_configs_without_probabilities_load_and_mean_what_they_meant():
    old = {"flip_horizontal": True, "rotation": 0.05, "blur": 1.0, "cutout": 0.2}  # a config.json of before
    spec = AugmentSpec.from_dict(old)
    assert spec.flip_horizontal and spec.rotation == 0.05
    # Keras' RandomFlip, RandomGaussianBlur(factor=1) and RandomErasing(factor=1) changed about half the images.
    assert (spec.flip_horizontal_p, spec.blur_p, spec.cutout_p) == (0.5, 0.5, 0.5)
    assert (spec.rotation_p, spec.zoom_p, spec.crop_p, spec.mixup) == (1.0, 1.0, 1.0, 0.0)
    assert AugmentSpec.from_dict(spec.to_dict()) == spec
    flips = np.asarray(build_augmenter(AugmentSpec(flip_horizontal=True), seed=0)(np.repeat(batch(1), 200, 0),
                                                                                  training=True))
    assert 0.35 < np.mean([np.array_equal(f, np.flip(batch(1)[0], axis=1)) for f in flips]) < 0.65


@pytest.mark.parametrize("bad", [{"rotation_p": 1.5}, {"blur_p": -0.1}, {"crop": 0.95}, {"mixup": 2.0},
                                 {"cutout_p": "half"}])
def test_bad_probabilities_and_strengths_say_what_was_received(bad):
    from tlstudio.core.errors import ConfigError

    with pytest.raises(ConfigError, match=f"Received: {next(iter(bad))}="):
        AugmentSpec(**bad)


def test_the_same_seed_gives_the_same_images_and_another_seed_others():
    spec = AugmentSpec(**ALL_ON, crop=0.2, rotation_p=0.5, crop_p=0.5)
    images = batch(6)
    a = np.asarray(build_augmenter(spec, seed=11)(images, training=True))
    b = np.asarray(build_augmenter(spec, seed=11)(images, training=True))
    c = np.asarray(build_augmenter(spec, seed=12)(images, training=True))
    np.testing.assert_array_equal(a, b)
    assert not np.allclose(a, c)


def test_random_crop_keeps_the_shape_and_shows_a_magnified_window():
    images = np.stack([centred_disc(64)] * 4)
    out = np.asarray(build_augmenter(AugmentSpec(crop=0.5), seed=1)(images, training=True))
    assert out.shape == images.shape
    # A window of half the side, resized back: the disc (a quarter of the side in radius) looks twice as large.
    assert (out > 127).mean() > 1.5 * (images > 127).mean()
    # Windows are drawn per image: not all four crops are the same.
    assert len({o.round().tobytes() for o in out}) > 1


def test_mixup_mixes_features_and_labels_pairwise_and_labels_still_sum_to_one():
    from tlstudio.core.augmentation.augment import mixup_arrays

    x = np.arange(8, dtype="float32").reshape(8, 1) * np.ones((8, 5), "float32")
    y = np.eye(4, dtype="float32")[[0, 1, 2, 3, 0, 1, 2, 3]]
    mx, my = mixup_arrays(x, y, 0.4, np.random.default_rng(0))
    np.testing.assert_allclose(my.sum(axis=1), 1.0, rtol=1e-6)
    assert (my.max(axis=1) < 1.0).any()  # some labels are blended
    assert not np.array_equal(mx, x)
    # Each row is w * own + (1 - w) * partner, the same w for the features and the label: recover
    # the partner from the features and check that its class is the label's other class.
    classes = np.argmax(y, axis=1)
    for i in np.flatnonzero(np.count_nonzero(my, axis=1) == 2):
        w = my[i, classes[i]]
        partner = (mx[i, 0] - w * i) / (1 - w)
        assert partner == pytest.approx(round(partner), abs=1e-3)
        assert my[i, classes[int(round(partner))]] == pytest.approx(1 - w, abs=1e-5)
    again = mixup_arrays(x, y, 0.4, np.random.default_rng(0))
    np.testing.assert_array_equal(again[0], mx)
    assert mixup_arrays(x, y, 0.0, np.random.default_rng(0))[0] is x  # off


def test_mixup_of_image_batches_blends_labels():
    from tlstudio.core.augmentation.layers import mixup_layer

    assert mixup_layer(AugmentSpec()) is None
    layer = mixup_layer(AugmentSpec(mixup=0.4), seed=3)
    labels = np.eye(4, dtype="float32")
    out = layer({"images": batch(4), "labels": labels}, training=True)
    mixed = np.asarray(out["labels"])
    np.testing.assert_allclose(mixed.sum(axis=1), 1.0, rtol=1e-5)
    assert not np.allclose(mixed, labels)


def test_feature_batches_with_mixup_have_soft_labels_and_without_one_hot():
    from tlstudio.core.training.fitters import ArrayBatches

    views = np.random.default_rng(0).normal(size=(2, 20, 6)).astype("float32")
    labels = np.array([0, 1] * 10)
    plain = ArrayBatches(views, labels, 2, 8, shuffle=True, seed=0)
    x, y = plain[0]
    assert set(np.unique(y)) <= {0.0, 1.0}
    mixed = ArrayBatches(views, labels, 2, 8, shuffle=True, seed=0, mixup=0.4)
    x, y = mixed[0]
    np.testing.assert_allclose(y.sum(axis=1), 1.0, rtol=1e-6)
    assert ((y > 0) & (y < 1)).any()
    np.testing.assert_array_equal(mixed[0][0], x)  # the same batch again: the same mix (seeded)
    val = ArrayBatches(views, labels, 2, 8, shuffle=False, seed=0)  # validation batches are never mixed
    assert set(np.unique(val[0][1])) <= {0.0, 1.0}


def test_wrapped_layers_serialise_and_reload_with_their_probabilities():
    import keras

    spec = AugmentSpec(**ALL_ON, crop=0.2, rotation_p=0.3)
    augmenter = build_augmenter(spec, seed=0)
    restored = keras.saving.deserialize_keras_object(keras.saving.serialize_keras_object(augmenter))
    rotation = next(layer for layer in restored.layers if layer.name == "rotation")
    assert type(rotation).__name__ == "RandomApply" and rotation.probability == pytest.approx(0.3)
    assert type(rotation.layer).__name__ == "RandomRotation"
    crop = next(layer for layer in restored.layers if layer.name == "crop")
    assert crop.layer.crop == pytest.approx(0.2)
    out = np.asarray(restored(batch(2), training=True))
    assert out.shape == (2, 32, 32, 3)


# ----------------------------------------------------------------------------- presets and warnings


def test_presets_are_the_documented_specs_with_a_reason_for_each_choice():
    from tlstudio.core.augmentation.augment import PRESETS, get_preset
    from tlstudio.core.errors import ConfigError

    assert set(PRESETS) == {"none", "natural", "chest_xray", "dermoscopy", "microscopy"}
    xray = get_preset("chest_xray").spec
    assert not xray.flip_vertical and not xray.flip_horizontal
    assert xray.rotation * 360 == pytest.approx(5)
    assert xray.blur == 0 and xray.cutout == 0
    reasons = " ".join(get_preset("chest_xray").reasons)
    assert "orientation" in reasons and "dextrocardia" in reasons
    for key in ("dermoscopy", "microscopy"):
        spec = get_preset(key).spec
        assert spec.flip_horizontal and spec.flip_vertical and spec.rotation * 360 == pytest.approx(180)
        assert "no up or down" in " ".join(get_preset(key).reasons)
    natural = get_preset("natural").spec
    assert natural.flip_horizontal and not natural.flip_vertical
    assert "upside-down" in " ".join(get_preset("natural").reasons).lower()
    assert get_preset("none").spec.is_identity
    assert all(p.reasons for p in PRESETS.values())
    with pytest.raises(ConfigError, match="chest_xray"):
        get_preset("xray")


def test_presets_raise_no_warning_for_their_own_images():
    from tlstudio.core.augmentation.augment import PRESETS, label_warnings

    for key, preset in PRESETS.items():
        assert label_warnings(preset.spec, key, ["normal", "pneumonia"]) == [], key


def test_warnings_for_xrays_flipped_or_turned_too_far():
    from dataclasses import replace

    from tlstudio.core.augmentation.augment import get_preset, label_warnings

    xray = get_preset("chest_xray").spec
    upside = label_warnings(replace(xray, flip_vertical=True), "chest_xray", ["normal", "pneumonia"])
    assert len(upside) == 1 and "orientation" in upside[0]
    assert "dextrocardia" in label_warnings(replace(xray, flip_horizontal=True), "chest_xray")[0]
    turned = label_warnings(replace(xray, rotation=30 / 360), "chest_xray")
    assert len(turned) == 1 and "±30°" in turned[0]
    assert label_warnings(replace(xray, rotation=10 / 360), "chest_xray") == []  # within 15°
    assert label_warnings(replace(xray, flip_vertical=True, flip_vertical_p=0.0), "chest_xray") == []  # never applied


def test_warnings_for_digits_letters_and_sides():
    from tlstudio.core.augmentation.augment import label_warnings

    digits = label_warnings(AugmentSpec(flip_horizontal=True), None, [str(d) for d in range(10)])
    assert len(digits) == 1 and "6 and 9" in digits[0]
    letters = label_warnings(AugmentSpec(rotation=0.25), None, ["b", "d", "x"])
    assert len(letters) == 1 and "b and d" in letters[0] and "rotations" in letters[0]
    assert label_warnings(AugmentSpec(rotation=10 / 360, brightness=0.3), None, ["6", "9"]) == []
    sides = label_warnings(AugmentSpec(flip_horizontal=True), None, ["left_knee", "right_knee"])
    assert len(sides) == 1 and "'left_knee'" in sides[0]
    assert label_warnings(AugmentSpec(flip_horizontal=True), None, ["cats", "dogs"]) == []


def test_warnings_for_dermoscopy_colour_blur_and_for_cutout():
    from dataclasses import replace

    from tlstudio.core.augmentation.augment import get_preset, label_warnings

    derm = get_preset("dermoscopy").spec
    assert "colour" in label_warnings(replace(derm, brightness=0.3), "dermoscopy")[0]
    assert "border" in label_warnings(replace(derm, blur=1.0), "dermoscopy")[0]
    assert "hide" in label_warnings(replace(derm, cutout=0.2), "dermoscopy")[0]
    assert label_warnings(AugmentSpec(cutout=0.2), "natural") == []  # small patches on photos are fine
    assert "hide" in label_warnings(AugmentSpec(cutout=0.5), None)[0]


def test_augmentation_and_mixup_run_in_a_tf_data_pipeline_under_mixed_precision():
    """On a GPU a run uses mixed precision; Keras' blur cannot compute in float16 inside tf.data,
    so augmentation keeps float32 whatever the policy."""
    import keras
    import tensorflow as tf

    from tlstudio.core.augmentation.layers import mix_image_batches

    spec = AugmentSpec(**ALL_ON, crop=0.2, mixup=0.2, rotation_p=0.5)
    previous = keras.config.dtype_policy()
    keras.config.set_dtype_policy("mixed_float16")
    try:
        augmenter = build_augmenter(spec, seed=1)
        data = tf.data.Dataset.from_tensor_slices((batch(4), np.eye(4, dtype="float32"))).batch(2)
        data = mix_image_batches(data.map(lambda x, y: (augmenter(x, training=True), y)), spec, seed=0)
        out = [(np.asarray(x), np.asarray(y)) for x, y in data]
    finally:
        keras.config.set_dtype_policy(previous)
    assert [x.shape for x, _ in out] == [(2, 32, 32, 3)] * 2
    assert all(x.dtype == np.float32 and 0 <= x.min() and x.max() <= 255 for x, _ in out)
    np.testing.assert_allclose(np.concatenate([y for _, y in out]).sum(axis=1), 1.0, rtol=1e-5)


def test_the_probability_wrapper_itself_never_and_always_applies_its_layer():
    import keras

    from tlstudio.core.augmentation.layers import RandomApply as random_apply
    images = batch(6)
    never = random_apply(keras.layers.RandomBrightness(0.5, value_range=(0, 255), seed=1), 0.0, seed=2)
    np.testing.assert_array_equal(np.asarray(never(images, training=True)), images)
    always = random_apply(keras.layers.RandomBrightness(0.5, value_range=(0, 255), seed=1), 1.0, seed=2)
    assert all(_changed(np.asarray(always(images, training=True)), images))
    half = random_apply(keras.layers.RandomBrightness(0.5, value_range=(0, 255), seed=1), 0.5, seed=2)
    out = np.asarray(half(images, training=True))
    # Each image is either left exactly as it was or changed, never partly.
    assert all(np.array_equal(o, i) or not np.allclose(o, i, atol=0.5) for o, i in zip(out, images))
    np.testing.assert_array_equal(np.asarray(always(images, training=False)), images)


def test_a_training_model_with_random_crop_is_kept_out_of_xla():
    """affine_transform cannot be compiled by XLA (Keras' own geometric layers say so too): with
    jit_compile="auto", a model holding the crop layer must not be compiled, or a GPU run fails."""
    import keras
    from keras.src.trainers.trainer import model_supports_jit

    from tlstudio.core.augmentation.layers import build_augmenter
    from tlstudio.core.training.fitters import with_augmenter

    classifier = keras.Sequential([keras.Input((32, 32, 3)), keras.layers.GlobalAveragePooling2D(),
                                   keras.layers.Dense(2, activation="softmax")])
    assert model_supports_jit(classifier)
    trainer = with_augmenter(classifier, build_augmenter(AugmentSpec(crop=0.2), seed=1), 32)
    assert not model_supports_jit(trainer)
