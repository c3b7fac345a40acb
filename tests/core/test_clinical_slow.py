"""Real X-rays as clinicians keep them: 12-bit DICOM files and 12-bit PNGs train like the 8-bit pictures.

A subset of ``../shared/data/chest_xray`` (the same files on both sides of each comparison) is
written to ``tmp_path`` as 12-bit MONOCHROME1/MONOCHROME2 DICOM files with window tags and made-up
patients (two or three images each), as 16-bit PNGs holding the 12-bit values, and as 8-bit
PNGs named after the same patients. EfficientNet-Lite0 (bundled weights) at 96 px, transfer.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

pytest.importorskip("tensorflow")

from tests.clinical_copies import dicom_copy, made_up_patient, png_copy  # noqa: E402
from tlstudio.core.config import HeadConfig, ModelConfig, RunConfig, SplitConfig, TrainConfig  # noqa: E402

SOURCE = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "chest_xray"
SUBSET = {"train": 80, "test": 60}  # per class; the same subset on both sides
pytestmark = [pytest.mark.slow, pytest.mark.filterwarnings("ignore::UserWarning")]


def _config(data: Path, **split: object) -> RunConfig:
    return RunConfig(data=str(data), split=SplitConfig(val_fraction=0.15, seed=7, **split),
                     model=ModelConfig(backbone="efficientnet_lite0", mode="transfer", image_size=96,
                                       head=HeadConfig(pooling="avg", dense=(), dropout=0.0)),
                     train=TrainConfig(epochs=5, batch_size=32, learning_rate=3e-3, patience=4, seed=7,
                                       class_weights=True))


def _train(config: RunConfig, workspace: Path):
    from tlstudio.core.training.train import train

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = train(config, workspace=workspace)
    assert result.status == "finished"
    print({k: round(v, 1) for k, v in result.timings.items()})
    return result


@pytest.fixture(scope="module")
def xray() -> Path:
    if not SOURCE.is_dir():
        pytest.skip("../shared/data/chest_xray is not present")
    return SOURCE


def test_dicom_copy_trains_like_the_png_copy_keeps_patients_apart_and_names_none(xray, tmp_path):
    import json

    from tlstudio.core.outputs.export import export_run
    from tlstudio.core.outputs.report import write_report

    patients = dicom_copy(xray, tmp_path / "dicom", SUBSET)
    png_copy(xray, tmp_path / "png", SUBSET, bits=8)
    as_dicom = _train(_config(tmp_path / "dicom"), tmp_path / "ws")
    split = json.loads((as_dicom.run_dir / "split.json").read_text(encoding="utf-8"))
    # the PNG copy gets the same patients under the same names, so both runs hold the same split
    rows = ["file,group"] + [f"{Path(p).relative_to(tmp_path / 'dicom').with_suffix('.png').as_posix()},{g}"
                             for p, g in split["groups"].items()]
    (tmp_path / "patients.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    as_png = _train(_config(tmp_path / "png", groups_csv=str(tmp_path / "patients.csv")), tmp_path / "ws")
    dicom_acc, png_acc = as_dicom.evaluation.accuracy, as_png.evaluation.accuracy
    print(f"DICOM {dicom_acc:.3f}  PNG {png_acc:.3f}")
    assert png_acc > 0.65 and abs(dicom_acc - png_acc) <= 0.03

    assert split["group_source"] == "the DICOM files (PatientID)"
    summary = split["group_summary"]
    assert summary["clean"] and summary["named"] == sum(patients.values()) and summary["ungrouped"] == 0
    where: dict[str, set[str]] = {}
    for part in ("train", "val", "test"):
        for record in split[part]:
            where.setdefault(split["groups"][record["path"]], set()).add(part)
    assert all(len(parts) == 1 for parts in where.values())  # no patient in two splits

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        report = write_report(as_dicom.run_dir, tmp_path / "report", comparison_runs=[])
        export_run(as_dicom.run_dir, ["keras"], tmp_path / "export")
    shared = [report.html_path, report.files_csv, *(tmp_path / "export").rglob("*.md"),
              *(tmp_path / "export").rglob("*.json"), *as_dicom.run_dir.glob("*.json"), *as_dicom.run_dir.glob("*.csv")]
    text = "\n".join(p.read_text(encoding="utf-8") for p in shared)
    names = [made_up_patient(k) for k in range(1, sum(patients.values()) + 1)]
    assert not [n for n in names if n[0] in text or n[1] in text or n[1].split("^")[1] in text]
    assert b"FAKENAME" not in report.pdf_path.read_bytes()


def test_a_12_bit_png_copy_trains_like_the_8_bit_one(xray, tmp_path):
    png_copy(xray, tmp_path / "png8", SUBSET, bits=8)
    png_copy(xray, tmp_path / "png12", SUBSET, bits=12)
    eight = _train(_config(tmp_path / "png8"), tmp_path / "ws")
    twelve = _train(_config(tmp_path / "png12"), tmp_path / "ws")
    print(f"8-bit {eight.evaluation.accuracy:.3f}  12-bit {twelve.evaluation.accuracy:.3f}")
    assert eight.evaluation.accuracy > 0.65
    assert abs(twelve.evaluation.accuracy - eight.evaluation.accuracy) <= 0.03
