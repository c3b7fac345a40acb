"""The run report of a real (tiny) run: what a reader checks in the HTML file and the PDF.

One from-scratch CNN at 40 px, 2 epochs, on 3 x 15 generated images (it makes mistakes), and
one fine-tune-free "transfer" sibling on the same split for the comparison.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("tensorflow")

from tests.conftest import write_class_images  # noqa: E402
from tlstudio.core.config import HeadConfig, ModelConfig, RunConfig, SplitConfig, TrainConfig  # noqa: E402
from tlstudio.core.errors import ConfigError, RunError  # noqa: E402
from tlstudio.core.report import (FILES_CSV, TEXTS, build_document, find_comparison_runs, library_versions,  # noqa: E402
                                  render_html, write_report)
from tlstudio.core.runs import load_run  # noqa: E402

CLASSES = ("circle", "square", "stripes")


def _config(data: Path, **model: object) -> RunConfig:
    defaults = dict(backbone="scratch_cnn", mode="scratch", weights=None, image_size=40,
                    head=HeadConfig(pooling="flatten", dense=(16,), dropout=0.0))
    defaults.update(model)
    return RunConfig(data=str(data), split=SplitConfig(val_fraction=0.2, test_fraction=0.2, seed=3),
                     model=ModelConfig(**defaults),
                     train=TrainConfig(epochs=2, batch_size=8, learning_rate=3e-3, patience=5, seed=3))


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    from tlstudio.core.train import train

    root = tmp_path_factory.mktemp("report")
    data = root / "shapes"
    rng = np.random.default_rng(0)
    for index, name in enumerate(CLASSES):
        write_class_images(data / name, index, 15, 48, rng)
    (data / "circle" / "broken.jpg").write_bytes(b"not a picture")  # skipped by the scan
    workspace = root / "ws"
    run = train(_config(data), workspace=workspace).run_dir
    sibling = train(_config(data, backbone="efficientnet_lite0", mode="transfer", image_size=64,
                            head=HeadConfig(pooling="avg", dense=(), dropout=0.0)), workspace=workspace).run_dir
    return {"data": data, "run": run, "sibling": sibling, "root": root}


def test_report_html_is_self_contained_and_holds_what_a_reader_checks(tiny):
    result = write_report(tiny["run"], pdf=False)
    assert result.html_path == tiny["run"] / "report" / "report.html" and result.pdf_path is None
    text = result.html_path.read_text(encoding="utf-8")
    metrics = json.loads((tiny["run"] / "metrics.json").read_text())

    # Self-contained: every picture is a data: URI, nothing points to a file or the network.
    sources = re.findall(r'src="([^"]*)"', text)
    assert sources and all(s.startswith(("data:image/png;base64,", "data:image/jpeg;base64,")) for s in sources)
    assert not re.search(r'(?:href|src)="(?:https?:|file:|/|\.\.?/)', text)
    assert "<link" not in text and "<script" not in text

    # The numbers and names a reader looks for.
    assert f"{metrics['accuracy']:.1%}" in text
    lo, hi = metrics["accuracy_ci"]
    assert f"95% interval {lo:.1%} to {hi:.1%}" in text
    for name in CLASSES:
        assert text.count(f"<td>{name}</td>") >= 2  # the counts table and the per-class table
    for c in metrics["per_class"]:
        low, high = c["recall_ci"]
        assert f"<td>{c['name']}</td><td class=\"num\">{c['precision']:.1%}</td>" in text
        assert f"{low:.1%} – {high:.1%}" in text
    assert '&quot;seed&quot;: 3' in text and "Seed 3." in text
    for library, version in library_versions():
        if version:
            assert f"<td>{library}</td><td>{version}</td>" in text
    assert "broken.jpg" in text  # the skipped file, as the run recorded it (bad_files.json)
    assert json.loads((tiny["run"] / "bad_files.json").read_text())[0]["path"].endswith("broken.jpg")

    # The mistakes, most confident first, each with its Grad-CAM overlay.
    assert metrics["misclassified"], "the tiny run should make mistakes"
    first = metrics["misclassified"][0]
    assert Path(first["path"]).name in text
    assert text.count('alt="Grad-CAM"') == min(12, len(metrics["misclassified"]))
    assert "<details>" in text and "<h2>The split</h2>" in text


def test_split_files_csv_lists_every_file_once(tiny):
    result = write_report(tiny["run"], pdf=False, comparison_runs=[])
    split = json.loads((tiny["run"] / "split.json").read_text())
    expected = sorted((part, r["class_name"], Path(r["path"]).relative_to(tiny["data"]).as_posix())
                      for part in ("train", "val", "test") for r in split[part])
    with (result.files_csv).open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert result.files_csv.name == FILES_CSV
    got = sorted((r["split"], r["class"], Path(r["path"]).as_posix()) for r in rows)
    assert got == expected and len({r[2] for r in got}) == len(got) == 45


def test_pdf_has_pages_and_is_written_atomically(tiny, tmp_path):
    out = tmp_path / "out"
    result = write_report(tiny["run"], out)
    data = result.pdf_path.read_bytes()
    assert data.startswith(b"%PDF") and data.rstrip().endswith(b"%%EOF")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", data))
    assert pages >= 2
    assert sorted(p.name for p in out.iterdir()) == ["report.html", "report.pdf", "split_files.csv"]  # no temp file
    before = result.html_path.stat().st_mtime_ns
    write_report(tiny["run"], out)  # writing again replaces the files, still nothing else left
    assert sorted(p.name for p in out.iterdir()) == ["report.html", "report.pdf", "split_files.csv"]
    assert result.html_path.stat().st_mtime_ns >= before


def test_comparison_finds_the_run_on_the_same_split_or_takes_a_given_list(tiny):
    run = load_run(tiny["run"])
    found = find_comparison_runs(run)
    assert [r.path for r in found] == [tiny["sibling"]]
    html_auto = render_html(build_document(run, comparison=found, mistakes=0))
    assert "<h2>Comparison</h2>" in html_auto and tiny["sibling"].name in html_auto
    assert "scratch CNN: scratch_cnn (this run)" in html_auto
    assert "<h2>Comparison</h2>" not in render_html(build_document(run, comparison=(), mistakes=0))
    result = write_report(tiny["run"], pdf=False, comparison_runs=[tiny["sibling"]])
    assert result.comparison_runs == (tiny["sibling"].name,)


def test_every_sentence_comes_from_the_language_table_and_other_languages_are_refused(tiny):
    assert set(TEXTS) == {"en"}
    with pytest.raises(ConfigError, match="Received: language='pt-BR'"):
        write_report(tiny["run"], language="pt-BR")
    with pytest.raises(RunError, match="does not exist"):
        write_report(tiny["root"] / "no-such-run")


def test_without_the_image_folder_the_skipped_files_are_said_to_be_unavailable(tiny, tmp_path):
    """A run made before runs recorded their skipped files, whose image folder is gone."""
    shutil.copytree(tiny["run"], tmp_path / "old-run")
    (tmp_path / "old-run" / "bad_files.json").unlink()
    run = load_run(tmp_path / "old-run")
    moved = {**run.config, "data": str(tmp_path / "gone")}
    doc = build_document(replace(run, config=moved), mistakes=0)
    text = render_html(doc)
    assert "Not available: the run did not record the skipped files" in text
