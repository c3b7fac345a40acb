"""core.tflog: TensorFlow's import without the messages its log level should have hidden."""

from __future__ import annotations

import os
import subprocess
import sys

from tlstudio.core.tflog import without_noise

ABSL = b"WARNING: All log messages before absl::InitializeLog() is called are written to STDERR\n"
ONEDNN = (b"I0000 00:00:1795672723.141426   26329 port.cc:153] oneDNN custom operations are on. You may see "
          b"slightly different numerical results due to floating-point round-off errors from different computation "
          b"orders. To turn them off, set the environment variable `TF_ENABLE_ONEDNN_OPTS=0`.\n")


def test_only_the_two_import_messages_are_taken_out():
    other = b"E0000 00:00:1795672723.2 26329 cuda_dnn.cc:8579] Unable to register cuDNN factory\n"
    python = b"UserWarning: something the user should see\n"
    assert without_noise(ABSL + ONEDNN + other + ABSL + ONEDNN + python) == other + python
    assert without_noise(ONEDNN.replace(b"\n", b"\r\n")) == b""
    assert without_noise(b"oneDNN custom operations are on, says a user's own print\n") != b""


def _stderr_of(code: str, level: str) -> str:
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": level}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    return done.stderr.decode(errors="replace")


def test_a_capture_writes_back_everything_but_the_noise_in_order():
    code = (
        "import os, sys\n"
        "from tlstudio.core.tflog import _Capture\n"
        "capture = _Capture()\n"
        f"os.write(2, {ABSL!r} + b'first line\\n' + {ONEDNN!r})\n"
        "print('second line', file=sys.stderr)\n"
        "capture.close()\n"
        "print('after', file=sys.stderr)\n"
    )
    assert _stderr_of(code, "2") == "first line\nsecond line\nafter\n"


def test_importing_keras_after_install_prints_none_of_the_noise():
    code = (
        "import sys\n"
        "from tlstudio.core import tflog\n"
        "tflog.install()\n"
        "import keras, tensorflow\n"
        "assert not any(isinstance(f, tflog._QuietFinder) for f in sys.meta_path)  # gone after the import\n"
        "print('imported', tensorflow.__version__ != '', file=sys.stderr)\n"
    )
    stderr = _stderr_of(code, "2")
    assert "oneDNN custom operations" not in stderr and "absl::InitializeLog" not in stderr
    assert stderr.endswith("imported True\n")


def test_nothing_is_hidden_when_the_log_level_asks_for_information():
    code = (
        "import sys\n"
        "from tlstudio.core import tflog\n"
        "captures = []\n"
        "class Counted(tflog._Capture):\n"
        "    def __init__(self):\n"
        "        captures.append(1)\n"
        "        super().__init__()\n"
        "tflog._Capture = Counted\n"
        "tflog.install()\n"
        "import tensorflow\n"
        "assert type(tensorflow.__loader__).__name__ != '_QuietLoader' and tensorflow.__spec__.loader is tensorflow.__loader__\n"
        "print('captures', len(captures), file=sys.stderr)\n"
    )
    assert _stderr_of(code, "0").endswith("captures 0\n")
    assert _stderr_of(code, "2").endswith("captures 1\n")


def test_install_sets_the_log_level_only_where_the_user_did_not():
    code = "import os\nfrom tlstudio.core import tflog\ntflog.install()\nprint(os.environ['TF_CPP_MIN_LOG_LEVEL'])\n"
    unset = {k: v for k, v in os.environ.items() if k != "TF_CPP_MIN_LOG_LEVEL"}
    for env, expected in ((unset, "2"), ({**unset, "TF_CPP_MIN_LOG_LEVEL": "0"}, "0")):
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip() == expected
