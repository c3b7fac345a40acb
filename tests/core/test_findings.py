"""What the check finds travels with every run: a picture filed under two classes, a tiny test
class and a training/test layout each end up in the run folder (findings.json), the CLI's output
and the report; conflicting pictures can be left out; a flat folder of split names is refused;
confident learning finds planted label errors.

Tiny generated images, the scratch CNN at 32 px, one epoch: the runs take seconds.
"""

from __future__ import annotations

import contextlib
import io
import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from tests.conftest import write_class_images
from tlstudio.core.config import SplitConfig
from tlstudio.core.data.findings import load_findings, prepare
from tlstudio.core.data.scan import scan_dataset
from tlstudio.core.errors import ConfigError, DatasetError
from tlstudio.core.evaluation.label_issues import find_label_issues, precision_recall_at

TINY_RUN = ["--backbone", "scratch_cnn", "--mode", "scratch", "--weights", "none", "--image-size", "32",
            "--epochs", "1", "--batch-size", "8"]


def _conflict_folder(root: Path, copies: int = 3) -> Path:
    """melanoma, nevus, keratosis; the first ``copies`` melanoma pictures copied into keratosis."""
    rng = np.random.default_rng(0)
    for index, name in enumerate(("melanoma", "nevus", "keratosis")):
        write_class_images(root / name, index, 12, 40, rng)
    for k in range(copies):
        shutil.copy(root / "melanoma" / f"img_{k:04d}.jpg", root / "keratosis" / f"copy_{k}.jpg")
    return root


def _training_test_folder(root: Path) -> Path:
    """training/ and test/ (not train/ and test/), each with the class folders; the test folder of
    'rare' holds only 3 pictures (a tiny test class)."""
    rng = np.random.default_rng(2)
    for index, (name, n_test) in enumerate((("common", 6), ("rare", 3))):
        write_class_images(root / "training" / name, index, 10, 40, rng)
        write_class_images(root / "test" / name, index, n_test, 40, rng, start=100)
    return root


def _train_cli(data: Path, workspace: Path, *extra: str) -> tuple[Path, str]:
    """``tlstudio train`` on ``data``: the run folder and what it printed (stdout and stderr)."""
    from tlstudio.cli.main import main

    printed = io.StringIO()
    with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(printed):
        assert main(["train", str(data), *TINY_RUN, "--workspace", str(workspace), *extra]) == 0
    return next((workspace / "runs").iterdir()), printed.getvalue()


