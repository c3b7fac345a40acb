"""DICOM files and 12-/16-bit pictures: read as a radiologist sees them, checked with a reason per file.

Real files that ship with pydicom (CT, MR, compressed, colour, multi-frame, a structured report, a
truncated file) and small files written here with known values and tags.
"""

from __future__ import annotations

import json
import shutil
import warnings
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from tests.dicom_files import shipped, write_dicom
from tlstudio.core.config import ReadingConfig, RunConfig, SplitConfig
from tlstudio.core.config_reading import run_reading
from tlstudio.core.data.files import check_image_file
from tlstudio.core.data.imageio import load_image, set_reading
from tlstudio.core.data.records import BadFile, ImageFacts
from tlstudio.core.data.scan import scan_dataset
from tlstudio.core.data.split import make_split

pytestmark = pytest.mark.filterwarnings("ignore::UserWarning")

RAMP = np.tile(np.linspace(0, 4095, 64).round().astype(np.uint16), (64, 1))  # 12-bit values, left to right


@pytest.fixture(autouse=True)
def default_reading():
    set_reading(ReadingConfig())
    yield
    set_reading(ReadingConfig())


def grey(path, **kwargs) -> np.ndarray:
    return load_image(path, **kwargs)[..., 0].astype(int)


# ----------------------------------------------------------------------------- windowing


def test_window_center_width_maps_the_window_to_black_and_white(tmp_path):
    path = write_dicom(tmp_path / "a.dcm", RAMP, window=[(2048, 1024)])
    row = grey(path)[0]
    values = RAMP[0].astype(float)
    assert (row[values <= 1536] == 0).all() and (row[values >= 2560] == 255).all()
    expected = np.clip((values - 2047.5) / 1023 + 0.5, 0, 1) * 255  # DICOM's linear window (PS3.3 C.11.2.1.2)
    assert np.abs(row - expected).max() <= 1
    # the same values without a window: the robust window spans the whole ramp
    plain = grey(write_dicom(tmp_path / "b.dcm", RAMP))[0]
    assert plain[0] == 0 and plain[-1] == 255 and 100 < plain[32] < 155


def test_rescale_slope_and_intercept_come_before_the_window(tmp_path):
    # stored 0..4095 with slope 1, intercept -1024 are Hounsfield-like -1024..3071; a window at 0 HU
    path = write_dicom(tmp_path / "ct.dcm", RAMP, window=[(0, 400)], rescale=(1.0, -1024.0))
    row = grey(path)[0]
    hu = RAMP[0].astype(float) - 1024
    assert (row[hu <= -200] == 0).all() and (row[hu >= 200] == 255).all()


def test_the_user_picks_a_stored_window_or_the_robust_one(tmp_path):
    path = write_dicom(tmp_path / "two.dcm", RAMP, window=[(1000, 200), (3000, 200)])
    first = grey(path, reading=ReadingConfig(dicom_window=1))[0]
    second = grey(path, reading=ReadingConfig(dicom_window=2))[0]
    robust = grey(path, reading=ReadingConfig(dicom_window=0))[0]
    values = RAMP[0]
    assert first[values >= 1100].min() == 255 and second[values <= 2900].max() == 0
    assert robust[0] == 0 and robust[-1] == 255 and 100 < robust[32] < 155
    facts = check_image_file(str(path))
    assert isinstance(facts, ImageFacts) and facts.reading == "DICOM window 1"


def test_monochrome1_is_inverted(tmp_path):
    mono2 = grey(write_dicom(tmp_path / "m2.dcm", RAMP, window=[(2048, 2048)]))
    mono1 = grey(write_dicom(tmp_path / "m1.dcm", RAMP, window=[(2048, 2048)], photometric="MONOCHROME1"))
    assert np.array_equal(mono1, 255 - mono2)
    assert mono1[0, 0] == 255 and mono1[0, -1] == 0  # low values are white in MONOCHROME1


