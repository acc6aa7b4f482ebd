"""The two callbacks long work is given, by the GUI's task manager (ui/taskman.py) or a command's
progress bar (fieldapp/cli/progress.py): the same shapes for an export, an import, a check, a
verify, labels and a print job."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeAlias

#: ``progress(done, total)``: how far the work is, in its own steps (rows, labels, tables, bytes)
Progress: TypeAlias = Callable[[int, int], None]
#: ``cancelled()``: True once the user asked to stop; the work then stops at its next step, nothing half written
Cancelled: TypeAlias = Callable[[], bool]
