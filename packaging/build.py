"""Build the desktop install for this OS with PyInstaller (``make package``).

    .venv/bin/python packaging/build.py [--dist DIR] [--work DIR] [--self-test]

Runs ``packaging/tlstudio.spec`` and prints where the program is, how long the build took and
how big the folder is. ``--dist`` (default ``dist/``) receives ``tlstudio/`` (and ``tlstudio.app``
on macOS); ``--work`` (default ``build/pyinstaller``) holds PyInstaller's intermediate files.
``--self-test`` then runs the built program's ``--self-test`` and exits with its status.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "packaging" / "tlstudio.spec"
NAME = "tlstudio"


def program(dist: Path) -> Path:
    """The built program that prints (the one to run ``--self-test`` and commands with)."""
    if sys.platform == "win32":
        return dist / NAME / f"{NAME}-console.exe"
    if sys.platform == "darwin":
        return dist / f"{NAME}.app" / "Contents" / "MacOS" / NAME
    return dist / NAME / NAME


def folder_size(folder: Path) -> tuple[int, int]:
    """Bytes and number of files under ``folder`` (links not followed)."""
    total = count = 0
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            total += path.stat().st_size
            count += 1
    return total, count


def build(dist: Path, work: Path, *, log_level: str = "WARN") -> Path:
    """Run PyInstaller on the spec; return the program. Raises CalledProcessError on failure."""
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", log_level,
                    "--distpath", str(dist), "--workpath", str(work), str(SPEC)], check=True, cwd=ROOT)
    built = program(dist)
    if not built.is_file():
        raise FileNotFoundError(f"PyInstaller finished but {built} is missing.")
    return built


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the tlstudio desktop install for this OS.")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="output folder (default: dist/)")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "pyinstaller",
                        help="PyInstaller's working folder (default: build/pyinstaller)")
    parser.add_argument("--self-test", action="store_true", help="run the built program's --self-test afterwards")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        built = build(args.dist.resolve(), args.work.resolve())
    except (subprocess.CalledProcessError, FileNotFoundError) as exc:
        print(f"The build failed: {exc}", file=sys.stderr)
        return 1
    size, files = folder_size(args.dist.resolve() / NAME)
    print(f"Built {built} in {time.perf_counter() - started:.0f} s: "
          f"{args.dist / NAME} holds {size / 2**30:.2f} GiB in {files:,} files.")
    if not args.self_test:
        return 0
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "PYTHONHOME")}
    return subprocess.run([str(built), "--self-test"], env=env).returncode


if __name__ == "__main__":
    sys.exit(main())
