"""The app starts, loads TensorFlow, lists the backbones and opens the bundled digits demo
without any network traffic (downloads happen only when the user asks for one)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.reliability.network import watch_network

pytest.importorskip("tensorflow")


def test_the_first_start_uses_no_network(make_window: Any, qtbot: Any) -> None:
    from tlstudio.gui.app import start

    with watch_network() as attempts:
        window = make_window()
        assert window.studio.settings.first_launch
        start(window)  # TensorFlow, the backbone list, the bundled digits demo
        state = window.studio.state
        qtbot.waitUntil(lambda: bool(state.backbones) and state.split is not None, timeout=180_000)
    assert "digits" in state.data_path
    assert attempts == []
