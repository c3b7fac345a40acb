"""The workspace's runs as the user sees them (core.outputs.catalog and core.outputs.verdict):
runs of a dataset newest first with their settings, rename and note kept atomically, delete to
the trash or for good without touching the dataset, saved runs read back as results, and the
verdict with McNemar's exact test when two runs share their test images."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from scipy.stats import binomtest

from tests.core.fake_runs import CLASSES, dataset, fake_run, tree_hash, use_test_trash
from tlstudio.core.errors import ConfigError, RunError
from tlstudio.core.outputs.catalog import (
    belongs_to,
    delete_run,
    differing_settings,
    find_run,
    list_catalog,
    load_result,
    load_saved_runs,
    read_entry,
    records_fingerprint,
    rename_run,
    set_note,
)
from tlstudio.core.outputs.verdict import paired_test, verdict


@pytest.fixture
def two_datasets(tmp_path: Path) -> tuple[Path, Path, Path]:
    return tmp_path / "ws", dataset(tmp_path / "flowers"), dataset(tmp_path / "xrays")


def test_runs_of_a_dataset_newest_first_with_what_they_were_trained_with(two_datasets):
    ws, flowers, xrays = two_datasets
    a = fake_run(ws, flowers, wrong={1, 2}, size=96)
    b = fake_run(ws, xrays, wrong={3})
    c = fake_run(ws, flowers, wrong={1}, size=128, epochs=5, mode="finetune")

    every = list_catalog(ws)
    assert [e.id for e in every] == [c.id, b.id, a.id]
    mine = list_catalog(ws, flowers)
    assert [e.id for e in mine] == [c.id, a.id]
    newest = mine[0]
    assert (newest.mode, newest.backbone, newest.image_size, newest.dataset) == ("finetune", "efficientnet_lite0",
                                                                                 128, str(flowers))
    assert newest.test_accuracy == pytest.approx(0.9) and mine[1].test_accuracy == pytest.approx(0.8)
    assert newest.created and newest.status == "finished" and newest.dataset_name == "flowers"
    assert newest.settings["epochs"] == "5" and newest.settings["weights"] == "random"
    assert differing_settings(mine) == ["epochs"]  # mode and size have their own columns
    assert differing_settings(mine[:1]) == []
    # the fingerprints are kept in meta.json once computed; the dataset is never written to
    assert json.loads((Path(newest.path) / "meta.json").read_text())["test_key"] == newest.test_key


def test_a_moved_dataset_keeps_its_runs_by_fingerprint(two_datasets, tmp_path):
    ws, flowers, _ = two_datasets
    run = fake_run(ws, flowers, wrong=set())
    entry = read_entry(run.path)
    moved = tmp_path / "moved" / "flowers"
    moved.parent.mkdir()
    flowers.rename(moved)
    from tlstudio.core.data.records import ImageRecord

    records = [ImageRecord(path=str(p), label=0, class_name=p.parent.name, width=8, height=8,
                           size_bytes=p.stat().st_size) for p in sorted(moved.rglob("*.png"))]
    assert not belongs_to(entry, moved)
    assert belongs_to(entry, moved, records_fingerprint(records, str(moved)))


def test_rename_and_note_are_kept_and_found(two_datasets):
    ws, flowers, _ = two_datasets
    run = fake_run(ws, flowers, wrong=set())
    assert rename_run(run.path, "  flowers,   96 px ").name == "flowers, 96 px"
    assert set_note(run.path, "first try with augmentation").note == "first try with augmentation"
    [entry] = list_catalog(ws)
    assert (entry.name, entry.note) == ("flowers, 96 px", "first try with augmentation")
    assert [p.name for p in run.path.iterdir() if p.name.startswith(".")] == []  # atomic: no temporary left
    assert find_run(ws, "flowers, 96 px") == run.path
    assert find_run(ws, run.id[:15]) == run.path
    with pytest.raises(ConfigError, match="cannot be empty"):
        rename_run(run.path, "   ")
    with pytest.raises(ConfigError, match="at most 80 characters"):
        rename_run(run.path, "x" * 81)
    with pytest.raises(RunError, match="No run called 'nothing'"):
        find_run(ws, "nothing")


def test_delete_to_the_trash_or_for_good_never_the_dataset(two_datasets, tmp_path, monkeypatch):
    trash = use_test_trash(monkeypatch, tmp_path / "xdg")
    ws, flowers, _ = two_datasets
    before = tree_hash(flowers)
    first, second = fake_run(ws, flowers, wrong=set()), fake_run(ws, flowers, wrong={1})
    assert delete_run(first.path) == "trash"
    assert not first.path.exists() and (trash / first.id / "config.json").is_file()
    assert delete_run(second.path, permanent=True) == "deleted"
    assert not second.path.exists() and list_catalog(ws) == []
    assert tree_hash(flowers) == before

    running = fake_run(ws, flowers, wrong=set(), status="running")
    with pytest.raises(RunError, match="still training"):
        delete_run(running.path)
    with pytest.raises(RunError, match="not a run folder"):
        delete_run(flowers)
    outside = tmp_path / "elsewhere" / "run"
    outside.mkdir(parents=True)
    (outside / "config.json").write_text(json.dumps({"data": str(flowers)}))
    with pytest.raises(RunError, match="not inside a workspace's runs folder"):
        delete_run(outside)
    assert tree_hash(flowers) == before


def test_a_saved_run_reads_back_as_its_result(two_datasets):
    ws, flowers, _ = two_datasets
    run = fake_run(ws, flowers, wrong={0, 4})
    result = load_result(run.path)
    assert result.run_dir == run.path and result.status == "finished"
    assert result.config.model.image_size == 96 and result.class_names == CLASSES
    assert result.evaluation.accuracy == pytest.approx(0.8) and len(result.evaluation.misclassified) == 2
    assert result.history["val_accuracy"] == [0.5, 0.75] and result.timings == {"total": 3.5}
    assert result.notes == ("a note from training",)
    [saved] = load_saved_runs(ws, flowers)
    assert saved.entry.id == run.id and saved.result.test_accuracy == pytest.approx(0.8)


def test_verdict_with_mcnemar_on_the_same_test_images(two_datasets):
    ws, flowers, _ = two_datasets
    # 10 test images: a gets 1 wrong, b gets 6 wrong (5 that a got right, and image 0 both missed)
    a = read_entry(fake_run(ws, flowers, wrong={0}, name="small").path)
    b = read_entry(fake_run(ws, flowers, wrong={0, 1, 2, 3, 4, 5}, name="big").path)
    paired = paired_test(a, b)
    assert (paired.n_test, paired.only_a, paired.only_b) == (10, 5, 0)
    assert paired.p_value == pytest.approx(binomtest(5, 5, 0.5).pvalue)  # 0.0625: could be chance
    judged = verdict([b, a])
    assert judged.best.id == a.id and judged.runner_up.id == b.id and not judged.larger_than_chance
    assert "small did best: 90.0%" in judged.text() and "chance alone could give" in judged.text()
    assert verdict([a]) is None


def test_verdict_without_a_shared_split_compares_intervals(two_datasets):
    ws, flowers, _ = two_datasets
    a = read_entry(fake_run(ws, flowers, wrong=set(), test=slice(0, 10)).path)
    b = read_entry(fake_run(ws, flowers, wrong={1, 2}, test=slice(10, 20)).path)
    assert paired_test(a, b) is None
    judged = verdict([a, b])
    assert judged.paired is None and "tested on different images" in judged.text()
    assert judged.to_dict()["larger_than_chance"] is (not judged.intervals_overlap)
