"""`tlstudio report` end to end, as a script uses it: a tiny run is trained through the CLI, its
report written (HTML, PDF, the split's file list), and a wrong run folder gives exit code 5."""

from __future__ import annotations

import json
from pathlib import Path

from tests.e2e.cli import tlstudio


def test_report_command_writes_html_pdf_and_file_list(make_image_folder, tmp_path):
    images = make_image_folder(tmp_path / "data", classes=("cats", "dogs"), per_class=12, size=48)
    trained = tlstudio("train", str(images), "--backbone", "scratch_cnn", "--mode", "scratch", "--weights", "none",
                       "--image-size", "40", "--epochs", "2", "--batch-size", "8", "--val", "0.25", "--test", "0.25",
                       "--json", "--workspace", str(tmp_path / "ws"))
    assert trained.returncode == 0, trained.stderr
    run_dir = Path(json.loads(trained.stdout)["run_dir"])

    done = tlstudio("report", str(run_dir), "--json")
    assert done.returncode == 0, done.stderr
    doc = json.loads(done.stdout)
    assert doc["ok"] and doc["html"] == str(run_dir / "report" / "report.html")
    assert Path(doc["pdf"]).read_bytes().startswith(b"%PDF")
    html = Path(doc["html"]).read_text(encoding="utf-8")
    accuracy = json.loads((run_dir / "metrics.json").read_text())["accuracy"]
    assert f"{accuracy:.1%}" in html and "cats" in html and "dogs" in html
    assert len(Path(doc["split_files"]).read_text().splitlines()) == 1 + 24

    out = tmp_path / "shared"
    plain = tlstudio("report", str(run_dir), "--out", str(out), "--no-pdf")
    assert plain.returncode == 0, plain.stderr
    assert f"Report: {out / 'report.html'}" in plain.stdout and "PDF:" not in plain.stdout
    assert sorted(p.name for p in out.iterdir()) == ["report.html", "split_files.csv"]

    portuguese = tlstudio("report", str(run_dir), "--out", str(tmp_path / "pt"), "--no-pdf", "--language", "pt_BR")
    assert portuguese.returncode == 0, portuguese.stderr
    text = (tmp_path / "pt" / "report.html").read_text(encoding="utf-8")
    assert '<html lang="pt-BR">' in text and ">Resumo</h2>" in text and ">Cada classe</h2>" in text
    assert f"classificou corretamente {accuracy:.1%} delas".replace(".", ",") in text

    missing = tlstudio("report", str(tmp_path / "nowhere"), "--json")
    assert missing.returncode == 5
    assert json.loads(missing.stdout)["ok"] is False and "does not exist" in missing.stderr
