"""Python's cycle collector, run on the GUI thread only while the window is up.

CPython collects reference cycles on whichever thread happens to allocate
when a threshold is crossed. In FieldApp that is often not the GUI thread: the
GNSS reader parses ten epochs a second, and task-manager workers render
labels and exports. If the cycles it frees hold a Qt object (a dialog kept in
a cycle by a connected lambda, a pixmap), the C++ destructor then runs on that
worker while the GUI thread is inside Qt. A CI run crashed exactly so: a
segfault with "Garbage-collecting" on top of a worker's stack, in the middle
of a label render.

The usual cure in PyQt and PySide programs (calibre, pyqtgraph, Camelot):
switch automatic collection off and collect from a timer on the GUI thread,
by the same thresholds CPython itself uses. Objects freed by their reference
count alone are not affected; only cycles wait for the next tick.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Slot

_NAME = "fieldapp-cycle-collector"


class GuiThreadCollector(QObject):
    """Owns the decision when cycles are collected; a child of the application."""

    #: how often the thresholds are looked at; a cycle lives at most this long
    INTERVAL_MS = 500

    def __init__(self, app: QCoreApplication) -> None:
        super().__init__(app)
        self.setObjectName(_NAME)
        self._was_enabled = gc.isenabled()
        self._thresholds = gc.get_threshold()
        self.collections = 0
        self._frozen = False
        gc.disable()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.tick)
        self._timer.start(self.INTERVAL_MS)

    @Slot()
    def tick(self) -> None:
        """Collect the oldest generation whose count passed its threshold, as CPython would."""
        counts = gc.get_count()
        generation = -1
        for gen in range(3):
            if counts[gen] > self._thresholds[gen]:
                generation = gen
            else:
                break
        if generation >= 0:
            gc.collect(generation)
            self.collections += 1

    def freeze_survivors(self) -> None:
        """Leave what the start built out of every later collection (once; Python's ``gc.freeze``).

        The modules, classes, the window and its forms live as long as the program, yet sit in the
        young generation (nothing was collected while they were made), so the next collections would
        walk them all: a pause of some 20 ms in the middle of the user's first clicks, and every
        full collection after it again. Frozen, a collection walks only what was made since."""
        if not self._frozen:
            self._frozen = True
            gc.collect()  # the garbage of the start is freed first, not kept for good
            gc.freeze()

    def stop(self) -> None:
        """Hand collection back to CPython (tests do this when their Qt part ends)."""
        self._timer.stop()
        if self._frozen:
            gc.unfreeze()
            self._frozen = False
        if self._was_enabled:
            gc.enable()
        self.setParent(None)
        self.deleteLater()


def collect_on_gui_thread(app: QCoreApplication) -> GuiThreadCollector:
    """Install the collector on ``app`` (the GUI thread's application) once; return it."""
    found = app.findChild(GuiThreadCollector, _NAME)
    return found if isinstance(found, GuiThreadCollector) else GuiThreadCollector(app)


def freeze_survivors() -> None:
    """:meth:`GuiThreadCollector.freeze_survivors`, when the application has the collector (FieldApp's start)."""
    app = QCoreApplication.instance()
    found = None if app is None else app.findChild(GuiThreadCollector, _NAME)
    if isinstance(found, GuiThreadCollector):
        found.freeze_survivors()


@contextmanager
def no_cycle_collection() -> Iterator[None]:
    """No automatic collection inside (the start's imports: many objects, few cycles); as before after.

    What was made inside (modules, classes, Qt's enums: some 18,000 objects) lives as long as the
    program. It is put in the oldest generation at once, where a full collection still looks at it,
    rather than walked by a young-generation collection at the next allocation (~3 ms of the first
    window): ``gc.freeze`` and ``gc.unfreeze`` move every object there without looking at any."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if gc.get_freeze_count() == 0:  # nothing frozen by anyone else, to be thawed by mistake
            gc.freeze()
            gc.unfreeze()
        if collecting:
            gc.enable()
