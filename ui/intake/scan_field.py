"""Where scanned codes come in: the keyboard-wedge field and the serial scanner bridge.

A keyboard-wedge scanner types a code into the focused field and ends it
with Enter, with Tab, or with nothing. Enter and Tab commit at once (Tab
must not move the focus away, or the next scan lands elsewhere). Without a
suffix the code is committed after a short pause, but only when the keys
came at scanner speed: a person typing a code by hand pauses between keys
and ends it with Enter.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import QLineEdit, QWidget

from drivers.scanners import SerialScanner
from ui.i18n import tr

SCANNER_KEY_GAP_S = 0.035  # scanners type a key every few ms; people rarely faster than 50 ms


DAMAGED_KEY = Qt.Key.Key_F2


class ScanField(QLineEdit):
    scanned = Signal(str)
    damaged = Signal()  # the one key that marks the container scanned last as damaged

    def __init__(self, parent: QWidget | None = None, *, pause_ms: int = 120) -> None:
        super().__init__(parent)
        self.setMaxLength(8192)  # a runaway scan is cut, then named as too long; never a frozen field
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        self.setFont(font)
        self.setPlaceholderText(tr("Scan a container label here"))
        # a wedge scanner types wherever the focus is: make it plain whether it is here
        self.setStyleSheet("ScanField { border: 2px solid #9aa0a6; border-radius: 4px; }"
                           "ScanField:focus { border: 4px solid #2f4f8f; }")
        self._keys: list[float] = []
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(pause_ms)
        self._pause.timeout.connect(self._paused)
        self.textEdited.connect(self._typed)

    def event(self, e: QEvent) -> bool:
        # The suffix keys are taken here rather than in keyPressEvent: Tab is taken by the focus
        # chain before keyPressEvent sees it, and PySide6 6.12 over-releases None on every call of
        # a Python keyPressEvent override (a refcount bug that crashes the interpreter at exit).
        if e.type() == QEvent.Type.KeyPress and isinstance(e, QKeyEvent):
            key = e.key()
            if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
                self.commit()
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.commit(allow_empty=True)
                return True
            if key == DAMAGED_KEY:
                self.damaged.emit()
                return True
        return super().event(e)

    def _typed(self, _text: str) -> None:
        self._keys.append(time.monotonic())
        self._pause.start()

    def _paused(self) -> None:
        keys = self._keys
        if self.text() and len(keys) >= 4 and (keys[-1] - keys[0]) / (len(keys) - 1) <= SCANNER_KEY_GAP_S:
            self.commit()

    def commit(self, allow_empty: bool = False) -> None:
        self._pause.stop()
        text = self.text()
        self._keys = []
        self.clear()
        if text or allow_empty:
            self.scanned.emit(text)


class SerialBridge(QObject):
    """A serial scanner's codes as a Qt signal, delivered on the GUI thread."""

    scanned = Signal(str)
    failed = Signal(str)

    def __init__(self, url: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # signals emitted from the reader thread are queued to this object's (the GUI) thread
        self.scanner = SerialScanner(url, self.scanned.emit, on_error=self.failed.emit)

    def start(self) -> None:
        self.scanner.start()

    def stop(self) -> None:
        self.scanner.stop()
