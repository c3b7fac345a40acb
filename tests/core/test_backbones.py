"""The backbone registry: building every backbone, preprocessing, weights (cache, download,
offline, user files), the layer list with blocks, and where the graph can be cut.

Everything runs with random weights at 32-64 pixels; the network is replaced by local bytes."""

from __future__ import annotations

import hashlib
import io
import urllib.error
from pathlib import Path
from typing import Any

import keras
import numpy as np
import pytest

from tlstudio.core.errors import ConfigError, WeightsError
from tlstudio.core.models import backbones as B

KEYS = ["scratch_cnn", "vgg16", "resnet50", "mobilenet_v2", "efficientnet_b0", "efficientnet_lite0"]

BLOCKS = {
    "scratch_cnn": ["input", "conv1", "conv2", "conv3"],
    "vgg16": ["input"] + [f"block{i}" for i in range(1, 6)],
    "resnet50": ["input"] + [f"conv{i}" for i in range(1, 6)],
    "mobilenet_v2": ["input", "stem"] + [f"block{i}" for i in range(1, 17)] + ["head"],
    "efficientnet_b0": ["input", "stem"] + [f"stage{i}" for i in range(1, 8)] + ["head"],
    "efficientnet_lite0": ["input", "stem"] + [f"stage{i}" for i in range(1, 8)] + ["head"],
}


def _in_order(values: list[str]) -> list[str]:
    return list(dict.fromkeys(values))


# ----------------------------------------------------------------------------- the registry


def test_registry_lists_the_six_backbones_with_their_cutoffs() -> None:
    infos = B.list_backbones()
    assert [info.key for info in infos] == KEYS
    cutoffs = {info.key: info.default_cutoff for info in infos}
    assert cutoffs == {
        "scratch_cnn": None,
        "vgg16": "block5_conv1",
        "resnet50": "conv5_block1_1_conv",
        "mobilenet_v2": "block_13_expand",
        "efficientnet_b0": "block6a_expand_conv",
        "efficientnet_lite0": "stage6_block1_expand_conv",
    }
    assert [info.key for info in infos if info.offline_weights] == ["scratch_cnn", "efficientnet_lite0"]
    assert B.get_backbone("vgg16").default_size == 224
    assert B.get_backbone("scratch_cnn").default_size == 150
    assert B.get_backbone("efficientnet_lite0").default_size == 320  # whole photos, larger than it was trained at


def test_unknown_backbone_lists_the_valid_keys() -> None:
    with pytest.raises(ConfigError) as info:
        B.get_backbone("vgg19")
    assert "vgg19" in str(info.value)
    for key in KEYS:
        assert key in str(info.value)


@pytest.mark.parametrize("key", KEYS)
def test_every_backbone_builds_a_feature_map_with_labelled_layers(key: str) -> None:
    info = B.get_backbone(key)
    model = B.build_backbone(key, image_size=64, weights=None)
    assert model.name == "backbone"
    assert model.input.shape == (None, 64, 64, 3)
    assert len(model.output.shape) == 4 and model.output.shape[1] >= 1
    assert model.count_params() == info.params  # the registry's number is the real one
    features = model.predict(np.random.default_rng(0).uniform(-1, 1, (2, 64, 64, 3)).astype("float32"), verbose=0)
    assert features.shape[0] == 2 and np.isfinite(features).all()

    layers = B.list_layers(model)
    assert [layer.index for layer in layers] == list(range(len(model.layers)))
    assert layers[0].type == "InputLayer" and layers[0].block == "input"
    assert _in_order([layer.block for layer in layers]) == BLOCKS[key]
    assert sum(layer.params for layer in layers) == model.count_params()
    if info.default_cutoff is not None:
        assert info.default_cutoff in [layer.name for layer in layers]


def test_vgg16_layer_list_has_19_layers_in_5_blocks() -> None:
    layers = B.list_layers("vgg16", image_size=64)
    assert len(layers) == 19
    assert [layer.block for layer in layers] == ["input"] + ["block1"] * 3 + ["block2"] * 3 + ["block3"] * 4 + [
        "block4"
    ] * 4 + ["block5"] * 4
    by_name = {layer.name: layer for layer in layers}
    assert by_name["block1_conv1"].params == 3 * 3 * 3 * 64 + 64
    assert by_name["block5_conv3"].params == 3 * 3 * 512 * 512 + 512
    assert by_name["block5_pool"].params == 0
    assert by_name["block5_pool"].output_shape == "2x2x512"
    assert by_name["block1_conv1"].type == "Conv2D"
    assert sum(layer.params for layer in layers) == 14_714_688
    assert B.list_layers("vgg16", image_size=64) == layers  # cached: same answer, no rebuild


