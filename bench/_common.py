"""What the benchmark scripts share: options, data folders, timing helpers and the result table.

Every script measures its figure as a ratio of two things timed side by side in the same run
(absolute seconds on a shared machine are noise), prints one table row per figure::

    figure                                              measured     target      result
    2   folder extraction / in-memory predict (img/s)   0.93         >= 0.85     PASS

and, with ``--json FILE``, writes the rows as JSON (``run_all.py`` collects them). ``--quick``
runs on a few generated images in seconds; the ratios it prints only show that the script works.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Iterable, Sequence

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data" / "flowers5"
BACKBONE = "efficientnet_lite0"

if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")


@dataclass(frozen=True)
class Figure:
    """One row of a benchmark table.

    ``value`` is None when the figure could not be measured (``note`` says why). ``ok`` is
    None for a figure that is reported without a pass mark (a throughput to make as high as
    the hardware allows).
    """

    key: str
    name: str
    value: float | None
    target: str
    ok: bool | None
    unit: str = ""
    note: str = ""

    @property
    def result(self) -> str:
        if self.value is None:
            return f"not measured ({self.note})" if self.note else "not measured"
        if self.ok is None:
            return "reported"
        return "PASS" if self.ok else "FAIL"

    def measured(self) -> str:
        if self.value is None:
            return "-"
        return f"{self.value:.3g}{self.unit}" if abs(self.value) < 1000 else f"{self.value:,.0f}{self.unit}"


def at_most(key: str, name: str, value: float | None, limit: float, unit: str = "", note: str = "") -> Figure:
    return Figure(key, name, value, f"<= {limit:g}{unit}", None if value is None else value <= limit, unit, note)


def at_least(key: str, name: str, value: float | None, limit: float, unit: str = "", note: str = "") -> Figure:
    return Figure(key, name, value, f">= {limit:g}{unit}", None if value is None else value >= limit, unit, note)


def reported(key: str, name: str, value: float | None, unit: str = "", note: str = "", target: str = "as high as possible") -> Figure:
    return Figure(key, name, value, target, None, unit, note)


def format_table(figures: Sequence[Figure]) -> str:
    """The figures as an aligned plain-text table (one header line, one line per figure)."""
    rows = [("figure", "measured", "target", "result")]
    rows += [(f"{f.key:<3} {f.name}", f.measured(), f.target, f.result) for f in figures]
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    return "\n".join(f"{r[0]:<{widths[0]}}  {r[1]:>{widths[1]}}  {r[2]:<{widths[2]}}  {r[3]}".rstrip() for r in rows)


def report(figures: Sequence[Figure], args: argparse.Namespace, context: Iterable[str] = ()) -> int:
    """Print the context lines and the table; write ``--json``. Returns the exit status (0:
    the figures were measured; targets missed are a FAIL in the table, not an error)."""
    for line in context:
        print(line)
    print(format_table(figures), flush=True)
    if getattr(args, "json", None):
        Path(args.json).write_text(json.dumps([asdict(f) | {"result": f.result} for f in figures], indent=2))
    return 0


def parser(doc: str | None, *, data: bool = True) -> argparse.ArgumentParser:
    """The options every script has: ``--quick``, ``--json``, ``--repeats`` (and ``--data``)."""
    p = argparse.ArgumentParser(description=(doc or "").strip().splitlines()[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--quick", action="store_true",
                   help="a few generated images, seconds not minutes (checks the script works; ratios are noise)")
    p.add_argument("--json", metavar="FILE", help="also write the figures to this JSON file")
    p.add_argument("--repeats", type=int, default=None, help="measurements per side, interleaved")
    if data:
        p.add_argument("--data", default=str(DEFAULT_DATA), help="image folder, one subfolder per class (default %(default)s)")
    return p


# ----------------------------------------------------------------------------- data folders


def class_folders(root: Path) -> list[Path]:
    return sorted(p for p in Path(root).iterdir() if p.is_dir() and not p.name.startswith("."))


def subset_folder(source: Path | str, target: Path, per_class: int | None, *, copies: int = 1) -> Path:
    """A folder of links to the first ``per_class`` images of each class of ``source``
    (every image when None), each linked ``copies`` times under different names.

    Links, not copies: the images are read through them exactly like real files, without
    filling the disk. ``copies=10`` makes the ten-times-larger dataset of the memory figure.
    """
    from tlstudio.core.data.imageio import is_image_path

    target.mkdir(parents=True, exist_ok=True)
    for folder in class_folders(Path(source)):
        files = sorted(f for f in folder.iterdir() if f.is_file() and is_image_path(f.name))
        if per_class is not None:
            files = files[:per_class]
        out = target / folder.name
        out.mkdir(exist_ok=True)
        for copy in range(copies):
            for f in files:
                name = f.name if copies == 1 else f"{copy:02d}_{f.name}"
                (out / name).symlink_to(f.resolve())
    return target


def generated_folder(target: Path, *, classes: int = 3, per_class: int = 12, size: int = 80, seed: int = 0) -> Path:
    """Small JPEGs that a network can tell apart: one colour and shape per class over noise."""
    import numpy as np
    from PIL import Image

    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:size, 0:size]
    colours = [(220, 60, 60), (60, 180, 60), (60, 90, 220), (220, 200, 40), (170, 60, 200)]
    for c in range(classes):
        folder = target / f"class_{c}"
        folder.mkdir(parents=True, exist_ok=True)
        for i in range(per_class):
            image = rng.normal(110, 25, (size, size, 3))
            cy, cx = rng.uniform(0.3, 0.7, 2) * size
            r = rng.uniform(0.15, 0.3) * size
            mask = (yy - cy) ** 2 + (xx - cx) ** 2 <= r**2 if c % 2 == 0 else (abs(yy - cy) <= r) & (abs(xx - cx) <= r)
            image[mask] = colours[c % len(colours)]
            Image.fromarray(np.clip(image, 0, 255).astype("uint8")).save(folder / f"img_{i:03d}.jpg", quality=90)
    return target


def read_files(paths: Iterable[str]) -> None:
    """Read every file once so both sides of a comparison find them in the page cache
    (as a run does: its check of the folder reads every byte before training)."""
    for path in paths:
        with open(path, "rb") as fh:
            while fh.read(1 << 20):
                pass


def fresh_dir(parent: Path, name: str) -> Path:
    path = parent / name
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    return path


class Stopwatch:
    """``with Stopwatch() as t: ...`` then ``t.seconds``."""

    def __enter__(self) -> "Stopwatch":
        self.start = time.perf_counter()
        return self

    def __exit__(self, *exc: object) -> None:
        self.seconds = time.perf_counter() - self.start


def interleaved(repeats: int, sides: Sequence[str]) -> list[str]:
    """The order to measure ``sides`` in, ``repeats`` times each: ABBA... so that neither
    side always goes first (warm caches, a neighbour's load)."""
    order: list[str] = []
    for r in range(repeats):
        order += list(sides) if r % 2 == 0 else list(reversed(sides))
    return order


def best(seconds: Sequence[float]) -> float:
    """The shortest of several timings of the same thing: on a shared machine, the one least
    slowed by others (what ``timeit`` reports too)."""
    return min(seconds)


def median(values: Sequence[float]) -> float:
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def load_images(records: Sequence, size: int, dtype: str = "float32"):
    """The records' images decoded and resized as the pipeline does, as one array."""
    import numpy as np

    from tlstudio.core.data.imageio import load_image

    images = np.empty((len(records), size, size, 3), dtype)
    for i, record in enumerate(records):
        images[i] = load_image(record.path, (size, size))
    return images


def machine() -> str:
    """One line about where the figures were measured."""
    import platform

    try:
        load = os.getloadavg()[0]
        load_text = f", load {load:.1f} at start"
    except OSError:
        load_text = ""
    return f"{platform.machine()} with {os.cpu_count()} CPU cores{load_text}, Python {platform.python_version()}"
