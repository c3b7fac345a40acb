"""The run report: one self-contained HTML file (and the same content as a PDF) a user can
share with someone who never opens tlstudio.

:func:`write_report` reads a finished run folder and writes ``<run>/report/``::

    report.html       every picture embedded (data: URIs), inline CSS, print-friendly
    report.pdf        the same sections as A4 pages (``core.outputs.report_pdf``, matplotlib: no Qt)
    split_files.csv   every image of the split: split, class, path

The report is made in rooms: its words and number formats by language
(``core.outputs.report_texts``), what it reads besides the run's own files
(``core.outputs.report_sources``), the document model (``core.outputs.report_document``), the
sections built from a run (``core.outputs.report_sections``) and the two renderings
(``core.outputs.report_html``, ``core.outputs.report_pdf``). This module writes the files.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence, Union

from tlstudio.core.errors import RunError
from tlstudio.core.outputs.locks import locked
from tlstudio.core.outputs.privacy import protect_document
from tlstudio.core.outputs.report_html import render_html
from tlstudio.core.outputs.report_sections import FILES_CSV, PROGRESS_STEPS, ProgressHandler, build_document
from tlstudio.core.outputs.report_sources import find_comparison_runs, read_split
from tlstudio.core.outputs.report_texts import texts
from tlstudio.core.outputs.runs import load_run
from tlstudio.core.outputs.workspace import atomic_write_bytes, atomic_write_text, csv_text, is_inside

PathLike = Union[str, "os.PathLike[str]"]

REPORT_FOLDER = "report"
HTML_FILE = "report.html"
PDF_FILE = "report.pdf"


@dataclass(frozen=True)
class ReportResult:
    """Where the report went: ``pdf_path`` is None when no PDF was asked for."""

    html_path: Path
    pdf_path: Path | None
    files_csv: Path
    comparison_runs: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        return {"html": str(self.html_path), "pdf": None if self.pdf_path is None else str(self.pdf_path),
                "split_files": str(self.files_csv), "comparison_runs": list(self.comparison_runs)}


def _files_csv(files: Sequence[tuple[str, str, str]], header: Sequence[str] = ("split", "class", "path")) -> str:
    return csv_text(header, files)


def write_report(run_dir: PathLike, out_dir: PathLike | None = None, *, pdf: bool = True, language: str = "en",
                 comparison_runs: Sequence[PathLike] | None = None,
                 on_progress: ProgressHandler | None = None, pseudonyms: bool = False) -> ReportResult:
    """Write the report of the run in ``run_dir`` into ``out_dir`` (default ``<run_dir>/report``).

    ``comparison_runs``: run folders to compare with (same split recommended); ``None`` finds
    them (:func:`find_comparison_runs`), an empty list leaves the comparison out. Every file is
    written atomically. Raises RunError for a folder that is not a run, ConfigError for a
    language without a translation. ``pseudonyms``: every file name and the image folder's path
    become ``image 1.dcm``, ... (see :mod:`tlstudio.core.outputs.privacy`); without it, a notice
    opens the report when file names hold a patient's name or ID from the DICOM tags.
    """
    texts(language)
    run = load_run(run_dir)
    out = Path(out_dir).expanduser() if out_dir is not None else run.path / REPORT_FOLDER
    data = str(run.config.get("data", ""))
    if data and Path(data).is_dir():
        if is_inside(out, Path(data)):
            raise RunError(f"The report folder {out} is inside the image folder {data}; tlstudio never writes into "
                           "the images' folder.", hint="Choose another folder for the report.", path=str(out))
    if comparison_runs is None:
        comparison = find_comparison_runs(run)
    else:
        comparison = [load_run(p) for p in comparison_runs if Path(p).expanduser().resolve() != run.path.resolve()]
    doc = build_document(run, language=language, comparison=comparison, on_progress=on_progress)
    doc = protect_document(doc, read_split(run), data, pseudonyms=pseudonyms, notice=texts(language)["private_names"])
    with locked(run.path if is_inside(out, run.path) else out, what="run folder" if is_inside(out, run.path)
                else "report folder"):  # one writer at a time
        return _write_files(doc, out, pdf, on_progress, comparison)


def _write_files(doc: Any, out: Path, pdf: bool, on_progress: ProgressHandler | None,
                 comparison: Sequence[Any]) -> ReportResult:
    files_csv = atomic_write_text(out / FILES_CSV, _files_csv(doc.files))
    html_path = atomic_write_text(out / HTML_FILE, render_html(doc))
    pdf_path = None
    if pdf:
        from tlstudio.core.outputs.report_pdf import render_pdf

        pdf_path = atomic_write_bytes(out / PDF_FILE, render_pdf(doc))
    if on_progress is not None:
        on_progress(PROGRESS_STEPS, PROGRESS_STEPS)
    return ReportResult(html_path=html_path, pdf_path=pdf_path, files_csv=files_csv,
                        comparison_runs=tuple(r.id for r in comparison))
