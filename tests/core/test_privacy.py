"""Nothing private leaves the machine unasked: a tiny run on DICOM files whose tags hold made-up
patients' names, IDs and birth dates, then every output a user might share is searched for them.
"""

from __future__ import annotations

import csv
import logging
import warnings
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("tensorflow")

from tests.dicom_files import write_dicom  # noqa: E402
from tlstudio.core.config import HeadConfig, ModelConfig, RunConfig, SplitConfig, TrainConfig  # noqa: E402
from tlstudio.core.outputs.privacy import file_pseudonyms, private_values  # noqa: E402

PATIENTS = [(f"QX{7000 + p}", f"ZELINSKA^MARTA{chr(65 + p)}", f"19{50 + p}0412") for p in range(8)]
SECRET_WORDS = ["zelinska", "QX7003", "19530412", "1953-04-12", "MARTAB"]


def _picture(cls: int, rng: np.random.Generator) -> np.ndarray:
    yy, xx = np.mgrid[0:48, 0:48]
    base = rng.normal(1500, 150, (48, 48))
    mask = ((xx - 24) ** 2 + (yy - 24) ** 2 < 150) if cls == 0 else (np.abs(xx - 24) < 10) & (np.abs(yy - 24) < 10)
    return np.clip(base + mask * 1800, 0, 4095).astype(np.uint16)


@pytest.fixture(scope="module")
def dicom_run(tmp_path_factory):
    from tlstudio.core.training.train import train

    root = tmp_path_factory.mktemp("privacy")
    data = root / "data"
    rng = np.random.default_rng(0)
    k = 0
    for p, (pid, name, born) in enumerate(PATIENTS):
        cls = ("round", "square")[p % 2]
        (data / cls).mkdir(parents=True, exist_ok=True)
        for _ in range(4):
            k += 1
            write_dicom(data / cls / f"IM{k:04d}.dcm", _picture(p % 2, rng), patient_id=pid, patient_name=name,
                        birth_date=born, window=[(2048, 4096)], photometric="MONOCHROME1" if k % 3 else "MONOCHROME2",
                        InstitutionName="Hospital Zelinska Memorial")
    config = RunConfig(data=str(data), split=SplitConfig(val_fraction=0.25, test_fraction=0.25, seed=1),
                       model=ModelConfig(backbone="scratch_cnn", mode="scratch", weights=None, image_size=40,
                                         head=HeadConfig(pooling="flatten", dense=(8,), dropout=0.0)),
                       train=TrainConfig(epochs=1, batch_size=8, seed=1))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = train(config, workspace=root / "ws")
    return {"root": root, "data": data, "run": Path(result.run_dir)}


def _texts(folder: Path) -> dict[str, str]:
    return {str(p): p.read_bytes().decode("utf-8", "replace") for p in folder.rglob("*") if p.is_file()
            and p.suffix.lower() in (".json", ".csv", ".html", ".md", ".txt", ".jsonl", ".log")}


def _leaks(texts: dict[str, str]) -> list[str]:
    return [f"{path}: {word}" for path, text in texts.items() for word in SECRET_WORDS if word.lower() in text.lower()]


def test_the_values_are_found_by_the_checker(dicom_run):
    values = private_values(str(p) for p in dicom_run["data"].rglob("*.dcm"))
    assert values.found_in("a file named ZELINSKA_scan.png") == ["zelinska"]
    assert "qx7003" in values.words and "1953-04-12" in values.words
    assert values.found_in("epoch 12, accuracy 0.95") == []


def test_no_patient_data_in_the_run_report_exports_card_predictions_or_logs(dicom_run, tmp_path, caplog):
    from tlstudio.core.evaluation.predict import collect_images, load_classifier, predict_paths, write_predictions_csv
    from tlstudio.core.outputs.export import export_run
    from tlstudio.core.outputs.report import write_report

    run = dicom_run["run"]
    caplog.set_level(logging.DEBUG)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        report = write_report(run, tmp_path / "report", pdf=True, comparison_runs=[])
        export_run(run, ["keras"], tmp_path / "export")
        loaded = load_classifier(run)
        predictions = predict_paths(loaded, collect_images([dicom_run["data"]]))
    csv_path = write_predictions_csv(predictions, loaded.class_names, tmp_path / "predictions.csv")
    assert all(not p.error for p in predictions) and len(predictions) == 32
    texts = {**_texts(run), **_texts(tmp_path / "report"), **_texts(tmp_path / "export"),
             str(csv_path): csv_path.read_text(encoding="utf-8"), "log": caplog.text}
    assert any(path.endswith("model_card.md") for path in texts)
    assert _leaks(texts) == []
    pdf = report.pdf_path.read_bytes()
    assert b"ZELINSKA" not in pdf.upper() and b"QX70" not in pdf
    # the patients still grouped the split
    assert "patient 1" in (run / "split.json").read_text(encoding="utf-8")


def test_file_names_holding_a_name_get_a_notice_or_pseudonyms(dicom_run, tmp_path):
    import shutil

    from tlstudio.core.outputs.report import write_report

    data, run = tmp_path / "named", tmp_path / "run"
    shutil.copytree(dicom_run["data"], data)
    shutil.copytree(dicom_run["run"], run)
    for name in ("split.json", "config.json", "evaluation.json"):
        if (run / name).is_file():  # the same run, as if made on files named after their patient
            text = (run / name).read_text(encoding="utf-8").replace(str(dicom_run["data"]), str(data))
            (run / name).write_text(text.replace("/IM0", "/ZELINSKA_0"), encoding="utf-8")
    for path in sorted(data.rglob("*.dcm")):
        path.rename(path.with_name(path.name.replace("IM0", "ZELINSKA_0")))  # what a careless export does
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        plain = write_report(run, tmp_path / "plain", pdf=False, comparison_runs=[])
        masked = write_report(run, tmp_path / "masked", pdf=True, comparison_runs=[], pseudonyms=True)
    html = plain.html_path.read_text(encoding="utf-8")
    assert "Before you share this report: the names of 32 image files contain a patient" in html
    hidden = masked.html_path.read_text(encoding="utf-8") + masked.files_csv.read_text(encoding="utf-8")
    assert "zelinska" not in hidden.lower() and str(data) not in hidden
    assert "image 1.dcm" in hidden and "Before you share" not in hidden
    rows = list(csv.reader(masked.files_csv.open(encoding="utf-8")))[1:]
    assert len(rows) == 32 and all(r[2].startswith("image ") for r in rows)


def test_pseudonyms_keep_frames_and_extensions():
    names = file_pseudonyms(["/d/b/ct.DCM#frame=2", "/d/a/x.png", "/d/b/ct.DCM#frame=1"])
    assert names == {"/d/a/x.png": "image 1.png", "/d/b/ct.DCM#frame=1": "image 2.dcm#frame=1",
                     "/d/b/ct.DCM#frame=2": "image 2.dcm#frame=2"}