@pytest.fixture(scope="module")
def conflict_run(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """One run on the folder with a picture under two classes, the copies left out."""
    root = tmp_path_factory.mktemp("conflict")
    data = _conflict_folder(root / "data")
    run_dir, printed = _train_cli(data, root / "ws", "--label-conflicts", "exclude")
    return {"data": data, "run": run_dir, "printed": printed, "root": root}


@pytest.fixture(scope="module")
def layout_run(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """One run on the training/ + test/ folder with a tiny test class."""
    root = tmp_path_factory.mktemp("layout")
    run_dir, printed = _train_cli(_training_test_folder(root / "data"), root / "ws")
    return {"run": run_dir, "printed": printed}


def _report_text(run_dir: Path) -> str:
    from tlstudio.core.outputs.report import write_report

    return write_report(run_dir, pdf=False, comparison_runs=[]).html_path.read_text(encoding="utf-8")


# ----------------------------------------------------------------------------- without training


def test_a_picture_under_two_classes_is_a_label_conflict_not_leakage(tmp_path):
    data = _conflict_folder(tmp_path / "data")
    prepared = prepare(scan_dataset(data), SplitConfig(seed=1))
    conflicts = prepared.findings.of("label_conflict")
    assert len(conflicts) == 1
    assert conflicts[0].text.startswith("The same picture is labelled both keratosis and melanoma (3 pictures).")
    assert "lowers accuracy rather than inflating it" in conflicts[0].meaning
    assert {Path(i["path_b"]).name for i in conflicts[0].items} == {"img_0000.jpg", "img_0001.jpg", "img_0002.jpg"}
    assert not prepared.findings.of("leakage")  # different labels: never called leakage


def test_conflicting_pictures_are_left_out_or_kept_once_without_touching_the_folder(tmp_path):
    data = _conflict_folder(tmp_path / "data")
    before = sorted(p.name for p in data.rglob("*"))
    scan = scan_dataset(data)
    excluded = prepare(scan, SplitConfig(seed=1, label_conflicts="exclude"))
    kept = {r.path for part in excluded.split.parts().values() for r in part}
    assert len(kept) == 39 - 6 and not any("copy_" in p for p in kept)
    assert len(excluded.findings.excluded) == 6
    assert "6 pictures were left out of this run" in excluded.findings.of("excluded")[0].text
    one = prepare(scan, SplitConfig(seed=1, label_conflicts="one_copy"))
    left = {e["path"] for e in one.findings.excluded}
    assert len(left) == 3 and all("melanoma" in p for p in left)  # keratosis/copy_* sorts first and is kept
    listed = prepare(scan, SplitConfig(seed=1, exclude=("nevus/img_0003.jpg",)))
    assert [Path(e["path"]).name for e in listed.findings.excluded] == ["img_0003.jpg"]
    assert sorted(p.name for p in data.rglob("*")) == before
    with pytest.raises(ConfigError, match="label_conflicts"):
        SplitConfig(label_conflicts="drop")


def test_training_and_test_folders_are_a_split_layout(tmp_path):
    data = _training_test_folder(tmp_path / "data")
    scan = scan_dataset(data)
    assert scan.layout == "split" and scan.classes == ("common", "rare")
    assert scan.split_counts()["test"] == {"common": 6, "rare": 3}
    assert "Split folders read by their names: training/ as the training images." in scan.warnings


def test_a_flat_folder_whose_classes_are_split_names_is_refused(tmp_path):
    rng = np.random.default_rng(3)
    for index, name in enumerate(("validation", "test")):
        write_class_images(tmp_path / "data" / name / "x", index, 3, 32, rng)
    with pytest.raises(DatasetError, match=r"Did you mean train/ and test/\?"):
        scan_dataset(tmp_path / "data")
    for index, name in enumerate(("training", "cats")):
        write_class_images(tmp_path / "one" / name, index, 3, 32, rng)
    assert any("did you mean train/ and test/?" in w for w in scan_dataset(tmp_path / "one").warnings)


def test_confident_learning_finds_planted_label_errors():
    rng = np.random.default_rng(0)
    n, k = 400, 4
    truth = rng.integers(0, k, n)
    probs = rng.dirichlet(np.ones(k) * 0.3, n) * 0.3
    probs[np.arange(n), truth] += 0.7
    labels = truth.copy()
    planted = set(rng.choice(n, 20, replace=False).tolist())
    for i in planted:
        labels[i] = (truth[i] + 1 + rng.integers(0, k - 1)) % k
    issues = find_label_issues(labels, probs)
    precision, recall = precision_recall_at(issues.ranked, planted, len(planted))
    assert precision == recall == 1.0
    flagged = set(issues.flagged.tolist())
    assert flagged <= planted and len(flagged) >= 5  # confident learning flags only the sure ones
    assert all(issues.likely[i] == truth[i] for i in planted)


# ----------------------------------------------------------------------------- runs


def test_a_run_records_and_says_a_label_conflict(conflict_run):
    run_dir, printed = conflict_run["run"], conflict_run["printed"]
    findings = load_findings(run_dir)
    assert findings is not None and findings.of("label_conflict")[0].data == {
        "classes": ["keratosis", "melanoma"], "count": 3, "excluded": 3}
    assert ("[findings] Warning: The same picture is labelled both keratosis and melanoma (3 pictures). 3 of them "
            "were left out of this run.") in printed
    assert printed.index("labelled both") < printed.index("Training on")  # said before training starts
    html = _report_text(run_dir)
    assert "What the check found" in html and "labelled both keratosis and melanoma (3 pictures)" in html
    assert "keratosis/copy_0.jpg" in html  # the pairs are listed in the summary


def test_a_run_that_leaves_conflicts_out_records_it(conflict_run):
    run_dir, printed = conflict_run["run"], conflict_run["printed"]
    config = json.loads((run_dir / "config.json").read_text())
    assert config["split"]["label_conflicts"] == "exclude"
    split = json.loads((run_dir / "split.json").read_text())
    used = [r["path"] for part in ("train", "val", "test") for r in split[part]]
    assert len(used) == 39 - 6 and not any("copy_" in p for p in used)
    assert len(load_findings(run_dir).excluded) == 6
    assert "6 pictures were left out of this run (the folder is unchanged)." in printed
    assert len(list(conflict_run["data"].rglob("*.jpg"))) == 39  # the folder is unchanged


def test_a_tiny_test_class_is_measured_on_its_few_pictures(layout_run):
    run_dir, printed = layout_run["run"], layout_run["printed"]
    finding = load_findings(run_dir).of("tiny_test")
    assert [f.data for f in finding] == [{"class": "common", "test": 6}, {"class": "rare", "test": 3}]
    assert "rare has only 3 test pictures: its recall is measured on 3 pictures." in printed
    metrics = json.loads((run_dir / "metrics.json").read_text())
    rare = next(c for c in metrics["per_class"] if c["name"] == "rare")
    measured = (f"rare: recall {rare['recall']:.0%} is measured on 3 pictures; its 95% interval is "
                f"{rare['recall_ci'][0]:.0%} to {rare['recall_ci'][1]:.0%}.")
    assert f"Warning: {measured}" in printed
    assert measured in _report_text(run_dir)


def test_a_training_test_layout_is_recorded(layout_run):
    run_dir, printed = layout_run["run"], layout_run["printed"]
    split = json.loads((run_dir / "split.json").read_text())
    assert all("/test/" in r["path"] for r in split["test"]) and len(split["test"]) == 9
    note = "Split folders read by their names: training/ as the training images."
    assert [f.text for f in load_findings(run_dir).of("folder")] == [note]
    assert note in printed and note in _report_text(run_dir)


def test_check_names_conflicts_apart_from_leakage(tmp_path, capsys):
    from tlstudio.cli.main import main

    data = _conflict_folder(tmp_path / "data")
    assert main(["check", str(data)]) == 0
    out = capsys.readouterr().out
    assert "Warning: The same picture is labelled both keratosis and melanoma (3 pictures)." in out
    assert "too optimistic" not in out
    assert main(["check", str(data), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert len(doc["label_conflicts"]) == 3 and doc["leakage"] == []


def test_the_model_card_says_what_the_check_found(conflict_run):
    from tlstudio.core.outputs.export import export_run

    export = export_run(conflict_run["run"], ("keras",), conflict_run["root"] / "export")
    card = (export.folder / "model_card.md").read_text(encoding="utf-8")
    assert "## What the check found" in card and "labelled both keratosis and melanoma (3 pictures)" in card


def test_tlstudio_labels_lists_suspects_and_its_list_leaves_them_out(tmp_path):
    from tlstudio.cli.main import main
    from tlstudio.core.config import RunConfig
    from tlstudio.core.training.events import Reporter
    from tlstudio.core.training.train import scan_and_split

    rng = np.random.default_rng(4)
    data = tmp_path / "data"
    write_class_images(data / "cats", 0, 10, 40, rng)
    write_class_images(data / "dogs", 1, 10, 40, rng)
    write_class_images(data / "cats", 1, 2, 40, rng, start=50)  # two dogs filed as cats
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(io.StringIO()):
        assert main(["labels", str(data), *TINY_RUN, "--folds", "2", "--workspace", str(tmp_path / "ws"), "--json"]) == 0
    doc = json.loads(printed.getvalue())
    assert doc["ok"] and doc["n_images"] == 22 and doc["folds"] == 2
    p_given = [s["p_given"] for s in doc["suspects"]]
    assert p_given == sorted(p_given) and all(s["likely"] != s["given"] for s in doc["suspects"])
    folder = Path(doc["folder"])
    listed = (folder / "suspects.txt").read_text().splitlines()
    assert listed == [s["path"] for s in doc["suspects"]]
    (tmp_path / "leave_out.txt").write_text("# suspects\ncats/img_0050.jpg\n")
    from tlstudio.cli.options import read_exclude_file

    config = RunConfig(data=str(data), split=SplitConfig(exclude=read_exclude_file(str(tmp_path / "leave_out.txt"))))
    prepared = scan_and_split(config, Reporter(lambda e: None, lambda: False))
    assert not any(r.path.endswith("img_0050.jpg") for part in prepared.split.parts().values() for r in part)
    assert [Path(e["path"]).name for e in prepared.findings.excluded] == ["img_0050.jpg"]
