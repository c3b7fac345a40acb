"""`tlstudio runs`: the workspace's runs with the app's columns, scoped to a dataset with the
verdict; rename, note and delete (to the trash, or for good with --permanent), asked first."""

from __future__ import annotations

import json
from pathlib import Path

from tests.core.fake_runs import dataset, fake_run, tree_hash, use_test_trash
from tlstudio.cli.main import main


def run_cli(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_runs_list_rename_note_delete(tmp_path: Path, capsys, monkeypatch) -> None:
    trash = use_test_trash(monkeypatch, tmp_path / "xdg")
    ws, flowers, xrays = tmp_path / "ws", dataset(tmp_path / "flowers"), dataset(tmp_path / "xrays")
    before = tree_hash(flowers)
    a = fake_run(ws, flowers, wrong={0}, size=96)
    b = fake_run(ws, flowers, wrong={0, 1, 2, 3, 4, 5, 6}, size=128, epochs=5)
    x = fake_run(ws, xrays, wrong=set())

    code, out, _ = run_cli(capsys, "runs", "--workspace", str(ws))
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["date", "name", "dataset", "mode", "backbone", "size", "differs", "status", "test",
                                "accuracy", "folder"]
    assert [line.split()[-1] for line in lines[1:4]] == [x.id, b.id, a.id]  # newest first
    assert "xrays" in lines[1] and "flowers" in lines[2] and "128 px" in lines[2] and "epochs=5" in lines[2]

    code, out, _ = run_cli(capsys, "runs", "--workspace", str(ws), "--data", str(flowers), "--json")
    doc = json.loads(out)
    assert [r["id"] for r in doc["runs"]] == [b.id, a.id] and doc["differs"] == ["epochs"]
    assert doc["runs"][0]["image_size"] == 128 and doc["runs"][0]["dataset"] == str(flowers)
    assert doc["verdict"]["best"] == a.id and doc["verdict"]["paired"]["only_a"] == 6
    assert doc["verdict"]["larger_than_chance"] is True

    code, out, _ = run_cli(capsys, "runs", "--workspace", str(ws), "--data", str(flowers))
    assert "did best: 90.0%" in out and "larger than chance (McNemar's test, p = 0.031)" in out

    code, out, _ = run_cli(capsys, "runs", "--workspace", str(ws), "rename", a.id, "small pictures")
    assert code == 0 and "Renamed" in out
    code, out, _ = run_cli(capsys, "runs", "note", "small pictures", "96 px was enough", "--workspace", str(ws))
    assert code == 0
    doc = json.loads(run_cli(capsys, "runs", "--workspace", str(ws), "--json")[1])
    by_id = {r["id"]: r for r in doc["runs"]}
    assert (by_id[a.id]["name"], by_id[a.id]["note"]) == ("small pictures", "96 px was enough")

    code, _, err = run_cli(capsys, "runs", "--workspace", str(ws), "delete", b.id)  # nobody to ask: refused
    assert code == 2 and "without --yes" in err and b.path.exists()
    code, out, _ = run_cli(capsys, "runs", "--workspace", str(ws), "delete", b.id, "--yes")
    assert code == 0 and "trash" in out and not b.path.exists() and (trash / b.id).is_dir()
    code, out, _ = run_cli(capsys, "runs", "--workspace", str(ws), "delete", "small pictures", "--yes", "--permanent")
    assert code == 0 and not a.path.exists()
    code, _, err = run_cli(capsys, "runs", "--workspace", str(ws), "rename", "gone", "x")
    assert code == 5 and "No run called 'gone'" in err
    assert tree_hash(flowers) == before
