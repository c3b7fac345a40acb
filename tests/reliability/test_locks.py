"""One writer at a time in the workspace: a second writer of a run folder (or of any folder
tlstudio writes into) is refused with a message naming the process and computer that hold it;
a lock left by a process that ended is taken over, by exactly one contender.

The processes here are real: small Python processes that take the lock and wait for a line on
stdin (no sleeping), and two real ``tlstudio`` commands (a run that waits after its first
epoch, see ``holder.py``, and a ``train --resume`` of its folder).
"""

from __future__ import annotations

import csv
import json
import os
import platform
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.reliability.processes import ENV, holder_command, say, wait_for
from tlstudio.core.outputs.locks import LOCK_FILE, FolderLocked, WorkspaceLock, holder_of, lock_path, run_lock

#: Takes the lock of argv[1], says "won <pid>" or "refused <message>", then waits for a line.
_CONTENDER = textwrap.dedent("""
    import os, sys
    from tlstudio.core.outputs.locks import FolderLocked, WorkspaceLock
    sys.stdin.readline()  # start together
    try:
        lock = WorkspaceLock(sys.argv[1], what="run folder", command="contender").acquire()
    except FolderLocked as exc:
        print("refused", exc.message, flush=True)
        sys.exit(0)
    print("won", os.getpid(), flush=True)
    sys.stdin.readline()
    if sys.argv[2:] == ["vanish"]:
        os._exit(0)  # ends without releasing: a stale lock, as after a crash or a kill
    lock.release()
""")


