"""The backbones tlstudio offers: what they are, how to build them, their weights and layers.

A *backbone* is the pretrained feature extractor under a new decision head. Each entry of the
registry says how big its input usually is, how many parameters it has, whether its ImageNet
weights work offline, and where fine-tuning should start by default (the *freeze cutoff*).

* :func:`build_backbone` builds the Keras model (named ``"backbone"``) *without* its
  preprocessing; :func:`preprocess_layer` is that preprocessing as a layer that saves and
  loads with the model (raw 0..255 pixels in).
* :func:`resolve_weights` finds ImageNet weights in the Keras cache (``$KERAS_HOME/models``,
  else ``~/.keras/models``), downloads them once when missing (the file's hash is checked),
  or checks a file the user chose; with no network it says which file is missing and what to
  do. EfficientNet-Lite0's weights ship in a Python package and never need the network.
* :func:`list_layers` describes every layer (for the layer list and the freeze cutoff) and
  labels it with its block; :func:`cut_points` says where the graph can be cut in two (no
  skip connection crosses), which the feature cache needs.

Importing this module loads Keras (it registers ``tlstudio>ChannelFlip``); light modules import
it inside functions.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import socket
import tempfile
import urllib.error
import weakref
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable
from urllib.request import Request, urlopen

import keras
import numpy as np

from tlstudio.core.errors import ConfigError, WeightsError

ProgressCallback = Callable[[int, int], None]

DEFAULT_BACKBONE = "vgg16"
IMAGENET = "imagenet"

# Caffe-style preprocessing (VGG16, ResNet50): BGR order, ImageNet mean per channel subtracted.
CAFFE_MEAN_BGR: tuple[float, float, float] = (103.939, 116.779, 123.68)
# Keras' EfficientNet ImageNet files keep the standard deviation where a Normalization layer
# expects the variance (keras.applications adds a Rescaling layer to make up for it).
EFFICIENTNET_STDDEV_RGB: tuple[float, float, float] = (0.229, 0.224, 0.225)
MOBILENET_V2_SIZES: tuple[int, ...] = (96, 128, 160, 192, 224)

_DOWNLOAD_TIMEOUT_S = 30.0
_CHUNK = 256 * 1024


@dataclass(frozen=True)
class BackboneInfo:
    """One entry of the registry (what the backbone picker shows).

    ``params``: parameters without the ImageNet classifier. ``offline_weights``: ImageNet
    weights work with no network. ``default_cutoff``: the first layer trained when
    fine-tuning, unless the user picks another (``None``: the backbone cannot be fine-tuned).
    """

    key: str
    display_name: str
    default_size: int
    min_size: int
    params: int
    offline_weights: bool
    description: str
    default_cutoff: str | None


_REGISTRY: dict[str, BackboneInfo] = {
    info.key: info
    for info in (
        BackboneInfo(
            "scratch_cnn", "Small CNN (from scratch)", 150, 32, 27_952, True,
            "Three convolution and pooling layers trained from random weights: the baseline to beat",
            None,
        ),
        BackboneInfo(
            "vgg16", "VGG16", 224, 32, 14_714_688, False,
            "A plain stack of 13 convolutions in 5 blocks; large, slow, and a reliable feature extractor",
            "block5_conv1",
        ),
        BackboneInfo(
            "resnet50", "ResNet50", 224, 32, 23_587_712, False,
            "50 layers with skip connections; strong general features, heavier to run",
            "conv5_block1_1_conv",
        ),
        BackboneInfo(
            "mobilenet_v2", "MobileNetV2", 224, 32, 2_257_984, False,
            "Small and fast, made for phones; a good choice on an ordinary computer",
            "block_13_expand",
        ),
        BackboneInfo(
            "efficientnet_b0", "EfficientNet-B0", 224, 32, 4_049_571, False,
            "Accurate for its size; a bit slower than MobileNetV2 on a processor",
            "block6a_expand_conv",
        ),
        BackboneInfo(
            # 320, not the 224 it was trained at: whole photos read better enlarged (the
            # measurements on other flowers5 splits: docs/results.md, "EfficientNet-Lite0's input size").
            "efficientnet_lite0", "EfficientNet-Lite0", 320, 32, 3_413_024, True,
            "EfficientNet simplified for speed (no squeeze-and-excite, ReLU6); its ImageNet weights come with tlstudio",
            "stage6_block1_expand_conv",
        ),
    )
}


def list_backbones() -> list[BackboneInfo]:
    """Every backbone, in the order the picker shows them."""
    return list(_REGISTRY.values())


def get_backbone(key: str) -> BackboneInfo:
    """The registry entry for ``key``; :class:`ConfigError` naming the valid keys if unknown."""
    try:
        return _REGISTRY[key]
    except (KeyError, TypeError):
        raise ConfigError(
            f"There is no backbone called {key!r}. Choose one of: {', '.join(_REGISTRY)}. Received: backbone={key!r}"
        ) from None


# ----------------------------------------------------------------------------- preprocessing


@keras.saving.register_keras_serializable(package="tlstudio", name="ChannelFlip")
class ChannelFlip(keras.layers.Layer):
    """Reverses the order of the channels (RGB <-> BGR). No weights; saved as
    ``tlstudio>ChannelFlip``, which importing this module registers for safe-mode loading."""

    def call(self, inputs: Any) -> Any:
        return keras.ops.flip(inputs, axis=-1)

    def compute_output_shape(self, input_shape: tuple) -> tuple:
        return input_shape


def preprocess_layer(key: str) -> keras.layers.Layer:
    """The layer named ``"preprocess"`` that turns raw 0..255 RGB pixels into ``key``'s input.

    VGG16 and ResNet50: RGB -> BGR, ImageNet mean subtracted ("caffe" style). MobileNetV2:
    -1..1. EfficientNet-B0: unchanged (it rescales inside). EfficientNet-Lite0:
    ``(x - 127) / 128``. The small CNN: 0..1. Only built-in layers and the registered
    ``tlstudio>ChannelFlip`` are used, so models save and load in Keras' safe mode.
    """
    from tlstudio.core.models.lite0 import lite0_preprocess_layer

    get_backbone(key)
    if key in ("vgg16", "resnet50"):
        flip = ChannelFlip(name="rgb_to_bgr")
        centre = keras.layers.Normalization(mean=list(CAFFE_MEAN_BGR), variance=[1.0, 1.0, 1.0], name="subtract_imagenet_mean")
        return keras.Sequential([flip, centre], name="preprocess")
    if key == "mobilenet_v2":
        return keras.layers.Rescaling(1.0 / 127.5, offset=-1.0, name="preprocess")
    if key == "efficientnet_b0":
        return keras.layers.Identity(name="preprocess")
    if key == "efficientnet_lite0":
        return lite0_preprocess_layer("preprocess")
    return keras.layers.Rescaling(1.0 / 255.0, name="preprocess")


# ----------------------------------------------------------------------------- weights


@dataclass(frozen=True)
class _WeightsFile:
    """Where keras.applications keeps a backbone's ImageNet (no top) weights."""

    fname: str
    origin: str
    file_hash: str | None  # md5 (32 hex digits) or sha256 (64), as keras.applications has it


