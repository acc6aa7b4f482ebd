"""The main window's status bar: the message, a task's progress, the database's name and the sync panel.

Qt draws a status message on one line and cuts it off where the permanent widgets start
(the database name, the sync panel); at the sunlight theme's large type on a 1366-pixel
screen "Demoproject ... 37 monsters, 74 potjes." lost its end. The message is shown by a
word-wrapping label instead: the first permanent widget, stretched over the free width,
which leaves Qt's own one-line drawing no room. Qt's message stays the one interface every
window uses (``showMessage`` with its timeout, ``currentMessage``, ``messageChanged``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar, QWidget

from ui.i18n import tr

if TYPE_CHECKING:
    from ui.sync_status import SyncPanel

#: the sync panel's state text, in two lines rather than one long one: the status messages keep their room
SYNC_TEXT_PX = 360


class StatusBar(QStatusBar):
    def __init__(self, db_path: str | Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.insertPermanentWidget(0, self.message_label, 1)
        self.messageChanged.connect(self.message_label.setText)
        self.progress_bar = QProgressBar()
        self.progress_bar.setMaximumWidth(260)
        self.progress_bar.setVisible(False)
        self.addPermanentWidget(self.progress_bar)
        # the file's name: a full path would take the status bar's width from the sync controls
        self.db_label = QLabel(Path(db_path).name)
        self.db_label.setToolTip(tr("Database: {path}").format(path=db_path))
        self.db_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.addPermanentWidget(self.db_label)

    def add_sync(self, panel: SyncPanel) -> None:
        """The sync panel (pending changes, last sync, state, "Sync now"), right of the database's name."""
        panel.label.setWordWrap(True)
        panel.label.setFixedWidth(SYNC_TEXT_PX)
        self.addPermanentWidget(panel.widget)
