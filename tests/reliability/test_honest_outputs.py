"""What tlstudio tells a user must be true and complete, whatever the input: intervals that do
not collapse on a few test images, a row for every file named to ``predict`` (and an exit status
that says some failed), one pixel limit with one message, class names that differ only in
capitals, options ``--resume`` would ignore, CSV cells a spreadsheet would run, and the right
reason for a model file that holds code."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import types
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from tests.reliability.corpus import png_claiming
from tests.reliability.killed import REPO
from tlstudio.core.data.files import check_image_file
from tlstudio.core.data.records import BadFile
from tlstudio.core.errors import RunError
from tlstudio.core.evaluation.metrics import TOO_FEW, evaluate_predictions, interval_text, proportion_ci
from tlstudio.core.outputs.runs import RunFolder, write_classes_file


def _all_right(n: int, classes: int = 2) -> object:
    y = np.arange(n) % classes
    probs = np.eye(classes)[y] * 0.9 + 0.05
    return evaluate_predictions(y, probs, [f"c{i}" for i in range(classes)], [f"{i}.jpg" for i in range(n)])


@pytest.mark.parametrize("n", [2, 4])
def test_a_few_test_images_all_right_do_not_give_a_100_to_100_interval(n: int) -> None:
    ev = _all_right(n)
    low, high = ev.accuracy_ci
    assert ev.accuracy == 1.0 and high == 1.0 and low < 0.6  # Wilson: 2 of 2 -> 34.2%, 4 of 4 -> 51.0%
    assert (round(low, 3), high) == (round(proportion_ci(n, n)[0], 3), 1.0)
    assert interval_text(ev.accuracy_ci, ev.n) == TOO_FEW == "too few test images to measure"
    for c in ev.per_class:
        assert c.recall_ci[0] < 1.0 and c.precision_ci[0] < 1.0 and c.predicted == n // 2

    from tlstudio.cli.commands import format_evaluation

    shown = format_evaluation(types.SimpleNamespace(evaluation=ev))
    assert "95% interval too few test images to measure" in shown and "100.0% to 100.0%" not in shown


def test_enough_test_images_give_a_wilson_interval_for_accuracy_recall_and_precision() -> None:
    ev = _all_right(40)
    assert interval_text(ev.accuracy_ci, ev.n) == "91.2% to 100.0%"  # Wilson 95% for 40 of 40
    c = ev.per_class[0]
    assert (c.support, c.predicted) == (20, 20)
    assert interval_text(c.recall_ci, c.support) == interval_text(c.precision_ci, c.predicted) == "83.9% to 100.0%"
    again = type(c).from_dict(json.loads(json.dumps(c.to_dict())))
    assert again == c


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.core.test_predict import build_tiny_classifier

    run = RunFolder.create(tmp_path_factory.mktemp("ws"), {"data": "/images"}, name="tiny")
    run.save_model(build_tiny_classifier(2))
    run.write_classes(["cats", "=2+5"])
    return run.path


def _picture(path: Path, seed: int = 0) -> Path:
    Image.fromarray(np.random.default_rng(seed).integers(0, 256, (40, 40, 3), dtype=np.uint8)).save(path)
    return path


def test_predict_gives_every_named_file_a_row_and_exits_3_when_some_failed(model_dir: Path, tmp_path: Path,
                                                                            capsys: pytest.CaptureFixture) -> None:
    from tlstudio.cli.main import main

    good = _picture(tmp_path / "good.png")
    avif = tmp_path / "photo.avif"
    avif.write_bytes(b"\x00\x00\x00\x1cftypavif" + bytes(64))
    pipe = tmp_path / "pipe.jpg"
    os.mkfifo(pipe)
    weird = _picture(tmp_path / "=HYPERLINK(evil).png", seed=1)
    out = tmp_path / "predictions.csv"
    code = main(["predict", str(model_dir), str(good), str(avif), str(pipe), str(weird), "--output", str(out)])
    printed = capsys.readouterr()
    assert code == 3
    assert "2 of 4 files could not be read" in printed.err
    rows = {r["path"].lstrip("'"): r for r in csv.DictReader(out.open(encoding="utf-8"))}
    assert sorted(rows) == sorted(str(p) for p in (good, avif, pipe, weird))
    assert "cannot open this kind of file (.avif)" in rows[str(avif)]["error"]
    assert "is a named pipe (FIFO), not a picture file" in rows[str(pipe)]["error"]
    assert rows[str(good)]["error"] == "" and rows[str(good)]["predicted"] in ("cats", "'=2+5")


def test_csv_cells_a_spreadsheet_would_run_are_neutralised(model_dir: Path, tmp_path: Path) -> None:
    from tlstudio.core.evaluation.predict import load_classifier, predict_paths, write_predictions_csv

    loaded = load_classifier(model_dir)
    weird = _picture(tmp_path / "=HYPERLINK(evil).png")
    out = write_predictions_csv(predict_paths(loaded, [str(weird)]), loaded.class_names, tmp_path / "p.csv")
    header, row = list(csv.reader(out.open(encoding="utf-8")))
    assert header[4:6] == ["cats", "'=2+5"]  # the class column
    assert row[0] == "'" + str(weird) if str(weird).startswith("=") else row[0] == str(weird)
    assert not any(cell.startswith(("=", "+", "@")) for cell in header + row)
    assert all(cell == "" or float(cell) >= 0 for cell in row[3:6])  # numbers stay numbers

    run = RunFolder.create(tmp_path / "ws", {"data": "/images"}, name="csv")
    run.write_history([{"epoch": 1, "phase": "=cmd|' /C calc'!A0", "loss": -0.5}])
    text = run.history_path.read_text(encoding="utf-8")
    assert "'=cmd|" in text and ",-0.5" in text

    from tlstudio.core.outputs.workspace import csv_text

    assert csv_text(["a"], [["@SUM(A1)"], ["+1+1"], ["-2"], ["\tx"]]).splitlines() == [
        "a", "'@SUM(A1)", "'+1+1", "-2", "'\tx"]


def test_one_pixel_limit_with_one_message_everywhere(model_dir: Path, tmp_path: Path) -> None:
    """169 megapixels: under Pillow's refusal (twice its limit) but over its limit, so predict used
    to decode it after Pillow's raw DecompressionBombWarning while check and train refused it."""
    from tlstudio.core.data.imageio import load_image
    from tlstudio.core.data.opening import TooManyPixels
    from tlstudio.core.evaluation.predict import load_classifier, predict_paths

    big = tmp_path / "scan.png"
    big.write_bytes(png_claiming(13000, 13000))
    words = "'scan.png' claims to be 13000×13000 pixels, more than tlstudio opens safely (89,478,485 pixels)"
    checked = check_image_file(str(big))
    with pytest.raises(TooManyPixels) as refused:
        load_image(big)
    (row,) = predict_paths(load_classifier(model_dir), [str(big)])
    assert isinstance(checked, BadFile) and checked.code == "too_large" and words in checked.reason
    assert words in refused.value.message and row.error is not None and words in row.error
    assert checked.reason == refused.value.message == row.error

    # What a user sees on the terminal (pytest resets warning filters, so a fresh process shows it):
    # the message, never Pillow's DecompressionBombWarning.
    shown = subprocess.run([sys.executable, "-c", (
        "import sys; from tlstudio.core.data.imageio import load_image\n"
        "try:\n    load_image(sys.argv[1])\nexcept Exception as exc:\n    print(exc.message)"), str(big)],
        capture_output=True, text=True, timeout=120, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert words in shown.stdout and "DecompressionBombWarning" not in shown.stderr, shown.stderr


def test_classes_that_differ_only_in_capitals_are_warned_about(make_image_folder, tmp_path: Path) -> None:
    from tlstudio.core.data.scan import scan_dataset

    root = make_image_folder(tmp_path / "xray", classes=("Normal", "normal", "pneumonia"), per_class=3, size=40)
    scan = scan_dataset(root)
    assert scan.classes == ("Normal", "normal", "pneumonia")
    (note,) = [w for w in scan.warnings if "capital" in w]
    assert "'Normal' and 'normal' differ only in capital letters" in note and "Windows and macOS" in note


def test_resume_refuses_the_options_it_would_ignore(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    from tlstudio.cli.main import main

    assert main(["train", "--resume", str(tmp_path / "run"), "--epochs", "4", "--lr", "0.01"]) == 2
    err = capsys.readouterr().err
    assert "these cannot change a resumed run: --epochs=4, --lr=0.01" in err
    assert main(["train", str(tmp_path), "--resume", str(tmp_path / "run")]) == 2
    assert "the image folder" in capsys.readouterr().err
    # --workspace and --json go with --resume: past the options, the missing run folder is what is said
    assert main(["train", "--resume", str(tmp_path / "run"), "--workspace", str(tmp_path / "ws")]) == 5
    assert "cannot change a resumed run" not in capsys.readouterr().err


def test_a_model_whose_lambda_names_a_function_contains_code(tmp_path: Path) -> None:
    import keras

    from tlstudio.core.evaluation.predict import load_classifier

    model = keras.Sequential([keras.Input((4,)), keras.layers.Lambda(keras.ops.abs, name="named_function"),
                              keras.layers.Dense(2, activation="softmax")])
    model.save(tmp_path / "model.keras")
    write_classes_file(tmp_path / "classes.json", ["a", "b"])
    with pytest.raises(RunError) as caught:
        load_classifier(tmp_path / "model.keras")
    assert "contains program code" in caught.value.message and "damaged" not in caught.value.message
    assert "named_function" in (caught.value.details or "")


def test_a_missing_classes_file_is_said_before_a_damaged_model(tmp_path: Path) -> None:
    from tlstudio.core.evaluation.predict import load_classifier

    (tmp_path / "model.keras").write_bytes(b"not a model at all")
    for where in (tmp_path, tmp_path / "model.keras"):
        with pytest.raises(RunError, match=r"The class names \(classes.json\) are missing"):
            load_classifier(where)
