"""A real ``tlstudio`` command (the CLI's own ``main``) that holds its run folder while the test
looks: after its first saved epoch it says ``READY <run folder>`` on stdout and waits for a line
on stdin, so a second writer can be tried at a known moment, without sleeping."""

from __future__ import annotations

import sys

from tlstudio.cli.main import main
from tlstudio.core.outputs import runs

_original = runs.RunFolder.append_history
_waited: list[bool] = []


def _append_then_wait(self, row):  # noqa: ANN001 - the patched method's own signature
    path = _original(self, row)
    if not _waited:
        _waited.append(True)
        print(f"READY {self.path}", flush=True)
        sys.stdin.readline()
    return path


runs.RunFolder.append_history = _append_then_wait

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
