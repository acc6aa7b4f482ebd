"""A sound per kind of outcome, so the clerk need not look up after each scan.

Qt's multimedia module is not part of PySide6-Essentials; where it is
missing (and on the offscreen platform of the tests) problems get the
system beep and a good scan stays silent, which is what most scanners'
own beeper already covers.
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from fieldapp.intake.scan import PROBLEMS, Outcome


class Sound:
    def __init__(self, enabled: bool = True) -> None:
        self.enabled = enabled and QApplication.platformName() not in ("offscreen", "minimal")
        self.played: list[str] = []  # what would have sounded, for the tests and the log

    def play(self, outcome: Outcome) -> None:
        kind = "problem" if outcome in PROBLEMS or outcome is Outcome.DUPLICATE else "ok"
        self.played.append(kind)
        if self.enabled and kind == "problem":
            QApplication.beep()