def test_real_mr_with_its_window_and_compressed_copies_decode_alike():
    plain = load_image(shipped("MR_small.dcm")).astype(int)
    assert plain.shape == (64, 64, 3) and plain.std() > 20
    for name in ("MR_small_RLE.dcm", "MR_small_jpeg_ls_lossless.dcm", "MR_small_jp2klossless.dcm",
                 "MR_small_bigendian.dcm"):
        assert np.abs(load_image(shipped(name)).astype(int) - plain).max() <= 1, name
    ct = load_image(shipped("CT_small.dcm"))  # no window stored: the robust window
    assert ct.min() == 0 and ct.max() == 255
    assert check_image_file(shipped("CT_small.dcm")).reading == "DICOM robust window"
    j2k = check_image_file(shipped("693_J2KI.dcm"))  # JPEG 2000 CT with a window
    assert isinstance(j2k, ImageFacts) and (j2k.width, j2k.height) == (512, 512)


def test_ybr_and_rgb_files_of_the_same_picture_give_the_same_colours():
    rgb = load_image(shipped("SC_rgb_rle.dcm")).astype(int)
    for name in ("SC_ybr_full_422_uncompressed.dcm", "SC_rgb_jpeg_dcmtk.dcm", "SC_rgb_dcmtk_+eb+cy+np.dcm"):
        assert np.abs(load_image(shipped(name)).astype(int) - rgb).mean() < 4, name
    assert tuple(rgb[5, 5]) == (255, 0, 0)
    palette = load_image(shipped("examples_palette.dcm"))
    assert palette.shape == (350, 800, 3) and palette.std() > 10


# ----------------------------------------------------------------------------- frames


def volume() -> np.ndarray:
    frames = np.zeros((5, 48, 48), dtype=np.uint16)
    for k in range(5):
        frames[k, :, : 8 * (k + 1)] = 4000  # frame k is white on its left (k + 1) eighths
    return frames


def test_a_multi_frame_file_gives_its_middle_frame_or_every_frame(tmp_path):
    data = tmp_path / "data"
    (data / "a").mkdir(parents=True)
    (data / "b").mkdir()
    write_dicom(data / "a" / "vol.dcm", volume())
    for i in range(2):
        write_dicom(data / "b" / f"x{i}.dcm", RAMP)
    middle = grey(data / "a" / "vol.dcm")
    assert (middle[:, :24] == 255).all() and (middle[:, 24:] == 0).all()  # frame 3 of 5
    scan = scan_dataset(data)
    assert [Path(r.path).name for r in scan.records if r.class_name == "a"] == ["vol.dcm"]
    assert any("middle frame" in s and "vol.dcm, 5 frames" in s for s in scan.reading)

    set_reading(ReadingConfig(dicom_frames="all"))
    scan = scan_dataset(data)
    frames = [Path(r.path).name for r in scan.records if r.class_name == "a"]
    assert frames == [f"vol.dcm#frame={k}" for k in range(1, 6)]
    assert any("Every frame became an image of its own (5 images)" in s for s in scan.reading)
    first = grey(next(r.path for r in scan.records if r.path.endswith("#frame=1")))
    assert (first[:, :8] == 255).all() and (first[:, 8:] == 0).all()


def test_real_multi_frame_colour_file_gives_its_middle_frame():
    from pydicom import dcmread
    from pydicom.pixels import convert_color_space, pixel_array

    path = shipped("examples_ybr_color.dcm")  # 30 frames of ultrasound
    ds = dcmread(path)
    expected = convert_color_space(pixel_array(ds, index=14, as_rgb=False), "YBR_FULL_422", "RGB")
    assert np.array_equal(load_image(path), expected)
    facts = check_image_file(path)
    assert isinstance(facts, ImageFacts) and facts.frames == 30


# ----------------------------------------------------------------------------- bad DICOM


