"""Real disks that fail: a read-only and a full file system, mounted for one test (root only)."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest


def can_mount() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("mount") is not None


@contextlib.contextmanager
def tmpfs(where: Path, *, size: str = "64k", read_only: bool = False, fill: bool = False) -> Iterator[Path]:
    """A small tmpfs at ``where``; ``fill`` leaves it with no free byte, ``read_only`` mounts it so."""
    if not can_mount():
        pytest.skip("needs root to mount a small tmpfs (a real full or read-only disk)")
    where.mkdir(parents=True, exist_ok=True)
    options = f"size={size}" + (",ro" if read_only else "")
    subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(where)], check=True)
    try:
        if fill:
            with contextlib.suppress(OSError), (where / "filler").open("wb", buffering=0) as f:
                while True:
                    f.write(b"\0" * 4096)
        yield where
    finally:
        subprocess.run(["umount", str(where)], check=True)
