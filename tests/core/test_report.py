"""The run report of a real (tiny) run: what a reader checks in the HTML file and the PDF.

One from-scratch CNN at 40 px, 2 epochs, on 3 x 15 generated images (it makes mistakes), and
one fine-tune-free "transfer" sibling on the same split for the comparison.
"""

from __future__ import annotations

import base64
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
from tlstudio.core.outputs.report import write_report  # noqa: E402
from tlstudio.core.outputs.report_html import render_html  # noqa: E402
from tlstudio.core.outputs.report_sections import FILES_CSV, build_document  # noqa: E402
from tlstudio.core.outputs.report_sources import find_comparison_runs, library_versions  # noqa: E402
from tlstudio.core.outputs.report_texts import NUMBERS, TEXTS  # noqa: E402
from tlstudio.core.outputs.runs import load_run  # noqa: E402

CLASSES = ("circle", "square", "stripes")


def _config(data: Path, **model: object) -> RunConfig:
    defaults = dict(backbone="scratch_cnn", mode="scratch", weights=None, image_size=40,
                    head=HeadConfig(pooling="flatten", dense=(16,), dropout=0.0))
    defaults.update(model)
    return RunConfig(data=str(data), split=SplitConfig(val_fraction=0.2, test_fraction=0.2, seed=3),
                     model=ModelConfig(**defaults),
                     # without label smoothing this tiny run still makes mistakes for the report to show
                     train=TrainConfig(epochs=2, batch_size=8, learning_rate=3e-3, patience=5, seed=3,
                                       label_smoothing=0.0))


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    from tlstudio.core.training.train import train

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
    # 9 test images: too few for an interval (core.evaluation.metrics.MIN_FOR_INTERVAL is 10)
    assert metrics["n"] == 9 and "that is too few test images to measure how far this figure could be" in text
    for name in CLASSES:
        assert text.count(f"<td>{name}</td>") >= 2  # the counts table and the per-class table
    for c in metrics["per_class"]:
        assert f"<td>{c['name']}</td><td class=\"num\">{c['precision']:.1%}</td>" in text
        assert (f"<td class=\"num\">{c['recall']:.1%}</td><td class=\"num\">too few test images to measure</td>"
                in text)  # 3 test images of each class
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
    assert set(TEXTS) == {"en", "pt_BR"}
    with pytest.raises(ConfigError, match="Received: language='de'"):
        write_report(tiny["run"], language="de")
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


def _fields(text: str) -> list[str]:
    """The str.format fields of ``text`` with their format specs ("{n}", "{temperature:.2f}")."""
    import string

    return sorted(f"{name}:{spec}" for _, name, spec, _ in string.Formatter().parse(text) if name is not None)


def test_every_language_has_every_sentence_with_the_same_placeholders():
    english = TEXTS["en"]
    for language, table in TEXTS.items():
        assert set(table) == set(english), f"{language}: missing {set(english) - set(table)}, extra {set(table) - set(english)}"
        for key, text in table.items():
            assert text.strip() or key == "this_run", (language, key)
            assert _fields(text) == _fields(english[key]), (language, key, text)
        assert language in NUMBERS
    assert TEXTS["pt_BR"]["summary"] != TEXTS["en"]["summary"]
    # English's figure words are the figures' own (another language draws them again with its own).
    from tlstudio.core.evaluation.calibration_files import RELIABILITY_WORDS
    from tlstudio.core.evaluation.metrics import FIGURE_WORDS

    assert {k[4:]: v for k, v in english.items() if k.startswith("fig_")} == FIGURE_WORDS
    assert {k[4:]: v for k, v in english.items() if k.startswith("rel_")} == RELIABILITY_WORDS


def test_numbers_are_written_the_portuguese_way_in_pt_br():
    assert (NUMBERS["pt_BR"].pct(0.9234), NUMBERS["pt_BR"].count(12345), NUMBERS["pt_BR"].fixed(1.5)) == ("92,3%", "12.345", "1,50")
    assert (NUMBERS["en"].pct(0.9234), NUMBERS["en"].count(12345), NUMBERS["en"].pct(None)) == ("92.3%", "12,345", "–")


def test_report_in_brazilian_portuguese(tiny, tmp_path):
    result = write_report(tiny["run"], tmp_path / "pt", language="pt-BR")  # "pt-BR", "pt_BR" and "pt_br" all work
    text = result.html_path.read_text(encoding="utf-8")
    metrics = json.loads((tiny["run"] / "metrics.json").read_text())
    assert '<html lang="pt-BR">' in text
    for heading in ("Resumo", "Conjunto de dados", "A divisão", "Configurações", "Curvas de treino",
                    "Matriz de confusão", "Cada classe", "Erros", "Comparação", "Observações"):
        assert f">{heading}</h2>" in text, heading
    assert "<h1>Relatório da execução:" in text and "situação: concluída" in text
    assert "<th>Classe</th>" in text and '<th class="num">Precisão</th>' in text
    accuracy = f"{metrics['accuracy']:.1%}".replace(".", ",")
    assert f"classificou corretamente {accuracy} delas" in text
    assert "CNN do zero: scratch_cnn (esta execução)" in text
    # The skipped file's reason is the translated one; the English sentences are gone.
    assert "Não é uma imagem que o tlstudio consiga abrir" in text
    for english in ("Summary", "Each class", "Training curves", "is not a picture", "(this run)"):
        assert english not in text, english
    # The run's pictures are drawn again with Portuguese words: none is the run's English file.
    own = {base64.b64encode((tiny["run"] / name).read_bytes()).decode() for name in
           ("curves.png", "confusion.png", "confusion_normalized.png", "reliability.png")}
    shown = set(re.findall(r'src="data:image/png;base64,([^"]+)"', text))
    assert len(shown) >= 4 and not shown & own
    data = result.pdf_path.read_bytes()
    assert data.startswith(b"%PDF") and len(re.findall(rb"/Type\s*/Page[^s]", data)) >= 2


def test_a_run_with_synthetic_images_says_so_and_lists_them_apart(tiny, tmp_path):
    run = tmp_path / "run"
    shutil.copytree(tiny["run"], run)
    split = json.loads((run / "split.json").read_text())
    synthetic = [{**r, "path": str(tmp_path / "set" / r["class_name"] / f"synthetic_{i:04d}.png")}
                 for i, r in enumerate(split["train"][:6], 1)]
    split["synthetic"] = synthetic
    split["synthetic_set"] = {"set": str(tmp_path / "set"), "ratio": 0.5, "images": 6,
                              "per_class": {"circle": 2, "square": 2, "stripes": 2}}
    (run / "split.json").write_text(json.dumps(split))

    english = write_report(run, out_dir=tmp_path / "en", pdf=False, comparison_runs=[])
    text = english.html_path.read_text(encoding="utf-8")
    assert ("Synthetic images: 6 from the accepted set set (circle 2, square 2, stripes 2; 0.5 per real training "
            "image) were added to the training images only.") in text
    with english.files_csv.open(newline="", encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["split"] == "synthetic"]
    assert sorted(Path(r["path"]).name for r in rows) == sorted(Path(r["path"]).name for r in synthetic)
    assert "Training (synthetic)" in text

    portuguese = write_report(run, out_dir=tmp_path / "pt", pdf=False, comparison_runs=[], language="pt_BR")
    texto = portuguese.html_path.read_text(encoding="utf-8")
    assert "Imagens sintéticas: 6 do conjunto aceito set (circle 2, square 2, stripes 2; 0,5 por imagem real" in texto
    assert "Treino (sintética)" in texto
