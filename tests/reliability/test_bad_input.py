"""Bad input loses nothing: every case of the corpus (``corpus.py``) gets a clear message, the
check and the split go on or refuse cleanly, and the image folder is byte for byte unchanged.

Each case is checked as the app does it: :func:`scan_dataset`, then :func:`make_split`, with the
folder hashed before and after (``guards.tree_hash``) and every write attempted inside it
recorded (``guards.watch_writes``). A run on a refused folder stops before making a run
folder; one real, tiny training run goes through a folder holding every per-file case at
once, read-only, and reports each skipped file.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import time
from pathlib import Path
from typing import Iterable

import pytest

from tests.reliability.corpus import (
    CASES,
    PER_FILE_CASES,
    Case,
    build_case,
    build_mixed,
    mixed_expectation,
    set_read_only,
    set_writable,
)
from tests.reliability.guards import tree_hash, watch_writes
from tlstudio.core.config import HeadConfig, ModelConfig, RunConfig, SplitConfig, TrainConfig
from tlstudio.core.data.imageio import load_image
from tlstudio.core.data.records import ImageRecord
from tlstudio.core.data.scan import scan_dataset
from tlstudio.core.data.split import make_split
from tlstudio.core.errors import DatasetError

# What a skipped file's reason tells the user to do (every reason offers removing the file).
WHAT_TO_DO = "remove it"


@pytest.fixture
def dataset_root(tmp_path: Path) -> Iterable[Path]:
    """Where a case builds its image folder; made writable again afterwards so it can be deleted."""
    root = tmp_path / "dataset"
    yield root
    set_writable(root)


def deny_reading(monkeypatch: pytest.MonkeyPatch, paths: Iterable[Path]) -> None:
    """Opening these files fails with "Permission denied" in the scanner, as ``chmod 0`` does for
    every user but root (the tests run as root)."""
    from tlstudio.core.data import files as files_module

    locked = {str(p) for p in paths}

    def guarded_open(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        if str(path) in locked:
            raise PermissionError(13, "Permission denied", str(path))
        return open(path, *args, **kwargs)

    monkeypatch.setattr(files_module, "open", guarded_open, raising=False)


def peak_memory_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def check_accepted(case: Case, root: Path, records: dict[str, ImageRecord]) -> None:
    """The odd file is used: with its class, its size as displayed, and the right pixels."""
    if case.size is None:
        return
    assert case.file is not None
    path = str(root / case.file)
    assert path in records, f"{case.file} should be used; used: {sorted(records)}"
    record = records[path]
    assert record.class_name == case.file.split("/")[0]
    assert (record.width, record.height) == case.size
    image = load_image(path)
    assert image.dtype.name == "uint8" and image.shape == (case.size[1], case.size[0], 3)
    if case.pixels is not None:
        case.pixels(image)


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_each_bad_input_gets_a_clear_outcome_and_the_folder_is_unchanged(
        case: Case, dataset_root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = build_case(case, dataset_root)
    if case.unreadable:
        assert case.file is not None
        deny_reading(monkeypatch, [root / case.file])
    before = tree_hash(root)
    memory_before = peak_memory_mib()
    started = time.monotonic()

    with watch_writes(root) as writes:
        if case.outcome == "refused" and case.stage == "scan":
            with pytest.raises(DatasetError) as refused:
                scan_dataset(root)
            scan = split = None
        else:
            scan = scan_dataset(root)
            if case.outcome == "refused":
                with pytest.raises(DatasetError) as refused:
                    make_split(scan, SplitConfig())
                split = None
            else:
                split = make_split(scan, SplitConfig())
    seconds = time.monotonic() - started

    if case.outcome == "refused":
        error = refused.value
        assert case.words is not None and case.words in str(error), str(error)
        assert error.hint, "a refusal says what to do"
        assert error.path is not None and Path(error.path).is_relative_to(root), error.path
    if scan is not None:
        assert scan.counts() == case.counts
        records = {r.path: r for r in scan.records}
        assert all(scan.classes[r.label] == r.class_name for r in scan.records)
        depth = 1 if scan.layout == "split" else 0  # train/<class>/... or <class>/...
        assert all(Path(r.path).relative_to(root).parts[depth] == r.class_name for r in scan.records)
        if case.outcome == "skipped":
            assert case.file is not None and case.code is not None and case.words is not None
            bad_path = str(root / case.file)
            assert [(b.path, b.code) for b in scan.bad_files] == [(bad_path, case.code)]
            reason = scan.bad_files[0].reason
            shown = os.fsencode(Path(case.file).name).decode("utf-8", "replace")  # undecodable bytes as �
            assert f"'{shown}'" in reason, reason  # which file
            assert case.words in reason, reason  # what is wrong
            assert WHAT_TO_DO in reason.lower(), reason  # what to do
            assert bad_path not in records
        else:
            assert scan.bad_files == ()
            check_accepted(case, root, records)
    if split is not None:
        assert {part: len(recs) for part, recs in split.parts().items()} == case.split_counts
        used = sorted(r.path for recs in split.parts().values() for r in recs)
        assert used == sorted(r.path for r in scan.records)  # every usable image in exactly one split
        assert split.warnings == (() if case.split_words is None else (case.split_words,))

    if case.name == "header_claims_30000x30000":
        # 30000 x 30000 RGB would take 2.5 GiB; it is refused from its header alone.
        assert peak_memory_mib() - memory_before < 256
    if case.name == "symlink_loop":
        assert not any("/loop/" in r.path for r in scan.records)  # type: ignore[union-attr]
    if case.name.startswith("hundreds_of"):
        assert len(scan.classes) == 300 and seconds < 60  # type: ignore[union-attr]
    assert writes == []
    assert tree_hash(root) == before


def test_the_corpus_covers_every_outcome_and_bad_file_code() -> None:
    outcomes = {case.outcome for case in CASES}
    codes = {case.code for case in CASES if case.code}
    assert outcomes == {"accepted", "skipped", "refused"}
    assert codes == {"truncated", "empty", "not_image", "too_small", "too_large", "unreadable", "permission",
                     "special", "corrupt"}
    assert len(CASES) == 32


def tiny_run_config(root: Path) -> RunConfig:
    """A small CNN from scratch on 40-pixel images, two epochs: seconds on a laptop CPU."""
    return RunConfig(
        data=str(root),
        split=SplitConfig(val_fraction=0.2, test_fraction=0.2, seed=3),
        model=ModelConfig(backbone="scratch_cnn", mode="scratch", weights=None, image_size=40,
                          head=HeadConfig(pooling="flatten", dense=(16,), dropout=0.0)),
        train=TrainConfig(epochs=2, batch_size=8, learning_rate=3e-3, patience=5, seed=3),
    )


REFUSED = [case for case in CASES if case.outcome == "refused"]


@pytest.mark.parametrize("case", REFUSED, ids=[case.name for case in REFUSED])
def test_a_run_on_a_refused_folder_stops_before_making_a_run_folder(
        case: Case, dataset_root: Path, tmp_path: Path) -> None:
    from tlstudio.core.training.train import train

    root = build_case(case, dataset_root)
    before = tree_hash(root)
    workspace = tmp_path / "workspace"
    with watch_writes(root) as writes, pytest.raises(DatasetError) as refused:
        train(tiny_run_config(root), workspace=workspace)
    assert case.words is not None and case.words in str(refused.value)
    assert not (workspace / "runs").exists() or list((workspace / "runs").iterdir()) == []
    assert writes == []
    assert tree_hash(root) == before


def test_a_real_run_on_a_read_only_folder_with_every_bad_file_skips_them_and_writes_nothing(
        dataset_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tlstudio.core.training.events import TrainEvent
    from tlstudio.core.training.train import train

    root = build_mixed(dataset_root)
    counts, skipped = mixed_expectation()
    deny_reading(monkeypatch, [root / case.file for case in PER_FILE_CASES if case.unreadable and case.file])
    set_read_only(root)
    before = tree_hash(root)
    events: list[TrainEvent] = []
    workspace = tmp_path / "workspace"
    with watch_writes(root) as writes:
        result = train(tiny_run_config(root), workspace=workspace, on_event=events.append)

    assert result.status == "finished"
    assert result.run_dir is not None and result.run_dir.is_relative_to(workspace)
    assert counts == {"cats": 14, "dogs": 4}
    metrics = json.loads((result.run_dir / "metrics.json").read_text())
    assert sum(metrics["counts"].values()) == sum(counts.values())
    assert len(result.history["epoch"]) == 2

    said = [e.message for e in events if e.kind == "status" and e.message.startswith("Skipped ")]
    assert len(said) == len(skipped) == 12
    for rel, (code, words) in skipped.items():
        line = next((m for m in said if m.startswith(f"Skipped {root / rel}: ")), None)
        assert line is not None, f"no 'Skipped' message for {rel}: {said}"
        assert words in line, line
    split = json.loads((result.run_dir / "split.json").read_text())
    used = {r["path"] for part in ("train", "val", "test") for r in split[part]}
    assert len(used) == sum(counts.values())
    assert not used & {str(root / rel) for rel in skipped}
    recorded = json.loads((result.run_dir / "bad_files.json").read_text(encoding="utf-8"))
    assert len(recorded) == 12 and all(r["reason"] for r in recorded)  # readable text, even for a non-UTF-8 name

    assert writes == []
    assert tree_hash(root) == before


# ----------------------------------------------------------------------------- the guards themselves


def test_tree_hash_sees_bytes_permissions_links_and_empty_folders(tmp_path: Path) -> None:
    root = tmp_path / "t"
    (root / "a").mkdir(parents=True)
    (root / "a" / "x.jpg").write_bytes(b"abc")
    os.symlink("x.jpg", root / "a" / "link.jpg")
    first = tree_hash(root)
    assert tree_hash(root) == first
    changes = [
        lambda: (root / "a" / "x.jpg").write_bytes(b"abd"),
        lambda: os.chmod(root / "a" / "x.jpg", 0o600),
        lambda: (os.remove(root / "a" / "link.jpg"), os.symlink("y.jpg", root / "a" / "link.jpg")),
        lambda: (root / "a" / "empty folder").mkdir(),
    ]
    seen = {first}
    for change in changes:
        change()
        now = tree_hash(root)
        assert now not in seen
        seen.add(now)


def test_the_write_guard_records_changes_inside_the_folder_and_nothing_else(tmp_path: Path) -> None:
    root = tmp_path / "watched"
    (root / "cats").mkdir(parents=True)
    (root / "cats" / "a.jpg").write_bytes(b"x")
    outside = tmp_path / "elsewhere.txt"
    with watch_writes(root) as writes:
        (root / "cats" / "a.jpg").read_bytes()  # reading is fine
        os.listdir(root / "cats")
        outside.write_text("fine")  # outside the folder
        (root / "cats" / "new.txt").write_text("no")
        with open(root / "cats" / "a.jpg", "ab"):
            pass
        os.close(os.open(root / "cats" / "raw", os.O_WRONLY | os.O_CREAT))
        os.replace(root / "cats" / "new.txt", root / "cats" / "moved.txt")
        os.remove(root / "cats" / "moved.txt")
        os.mkdir(root / "dogs")
        shutil.rmtree(root / "dogs")
    expected = [
        ("open", str(root / "cats" / "new.txt")),
        ("open", str(root / "cats" / "a.jpg")),
        ("open", str(root / "cats" / "raw")),
        ("os.rename", str(root / "cats" / "new.txt")),
        ("os.rename", str(root / "cats" / "moved.txt")),
        ("os.remove", str(root / "cats" / "moved.txt")),
        ("os.mkdir", str(root / "dogs")),
        ("shutil.rmtree", str(root / "dogs")),
    ]
    assert [w for w in writes if w in expected] == expected
    assert all(Path(path).is_relative_to(root) for _, path in writes)  # elsewhere.txt is not there
    with open(root / "cats" / "after.txt", "w"):  # no longer watched
        pass
    assert ("open", str(root / "cats" / "after.txt")) not in writes
