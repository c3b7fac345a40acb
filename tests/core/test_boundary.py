"""The layering rules: core runs without Qt, and the light core modules do not pull in TensorFlow
(so the window can appear before TensorFlow loads)."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import tlstudio.core


def _run(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)


def test_every_core_module_imports_with_qt_blocked():
    modules = [m.name for m in pkgutil.walk_packages(tlstudio.core.__path__, "tlstudio.core.")]
    assert "tlstudio.core.training.train" in modules and "tlstudio.core.data.imageio" in modules
    code = (
        "import sys\n"
        "for name in ('PySide6', 'shiboken6', 'pyqtgraph'):\n"
        "    sys.modules[name] = None  # importing any of them now raises ImportError\n"
        f"import importlib\nfor m in {modules!r}:\n    importlib.import_module(m)\n"
        "import tlstudio.cli.main, tlstudio.cli.commands\n"
        "print('ok')\n"
    )
    result = _run(code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("ok")


def test_light_core_modules_do_not_import_tensorflow():
    code = (
        "import sys\n"
        "import tlstudio.core.config, tlstudio.core.errors, tlstudio.core.models.classifier, tlstudio.core.training.train\n"
        "import tlstudio.core.models.features\n"
        "print('tensorflow' in sys.modules, 'keras' in sys.modules)\n"
    )
    result = _run(code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "False"]
