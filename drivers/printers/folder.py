"""The simulated printer: each job becomes a file in a folder.

Used by ``--demo`` and the tests, and handy for a look at the ZPL before it
goes to a real printer.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from fieldapp.errors import DeviceError
from fieldapp.progress import Progress


class FolderPrinter:
    def __init__(self, folder: Path, *, suffix: str = ".zpl") -> None:
        self.folder = folder
        self.suffix = suffix

    def jobs(self) -> list[Path]:
        return sorted(self.folder.glob(f"job-*{self.suffix}"))

    def send(self, data: bytes, progress: Progress | None = None) -> None:
        # A typo in the folder would otherwise make a new folder nobody looks in.
        if not self.folder.is_dir():
            raise DeviceError(f"The printer folder {self.folder} does not exist.",
                              hint="Create it first, or give the folder:PATH of an existing folder.")
        try:
            numbers = [int(p.stem.split("-")[1]) for p in self.jobs() if p.stem[4:].isdigit()]
            target = self.folder / f"job-{max(numbers, default=0) + 1:05d}{self.suffix}"
            fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".job-", suffix=".part")
            try:
                with os.fdopen(fd, "wb") as f:
                    f.write(data)
                os.replace(tmp, target)
                if progress is not None:
                    progress(len(data), len(data))
            except BaseException:
                os.unlink(tmp)
                raise
        except OSError as exc:
            raise DeviceError(f"Could not write the print job to {self.folder}: {exc}.") from exc
