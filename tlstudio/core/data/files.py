"""Checking one file: is it an image tlstudio can use, and if not, why not (in plain words).

:func:`check_image_file` opens a file once and returns its size or a :class:`BadFile`;
:func:`check_files` checks many in a thread pool with progress and a stop flag.
"""

from __future__ import annotations

import errno
import os
import re
import time
import warnings
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from typing import TYPE_CHECKING

import numpy as np
from PIL import Image, UnidentifiedImageError

from tlstudio.core.data.dicom import DicomProblem, check_dicom, is_dicom
from tlstudio.core.data.imageio import current_reading, displayed_size, grey_scaling
from tlstudio.core.data.opening import NotAFile, check_opened, check_regular, nonblocking, too_many_pixels_message
from tlstudio.core.data.records import MIN_SIDE, BadFile, ImageFacts, ProgressCallback, ScanCancelled, StopFlag

if TYPE_CHECKING:
    from typing import BinaryIO


_PROGRESS_INTERVAL_S = 0.05  # at most this often, progress is reported


def _bad(path: str, code: str, reason: str) -> BadFile:
    return BadFile(path=path, code=code, reason=reason)


def _decode_failure(path: str, exc: BaseException) -> BadFile:
    name = os.path.basename(path)
    text = str(exc)
    if isinstance(exc, EOFError) or "truncated" in text.lower():
        return _bad(path, "truncated",
                    f"'{name}' is cut short (the download or copy may have been interrupted). "
                    "Copy it again or remove it.")
    return _bad(path, "corrupt",
                f"'{name}' is damaged and cannot be read as a picture ({type(exc).__name__}: {text}). "
                "Copy it again from the original or remove it.")


def _too_large(path: str, pixels: str) -> BadFile:
    return _bad(path, "too_large", too_many_pixels_message(path, pixels))


#: The first bytes of the formats tlstudio reads: a file starting so is a damaged picture, not another kind of file.
_SIGNATURES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"BM", b"II*\x00", b"MM\x00*")


def _looks_like_a_picture(fh: "BinaryIO") -> bool:
    fh.seek(0)
    head = fh.read(16)
    return head.startswith(_SIGNATURES) or (head[:4] == b"RIFF" and head[8:12] == b"WEBP")


def _is_text(path: str) -> bool:
    """False when the path holds bytes that are not UTF-8 (Python keeps them as lone surrogates,
    which no JSON, CSV or TensorFlow string of a run can hold)."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _shown(name: str) -> str:
    """``name`` as it can be printed: undecodable bytes become the replacement character."""
    return os.fsencode(name).decode("utf-8", "replace")


def _too_small(path: str, width: int, height: int) -> BadFile:
    return _bad(path, "too_small",
                f"'{os.path.basename(path)}' is only {width}×{height} pixels; images need at least {MIN_SIDE} "
                "pixels on each side. Use a larger version or remove it.")


def _check_dicom_file(path: str, size_bytes: int) -> ImageFacts | BadFile:
    """A DICOM file, decoded as training will read it (never "not an image")."""
    try:
        facts = check_dicom(path, current_reading())
    except DicomProblem as problem:
        return _bad(path, problem.code, problem.reason)
    except MemoryError:
        raise
    if min(facts.width, facts.height) < MIN_SIDE:
        return _too_small(path, facts.width, facts.height)
    return ImageFacts(facts.width, facts.height, size_bytes, facts.reading, facts.frames)


def _value_scaling(img: Image.Image) -> str:
    """How a decoded picture's values become 0..255 (see ``imageio.grey_scaling``)."""
    if img.mode.startswith("I") or img.mode == "F":
        return grey_scaling(np.asarray(img), current_reading().high_bit)
    return "8-bit"


