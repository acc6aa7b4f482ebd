"""Which project's cooler: the shipments of a COC number that several projects use, one large button each.

The core says when a typed COC number or a scanned COC form names more than one
shipment (:mod:`fieldapp.intake.which`); the "which cooler?" prompts show the
shipments here, with their project's code and name, so the clerk picks the one
whose form came with the cooler (a finger in a glove hits a button this tall).
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from fieldapp.errors import FieldAppError
from fieldapp.intake.which import Ambiguous, Candidate
from fieldapp.session import Session
from ui.i18n import counted, tr
from ui.intake.words import error_text
from ui.screen import fit_to_screen
from ui.theme import TOUCH_PX


def shipment_state(received_at: str | None, relinquished_at: str | None) -> str:
    """Where a cooler is: received (when), on its way, or still being packed."""
    if received_at:
        return tr("received {when}").format(when=received_at[:16].replace("T", " "))
    if relinquished_at:
        return tr("on its way")
    return tr("being packed")


def candidate_text(c: Candidate) -> str:
    """The two lines of a candidate's button: its project, then the shipment as the prompt's list says it."""
    project = tr("Project {code} · {name}").format(code=c.project_code, name=c.project_name) if c.project_name \
        else tr("Project {code}").format(code=c.project_code)
    shipment = tr("{coc} · {lab} · {n} · {state}").format(
        coc=c.coc, lab=c.lab, n=counted(c.containers, "jar"), state=shipment_state(c.received_at, c.relinquished_at))
    return f"{project}\n{shipment}"


class ProjectChoice(QWidget):
    """The shipments a COC number names in several projects; hidden while there is nothing to choose."""

    chosen = Signal(object)  # the Receipt of the shipment picked

    def __init__(self, session: Session, message: QLabel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.message = message  # where a refusal of the one picked is said
        self.buttons: list[QPushButton] = []
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.hide()

    def offer(self, ambiguous: Ambiguous) -> None:
        """A button per shipment of ``ambiguous``; the prompt's message says why."""
        self.clear()
        said = tr("COC number {coc} is used in {n} projects. Which project's form came with this cooler? "
                  "Pick it below.").format(coc=ambiguous.coc, n=len(ambiguous.candidates))
        self.message.setText(f"<b>{escape(said, quote=False)}</b>")
        for c in ambiguous.candidates:
            button = QPushButton(candidate_text(c).replace("&", "&&"))  # "SYNLAB Analytics & Services": no mnemonic
            font = QFont(button.font())
            font.setPointSizeF(font.pointSizeF() * 1.25)
            button.setFont(font)
            # two lines, each big enough to read at arm's length; in the style sheet, which the theme's (a button
            # is one touch target high) would otherwise win over a minimum height set on the widget
            button.setStyleSheet(f"QPushButton {{ min-height: {2 * TOUCH_PX}px; text-align: left; "
                                 "padding: 4px 14px; }")
            button.setMinimumWidth(TOUCH_PX * 4)  # a name longer than the screen is cut, not the window widened
            button.clicked.connect(lambda _checked=False, a=ambiguous, p=c.project_code: self.pick(a, p))
            self._layout.addWidget(button)
            self.buttons.append(button)
        self.show()
        self._room()

    def _room(self) -> None:
        """The prompt grown to show the buttons whole, within the screen and centred on it again."""
        top = self.window()
        top.layout().activate()
        need = top.sizeHint()
        if need.width() > top.width() or need.height() > top.height():
            fit_to_screen(top, max(top.width(), need.width()), max(top.height(), need.height()))

    def clear(self) -> None:
        for button in self.buttons:
            self._layout.removeWidget(button)
            button.deleteLater()
        self.buttons = []
        self.hide()

    def pick(self, ambiguous: Ambiguous, project_code: str) -> None:
        """Open the receipt of ``project_code``'s shipment; a refusal (received at another desk meanwhile, a
        form of no candidate) is said in the message and the buttons stay."""
        try:
            receipt = ambiguous.open(self.session, project_code)
        except FieldAppError as exc:
            text, hint = error_text(exc)
            self.message.setText(f"<b>{escape(text, quote=False)}</b> {escape(hint, quote=False)}")
            return
        self.clear()
        self.chosen.emit(receipt)