def _imagenet_file(key: str, image_size: int | None = None) -> _WeightsFile:
    """The file name, address and hash, as in the keras.applications source."""
    if key == "vgg16":
        fname = "vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5"
        return _WeightsFile(fname, f"https://storage.googleapis.com/tensorflow/keras-applications/vgg16/{fname}",
                            "6d6bbae143d832006294945121d1f1fc")
    if key == "resnet50":
        fname = "resnet50_weights_tf_dim_ordering_tf_kernels_notop.h5"
        return _WeightsFile(fname, f"https://storage.googleapis.com/tensorflow/keras-applications/resnet/{fname}",
                            "4d473c1dd8becc155b73f8504c6f6626")
    if key == "mobilenet_v2":
        # Keras trained one set per input size; other sizes use the 224 one (as Keras does).
        rows = image_size if image_size in MOBILENET_V2_SIZES else 224
        fname = f"mobilenet_v2_weights_tf_dim_ordering_tf_kernels_1.0_{rows}_no_top.h5"
        return _WeightsFile(fname, f"https://storage.googleapis.com/tensorflow/keras-applications/mobilenet_v2/{fname}", None)
    if key == "efficientnet_b0":
        fname = "efficientnetb0_notop.h5"
        return _WeightsFile(fname, f"https://storage.googleapis.com/keras-applications/{fname}",
                            "50bc09e76180e00e4465e1a485ddc09d")
    raise ConfigError(f"{get_backbone(key).display_name} has no downloadable ImageNet weights. Received: backbone={key!r}")