def _contender(folder: Path, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", _CONTENDER, str(folder), *extra], env=ENV, text=True,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)



def test_a_second_writer_is_refused_naming_the_process_host_and_command(tmp_path: Path) -> None:
    folder = tmp_path / "run"
    folder.mkdir()
    holder = _contender(folder)
    say(holder)
    assert holder.stdout is not None and holder.stdout.readline().split() == ["won", str(holder.pid)]
    record = json.loads((folder / LOCK_FILE).read_text())
    assert (record["pid"], record["host"], record["command"]) == (holder.pid, platform.node(), "contender")
    assert record["since"] and record["process_started"] > 0

    with pytest.raises(FolderLocked) as refused:
        WorkspaceLock(folder, what="run folder").acquire()
    message = refused.value.message
    assert f"process {holder.pid} on {platform.node()}" in message and "contender" in message
    assert str(folder) in message and refused.value.exit_code == 5
    assert holder_of(folder)["pid"] == holder.pid

    say(holder)
    assert holder.wait(timeout=30) == 0
    assert not (folder / LOCK_FILE).exists()  # released: the next writer is welcome
    with WorkspaceLock(folder):
        assert json.loads((folder / LOCK_FILE).read_text())["pid"] == os.getpid()


def test_a_stale_lock_is_taken_over_by_exactly_one_of_several_contenders(tmp_path: Path) -> None:
    folder = tmp_path / "run"
    folder.mkdir()
    gone = _contender(folder, "vanish")
    say(gone)
    assert gone.stdout is not None and gone.stdout.readline().startswith("won")
    say(gone)
    assert gone.wait(timeout=30) == 0
    assert json.loads((folder / LOCK_FILE).read_text())["pid"] == gone.pid  # left behind
    assert holder_of(folder) is None  # its process has ended

    contenders = [_contender(folder) for _ in range(4)]
    for process in contenders:
        say(process)  # all start at once
    answers = [process.stdout.readline().split(" ", 1) for process in contenders]  # type: ignore[union-attr]
    winners = [p for p, (word, _) in zip(contenders, answers) if word == "won"]
    assert len(winners) == 1, answers
    assert all(f"process {winners[0].pid} on" in rest for word, rest in answers if word == "refused"), answers
    assert json.loads((folder / LOCK_FILE).read_text())["pid"] == winners[0].pid
    for process in contenders:
        if process in winners:
            say(process)
        assert process.wait(timeout=30) == 0
    assert not (folder / LOCK_FILE).exists()


def test_a_lock_from_another_computer_is_never_taken_over(tmp_path: Path) -> None:
    folder = tmp_path / "shared-run"
    folder.mkdir()
    lock_path(folder).write_text(json.dumps({"pid": 4242, "host": "lab-pc-7", "process_started": 1.0,
                                             "since": "2026-01-05T09:00:00+01:00", "command": "tlstudio train"}))
    with pytest.raises(FolderLocked) as refused:
        run_lock(folder)
    assert "process 4242 on lab-pc-7" in refused.value.message and "another computer" in refused.value.message
    assert str(lock_path(folder)) in (refused.value.hint or "")  # what to delete once that process is known gone
    assert json.loads(lock_path(folder).read_text())["host"] == "lab-pc-7"  # untouched


def test_the_same_program_writing_one_folder_twice_is_refused_too(tmp_path: Path) -> None:
    with run_lock(tmp_path) as first:
        with pytest.raises(FolderLocked, match="already being written by this same program"):
            run_lock(tmp_path)
        assert first.fd is not None



@pytest.mark.slow
def test_cli_resume_of_a_run_another_cli_is_training_is_refused(make_image_folder, tmp_path: Path) -> None:
    """`tlstudio train --resume` while the run trains in another `tlstudio train`: refused with
    exit status 5, naming that process; the run then finishes with one history row per epoch."""
    data = make_image_folder(tmp_path / "data", classes=("circle", "square"), per_class=10, size=40)
    workspace = tmp_path / "ws"
    first = subprocess.Popen(holder_command(data, workspace), env=ENV, text=True, stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        assert first.stdout is not None
        line = first.stdout.readline()
        assert line.startswith("READY "), first.stderr.read() if first.stderr else line  # type: ignore[union-attr]
        run_dir = Path(line.split(" ", 1)[1].strip())
        second = subprocess.run([sys.executable, "-m", "tlstudio", "train", "--resume", str(run_dir)], env=ENV,
                                capture_output=True, text=True, timeout=300)
        assert second.returncode == 5, second.stderr
        assert f"is being written by process {first.pid} on {platform.node()}" in second.stderr
        assert "Traceback" not in second.stderr
        say(first)
        out, err = first.communicate(timeout=300)
    finally:
        if first.poll() is None:
            first.kill()
    assert first.returncode == 0, err
    rows = list(csv.DictReader((run_dir / "history.csv").open()))
    assert [int(r["epoch"]) for r in rows] == [1, 2, 3]
    assert json.loads((run_dir / "status.json").read_text())["status"] == "finished"
    assert not (run_dir / LOCK_FILE).exists()



@pytest.mark.slow
def test_sigterm_stops_the_run_like_stop(make_image_folder, tmp_path: Path) -> None:
    """SIGTERM (what a service manager or `kill` sends) stops at the next batch, as Stop and Ctrl-C
    do: the run ends "cancelled", resumable, exit 130 (before, its status stayed "running")."""
    import signal

    data = make_image_folder(tmp_path / "data", classes=("circle", "square"), per_class=10, size=40)
    first = subprocess.Popen(holder_command(data, tmp_path / "ws"), env=ENV, text=True, stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        line = first.stdout.readline()  # type: ignore[union-attr]
        assert line.startswith("READY "), line
        run_dir = Path(line.split(" ", 1)[1].strip())
        first.send_signal(signal.SIGTERM)
        wait_for(first.stderr, "Stopping after the current batch")
        say(first)  # let it go on: it stops at the next batch
        out, err = first.communicate(timeout=300)
    finally:
        if first.poll() is None:
            first.kill()
    assert first.returncode == 130, err[-3000:]
    status = json.loads((run_dir / "status.json").read_text())
    assert status["status"] == "cancelled" and (run_dir / "checkpoints" / "state.json").is_file()
    assert "Stopped before the end" in out and "--resume" in out
    assert not (run_dir / LOCK_FILE).exists()


#: The CLI's stop handler around a read that never returns by itself (as a hung file would be).
_BLOCKED = textwrap.dedent("""
    import sys
    from tlstudio.cli.options import StopOnInterrupt
    with StopOnInterrupt() as stop:
        print("blocked", flush=True)
        sys.stdin.readline()
    print("not ended at once", flush=True)
""")


@pytest.mark.parametrize("signal_name", ["SIGINT", "SIGTERM"])
def test_a_second_ctrl_c_or_sigterm_ends_the_process_at_once(signal_name: str) -> None:
    import signal

    number = getattr(signal, signal_name)
    blocked = subprocess.Popen([sys.executable, "-c", _BLOCKED], env=ENV, text=True, stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        assert blocked.stdout.readline() == "blocked\n"  # type: ignore[union-attr]
        blocked.send_signal(number)
        wait_for(blocked.stderr, "press Ctrl-C again to end at once")
        assert blocked.poll() is None  # the first one only asks to stop
        blocked.send_signal(number)
        assert blocked.wait(timeout=30) == -number
    finally:
        if blocked.poll() is None:
            blocked.kill()