def test_scratch_cnn_is_the_course_network_and_has_no_pretrained_weights() -> None:
    model = B.build_backbone("scratch_cnn", image_size=150, weights=None)
    convs = [layer for layer in model.layers if isinstance(layer, keras.layers.Conv2D)]
    assert [(c.filters, c.kernel_size) for c in convs] == [(16, (10, 10)), (32, (3, 3)), (64, (3, 3))]
    assert all(c.activation is keras.activations.relu for c in convs)
    assert model.output.shape == (None, 16, 16, 64)
    with pytest.raises(ConfigError, match="random weights"):
        B.build_backbone("scratch_cnn", image_size=64, weights="imagenet")


def test_too_small_image_size_is_refused() -> None:
    with pytest.raises(ConfigError, match="at least 32 pixels"):
        B.build_backbone("vgg16", image_size=16, weights=None)


# ----------------------------------------------------------------------------- preprocessing

PIXEL = np.array([[[[255.0, 128.0, 0.0]]]], dtype="float32")  # one orange pixel, RGB


@pytest.mark.parametrize(
    "key, expected",
    [
        ("vgg16", [0.0 - 103.939, 128.0 - 116.779, 255.0 - 123.68]),  # BGR, mean subtracted
        ("resnet50", [0.0 - 103.939, 128.0 - 116.779, 255.0 - 123.68]),
        ("mobilenet_v2", [1.0, 128.0 / 127.5 - 1.0, -1.0]),
        ("efficientnet_b0", [255.0, 128.0, 0.0]),
        ("efficientnet_lite0", [1.0, 1.0 / 128.0, -127.0 / 128.0]),
        ("scratch_cnn", [1.0, 128.0 / 255.0, 0.0]),
    ],
)
def test_preprocess_layer_numbers(key: str, expected: list[float]) -> None:
    layer = B.preprocess_layer(key)
    assert layer.name == "preprocess"
    out = np.asarray(layer(PIXEL))
    np.testing.assert_allclose(out[0, 0, 0], expected, rtol=1e-6, atol=1e-5)


@pytest.mark.parametrize(
    "key, reference",
    [
        ("vgg16", keras.applications.vgg16.preprocess_input),
        ("resnet50", keras.applications.resnet50.preprocess_input),
        ("mobilenet_v2", keras.applications.mobilenet_v2.preprocess_input),
        ("efficientnet_b0", keras.applications.efficientnet.preprocess_input),
    ],
)
def test_preprocess_layer_matches_keras_applications(key: str, reference: Any) -> None:
    images = np.random.default_rng(1).uniform(0, 255, (2, 8, 8, 3)).astype("float32")
    ours = np.asarray(B.preprocess_layer(key)(images))
    np.testing.assert_allclose(ours, reference(images.copy()), rtol=1e-5, atol=1e-4)


@pytest.mark.parametrize("key", KEYS)
def test_model_with_preprocess_layer_saves_and_loads_in_safe_mode(key: str, tmp_path: Path) -> None:
    inputs = keras.Input(shape=(8, 8, 3))
    model = keras.Model(inputs, B.preprocess_layer(key)(inputs))
    path = tmp_path / f"{key}.keras"
    model.save(path)
    loaded = keras.saving.load_model(path, safe_mode=True, compile=False)
    images = np.random.default_rng(2).uniform(0, 255, (1, 8, 8, 3)).astype("float32")
    np.testing.assert_allclose(np.asarray(loaded(images)), np.asarray(model(images)), rtol=1e-6)
    assert "lambda" not in path.read_bytes().decode("latin-1").lower()


# ----------------------------------------------------------------------------- weights


def _offline(*args: Any, **kwargs: Any) -> None:
    raise urllib.error.URLError("[Errno -3] Temporary failure in name resolution")


