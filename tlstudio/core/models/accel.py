"""Use what the hardware offers: mixed precision and XLA on a GPU, a larger batch for feature passes.

A run asks for ``TrainConfig.precision`` (``auto``, ``float32``, ``mixed``) and
``TrainConfig.xla`` (``auto``, ``on``, ``off``); :func:`plan` turns those into what this machine
will really do, an :class:`Acceleration`, which the run records in ``metrics.json`` and shows
("CPU, float32"; "NVIDIA H100, mixed precision (float16), XLA").

The defaults are safe everywhere:

* ``precision="auto"`` means mixed precision (``mixed_float16``: float16 arithmetic, float32
  weights, loss scaling) only on a GPU with tensor cores (CUDA compute capability 7.0 or
  higher), float32 everywhere else. ``mixed`` asks for it on any GPU; a CPU stays in float32
  (float16 arithmetic there is slower, not faster), and the plan's notes say so. The
  classifier's last layer (softmax) always computes in float32.
* ``xla="auto"`` leaves the choice to Keras (compiled with XLA on a GPU when the model allows
  it, never on a CPU-only machine); ``on``/``off`` force it.
* The batch of a feature pass (inference only, the results do not depend on it) grows to at
  least :data:`GPU_INFERENCE_BATCH` on a GPU; the training batch stays the user's.

Works on every Keras backend (TensorFlow, PyTorch, JAX). Keras keeps the dtype policy per
thread, so :func:`applied` changes it only for the thread that trains, and restores it after.
"""

from __future__ import annotations

import contextlib
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any, Iterator

if TYPE_CHECKING:
    from tlstudio.core.config import TrainConfig

#: Tensor cores (fast float16 matrix units) arrived with CUDA compute capability 7.0 (Volta).
MIXED_MIN_CAPABILITY: tuple[int, int] = (7, 0)
#: Images per batch of a feature pass on a GPU (inference only: more images per call, same numbers).
GPU_INFERENCE_BATCH = 128


@dataclass(frozen=True)
class Gpu:
    """The accelerator Keras will use: its name and CUDA compute capability (None if unknown)."""

    name: str
    capability: tuple[int, int] | None = None


@dataclass(frozen=True)
class Acceleration:
    """What a run uses on this machine.

    ``precision``: the Keras dtype policy, ``"float32"`` or ``"mixed_float16"``.
    ``jit_compile``: what ``Model.compile`` gets (``"auto"``, True or False).
    ``inference_batch_size``: images per batch of the feature passes.
    ``notes``: why a request was not followed (e.g. mixed precision asked for on a CPU).
    """

    device: str
    gpu: bool
    precision: str
    jit_compile: bool | str
    batch_size: int
    inference_batch_size: int
    notes: tuple[str, ...] = ()

    @property
    def mixed(self) -> bool:
        return self.precision != "float32"

    def describe(self) -> str:
        """In words, for the status bar and the run's log: ``CPU, float32``."""
        parts = [self.device, "mixed precision (float16)" if self.mixed else "float32"]
        if self.jit_compile is True:
            parts.append("XLA")
        elif self.jit_compile is False and self.gpu:
            parts.append("no XLA")
        return ", ".join(parts)

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "notes": list(self.notes), "description": self.describe()}


def find_gpu() -> Gpu | None:
    """The GPU the current Keras backend trains on, or None (any failure means None: a broken
    driver must not stop a CPU run)."""
    import keras

    backend = keras.backend.backend()
    try:
        if backend == "tensorflow":
            import tensorflow as tf

            gpus = tf.config.list_physical_devices("GPU")
            if not gpus:
                return None
            details = tf.config.experimental.get_device_details(gpus[0])
            capability = details.get("compute_capability")
            return Gpu(str(details.get("device_name", "GPU")), tuple(capability) if capability else None)
        if backend == "torch":
            import torch

            if not torch.cuda.is_available():
                return None
            return Gpu(torch.cuda.get_device_name(0), tuple(torch.cuda.get_device_capability(0)))
        if backend == "jax":
            import jax

            device = jax.devices()[0]
            if device.platform == "cpu":
                return None
            capability = getattr(device, "compute_capability", None)  # "8.0" on CUDA devices
            parsed = tuple(int(p) for p in str(capability).split(".")[:2]) if capability else None
            return Gpu(str(getattr(device, "device_kind", device.platform)), parsed)  # type: ignore[arg-type]
    except Exception:  # noqa: BLE001
        return None
    return None


def plan(train: "TrainConfig", gpu: Gpu | None | bool = True) -> Acceleration:
    """What ``train``'s settings mean on this machine. ``gpu``: True looks the GPU up
    (:func:`find_gpu`); tests pass a :class:`Gpu` or None."""
    if gpu is True:
        gpu = find_gpu()
    assert gpu is None or isinstance(gpu, Gpu)
    notes: list[str] = []
    precision = "float32"
    if train.precision == "mixed":
        if gpu is None:
            notes.append("Mixed precision needs a GPU; this run uses float32.")
        else:
            precision = "mixed_float16"
    elif train.precision == "auto" and gpu is not None:
        if gpu.capability is not None and gpu.capability >= MIXED_MIN_CAPABILITY:
            precision = "mixed_float16"
        else:
            notes.append(f"{gpu.name} has no tensor cores (or did not say): float32, which is faster there.")
    jit: bool | str = {"auto": "auto", "on": True, "off": False}[train.xla]
    inference = max(train.batch_size, GPU_INFERENCE_BATCH) if gpu is not None else train.batch_size
    return Acceleration(device="CPU" if gpu is None else gpu.name, gpu=gpu is not None, precision=precision,
                        jit_compile=jit, batch_size=train.batch_size, inference_batch_size=inference,
                        notes=tuple(notes))


@contextlib.contextmanager
def applied(acceleration: Acceleration) -> Iterator[Acceleration]:
    """Set the dtype policy for the models built inside (this thread only); restore it after."""
    import keras

    previous = keras.config.dtype_policy()
    keras.config.set_dtype_policy(acceleration.precision)
    try:
        yield acceleration
    finally:
        keras.config.set_dtype_policy(previous)


def describe_device() -> str:
    """"CPU", or the name of the GPU Keras trains on (any backend)."""
    import keras

    backend = keras.backend.backend()
    try:
        if backend == "tensorflow":
            import tensorflow as tf

            gpus = tf.config.list_physical_devices("GPU")
            if gpus:
                details = tf.config.experimental.get_device_details(gpus[0])
                return str(details.get("device_name", "GPU"))
        elif backend == "torch":
            import torch

            if torch.cuda.is_available():
                return torch.cuda.get_device_name(0)
        elif backend == "jax":
            import jax

            device = jax.devices()[0]
            if device.platform != "cpu":
                return str(getattr(device, "device_kind", device.platform))
    except Exception:  # a broken driver must not stop a CPU run
        return "CPU"
    return "CPU"


__all__ = ["Acceleration", "GPU_INFERENCE_BATCH", "Gpu", "applied", "describe_device", "find_gpu", "plan"]
