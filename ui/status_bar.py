"""The main window's status bar: a message over as many lines as it needs.

Qt draws a status message on one line and cuts it off where the permanent widgets start
(the database name, the sync panel); at the sunlight theme's large type on a 1366-pixel
screen "Demoproject ... 37 monsters, 74 potjes." lost its end. The message is shown by a
word-wrapping label instead: the first permanent widget, stretched over the free width,
which leaves Qt's own one-line drawing no room. Qt's message stays the one interface every
window uses (``showMessage`` with its timeout, ``currentMessage``, ``messageChanged``).
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QStatusBar, QWidget


class StatusBar(QStatusBar):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.insertPermanentWidget(0, self.message_label, 1)
        self.messageChanged.connect(self.message_label.setText)