def keras_cache_dir() -> Path:
    """The folder where Keras keeps downloaded weights: ``$KERAS_HOME/models``, else
    ``~/.keras/models`` (``/tmp/.keras/models`` when the home folder is read-only), as Keras
    itself decides (read at call time, so a changed ``KERAS_HOME`` is honoured)."""
    home = os.environ.get("KERAS_HOME")
    if home:
        base = Path(home).expanduser()
    else:
        user = Path("~").expanduser()
        base = (user if os.access(user, os.W_OK) else Path("/tmp")) / ".keras"
    return base / "models"


def _hash_matches(path: Path, expected: str | None) -> bool:
    if expected is None:
        return True
    digest = hashlib.md5() if len(expected) == 32 else hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest() == expected.lower()


def _missing_weights_error(key: str, spec: _WeightsFile, target: Path, reason: str, exc: BaseException | None) -> WeightsError:
    name = get_backbone(key).display_name
    return WeightsError(
        f"The ImageNet weights for {name} ({spec.fname}) are not on this computer and could not be "
        f"downloaded: {reason}. tlstudio looks for them in {target.parent}.",
        hint=(
            "Connect to the internet once (the file is kept for next time), or choose a weights file "
            f"you already have (for example {spec.fname} copied from another computer), or use "
            "EfficientNet-Lite0, whose ImageNet weights come with tlstudio and work offline."
        ),
        path=str(target),
        details=None if exc is None else repr(exc),
    )


def _download(key: str, spec: _WeightsFile, target: Path, on_progress: ProgressCallback | None) -> None:
    """Fetch ``spec.origin`` into ``target`` (temp file, hash check, rename)."""
    host = spec.origin.split("/")[2]
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{spec.fname}-", suffix=".part", dir=target.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as out:
            try:
                request = Request(spec.origin, headers={"User-Agent": "tlstudio"})
                with urlopen(request, timeout=_DOWNLOAD_TIMEOUT_S) as response:
                    total = int(response.headers.get("Content-Length") or 0)
                    done = 0
                    if on_progress is not None:
                        on_progress(0, total)
                    while chunk := response.read(_CHUNK):
                        out.write(chunk)
                        done += len(chunk)
                        if on_progress is not None:
                            on_progress(done, total)
            except urllib.error.HTTPError as exc:
                raise _missing_weights_error(key, spec, target, f"{host} answered {exc.code} {exc.reason}", exc) from exc
            except (urllib.error.URLError, socket.timeout, ConnectionError) as exc:
                raise _missing_weights_error(key, spec, target, f"there is no connection to {host}", exc) from exc
        if total and done != total:
            raise _missing_weights_error(key, spec, target, f"the download stopped early ({done:,} of {total:,} bytes)", None)
        if not _hash_matches(tmp, spec.file_hash):
            raise _missing_weights_error(key, spec, target, "the downloaded file is damaged (its checksum is wrong)", None)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