def test_bad_dicom_files_get_a_reason_of_their_own(tmp_path, monkeypatch):
    report = check_image_file(shipped("reportsi.dcm"))
    assert isinstance(report, BadFile) and report.code == "no_pixels" and "structured report" in report.reason
    truncated = check_image_file(shipped("MR_truncated.dcm"))
    assert isinstance(truncated, BadFile) and truncated.code == "truncated" and "cut short" in truncated.reason
    cut = tmp_path / "cut.dcm"
    cut.write_bytes(write_dicom(tmp_path / "whole.dcm", RAMP).read_bytes()[:2000])
    assert check_image_file(str(cut)).code == "truncated"
    garbage = tmp_path / "notes.dcm"
    garbage.write_bytes(b"this is a text file saved with a .dcm name" * 10)
    bad = check_image_file(str(garbage))
    assert bad.code != "not_image" and "DICOM" in bad.reason

    from pydicom.pixels.decoders import JPEGLSLosslessDecoder

    monkeypatch.setattr(JPEGLSLosslessDecoder, "_available", {})
    monkeypatch.setattr(JPEGLSLosslessDecoder, "_unavailable", {"pylibjpeg": ("pylibjpeg-libjpeg>=2.1",)})
    missing = check_image_file(shipped("MR_small_jpeg_ls_lossless.dcm"))
    assert isinstance(missing, BadFile) and missing.code == "unsupported"
    assert "JPEG-LS" in missing.reason and "pip install pylibjpeg-libjpeg" in missing.reason


def test_a_volume_is_read_as_its_middle_slice_and_the_scan_says_so(tmp_path):
    data = tmp_path / "data"
    for cls in ("a", "b"):
        (data / cls).mkdir(parents=True)
        write_dicom(data / cls / "ct.dcm", volume())
        write_dicom(data / cls / "cr.dcm", RAMP)
    scan = scan_dataset(data)
    assert not scan.bad_files and len(scan.records) == 4
    text = " ".join(scan.reading)
    assert "2 DICOM files hold several frames (a 3-D volume or a cine loop" in text
    assert "middle frame" in text and "every frame" in text


def test_dicom_files_without_an_extension_are_found_by_their_preamble(tmp_path):
    data = tmp_path / "data"
    for cls in ("a", "b"):
        (data / cls).mkdir(parents=True)
        for i in range(2):
            write_dicom(data / cls / f"IM{i:04d}", RAMP)  # what a PACS export looks like
    scan = scan_dataset(data)
    assert len(scan.records) == 4 and not scan.bad_files
    assert not any("not an image" in w for w in scan.warnings)
    assert "4 DICOM files were read with the Modality LUT" in " ".join(scan.reading)


# ----------------------------------------------------------------------------- formats


def test_avif_jpeg2000_and_icons_are_read_and_others_are_refused_by_name(make_image_folder, tmp_path):
    data = make_image_folder(tmp_path / "data", classes=("a", "b"), per_class=3, size=48)
    picture = Image.open(next((data / "a").iterdir())).convert("RGB")
    for ext in ("avif", "jp2", "ico"):
        picture.save(data / "a" / f"extra.{ext}")
    (data / "b" / "phone.heic").write_bytes(b"\0\0\0\x18ftypheic" + b"\0" * 100)
    scan = scan_dataset(data)
    names = {Path(r.path).name for r in scan.records}
    assert {"extra.avif", "extra.jp2", "extra.ico"} <= names
    refused = [b for b in scan.bad_files if b.path.endswith("phone.heic")]
    assert len(refused) == 1 and refused[0].code == "unsupported" and "HEIC" in refused[0].reason
    assert not any("not an image" in w for w in scan.warnings)


# ----------------------------------------------------------------------------- 12 and 16 bits


def save_16bit_png(path: Path, values: np.ndarray) -> Path:
    Image.fromarray(values.astype(np.uint16)).save(path)
    return path


