"""The run's pictures an export needs: its test images to check each export on, its training
images to measure the 8-bit model's value ranges on, read again from its ``split.json``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Mapping, Sequence

import numpy as np

from tlstudio.core.errors import RunError, TlStudioError


def read_split(run_dir: Path) -> dict[str, Any]:
    """The run's ``split.json`` (RunError when it is missing or damaged: the exports are checked on its images)."""
    path = run_dir / "split.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise RunError(f"The split file {path} is missing or damaged; the exports cannot be checked on the run's "
                       "test images.", hint="Export a complete run.", path=str(path), details=str(exc)) from exc
    return data if isinstance(data, dict) else {}


def read_images(paths: Sequence[str], size: int, limit: int) -> tuple[list[str], np.ndarray]:
    """Up to ``limit`` of ``paths`` that can still be read, at ``size`` x ``size``."""
    from tlstudio.core.data.imageio import load_image

    used, pixels = [], []
    for path in paths:
        if len(used) >= limit:
            break
        try:
            pixels.append(load_image(path, size=size))
        except (OSError, ValueError, SyntaxError, TlStudioError):
            continue  # moved or damaged since the run: another picture will do
        used.append(path)
    array = np.stack(pixels).astype(np.float32) if pixels else np.zeros((0, size, size, 3), np.float32)
    return used, array


def split_paths(split: Mapping[str, Any], part: str) -> list[str]:
    """The image paths of one part (``train``, ``val``, ``test``) of a ``split.json``."""
    rows = split.get(part) if isinstance(split.get(part), list) else []
    return [str(r["path"]) for r in rows if isinstance(r, dict) and "path" in r]


def spread(paths: list[str], n: int) -> list[str]:
    """Every k-th path so that ``n`` of them span the list (classes are stored one after another)."""
    if len(paths) <= n:
        return paths
    step = len(paths) / n
    order = [paths[int(i * step)] for i in range(n)]
    return order + [p for p in paths if p not in set(order)]