def resolve_weights(
    key: str, weights: str | os.PathLike | None, *, image_size: int | None = None, on_progress: ProgressCallback | None = None
) -> str | None:
    """The local file to load for ``weights``, or ``None`` for random weights.

    ``"imagenet"``: EfficientNet-Lite0's bundled file; for the keras.applications backbones
    the Keras cache, else a download into it (``on_progress(done_bytes, total_bytes)``,
    ``total_bytes`` 0 when unknown; the hash is checked). Any other string is the path of a
    weights file the user chose, which must exist. Raises :class:`WeightsError` with the
    missing file and the fixes when nothing usable is found, :class:`ConfigError` when the
    backbone has no pretrained weights.
    """
    info = get_backbone(key)
    if weights is None:
        return None
    if weights == IMAGENET:
        if key == "scratch_cnn":
            raise ConfigError(
                f"The {info.display_name} has no pretrained weights; it is always trained from random "
                f"weights. Received: backbone={key!r}, weights='imagenet'"
            )
        if key == "efficientnet_lite0":
            from tlstudio.core.models.lite0 import lite0_weights_path

            return str(lite0_weights_path())
        spec = _imagenet_file(key, image_size)
        target = keras_cache_dir() / spec.fname
        if target.is_file() and _hash_matches(target, spec.file_hash):
            return str(target)
        _download(key, spec, target, on_progress)
        return str(target)
    if not isinstance(weights, (str, os.PathLike)) or str(weights) == "":
        raise ConfigError(f"weights must be 'imagenet', None or the path of a weights file. Received: weights={weights!r}")
    path = Path(weights).expanduser()
    if not path.is_file():
        raise WeightsError(
            f"The weights file {path} does not exist.",
            hint="Choose an existing weights file, or use the ImageNet weights.",
            path=str(path),
        )
    return str(path)


# ----------------------------------------------------------------------------- building


def _scratch_cnn(size: int) -> keras.Model:
    """The course notebook's CNN body (its Flatten/Dense head is tlstudio's head)."""
    inputs = keras.Input(shape=(size, size, 3), name="input")
    x = keras.layers.Conv2D(16, 10, activation="relu", name="conv1")(inputs)
    x = keras.layers.MaxPooling2D(name="pool1")(x)
    x = keras.layers.Conv2D(32, 3, activation="relu", name="conv2")(x)
    x = keras.layers.MaxPooling2D(name="pool2")(x)
    x = keras.layers.Conv2D(64, 3, activation="relu", name="conv3")(x)
    x = keras.layers.MaxPooling2D(name="pool3")(x)
    return keras.Model(inputs, x, name="backbone")


def _application(key: str, size: int) -> keras.Model:
    builders = {
        "vgg16": keras.applications.VGG16,
        "resnet50": keras.applications.ResNet50,
        "mobilenet_v2": keras.applications.MobileNetV2,
        "efficientnet_b0": keras.applications.EfficientNetB0,
    }
    inputs = keras.Input(shape=(size, size, 3), name="input")
    application = builders[key](include_top=False, weights=None, input_tensor=inputs, name="backbone")
    # keras.applications keeps an input_tensor model's inputs as a one-item list; the same
    # layers rewired with one plain input and output are what the rest of tlstudio expects.
    return keras.Model(inputs, application.outputs[0], name="backbone")


def _fix_efficientnet_normalization(model: keras.Model) -> None:
    """Keras' EfficientNet ImageNet files store the standard deviation as the variance of the
    input Normalization layer; square it so the layer divides by the standard deviation, as
    the original network does (keras.applications adds a Rescaling layer for the same fix)."""
    # Keras may have renamed it "normalization_1" and so on; it is the only Normalization layer.
    layer = next((l for l in model.layers if isinstance(l, keras.layers.Normalization)), None)
    if layer is None:
        return
    weights = layer.get_weights()
    if len(weights) < 2:
        return
    variance = np.asarray(weights[1], dtype=np.float64)
    if np.allclose(variance, EFFICIENTNET_STDDEV_RGB, atol=1e-4):
        weights[1] = (variance**2).astype(np.asarray(weights[1]).dtype)
        layer.set_weights(weights)
        layer.finalize_state()  # the layer divides by values it copies from its variables here