def test_12_bit_values_in_a_16_bit_png_use_the_whole_grey_range(tmp_path):
    png = save_16bit_png(tmp_path / "xray.png", RAMP)
    row = grey(png)[0]
    assert row[0] == 0 and row[-1] == 255 and len(np.unique(row)) > 60  # not crushed to 17 levels
    full = save_16bit_png(tmp_path / "full.png", (RAMP.astype(np.int64) * 16).clip(0, 65535))
    assert grey(full)[0][-1] == round(65520 / 257)
    old = grey(png, reading=ReadingConfig(high_bit="full"))[0]
    assert old.max() == 16  # what tlstudio did before, kept for runs saved before the setting
    tiff = tmp_path / "float.tif"
    Image.fromarray((RAMP / 4095).astype(np.float32)).save(tiff)
    assert grey(tiff)[0][-1] == 255


def test_the_scan_says_how_high_bit_pictures_were_scaled(make_image_folder, tmp_path):
    data = make_image_folder(tmp_path / "data", classes=("a", "b"), per_class=2, size=64)
    save_16bit_png(data / "a" / "twelve.png", RAMP)
    save_16bit_png(data / "b" / "sixteen.png", RAMP.astype(np.int64) * 16)
    scan = scan_dataset(data)
    text = " ".join(scan.reading)
    assert "1 picture holds 12-bit values in 16 bits (every value under 4,096)" in text
    assert "scaled from 0–4,095 to 0–255" in text
    assert "1 picture uses the full 16-bit range and was scaled from 0–65,535" in text
    assert scan.to_dict()["reading"] == list(scan.reading)


def test_reading_settings_are_kept_in_the_run_config_and_read_back_for_predictions(tmp_path):
    config = RunConfig(data="x", reading=ReadingConfig(high_bit="auto", dicom_window=2, dicom_frames="all"))
    again = RunConfig.from_json(config.to_json())
    assert again.reading == config.reading
    old = json.loads(config.to_json())
    del old["reading"]  # a run saved before the setting existed read 16 bits from 0..65,535
    assert RunConfig.from_dict(old).reading.high_bit == "full"
    (tmp_path / "config.json").write_text(config.to_json(), encoding="utf-8")
    assert run_reading(tmp_path) == config.reading
    with pytest.raises(Exception, match="dicom_frames must be one of"):
        ReadingConfig(dicom_frames="first")


# ----------------------------------------------------------------------------- patients


def patient_folder(tmp_path: Path, *, per_patient: int = 3, patients: int = 12, **tags) -> Path:
    data = tmp_path / "data"
    for p in range(patients):
        cls = "sick" if p % 2 else "well"
        (data / cls).mkdir(parents=True, exist_ok=True)
        for i in range(per_patient):
            write_dicom(data / cls / f"img{p:02d}_{i}.dcm", RAMP, patient_id=f"MRN{p:05d}",
                        patient_name=f"SMITH^ALICE{p}", study_uid=f"1.2.826.0.1.{p}", **tags)
    return data


def test_dicom_patients_group_the_split_without_showing_their_ids(tmp_path):
    data = patient_folder(tmp_path)
    scan = scan_dataset(data)
    for seed in (0, 1, 2):
        split = make_split(scan, SplitConfig(seed=seed, val_fraction=0.2, test_fraction=0.2))
        summary = split.group_summary()
        assert summary is not None and summary.from_dicom and summary.groups == 12 and summary.clean
        where = {}
        for part, records in split.parts().items():
            for r in records:
                where.setdefault(split.groups[r.path], set()).add(part)
        assert all(len(parts) == 1 for parts in where.values())
    text = json.dumps(split.to_dict())
    assert "MRN" not in text and "SMITH" not in text and "patient 1" in text
    assert split.group_source == "the DICOM files (PatientID)"


