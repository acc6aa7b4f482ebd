"""Key presses for the GUI tests, sent as plain QKeyEvents.

Not QTest.keyClick: in PySide6 6.12 every QTest.keyClick call over-releases a
reference to None, and a test run with a few thousand of them aborts at exit
("deallocating None").
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

NAMED = {"\r": Qt.Key.Key_Return, "\t": Qt.Key.Key_Tab}


def press(widget: QWidget, key: Qt.Key, text: str = "") -> None:
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, text))


def type_text(widget: QWidget, text: str) -> None:
    """Type ``text`` as a keyboard(-wedge scanner) would, one key at a time."""
    for ch in text:
        if ch in NAMED:
            press(widget, NAMED[ch], ch)
            continue
        key = Qt.Key(ord(ch.upper())) if ch.isascii() and ch.isalnum() else Qt.Key.Key_unknown
        if ch == "-":
            key = Qt.Key.Key_Minus
        press(widget, key, ch)
