"""Shared fixtures: small generated image folders that a model can actually learn from.

``make_image_folder(root, classes=..., per_class=..., size=...)`` writes one subfolder per
class. Each class has its own dominant colour and shape (disc, square, stripes, cross, ring,
triangle...), drawn at a random place and size over a noisy background, so a tiny network
separates the classes well above chance after an epoch or two, while no two images are
near-duplicates of each other.
"""

from __future__ import annotations

import colorsys
from pathlib import Path
from typing import Callable, Sequence

import numpy as np
import pytest
from PIL import Image

SHAPES: tuple[str, ...] = ("disc", "square", "stripes", "cross", "ring", "triangle", "checker", "bar")


def class_colour(index: int) -> tuple[int, int, int]:
    """A saturated colour, far from the other classes' colours (golden-ratio hue steps)."""
    hue = (index * 0.618033988749895) % 1.0
    r, g, b = colorsys.hsv_to_rgb(hue, 0.85, 0.95)
    return int(r * 255), int(g * 255), int(b * 255)


def draw_class_image(index: int, size: int, rng: np.random.Generator) -> np.ndarray:
    """One ``size x size`` RGB uint8 image of class ``index``."""
    yy, xx = np.mgrid[0:size, 0:size].astype(np.float32)
    # Background: a random grey gradient plus noise, different for every image.
    angle = rng.uniform(0, 2 * np.pi)
    gradient = (np.cos(angle) * xx + np.sin(angle) * yy) / size
    base = rng.uniform(60, 150) + 50 * gradient
    image = np.repeat(base[..., None], 3, axis=2) + rng.normal(0, 12, (size, size, 3))

    cy, cx = rng.uniform(0.3, 0.7, size=2) * size
    radius = rng.uniform(0.2, 0.32) * size
    dy, dx = yy - cy, xx - cx
    shape = SHAPES[index % len(SHAPES)]
    if shape == "disc":
        mask = dx**2 + dy**2 <= radius**2
    elif shape == "square":
        mask = (np.abs(dx) <= radius * 0.85) & (np.abs(dy) <= radius * 0.85)
    elif shape == "stripes":
        period = rng.uniform(5, 9)
        mask = ((yy + rng.uniform(0, period)) % period) < period / 2
    elif shape == "cross":
        mask = ((np.abs(dx) <= radius * 0.3) | (np.abs(dy) <= radius * 0.3)) & (np.maximum(np.abs(dx), np.abs(dy)) <= radius)
    elif shape == "ring":
        d2 = dx**2 + dy**2
        mask = (d2 <= radius**2) & (d2 >= (radius * 0.6) ** 2)
    elif shape == "triangle":
        mask = (dy <= radius * 0.8) & (dy >= -radius) & (np.abs(dx) <= (dy + radius) * 0.6)
    elif shape == "checker":
        cell = rng.uniform(5, 8)
        mask = ((xx // cell + yy // cell) % 2) == 0
    else:
        period = rng.uniform(5, 9)
        mask = ((xx + rng.uniform(0, period)) % period) < period / 2
    colour = np.array(class_colour(index), dtype=np.float32) * rng.uniform(0.85, 1.1)
    image[mask] = colour + rng.normal(0, 10, (int(mask.sum()), 3))
    return np.clip(image, 0, 255).astype(np.uint8)


def write_class_images(folder: Path, index: int, count: int, size: int, rng: np.random.Generator,
                       ext: str = ".jpg", start: int = 0) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(start, start + count):
        path = folder / f"img_{i:04d}{ext}"
        img = Image.fromarray(draw_class_image(index, size, rng))
        if ext in (".jpg", ".jpeg"):
            img.save(path, quality=92)
        else:
            img.save(path)
        paths.append(path)
    return paths


MakeImageFolder = Callable[..., Path]


@pytest.fixture
def make_image_folder() -> MakeImageFolder:
    """Factory: ``make_image_folder(root, classes=("cats", "dogs"), per_class=10, size=48,
    *, seed=0, ext=".jpg", layout="flat", test_per_class=None) -> root``.

    ``layout="split"`` writes ``root/train/<class>/`` with ``per_class`` images and
    ``root/test/<class>/`` with ``test_per_class`` (default a third of ``per_class``, at
    least 2). Generation is seeded: the same arguments give the same files.
    """

    def make(
        root: Path,
        classes: Sequence[str] = ("cats", "dogs"),
        per_class: int = 10,
        size: int = 48,
        *,
        seed: int = 0,
        ext: str = ".jpg",
        layout: str = "flat",
        test_per_class: int | None = None,
    ) -> Path:
        root = Path(root)
        root.mkdir(parents=True, exist_ok=True)
        rng = np.random.default_rng(seed)
        if layout == "flat":
            for index, name in enumerate(classes):
                write_class_images(root / name, index, per_class, size, rng, ext)
        elif layout == "split":
            n_test = test_per_class if test_per_class is not None else max(2, per_class // 3)
            for index, name in enumerate(classes):
                write_class_images(root / "train" / name, index, per_class, size, rng, ext)
                write_class_images(root / "test" / name, index, n_test, size, rng, ext, start=per_class)
        else:
            raise ValueError(f"layout must be 'flat' or 'split'. Received: layout={layout!r}")
        return root

    return make


# -- leaving the test process ------------------------------------------------------------------
_EXIT_STATUS = 0


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    global _EXIT_STATUS
    _EXIT_STATUS = int(exitstatus)


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config: pytest.Config) -> None:
    """Leave as the app does (``tlstudio.gui.app.exit_at_once``) once pytest has reported
    everything: after many windows in one process, PySide6 6.12's miscounted ``True``/``False``
    make the interpreter's teardown abort ("Fatal Python error: bool_dealloc") after every test
    passed. The exit status stays pytest's own."""
    import sys

    if "PySide6" in sys.modules and not hasattr(config, "workerinput"):
        from tlstudio.gui.app import exit_at_once

        exit_at_once(_EXIT_STATUS)
