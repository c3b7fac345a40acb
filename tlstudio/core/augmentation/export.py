"""Export augmented copies of a dataset's images into the workspace, never into the dataset.

``export_augmented(data, spec, copies=5)`` writes ``copies`` randomly augmented PNG copies of
every usable image of the folder into ``<workspace>/augmented/<time>-<folder name>/`` (or a
folder of the user's, new or empty, never inside the image folder), each copy at its image's
place in the folder (``<class>/...``; ``train/<class>/...`` etc. for a folder already split, so
test copies never mix with training copies), with
``manifest.json``: the augmentation spec, the seed, and for each copy its source image. The
folder is written under a hidden temporary name and renamed when complete, so a stopped or
failed export leaves nothing half-written. Seeded: the same folder, spec and seed give the same
copies. Mixup blends two images, so it has no copies of one image to show and is not applied.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

import numpy as np

from tlstudio.core.config import AugmentSpec
from tlstudio.core.errors import ConfigError, RunError

if TYPE_CHECKING:
    from tlstudio.core.data.records import DatasetScan

MANIFEST = "manifest.json"
MAX_COPIES = 100
#: Pixels augmented in one call (copies x height x width): about 200 MB as float32 RGB.
PIXEL_BUDGET = 16_000_000


@dataclass(frozen=True)
class AugmentExport:
    """What :func:`export_augmented` wrote: the folder, how many source images and copies, and
    whether it finished (``status`` ``"finished"`` or ``"cancelled"``; nothing is left then)."""

    folder: Path | None
    images: int
    copies: int
    written: int
    status: str
    seed: int

    @property
    def manifest(self) -> Path | None:
        return None if self.folder is None else self.folder / MANIFEST

    def to_dict(self) -> dict[str, Any]:
        return {"folder": None if self.folder is None else str(self.folder), "images": self.images,
                "copies": self.copies, "written": self.written, "status": self.status, "seed": self.seed}


def _inside(path: Path, folder: Path) -> bool:
    a = os.path.normcase(os.path.realpath(path))
    b = os.path.normcase(os.path.realpath(folder)).rstrip(os.sep)
    return a == b or a.startswith(b + os.sep)


def _target(data: Path, out: Path | None, workspace: Path | None) -> Path:
    """The folder to create: ``out`` (new or empty) or a new stamped folder in the workspace;
    a ConfigError in plain words when it lies inside the image folder or is not empty."""
    from tlstudio.core.outputs.workspace import default_workspace, ensure_workspace, slugify

    target = (Path(workspace or default_workspace()) / "augmented" if out is None else Path(out)).expanduser().absolute()
    if _inside(target, data):  # checked before any folder is made
        raise ConfigError(f"The folder for the augmented copies ({target}) is inside the image folder {data}; "
                          "tlstudio never writes into the images' folder.",
                          hint="Leave the output folder out (the copies then go to the workspace) or choose a "
                               "folder outside the image folder.", path=str(target))
    if out is None:
        root = ensure_workspace(target.parent) / "augmented"
        base = f"{datetime.now().strftime('%Y%m%d-%H%M%S')}-{slugify(data.name)}"
        target = root / base
        n = 2
        while target.exists():
            target, n = root / f"{base}-{n}", n + 1
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise ConfigError(f"The folder for the augmented copies ({target}) already exists and is not empty.",
                          hint="Choose a new or empty folder, or leave the output folder out.", path=str(target))
    return target


def _copy_names(scan: "DatasetScan") -> dict[str, tuple[str | None, str]]:
    """For each image: its split (None for a folder that is not split) and the copies' name without
    ``-aug<k>.png``: its path inside the image folder without the extension (so ``train/cat/1.jpg``
    and ``test/cat/1.jpg`` stay apart), plus a short hash of that path when two images differ only
    by extension (``a.jpg`` and ``a.png``)."""
    split_of = {r.path: part for part, recs in (scan.presplit or {}).items() for r in recs}
    names: dict[str, tuple[str | None, str]] = {}
    for record in scan.records:
        relative = Path(os.path.relpath(record.path, scan.root))
        if relative.parts[0] == os.pardir:  # reached through a link: under its class (and split)
            split = split_of.get(record.path)
            relative = Path(*(p for p in (split, record.class_name) if p), relative.name)
        names[record.path] = (split_of.get(record.path), relative.with_suffix("").as_posix())
    taken: dict[str, int] = {}
    for _, base in names.values():
        taken[base.casefold()] = taken.get(base.casefold(), 0) + 1
    for path, (split, base) in names.items():
        if taken[base.casefold()] > 1:
            tag = hashlib.sha1(os.path.relpath(path, scan.root).encode("utf-8", "surrogatepass")).hexdigest()[:8]
            names[path] = (split, f"{base}-{tag}")
    return names


def export_augmented(data: str | os.PathLike[str], spec: AugmentSpec, copies: int = 5, *,
                     out: str | os.PathLike[str] | None = None, workspace: str | os.PathLike[str] | None = None,
                     seed: int = 0, size: int | None = None, preset: str | None = None,
                     on_progress: Callable[[int, int], None] | None = None,
                     should_stop: Callable[[], bool] | None = None) -> AugmentExport:
    """Write ``copies`` augmented PNG copies of each usable image of the folder ``data``.

    ``size``: resize each image to ``size x size`` first (None keeps its own size). ``preset``
    is only recorded in the manifest. ``on_progress(done, total)`` counts source images;
    ``should_stop()`` is polled between images (then nothing is left and the status is
    ``"cancelled"``). Raises ConfigError for a spec that changes nothing, a bad number of copies
    or an output folder inside the image folder; DatasetError for an unusable folder; RunError
    when the copies cannot be written (disk full, no permission).
    """
    from PIL import Image

    from tlstudio.core.augmentation.augment import augment_batch
    from tlstudio.core.augmentation.layers import build_augmenter
    from tlstudio.core.data.imageio import load_image
    from tlstudio.core.data.scan import scan_dataset

    if not isinstance(copies, int) or not 1 <= copies <= MAX_COPIES:
        raise ConfigError(f"copies must be between 1 and {MAX_COPIES} per image. Received: copies={copies!r}")
    if not spec.changes_images:
        raise ConfigError("No augmentation that changes images is switched on, so the copies would equal the "
                          "originals.", hint="Choose a preset or switch some operations on (mixup alone mixes "
                                             "pairs of images during training and makes no copies).")
    data_path = Path(data).expanduser().resolve()
    target = _target(data_path, None if out is None else Path(out), None if workspace is None else Path(workspace))
    scan = scan_dataset(data_path)
    records = sorted(scan.records, key=lambda r: r.path)
    names = _copy_names(scan)
    augmenter = build_augmenter(spec, seed=seed)
    temp = target.parent / f".{target.name}.partial-{os.getpid()}"
    stop = should_stop or (lambda: False)
    files: list[dict[str, Any]] = []
    try:
        temp.mkdir(parents=True, exist_ok=False)
        for i, record in enumerate(records):
            if stop():
                shutil.rmtree(temp, ignore_errors=True)
                return AugmentExport(None, len(records), copies, 0, "cancelled", seed)
            image = load_image(record.path, size)
            split, base = names[record.path]
            (temp / base).parent.mkdir(parents=True, exist_ok=True)
            # A few copies per call: a full-size photo times many copies would not fit in memory.
            step = max(1, min(copies, PIXEL_BUDGET // max(1, image.shape[0] * image.shape[1])))
            for first in range(0, copies, step):
                count = min(step, copies - first)
                variants = augment_batch(augmenter, np.repeat(image[None], count, axis=0))
                for k, variant in enumerate(variants, start=first + 1):
                    name = f"{base}-aug{k}.png"
                    Image.fromarray(variant).save(temp / name, format="PNG")
                    files.append({"file": name, "source": record.path, "class": record.class_name,
                                  "split": split, "copy": k})
            if on_progress is not None:
                on_progress(i + 1, len(records))
        manifest = {"data": str(data_path), "spec": spec.to_dict(), "preset": preset, "seed": seed,
                    "copies_per_image": copies, "size": size, "images": len(records), "layout": scan.layout,
                    "files": files,
                    "note": "Augmented copies made by tlstudio; the image folder itself was not changed. Each "
                            "copy keeps its image's place in the folder (<class>/..., or <split>/<class>/... for "
                            "a folder already split into train/val/test, so test copies never mix with training "
                            "copies)."}
        (temp / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
        if target.exists():
            target.rmdir()  # the user's empty folder: replaced by the complete one
        os.replace(temp, target)
    except OSError as exc:
        shutil.rmtree(temp, ignore_errors=True)
        raise RunError(f"Could not write the augmented copies into {target.parent} ({exc.strerror or exc}).",
                       hint="Check that the disk has space and the folder can be written to, then try again.",
                       path=str(target), details=repr(exc)) from exc
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise
    return AugmentExport(target, len(records), copies, len(files), "finished", seed)


def save_preview_sheet(image: str | os.PathLike[str], spec: AugmentSpec, n: int = 8, *,
                       data: str | os.PathLike[str] | None = None, out: str | os.PathLike[str] | None = None,
                       workspace: str | os.PathLike[str] | None = None, seed: int = 0, size: int = 160,
                       columns: int = 4) -> Path:
    """The app's preview as one PNG: ``n`` variants of the picture ``image`` side by side
    (``columns`` per row), as training would change it. Written atomically to ``out`` or to
    ``<workspace>/augmented/<time>-<picture>-preview.png``; never inside ``data`` (the image
    folder). Returns the file's path."""
    from io import BytesIO

    from PIL import Image

    from tlstudio.core.augmentation.augment import preview
    from tlstudio.core.data.imageio import load_image
    from tlstudio.core.outputs.workspace import atomic_write_bytes, default_workspace, slugify

    source = Path(image).expanduser().resolve()
    if out is None:
        name = f"{datetime.now().strftime('%Y%m%d-%H%M%S')}-{slugify(source.stem)}-preview.png"
        target = Path(workspace or default_workspace()).expanduser().absolute() / "augmented" / name
    else:
        target = Path(out).expanduser().absolute()
    if data is not None and _inside(target, Path(data).expanduser().resolve()):
        raise ConfigError(f"The preview file ({target}) is inside the image folder {data}; tlstudio never writes "
                          "into the images' folder.", hint="Choose a file outside the image folder.", path=str(target))
    variants = preview(load_image(source), spec, n, seed=seed, size=size)
    columns = max(1, min(columns, n))
    rows = -(-n // columns)
    gap = 4
    sheet = Image.new("RGB", (columns * (size + gap) + gap, rows * (size + gap) + gap), (255, 255, 255))
    for i, variant in enumerate(variants):
        sheet.paste(Image.fromarray(variant), (gap + (i % columns) * (size + gap), gap + (i // columns) * (size + gap)))
    buffer = BytesIO()
    sheet.save(buffer, format="PNG")
    target.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(target, buffer.getvalue())
    return target


__all__ = ["AugmentExport", "MANIFEST", "MAX_COPIES", "PIXEL_BUDGET", "export_augmented", "save_preview_sheet"]