def test_dicom_grouping_can_be_turned_off_or_use_another_tag(tmp_path):
    data = patient_folder(tmp_path)
    scan = scan_dataset(data)
    assert make_split(scan, SplitConfig(dicom_group_tag="")).groups is None
    by_study = make_split(scan, SplitConfig(dicom_group_tag="StudyInstanceUID")).group_summary()
    assert by_study is not None and by_study.groups == 12 and "StudyInstanceUID" in by_study.source
    by_site = make_split(scan, SplitConfig(dicom_group_tag="InstitutionName")).group_summary()
    assert by_site is not None and by_site.named == 0 and by_site.ungrouped == 36  # no file has the tag
    with pytest.raises(Exception, match="not the keyword of a DICOM tag"):
        make_split(scan, SplitConfig(dicom_group_tag="PatientNumber"))
    # a CSV file or a pattern the user gave wins over the DICOM tags
    by_pattern = make_split(scan, SplitConfig(group_pattern=r"^img(\d\d)_")).group_summary()
    assert by_pattern is not None and not by_pattern.from_dicom


def test_files_without_patient_id_are_grouped_by_their_study(tmp_path):
    data = patient_folder(tmp_path, patients=6, per_patient=2)
    for path in sorted(data.rglob("*.dcm"))[:4]:
        write_dicom(path, RAMP, patient_id=None, study_uid="1.2.3.4.5")
    groups = make_split(scan_dataset(data), SplitConfig()).group_summary()
    assert groups is not None and groups.ungrouped == 0 and groups.groups == 5


def test_an_ordinary_folder_is_not_grouped(make_image_folder, tmp_path):
    data = make_image_folder(tmp_path / "data", classes=("a", "b"), per_class=6, size=40)
    assert make_split(scan_dataset(data), SplitConfig()).groups is None


def test_the_dataset_folder_is_never_written_to(tmp_path):
    from tests.reliability.guards import tree_hash

    data = patient_folder(tmp_path, patients=4, per_patient=2)
    shutil.copy(shipped("reportsi.dcm"), data / "well" / "report.dcm")
    before = tree_hash(data)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        make_split(scan_dataset(data), SplitConfig())
    assert tree_hash(data) == before


def test_every_frame_of_a_volume_stays_in_one_split_even_without_patients(tmp_path):
    data = tmp_path / "data"
    for cls in ("a", "b"):
        (data / cls).mkdir(parents=True)
        for i in range(4):
            write_dicom(data / cls / f"vol{i}.dcm", volume(), patient_id=None, study_uid=None)
    set_reading(ReadingConfig(dicom_frames="all"))
    scan = scan_dataset(data)
    assert len(scan.records) == 40
    split = make_split(scan, SplitConfig(dicom_group_tag="", val_fraction=0.25, test_fraction=0.25))
    where: dict[str, set[str]] = {}
    for part, records in split.parts().items():
        for r in records:
            where.setdefault(r.path.split("#")[0], set()).add(part)
    assert len(where) == 8 and all(len(parts) == 1 for parts in where.values())


def test_cached_features_are_not_reused_when_pictures_are_read_another_way(tmp_path):
    pytest.importorskip("tensorflow")
    from tlstudio.core.config import HeadConfig, ModelConfig, TrainConfig
    from tlstudio.core.training.train import train

    data = tmp_path / "data"
    for c, cls in enumerate(("a", "b")):
        (data / cls).mkdir(parents=True)
        for i in range(6):
            save_16bit_png(data / cls / f"x{i}.png", (RAMP if c else RAMP[:, ::-1]) // (1 + i % 3))
    config = RunConfig(data=str(data), split=SplitConfig(val_fraction=0.25, test_fraction=0.25, seed=1),
                       model=ModelConfig(backbone="mobilenet_v2", mode="transfer", weights=None, image_size=32,
                                         head=HeadConfig(pooling="avg", dense=(), dropout=0.0)),
                       train=TrainConfig(epochs=1, batch_size=4, seed=1))
    workspace = tmp_path / "ws"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        train(config, workspace=workspace)
        first = set((workspace / "cache" / "features").glob("*.npy"))
        train(config.replace(reading=ReadingConfig(high_bit="full")), workspace=workspace)
    assert len(set((workspace / "cache" / "features").glob("*.npy")) - first) >= 1
