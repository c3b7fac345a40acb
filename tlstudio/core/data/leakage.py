"""Duplicates, found by hashes: the same picture (or a re-saved, resized copy) twice in the folder.

The same picture with the same label in two splits is *leakage*: it makes the test accuracy
look better than it is. The same picture filed under two classes is a *label conflict*: the
model is taught two answers for one picture, which lowers accuracy rather than inflating it.
"""

from __future__ import annotations

import hashlib
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any, Sequence

import numpy as np
from PIL import Image

from tlstudio.core.data.files import worker_count
from tlstudio.core.data.imageio import open_rgb
from tlstudio.core.data.records import SPLITS, ImageRecord, ProgressCallback, Split
from tlstudio.core.errors import DatasetError

if TYPE_CHECKING:
    pass


@dataclass(frozen=True)
class LeakagePair:
    """The same picture (``distance`` 0) or a near copy in two different splits.

    ``distance`` is the number of differing bits of the two 64-bit perceptual hashes;
    ``exact`` is True when the two files have identical bytes.
    """

    path_a: str
    split_a: str
    path_b: str
    split_b: str
    distance: int
    exact: bool = False

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _fingerprint_file(path: str) -> tuple[int, bytes]:
    """(64-bit perceptual hash, sha1 of the bytes) of one image file."""
    import imagehash

    with open(path, "rb") as fh:
        digest = hashlib.sha1(fh.read(), usedforsecurity=False).digest()
    # 128 px is plenty for a hash computed on a 32x32 grey copy, and lets JPEGs decode at 1/8.
    img = open_rgb(path, draft_size=(128, 128))
    bits = imagehash.phash(img).hash.flatten()
    return int.from_bytes(np.packbits(bits).tobytes(), "big"), digest


def _hash_all(paths: Sequence[str], on_progress: ProgressCallback | None) -> tuple[np.ndarray, list[bytes]]:
    """The perceptual hash and sha1 of every file in ``paths`` (thread pool; progress every 64)."""
    total = len(paths)
    hashes = np.zeros(total, dtype=np.uint64)
    digests: list[bytes] = [b""] * total
    with ThreadPoolExecutor(max_workers=worker_count(), thread_name_prefix="tlstudio-hash") as executor:
        futures = {executor.submit(_fingerprint_file, path): i for i, path in enumerate(paths)}
        for done, future in enumerate(as_completed(futures), start=1):
            i = futures[future]
            try:
                value, digest = future.result()
            except (OSError, ValueError, Image.DecompressionBombError) as exc:
                path = paths[i]
                raise DatasetError(f"The image {path} could not be read again while looking for duplicates ({exc}).",
                                   hint="It may have been moved or changed since the check; check the folder again.",
                                   path=path, details=repr(exc)) from exc
            hashes[i] = np.uint64(value)
            digests[i] = digest
            if on_progress is not None and (done == total or done % 64 == 0):
                on_progress(done, total)
    return hashes, digests


def _close_pairs(hashes: np.ndarray, rows: np.ndarray, cols: np.ndarray, max_distance: int,
                 upper: bool = False) -> list[tuple[int, int, int]]:
    """(i, j, distance) for every ``i`` in ``rows`` and ``j`` in ``cols`` whose hashes differ in at
    most ``max_distance`` bits; ``upper``: only ``i < j`` (one list compared with itself)."""
    found: list[tuple[int, int, int]] = []
    hb = hashes[cols]
    for start in range(0, rows.size, 1024):
        chunk = rows[start:start + 1024]
        distances = np.bitwise_count(hashes[chunk][:, None] ^ hb[None, :])
        for r, c in zip(*np.nonzero(distances <= max_distance)):
            i, j = int(chunk[r]), int(cols[c])
            if not upper or i < j:
                found.append((i, j, int(distances[r, c])))
    return found


def find_leakage(
    split: Split,
    *,
    max_distance: int = 2,
    on_progress: ProgressCallback | None = None,
) -> tuple[LeakagePair, ...]:
    """Pairs of images that appear in two different splits, identical or nearly so.

    A picture in both train and test makes test accuracy look better than it is. Every image
    gets a perceptual hash (robust to re-saving, resizing, small edits) and a sha1; pairs in
    different splits whose hashes differ in at most ``max_distance`` of 64 bits are returned,
    closest first. Hashing runs in a thread pool; the comparison is vectorised with numpy.
    (Whether the two copies carry the same label is for :mod:`tlstudio.core.data.findings`
    to tell: two labels are a label conflict, not leakage.)
    """
    if max_distance < 0:
        raise ValueError(f"max_distance must be >= 0. Received: max_distance={max_distance}")
    entries = [(part, r.path) for part, records in split.parts().items() for r in records]
    hashes, digests = _hash_all([path for _, path in entries], on_progress)
    index = {part: np.array([i for i, (p, _) in enumerate(entries) if p == part], dtype=np.int64) for part in SPLITS}
    pairs: list[LeakagePair] = []
    for a_pos, part_a in enumerate(SPLITS):
        for part_b in SPLITS[a_pos + 1:]:
            ia, ib = index[part_a], index[part_b]
            if ia.size == 0 or ib.size == 0:
                continue
            for i, j, distance in _close_pairs(hashes, ia, ib, max_distance):
                pairs.append(LeakagePair(entries[i][1], part_a, entries[j][1], part_b, distance,
                                         digests[i] == digests[j]))
    pairs.sort(key=lambda p: (p.distance, not p.exact, SPLITS.index(p.split_a), p.path_a, p.path_b))
    return tuple(pairs)


@dataclass(frozen=True)
class DuplicatePair:
    """Two files of the folder that hold the same picture (``distance`` 0) or a near copy,
    wherever they are; ``class_a`` and ``class_b`` are the classes they are filed under."""

    path_a: str
    class_a: str
    path_b: str
    class_b: str
    distance: int
    exact: bool = False

    @property
    def conflict(self) -> bool:
        """True when the two copies carry different labels (a label conflict)."""
        return self.class_a != self.class_b

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "DuplicatePair":
        return cls(str(data["path_a"]), str(data["class_a"]), str(data["path_b"]), str(data["class_b"]),
                   int(data["distance"]), bool(data.get("exact", False)))


def find_duplicates(
    records: Sequence[ImageRecord],
    *,
    max_distance: int = 2,
    on_progress: ProgressCallback | None = None,
) -> tuple[DuplicatePair, ...]:
    """Every pair of images in ``records`` that are the same picture or a near copy (the hashes of
    :func:`find_leakage`), in any class and any split; closest first. A pair filed under two
    classes is a label conflict; the same class in two splits is leakage."""
    if max_distance < 0:
        raise ValueError(f"max_distance must be >= 0. Received: max_distance={max_distance}")
    records = sorted(records, key=lambda r: r.path)
    hashes, digests = _hash_all([r.path for r in records], on_progress)
    everything = np.arange(len(records), dtype=np.int64)
    pairs = [DuplicatePair(records[i].path, records[i].class_name, records[j].path, records[j].class_name, distance,
                           digests[i] == digests[j])
             for i, j, distance in _close_pairs(hashes, everything, everything, max_distance, upper=True)]
    pairs.sort(key=lambda p: (p.distance, not p.exact, p.path_a, p.path_b))
    return tuple(pairs)
