"""After tlstudio was killed mid-run, the next start offers to resume the run, and Resume
continues it in the app to a finished run with its results shown."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.reliability.killed import KILL_AFTER, make_killed_run

pytest.importorskip("tensorflow")


def test_the_app_offers_to_resume_a_killed_run_and_resumes_it(make_window: Any, make_image_folder: Any,
                                                              tmp_path: Path, qtbot: Any) -> None:
    from tlstudio.gui.app import start

    folder = make_image_folder(tmp_path / "shapes", classes=("discs", "squares"), per_class=12, size=48)
    run_dir = make_killed_run(folder, tmp_path / "workspace", epochs=4)  # make_window's workspace

    window = make_window()
    window.studio.settings.mark_launched()  # not the first start: no demo opened
    start(window)  # what the app does when it opens
    banner = window.resume_banner
    qtbot.waitUntil(banner.isVisible, timeout=30_000)
    text = banner.text.text()
    assert "killed-run" in text and f"after {KILL_AFTER} of 4 epochs" in text and "From scratch" in text

    state = window.studio.state
    outcomes: list[str] = []
    state.run_outcome.connect(lambda status, message: outcomes.append(status))
    banner.resume_button.click()
    assert not banner.isVisible()
    qtbot.waitUntil(lambda: bool(outcomes), timeout=120_000)
    assert outcomes == ["finished"], state.status
    assert json.loads((run_dir / "status.json").read_text())["status"] == "finished"
    assert state.current_result is not None and Path(state.current_result.run_dir) == run_dir
    assert window.tabs.currentWidget() is window.results


def test_later_hides_the_offer_and_dont_resume_marks_the_run_stopped(make_window: Any, make_image_folder: Any,
                                                                    tmp_path: Path, qtbot: Any) -> None:
    from tlstudio.core.outputs.runs import list_runs

    folder = make_image_folder(tmp_path / "shapes", classes=("discs", "squares"), per_class=12, size=48)
    make_killed_run(folder, tmp_path / "workspace", epochs=4)

    window = make_window()
    banner = window.resume_banner
    window.studio.run.check_interrupted()
    qtbot.waitUntil(banner.isVisible, timeout=30_000)
    banner.later_button.click()
    assert not banner.isVisible()
    assert list_runs(tmp_path / "workspace")[0].status == "interrupted"  # asked again next time

    window.studio.run.check_interrupted()
    qtbot.waitUntil(banner.isVisible, timeout=30_000)
    banner.dismiss_button.click()
    assert not banner.isVisible()
    assert list_runs(tmp_path / "workspace")[0].status == "cancelled"