def check_image_file(path: str) -> ImageFacts | BadFile:
    """Check that ``path`` is a whole, readable image of a usable size.

    Returns :class:`ImageFacts` (the size as displayed, after EXIF rotation; how its values are
    read) or a :class:`BadFile`. DICOM files (by name or by their ``DICM`` preamble) are decoded
    with pydicom. The header is read first, so empty, unidentifiable, tiny and huge files
    are rejected without decoding; then the file is verified and decoded (JPEGs at 1/8 scale,
    which still reads every byte) so that truncated and damaged files are caught before
    training rather than in the middle of it.
    """
    name = os.path.basename(path)
    if not _is_text(path):
        return _bad(path, "unreadable",
                    f"'{_shown(name)}' has a name that is not valid text (UTF-8): it may come from an old zip file "
                    "or another computer's character set, and tlstudio could not record it in a run. Rename it (or "
                    "the folder holding it), or remove it.")
    try:
        try:  # a pipe, socket or device is skipped with its reason, never read
            check_regular(path)
            fh = open(path, "rb", opener=nonblocking)
            check_opened(fh, path)
        except NotAFile as exc:
            return _bad(path, "special", exc.message)
        with fh:
            size_bytes = os.fstat(fh.fileno()).st_size
            if size_bytes == 0:
                return _bad(path, "empty", f"'{name}' is empty (0 bytes). Copy it again or remove it.")
            if is_dicom(path):
                return _check_dicom_file(path, size_bytes)
            try:
                with Image.open(fh) as img:
                    width, height = img.size
                    limit = Image.MAX_IMAGE_PIXELS
                    if limit is not None and width * height > limit:
                        return _too_large(path, f"{width}×{height} pixels")
                    if min(width, height) < MIN_SIDE:
                        return _too_small(path, width, height)
                    img.verify()
                fh.seek(0)
                with Image.open(fh) as img:
                    width, height = displayed_size(img)  # after verify(), which must come first
                    if img.format in ("JPEG", "MPO"):
                        img.draft("RGB", (1, 1))
                    img.load()
                    scaling = _value_scaling(img)
            except UnidentifiedImageError:
                if _looks_like_a_picture(fh):  # e.g. a PNG with a bad checksum: damaged, not another kind of file
                    return _bad(path, "corrupt",
                                f"'{name}' is a damaged picture: it starts as a picture file does, but its contents "
                                "do not add up (a wrong checksum or missing parts). Copy it again from the original "
                                "or remove it.")
                return _bad(path, "not_image",
                            f"'{name}' is not a picture tlstudio can open (it may be another kind of file "
                            "with an image name). Save it as JPEG or PNG, or remove it.")
            except Image.DecompressionBombError as exc:
                claimed = re.search(r"\((\d+) pixels\)", str(exc))
                return _too_large(path, f"{int(claimed.group(1)):,} pixels" if claimed else "an enormous size")
            except MemoryError:
                raise
            except Exception as exc:  # noqa: BLE001 - Pillow's decoders raise many types for bad data
                if isinstance(exc, PermissionError):
                    raise
                return _decode_failure(path, exc)
    except PermissionError:
        return _bad(path, "permission",
                    f"tlstudio is not allowed to read '{name}'. Give your user read permission on it, or remove it.")
    except FileNotFoundError:
        return _bad(path, "unreadable",
                    f"'{name}' could not be found (it may be a broken shortcut, or was moved during the check). "
                    "Replace it or remove it.")
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return _bad(path, "unreadable",
                        f"'{name}' is a shortcut (symbolic link) that leads back to itself, so it holds no picture. "
                        "Remove it, or replace it with the image it should point to.")
        return _bad(path, "unreadable",
                    f"'{name}' could not be read from the disk ({exc.strerror or exc}). "
                    "Check the disk or copy the file again.")
    return ImageFacts(width, height, size_bytes, scaling)


def worker_count() -> int:
    return min(16, (os.cpu_count() or 1) * 2 + 2)


def check_files(paths: list[str], on_progress: ProgressCallback | None, stop: StopFlag
               ) -> dict[str, ImageFacts | BadFile]:
    """Run :func:`check_image_file` on every path in a thread pool (Pillow and file reads
    release the GIL), reporting progress and honouring ``stop`` from the calling thread."""
    total = len(paths)
    results: dict[str, ImageFacts | BadFile] = {}
    if on_progress is not None:
        on_progress(0, total)
    if total == 0:
        return results
    last = time.monotonic()
    executor = ThreadPoolExecutor(max_workers=worker_count(), thread_name_prefix="tlstudio-scan")
    try:
        # Oversized pictures are reported as bad files; Pillow's warning about them would only
        # add noise. The filter is set here, on the calling thread, not inside the workers.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            futures: dict[Future[ImageFacts | BadFile], str] = {
                executor.submit(check_image_file, p): p for p in paths}
            for done, future in enumerate(as_completed(futures), start=1):
                results[futures[future]] = future.result()
                if stop():
                    raise ScanCancelled()
                now = time.monotonic()
                if on_progress is not None and (done == total or now - last >= _PROGRESS_INTERVAL_S):
                    on_progress(done, total)
                    last = now
    finally:
        executor.shutdown(wait=True, cancel_futures=True)
    return results
