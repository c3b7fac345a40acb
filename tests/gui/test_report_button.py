"""The Results panel's "Save report" button with a real (tiny) run: it writes the report in the
background, says where in the status bar, and offers links to open the HTML file and the PDF.

A from-scratch CNN at 40 px, 2 epochs, on 3 x 15 generated images.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("tensorflow")



def test_save_report_writes_the_report_and_links_to_it(make_window: Any, make_image_folder: Any, tmp_path: Path,
                                                       qtbot: Any, tiny_core_run: Any) -> None:
    data = make_image_folder(tmp_path / "shapes", classes=("circle", "square", "stripes"), per_class=15, size=48)
    result = tiny_core_run(data, tmp_path / "workspace")
    assert result.status == "finished"

    window = make_window()
    studio, state, panel = window.studio, window.studio.state, window.results
    errors: list[Any] = []
    studio.error.connect(lambda report, title: errors.append(f"{title}: {report.message}\n{report.details}"))
    assert not panel.report_button.isEnabled()  # no run shown yet
    state.add_results([result])
    studio.results.show_result(result)
    assert panel.report_button.isEnabled() and panel.report_button.text() == "Save &report"

    with qtbot.waitSignal(studio.results.report_saved, timeout=180_000) as saved:
        panel.report_button.click()
    assert not errors, errors
    report = saved.args[0]
    html = result.run_dir / "report" / "report.html"
    assert report.html_path == html and html.is_file()
    assert report.pdf_path.read_bytes().startswith(b"%PDF")
    assert f"{result.evaluation.accuracy:.1%}" in html.read_text(encoding="utf-8")
    assert str(html) in window.status_text.text()
    link = panel.report_link.text()
    assert f'href="{html.as_uri()}"' in link and f'href="{report.pdf_path.as_uri()}"' in link
    assert panel.report_link.openExternalLinks()
    qtbot.waitUntil(panel.report_button.isEnabled, timeout=5_000)

    # with pseudonyms, no file name or folder of the run is in the report
    panel.pseudonyms.setChecked(True)
    with qtbot.waitSignal(studio.results.report_saved, timeout=180_000):
        panel.report_button.click()
    text = html.read_text(encoding="utf-8")
    assert "image 1.jpg" in text and str(data) not in text and "img_0" not in text