def _load_weights_file(model: keras.Model, key: str, path: str) -> None:
    info = get_backbone(key)
    try:
        model.load_weights(path)
    except Exception as exc:  # Keras/h5py raise many kinds (ValueError, OSError, KeyError...)
        text = str(exc)
        shape = "shape" in text.lower() or "expected" in text.lower() or "mismatch" in text.lower()
        reason = "its weights have other shapes than this network's layers" if shape else "it is damaged or not a Keras weights file"
        raise WeightsError(
            f"The weights file {path} cannot be used for {info.display_name}: {reason}.",
            hint=f"Choose a weights file saved from {info.display_name} (.h5 or .weights.h5), or use the ImageNet weights.",
            path=path,
            details=f"{type(exc).__name__}: {text[:2000]}",
        ) from exc
    if key == "efficientnet_b0":
        _fix_efficientnet_normalization(model)


def build_backbone(
    key: str, *, image_size: int, weights: str | os.PathLike | None, on_progress: ProgressCallback | None = None
) -> keras.Model:
    """The feature extractor ``key`` as a functional model named ``"backbone"``.

    Takes *preprocessed* ``image_size`` x ``image_size`` x 3 input (see
    :func:`preprocess_layer`) and returns a 4-D feature map (no classifier). ``weights``:
    ``"imagenet"``, ``None`` (random) or a file path; see :func:`resolve_weights`.
    """
    from tlstudio.core.models.lite0 import build_efficientnet_lite0, load_lite0_state_dict, set_lite0_weights

    info = get_backbone(key)
    if not isinstance(image_size, int) or image_size < info.min_size:
        raise ConfigError(
            f"{info.display_name} needs images of at least {info.min_size} pixels. Received: image_size={image_size!r}"
        )
    if key == "scratch_cnn":
        if weights is not None:
            raise ConfigError(
                f"The {info.display_name} is always trained from random weights; choose no weights "
                f"(or mode 'scratch'). Received: weights={weights!r}"
            )
        return _scratch_cnn(image_size)
    path = resolve_weights(key, weights, image_size=image_size, on_progress=on_progress)
    if key == "efficientnet_lite0":
        model = build_efficientnet_lite0((image_size, image_size, 3), weights=None, name="backbone")
        if path is not None:
            set_lite0_weights(model, load_lite0_state_dict(path), source=path)
        return model
    model = _application(key, image_size)
    if path is not None:
        _load_weights_file(model, key, path)
    return model


# ----------------------------------------------------------------------------- layers


@dataclass(frozen=True)
class LayerInfo:
    """One backbone layer as the layer list shows it. ``index`` counts from the input layer
    (0) as ``model.layers`` does; ``block`` groups layers (``input``, ``block1``...)."""

    index: int
    name: str
    type: str
    output_shape: str
    params: int
    block: str


_BLOCK_RULES: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = (
    (re.compile(r"^block(\d+)_conv|^block(\d+)_pool"), lambda m: f"block{m.group(1) or m.group(2)}"),  # VGG16
    (re.compile(r"^(conv\d)_|^pool1_"), lambda m: m.group(1) or "conv1"),  # ResNet50
    (re.compile(r"^(Conv1|bn_Conv1|Conv1_relu|expanded_conv)"), lambda m: "stem"),  # MobileNetV2
    (re.compile(r"^block_(\d+)_"), lambda m: f"block{m.group(1)}"),
    (re.compile(r"^(Conv_1|Conv_1_bn|out_relu)$"), lambda m: "head"),
    (re.compile(r"^(rescaling|normalization|stem_)"), lambda m: "stem"),  # EfficientNet B0 / Lite0
    (re.compile(r"^block(\d)[a-z]_"), lambda m: f"stage{m.group(1)}"),
    (re.compile(r"^top_|^head_"), lambda m: "head"),
    (re.compile(r"^(stage\d+)_"), lambda m: m.group(1)),
    (re.compile(r"^(?:conv|pool)(\d+)$"), lambda m: f"conv{m.group(1)}"),  # the small CNN
)


