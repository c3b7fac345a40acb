"""Leakage: the same picture (or a re-saved, resized copy) in two splits, found by hashes.

It makes the test accuracy look better than it is.
"""

from __future__ import annotations

import hashlib
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
from PIL import Image

from tlstudio.core.data.files import worker_count
from tlstudio.core.data.imageio import open_rgb
from tlstudio.core.data.records import SPLITS, ProgressCallback, Split
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
    """
    if max_distance < 0:
        raise ValueError(f"max_distance must be >= 0. Received: max_distance={max_distance}")
    entries = [(part, r.path) for part, records in split.parts().items() for r in records]
    total = len(entries)
    hashes = np.zeros(total, dtype=np.uint64)
    digests: list[bytes] = [b""] * total
    with ThreadPoolExecutor(max_workers=worker_count(), thread_name_prefix="tlstudio-hash") as executor:
        futures = {executor.submit(_fingerprint_file, path): i for i, (_, path) in enumerate(entries)}
        for done, future in enumerate(as_completed(futures), start=1):
            i = futures[future]
            try:
                value, digest = future.result()
            except (OSError, ValueError, Image.DecompressionBombError) as exc:
                path = entries[i][1]
                raise DatasetError(f"The image {path} could not be read again while looking for duplicates ({exc}).",
                                   hint="It may have been moved or changed since the check; check the folder again.",
                                   path=path, details=repr(exc)) from exc
            hashes[i] = np.uint64(value)
            digests[i] = digest
            if on_progress is not None and (done == total or done % 64 == 0):
                on_progress(done, total)

    index = {part: np.array([i for i, (p, _) in enumerate(entries) if p == part], dtype=np.int64) for part in SPLITS}
    pairs: list[LeakagePair] = []
    for a_pos, part_a in enumerate(SPLITS):
        for part_b in SPLITS[a_pos + 1:]:
            ia, ib = index[part_a], index[part_b]
            if ia.size == 0 or ib.size == 0:
                continue
            hb = hashes[ib]
            for start in range(0, ia.size, 1024):
                rows = ia[start:start + 1024]
                distances = np.bitwise_count(hashes[rows][:, None] ^ hb[None, :])
                for r, c in zip(*np.nonzero(distances <= max_distance)):
                    i, j = int(rows[r]), int(ib[c])
                    pairs.append(LeakagePair(entries[i][1], part_a, entries[j][1], part_b,
                                             int(distances[r, c]), digests[i] == digests[j]))
    pairs.sort(key=lambda p: (p.distance, not p.exact, SPLITS.index(p.split_a), p.path_a, p.path_b))
    return tuple(pairs)