def test_missing_imagenet_file_offline_names_the_file_and_the_fixes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KERAS_HOME", str(tmp_path))
    monkeypatch.setattr(B, "urlopen", _offline)
    with pytest.raises(WeightsError) as info:
        B.build_backbone("vgg16", image_size=32, weights="imagenet")
    error = info.value
    assert "vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5" in error.message
    assert str(tmp_path / "models") in error.message
    assert "no connection to storage.googleapis.com" in error.message
    hint = error.hint or ""
    assert "Connect to the internet once" in hint
    assert "choose a weights file" in hint
    assert "EfficientNet-Lite0" in hint and "offline" in hint
    assert error.path == str(tmp_path / "models" / "vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5")
    assert list((tmp_path / "models").iterdir()) == []  # no partial file left behind


class _Response(io.BytesIO):
    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.headers = {"Content-Length": str(len(data))}


def _weights_bytes(key: str, tmp_path: Path, seed: int) -> tuple[bytes, keras.Model]:
    keras.utils.set_random_seed(seed)
    model = B.build_backbone(key, image_size=32, weights=None)
    path = tmp_path / f"source-{seed}.weights.h5"
    model.save_weights(path)
    return path.read_bytes(), model


def test_imagenet_weights_are_downloaded_once_into_the_keras_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data, source = _weights_bytes("mobilenet_v2", tmp_path, seed=3)
    md5 = hashlib.md5(data).hexdigest()
    real_spec = B._imagenet_file

    def spec(key: str, image_size: int | None = None) -> Any:
        original = real_spec(key, image_size)
        return B._WeightsFile("mobilenet_v2_test.weights.h5", original.origin, md5)

    monkeypatch.setattr(B, "_imagenet_file", spec)
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "keras"))
    requested: list[str] = []

    def fake_urlopen(request: Any, timeout: float) -> _Response:
        requested.append(request.full_url)
        return _Response(data)

    monkeypatch.setattr(B, "urlopen", fake_urlopen)
    progress: list[tuple[int, int]] = []
    model = B.build_backbone("mobilenet_v2", image_size=32, weights="imagenet", on_progress=lambda d, n: progress.append((d, n)))

    assert requested == [real_spec("mobilenet_v2", 32).origin]
    assert "1.0_224_no_top.h5" in requested[0]  # 32 px uses the 224 px weights, as Keras does
    assert progress[0] == (0, len(data)) and progress[-1] == (len(data), len(data))
    cached = tmp_path / "keras" / "models" / "mobilenet_v2_test.weights.h5"
    assert cached.read_bytes() == data
    for a, b in zip(model.get_weights(), source.get_weights()):
        np.testing.assert_array_equal(a, b)

    monkeypatch.setattr(B, "urlopen", _offline)  # the second time needs no network
    assert B.resolve_weights("mobilenet_v2", "imagenet", image_size=32) == str(cached)


def test_a_damaged_download_is_refused_and_not_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KERAS_HOME", str(tmp_path))
    monkeypatch.setattr(B, "urlopen", lambda request, timeout: _Response(b"not the weights"))
    with pytest.raises(WeightsError) as info:
        B.resolve_weights("efficientnet_b0", "imagenet")
    assert "efficientnetb0_notop.h5" in info.value.message
    assert "damaged" in info.value.message
    assert list((tmp_path / "models").iterdir()) == []


def test_a_weights_file_the_user_chose_is_loaded(tmp_path: Path) -> None:
    _, source = _weights_bytes("vgg16", tmp_path, seed=4)
    model = B.build_backbone("vgg16", image_size=32, weights=str(tmp_path / "source-4.weights.h5"))
    for a, b in zip(model.get_weights(), source.get_weights()):
        np.testing.assert_array_equal(a, b)


def test_wrong_or_damaged_user_weights_are_explained(tmp_path: Path) -> None:
    _weights_bytes("vgg16", tmp_path, seed=5)
    with pytest.raises(WeightsError) as info:
        B.build_backbone("mobilenet_v2", image_size=32, weights=str(tmp_path / "source-5.weights.h5"))
    assert "cannot be used for MobileNetV2" in info.value.message
    assert "saved from MobileNetV2" in (info.value.hint or "")

    junk = tmp_path / "junk.weights.h5"
    junk.write_bytes(b"\x00" * 100)
    with pytest.raises(WeightsError) as info:
        B.build_backbone("vgg16", image_size=32, weights=str(junk))
    assert "damaged or not a Keras weights file" in info.value.message

    with pytest.raises(WeightsError, match="does not exist"):
        B.build_backbone("vgg16", image_size=32, weights=str(tmp_path / "missing.h5"))