def _block_of(layer: Any, previous: str) -> str:
    if isinstance(layer, keras.layers.InputLayer):
        return "input"
    for pattern, label in _BLOCK_RULES:
        match = pattern.match(layer.name)
        if match:
            return label(match)
    return previous


def _shape_text(layer: Any) -> str:
    try:
        shape = layer.output.shape
    except (AttributeError, ValueError):
        return "?"
    return "x".join("?" if d is None else str(d) for d in tuple(shape)[1:])


def _describe(model: keras.Model) -> tuple[LayerInfo, ...]:
    infos: list[LayerInfo] = []
    block = "input"
    for index, layer in enumerate(model.layers):
        block = _block_of(layer, block)
        infos.append(LayerInfo(index, layer.name, type(layer).__name__, _shape_text(layer), int(layer.count_params()), block))
    return tuple(infos)


@functools.lru_cache(maxsize=32)
def _layers_for(key: str, size: int) -> tuple[LayerInfo, ...]:
    return _describe(build_backbone(key, image_size=size, weights=None))


def list_layers(key_or_model: str | keras.Model, *, image_size: int | None = None) -> list[LayerInfo]:
    """Every layer of a backbone, in order, with its block, output shape and parameter count.

    With a registry key the backbone is built with random weights (the layout is the same)
    at ``image_size`` (default: the backbone's usual size) and the answer is cached, so the
    GUI can ask again cheaply. A model is described as it is.
    """
    if isinstance(key_or_model, str):
        info = get_backbone(key_or_model)
        return list(_layers_for(key_or_model, image_size or info.default_size))
    return list(_describe(key_or_model))


_CUT_CACHE: "weakref.WeakKeyDictionary[Any, tuple[str, ...]]" = weakref.WeakKeyDictionary()


def _producers(model: keras.Model) -> tuple[dict[int, set[int]], set[int]]:
    """For each layer index, the indices of the layers whose outputs it reads (within this
    model's graph), and the indices of the layers producing the model's outputs."""
    position = {id(layer): i for i, layer in enumerate(model.layers)}

    def origin(tensor: Any) -> tuple[Any, int]:
        operation, node_index, _ = tensor._keras_history
        return operation, node_index

    reads: dict[int, set[int]] = {i: set() for i in range(len(model.layers))}
    outputs = {position[id(origin(t)[0])] for t in model.outputs}
    seen: set[tuple[int, int]] = set()
    stack = [origin(t) for t in model.outputs]
    while stack:
        operation, node_index = stack.pop()
        if (id(operation), node_index) in seen:
            continue
        seen.add((id(operation), node_index))
        node = operation._inbound_nodes[node_index]
        for tensor in node.input_tensors:
            producer, producer_node = origin(tensor)
            reads[position[id(operation)]].add(position[id(producer)])
            stack.append((producer, producer_node))
    return reads, outputs


def cut_points(model: keras.Model) -> list[str]:
    """Names of the layers after which ``model`` can be cut in two: everything after the layer
    needs only that layer's output (no skip connection jumps over it), so
    ``keras.Model(model.get_layer(name).output, model.output)`` works. The last layer is left
    out (nothing follows it). Cached per model."""
    cached = _CUT_CACHE.get(model)
    if cached is not None:
        return list(cached)
    reads, outputs = _producers(model)
    n = len(model.layers)
    # A cut after layer i is clean when every read that crosses it (producer <= i < reader)
    # comes from layer i itself; the model's outputs count as read by a layer past the end.
    crossing: list[set[int]] = [set() for _ in range(n)]
    edges = [(p, r) for r, ps in reads.items() for p in ps] + [(p, n) for p in outputs]
    for producer, reader in edges:
        for i in range(producer, min(reader, n)):
            crossing[i].add(producer)
    names = tuple(
        model.layers[i].name
        for i in range(n - 1)
        if crossing[i] == {i}
    )
    _CUT_CACHE[model] = names
    return list(names)
