"""The bundled digits demo and the tf_flowers download (network replaced by local bytes)."""

from __future__ import annotations

import io
import tarfile
import urllib.error
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image

from tlstudio.core.data import demo
from tlstudio.core.errors import DatasetError


def test_demo_dataset_has_1797_digit_images_in_10_classes(tmp_path: Path) -> None:
    folder = demo.ensure_demo_dataset(tmp_path)
    assert folder == tmp_path / "demo" / "digits"
    classes = sorted(p.name for p in folder.iterdir())
    assert classes == [str(d) for d in range(10)]
    files = sorted(folder.glob("*/*.png"))
    assert len(files) == 1797
    counts = {c: len(list((folder / c).glob("*.png"))) for c in classes}
    assert min(counts.values()) >= 170  # sklearn's digits: 174-183 scans per digit
    with Image.open(files[0]) as img:
        assert img.size == (64, 64) and img.mode == "RGB"
        pixels = np.asarray(img)
    assert pixels.min() < 80 and pixels.max() > 200  # dark ink on light paper, not a blank image
    # Nothing half-written is left next to it.
    assert [p.name for p in folder.parent.iterdir()] == ["digits"]


def test_demo_dataset_is_written_once_and_repaired_when_incomplete(tmp_path: Path) -> None:
    folder = demo.ensure_demo_dataset(tmp_path)
    first = folder / "0" / sorted(p.name for p in (folder / "0").iterdir())[0]
    mtime = first.stat().st_mtime_ns
    assert demo.ensure_demo_dataset(tmp_path) == folder
    assert first.stat().st_mtime_ns == mtime  # not rewritten
    first.unlink()
    demo.ensure_demo_dataset(tmp_path)
    assert len(list(folder.glob("*/*.png"))) == 1797


def _flowers_archive() -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        for name in demo.FLOWERS_CLASSES:
            image = io.BytesIO()
            Image.new("RGB", (40, 40), (200, 50, 50)).save(image, format="JPEG")
            info = tarfile.TarInfo(f"flower_photos/{name}/1.jpg")
            info.size = len(image.getvalue())
            tar.addfile(info, io.BytesIO(image.getvalue()))
    return buffer.getvalue()


class FakeResponse(io.BytesIO):
    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.headers = {"Content-Length": str(len(data))}


def test_download_flowers_unpacks_with_progress(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = _flowers_archive()
    requested: list[str] = []

    def fake_urlopen(request: Any, timeout: float) -> FakeResponse:
        requested.append(request.full_url)
        return FakeResponse(data)

    monkeypatch.setattr(demo, "urlopen", fake_urlopen)
    progress: list[tuple[int, int]] = []
    folder = demo.download_flowers(tmp_path, on_progress=lambda d, n: progress.append((d, n)))
    assert requested == [demo.FLOWERS_URL]
    assert folder == tmp_path / "datasets" / "flower_photos"
    assert sorted(p.name for p in folder.iterdir()) == list(demo.FLOWERS_CLASSES)
    assert progress[-1] == (len(data), len(data))
    assert not list((tmp_path / "downloads").iterdir())  # the partial file is gone


def test_download_flowers_offline_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def offline(request: Any, timeout: float) -> None:
        raise urllib.error.URLError("[Errno -3] Temporary failure in name resolution")

    monkeypatch.setattr(demo, "urlopen", offline)
    with pytest.raises(DatasetError) as info:
        demo.download_flowers(tmp_path)
    assert "no connection to storage.googleapis.com" in info.value.message
    assert "works without one" in (info.value.hint or "")
    assert not (tmp_path / "datasets" / "flower_photos").exists()


def test_download_flowers_can_be_cancelled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(demo, "urlopen", lambda request, timeout: FakeResponse(_flowers_archive()))
    with pytest.raises(demo.DownloadCancelled):
        demo.download_flowers(tmp_path, should_stop=lambda: True)
    assert not (tmp_path / "datasets" / "flower_photos").exists()
    assert not list((tmp_path / "downloads").iterdir())