def test_efficientnet_imagenet_normalization_is_repaired(tmp_path: Path) -> None:
    """Keras' EfficientNet ImageNet files hold the standard deviation where the variance
    belongs; after loading, the input is divided by the standard deviation, not its root."""
    def only(model, kind):  # Keras numbers repeated layer names ("normalization_1"...)
        (layer,) = [layer for layer in model.layers if type(layer) is kind]
        return layer

    model = B.build_backbone("efficientnet_b0", image_size=32, weights=None)
    norm = only(model, keras.layers.Normalization)
    mean, _variance, count = norm.get_weights()
    norm.set_weights([np.array([0.485, 0.456, 0.406], "float32"), np.array(B.EFFICIENTNET_STDDEV_RGB, "float32"), count])
    model.save_weights(tmp_path / "b0.weights.h5")
    loaded = B.build_backbone("efficientnet_b0", image_size=32, weights=str(tmp_path / "b0.weights.h5"))
    np.testing.assert_allclose(
        only(loaded, keras.layers.Normalization).get_weights()[1], np.square(B.EFFICIENTNET_STDDEV_RGB), rtol=1e-6
    )
    pixel = np.full((1, 1, 1, 3), 255.0, "float32")
    out = np.asarray(only(loaded, keras.layers.Normalization)(only(loaded, keras.layers.Rescaling)(pixel)))[0, 0, 0]
    np.testing.assert_allclose(out, (1.0 - np.array([0.485, 0.456, 0.406])) / np.array(B.EFFICIENTNET_STDDEV_RGB), rtol=1e-3)


def test_lite0_imagenet_weights_work_offline(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KERAS_HOME", str(tmp_path))
    monkeypatch.setattr(B, "urlopen", _offline)
    from tlstudio.core.models.lite0 import lite0_weights_path, load_lite0_state_dict

    assert B.resolve_weights("efficientnet_lite0", "imagenet") == str(lite0_weights_path())
    model = B.build_backbone("efficientnet_lite0", image_size=32, weights="imagenet")
    state = load_lite0_state_dict()
    np.testing.assert_array_equal(model.get_layer("stem_conv").get_weights()[0], state["_conv_stem.weight"].transpose(2, 3, 1, 0))


# ----------------------------------------------------------------------------- cut points


def _probe(model: keras.Model, name: str) -> bool:
    try:
        keras.Model(model.get_layer(name).output, model.output)
    except Exception:
        return False
    return True


def test_lite0_cut_points_are_the_block_boundaries() -> None:
    model = B.build_backbone("efficientnet_lite0", image_size=32, weights=None)
    names = [layer.name for layer in model.layers]
    cuts = B.cut_points(model)
    boundaries = ["stem_relu"]
    for s, repeats in enumerate((1, 2, 2, 3, 3, 4, 1), start=1):
        for b in range(1, repeats + 1):
            end = f"stage{s}_block{b}_add"
            boundaries.append(end if end in names else f"stage{s}_block{b}_project_bn")
    for name in boundaries:
        assert name in cuts, name
    # Inside a residual block the skip connection crosses: no cut there.
    for inside in ("stage2_block2_expand_conv", "stage2_block2_dw_relu", "stage2_block2_project_bn"):
        assert inside not in cuts, inside
        assert not _probe(model, inside)
    assert _probe(model, "stage6_block1_expand_relu")  # no skip in a stride-2 block
    assert "stage6_block1_expand_relu" in cuts
    assert "head_relu" not in cuts  # the last layer: nothing after it
    assert B.cut_points(model) == cuts


def test_cut_points_agree_with_keras_on_resnet50() -> None:
    model = B.build_backbone("resnet50", image_size=32, weights=None)
    cuts = set(B.cut_points(model))
    assert "conv4_block6_out" in cuts and "conv5_block1_1_conv" not in cuts
    assert {name for name in (layer.name for layer in model.layers[:-1]) if _probe(model, name)} == cuts
