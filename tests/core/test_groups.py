"""Group-aware splits: every image of a patient (or lesion) lands in the same split.

The images are named like clinic exports, ``p01_a.jpg``, ``p01_b.jpg``..., and grouped either
by a file-name pattern or by a CSV file; the tests check what a user would check: no patient
in two splits, for several seeds, with fractions close to those asked for, and plain-words
errors for a bad pattern or a bad CSV file.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from tests.reliability.guards import tree_hash
from tlstudio.core.config import RunConfig, SplitConfig
from tlstudio.core.data.groups import assign_groups
from tlstudio.core.data.records import Split
from tlstudio.core.data.scan import scan_dataset
from tlstudio.core.data.split import make_split
from tlstudio.core.errors import ConfigError, DatasetError

PATTERN = r"^(p\d+)_"

# Images per patient in each class. p01..p03 have pictures in both classes (a patient with a
# benign and a malignant lesion); the sizes differ so that groups are not interchangeable.
PATIENTS: dict[str, dict[str, int]] = {
    "benign": {f"p{i:02d}": n for i, n in zip(range(1, 15), [3, 1, 2, 4, 1, 2, 3, 1, 2, 2, 1, 3, 1, 2])},
    "malignant": {f"p{i:02d}": n for i, n in zip([1, 2, 3, *range(15, 26)], [1, 2, 1, 3, 2, 1, 4, 1, 2, 2, 3, 1, 1, 2])},
}


def write_image(path: Path, seed: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    pixels = np.random.default_rng(seed).integers(0, 255, (40, 40, 3), dtype=np.uint8)
    Image.fromarray(pixels).save(path, quality=90)


def make_patient_folder(root: Path, patients: dict[str, dict[str, int]] = PATIENTS) -> Path:
    """``root/<class>/<patient>_<letter>.jpg``; the letters go on across classes (no two files share a name)."""
    seed = 0
    letters: dict[str, int] = defaultdict(int)
    for class_name, per_patient in patients.items():
        for patient, count in per_patient.items():
            for _ in range(count):
                write_image(root / class_name / f"{patient}_{chr(ord('a') + letters[patient])}.jpg", seed)
                letters[patient] += 1
                seed += 1
    return root




def patient_of(path: str) -> str:
    return Path(path).name.split("_")[0]


def splits_of_each(split: Split, group_of=patient_of) -> dict[str, set[str]]:
    where: dict[str, set[str]] = defaultdict(set)
    for part, records in split.parts().items():
        for record in records:
            where[group_of(record.path)].add(part)
    return where


@pytest.fixture
def patients(tmp_path: Path) -> Path:
    return make_patient_folder(tmp_path / "lesions")


# ----------------------------------------------------------------------------- file-name pattern


def test_pattern_split_never_puts_a_patient_in_two_splits_for_any_seed(patients):
    scan = scan_dataset(patients)
    n = len(scan.records)
    test_sets = set()
    for seed in range(6):
        split = make_split(scan, SplitConfig(val_fraction=0.15, test_fraction=0.15, seed=seed, group_pattern=PATTERN))
        paths = [r.path for part in split.parts().values() for r in part]
        assert sorted(paths) == sorted(r.path for r in scan.records)  # each image exactly once
        where = splits_of_each(split)
        assert {p: parts for p, parts in where.items() if len(parts) > 1} == {}, seed
        # Close to the fractions asked for, and both classes measured.
        assert 0.07 * n <= len(split.test) <= 0.25 * n, (seed, len(split.test))
        assert 0.07 * n <= len(split.val) <= 0.25 * n, (seed, len(split.val))
        assert all(count > 0 for count in split.counts()["test"].values()), split.counts()
        # The split records which group each image belonged to, and says it is clean.
        assert split.groups == {r.path: patient_of(r.path) for r in scan.records}
        summary = split.group_summary()
        assert summary is not None and summary.clean and summary.straddling == {}
        assert summary.groups == summary.named == 25 and summary.ungrouped == 0
        assert sum(summary.per_split.values()) == 25
        assert split.warnings == ()
        test_sets.add(frozenset(patient_of(r.path) for r in split.test))
        assert make_split(scan, SplitConfig(seed=seed, group_pattern=PATTERN)) == make_split(
            scan, SplitConfig(seed=seed, group_pattern=PATTERN))  # seeded: repeatable
    assert len(test_sets) >= 3  # the seed really changes which patients are tested


def test_a_pattern_without_parentheses_uses_the_whole_match(patients):
    scan = scan_dataset(patients)
    groups = assign_groups(scan, SplitConfig(group_pattern=r"^p\d+"))
    assert groups is not None and set(groups.of.values()) == {f"p{i:02d}" for i in range(1, 26)}
    assert assign_groups(scan, SplitConfig()) is None


def test_images_that_do_not_match_the_pattern_are_counted_and_kept_alone(patients):
    write_image(patients / "benign" / "scan 2019.jpg", 1000)
    write_image(patients / "malignant" / "IMG_0042.jpg", 1001)
    scan = scan_dataset(patients)
    split = make_split(scan, SplitConfig(seed=3, group_pattern=PATTERN))
    total = len(scan.records)
    assert [w for w in split.warnings if "no group" in w] == [
        (f"2 of {total} images have no group in the file-name pattern {PATTERN} (e.g. benign/scan 2019.jpg); "
         "each of them is kept on its own, as if it were a separate patient.")]
    summary = split.group_summary()
    assert (summary.named, summary.ungrouped, summary.groups) == (25, 2, 27)
    assert not any(p.endswith(("scan 2019.jpg", "IMG_0042.jpg")) for p in split.groups)


def test_a_pattern_that_matches_nothing_says_so(patients):
    split = make_split(scan_dataset(patients), SplitConfig(group_pattern=r"^patient(\d+)"))
    assert len(split.warnings) == 1
    assert "matched none of the" in split.warnings[0] and "Check the pattern" in split.warnings[0]
    assert split.group_summary().named == 0


def test_an_invalid_pattern_is_a_config_error_in_plain_words():
    with pytest.raises(ConfigError) as info:
        SplitConfig(group_pattern=r"^(p\d+_")
    text = str(info.value)
    assert "group_pattern is not a valid regular expression (missing ), unterminated subpattern" in text
    assert r"^(patient\d+)_" in text  # an example of what to write
    assert text.endswith(r"Received: group_pattern='^(p\\d+_'")
    with pytest.raises(ConfigError, match="not both"):
        SplitConfig(group_pattern=PATTERN, groups_csv="groups.csv")
    with pytest.raises(ConfigError, match="group_pattern must be a regular expression"):
        SplitConfig(group_pattern="")


def test_one_patient_cannot_be_split_and_the_error_says_why(tmp_path):
    root = make_patient_folder(tmp_path / "one", {"a": {"p01": 3}, "b": {"p01": 2}})
    with pytest.raises(DatasetError, match=r"only 1 group \(the file-name pattern .*\), so they cannot be divided"):
        make_split(scan_dataset(root), SplitConfig(group_pattern=PATTERN))


# ----------------------------------------------------------------------------- CSV file


def write_groups_csv(path: Path, scan, *, skip: int = 0, extra_rows: str = "", delimiter: str = ",",
                     header: str = "File,Group,notes") -> dict[str, str]:
    """Each patient gets an anonymous group name; paths inside the folder and bare file names alternate.

    The first ``skip`` images are left out. Returns path -> group of the rows written.
    """
    rows, expected = [header.replace(",", delimiter)], {}
    for i, record in enumerate(scan.records):
        if i < skip:
            continue
        group = "case-" + patient_of(record.path)[1:]
        name = Path(record.path).relative_to(scan.root).as_posix() if i % 2 else Path(record.path).name
        rows.append(delimiter.join([name, group, "seen in clinic"]))
        expected[record.path] = group
    path.write_text("\n".join(rows) + "\n" + extra_rows, encoding="utf-8")
    return expected


def test_csv_split_keeps_each_group_in_one_split_and_reports_skipped_rows(patients, tmp_path):
    scan = scan_dataset(patients)
    csv_path = tmp_path / "groups.csv"
    expected = write_groups_csv(csv_path, scan, skip=3, extra_rows="p99_z.jpg,case-99,not taken\n,,\n")
    for seed in (0, 1, 2, 7):
        split = make_split(scan, SplitConfig(seed=seed, groups_csv=str(csv_path)))
        assert split.groups == expected
        where = splits_of_each(split, lambda p: expected.get(p, p))
        assert {g: parts for g, parts in where.items() if len(parts) > 1} == {}, seed
        summary = split.group_summary()
        assert summary.clean and summary.ungrouped == 3
        assert summary.groups == len(set(expected.values())) + 3
    assert split.warnings == (
        ("1 row of groups.csv names a file that is not a usable image of this folder and was skipped "
         f"(e.g. line {len(expected) + 2}: p99_z.jpg). The file may be missing, misspelt, or skipped as unreadable."),
        (f"3 of {len(scan.records)} images have no group in groups.csv (e.g. benign/p01_a.jpg); each of them is "
         "kept on its own, as if it were a separate patient."),
    )


def test_csv_from_excel_with_semicolons_and_a_bom_is_read(patients, tmp_path):
    scan = scan_dataset(patients)
    csv_path = tmp_path / "excel.csv"
    expected = write_groups_csv(csv_path, scan, delimiter=";", header="file;group")
    csv_path.write_bytes(b"\xef\xbb\xbf" + csv_path.read_bytes())
    groups = assign_groups(scan, SplitConfig(groups_csv=str(csv_path)))
    assert groups.of == expected and groups.ungrouped == () and groups.notes == ()


def test_csv_inside_the_dataset_folder_by_relative_path_and_the_folder_is_unchanged(patients):
    scan = scan_dataset(patients)
    write_groups_csv(patients / "groups.csv", scan)
    before = tree_hash(patients)
    split = make_split(scan_dataset(patients), SplitConfig(groups_csv="groups.csv", group_pattern=None, seed=5))
    assert split.group_summary().clean
    assert tree_hash(patients) == before


def test_csv_missing_a_column_says_which_and_how_to_fix_it(patients, tmp_path):
    scan = scan_dataset(patients)
    csv_path = tmp_path / "patients.csv"
    csv_path.write_text("file,patient\nbenign/p01_a.jpg,p01\n")
    with pytest.raises(DatasetError) as info:
        make_split(scan, SplitConfig(groups_csv=str(csv_path)))
    assert info.value.message == ("The groups file patients.csv has no column named 'group' "
                                  "(its first row is: file, patient).")
    assert "header row naming the columns file and group" in info.value.hint
    assert info.value.path == str(csv_path)


def test_csv_problems_are_plain_errors(patients, tmp_path):
    scan = scan_dataset(patients)
    with pytest.raises(DatasetError, match="does not exist") as info:
        assign_groups(scan, SplitConfig(groups_csv=str(tmp_path / "nowhere.csv")))
    assert info.value.path == str(tmp_path / "nowhere.csv")
    other = tmp_path / "other.csv"
    other.write_text("file,group\nsomeone_else.jpg,x\n")
    with pytest.raises(DatasetError, match="No image of the dataset got a group from other.csv"):
        assign_groups(scan, SplitConfig(groups_csv=str(other)))
    twice = tmp_path / "twice.csv"
    twice.write_text("file,group\np01_a.jpg,A\nbenign/p01_a.jpg,B\n")
    with pytest.raises(DatasetError, match=r"gives benign/p01_a\.jpg two groups: 'A' on line 2 and 'B' on line 3"):
        assign_groups(scan, SplitConfig(groups_csv=str(twice)))


def test_a_headerless_two_column_csv_is_read_as_file_and_group(patients, tmp_path):
    scan = scan_dataset(patients)
    csv_path = tmp_path / "plain.csv"
    csv_path.write_text("p01_a.jpg,A\np02_a.jpg,B\n")
    groups = assign_groups(scan, SplitConfig(groups_csv=str(csv_path)))
    assert sorted(groups.of.values()) == ["A", "B"]
    assert len(groups.ungrouped) == len(scan.records) - 2


# ----------------------------------------------------------------------------- given test folder


def test_a_given_test_folder_is_kept_and_a_patient_in_it_and_in_train_is_reported(tmp_path):
    root = tmp_path / "xray"
    make_patient_folder(root / "train", {"NORMAL": {f"p{i:02d}": 2 for i in range(1, 11)},
                                         "PNEUMONIA": {f"p{i:02d}": 2 for i in range(11, 21)}})
    write_image(root / "test" / "NORMAL" / "p05_x.jpg", 500)  # p05 is also in train/
    for i in range(21, 25):
        write_image(root / "test" / ("NORMAL" if i % 2 else "PNEUMONIA") / f"p{i:02d}_a.jpg", 600 + i)
    scan = scan_dataset(root)
    split = make_split(scan, SplitConfig(val_fraction=0.2, seed=1, group_pattern=PATTERN))
    assert {r.path for r in split.test} == {r.path for r in scan.presplit["test"]}
    summary = split.group_summary()
    assert list(summary.straddling) == ["p05"] and summary.straddling["p05"][-1] == "test"
    assert not summary.clean
    leak = [w for w in split.warnings if "more than one split" in w]
    assert len(leak) == 1 and "'p05'" in leak[0] and "test/" in leak[0]
    # Train and validation were divided by patient, so p05 is the only straddler.
    where = splits_of_each(split)
    assert {p for p, parts in where.items() if {"train", "val"} <= parts} == set()


# ----------------------------------------------------------------------------- saving


def test_group_split_round_trips_through_split_json(patients):
    split = make_split(scan_dataset(patients), SplitConfig(seed=2, group_pattern=PATTERN))
    doc = json.loads(json.dumps(split.to_dict()))
    assert doc["groups"][split.train[0].path] == patient_of(split.train[0].path)
    assert doc["group_summary"]["clean"] is True and doc["group_summary"]["groups"] == 25
    assert Split.from_dict(doc) == split


def test_without_groups_split_json_is_as_before_and_old_files_load(patients):
    split = make_split(scan_dataset(patients), SplitConfig(seed=2))
    assert split.groups is None and split.group_summary() is None
    doc = split.to_dict()
    assert "groups" not in doc and "group_summary" not in doc
    assert Split.from_dict(json.loads(json.dumps(doc))) == split
    with pytest.raises(DatasetError, match="could not be read"):
        Split.from_dict({**doc, "groups": ["not", "a", "mapping"]})


def test_group_settings_round_trip_through_the_run_config(tmp_path):
    for split in (SplitConfig(group_pattern=PATTERN, seed=3), SplitConfig(groups_csv=str(tmp_path / "g.csv"))):
        config = RunConfig(data="/data/lesions", split=split)
        again = RunConfig.from_json(config.to_json())
        assert again == config and again.split.grouped
    old = json.loads(RunConfig(data="/d").to_json())
    del old["split"]["groups_csv"], old["split"]["group_pattern"]  # a config.json from before groups
    assert RunConfig.from_dict(old).split == SplitConfig()
    with pytest.raises(ConfigError, match="not a valid regular expression"):
        RunConfig.from_dict({"data": "/d", "split": {"group_pattern": "(("}})


# ----------------------------------------------------------------------------- command line


def test_check_command_prints_the_groups_and_includes_them_in_json(patients, capsys):
    from tlstudio.cli.main import main

    before = tree_hash(patients)
    assert main(["check", str(patients), "--group-pattern", PATTERN, "--no-leakage", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["groups"]["groups"] == 25 and doc["groups"]["clean"] is True
    assert doc["groups"]["in_two_splits"] == {}
    assert sum(doc["groups"]["per_split"].values()) == 25
    assert main(["check", str(patients), "--group-pattern", PATTERN, "--no-leakage"]) == 0
    text = capsys.readouterr().out
    assert re.search(r"Groups: 25 \(train \d+, val \d+, test \d+\)\.\nNo group has images in two splits\.", text)
    assert tree_hash(patients) == before
    assert main(["check", str(patients), "--group-pattern", "(p"]) == 2
    assert "not a valid regular expression" in capsys.readouterr().err


def test_train_and_compare_read_the_group_options():
    from tlstudio.cli.options import config_from_args
    from tlstudio.cli.parser import build_parser

    args = build_parser().parse_args(["train", "/data/x", "--group-pattern", PATTERN, "--seed", "4"])
    assert config_from_args(args).split == SplitConfig(seed=4, group_pattern=PATTERN)
    args = build_parser().parse_args(["compare", "/data/x", "--groups-csv", "/elsewhere/groups.csv"])
    assert config_from_args(args).split.groups_csv == "/elsewhere/groups.csv"
