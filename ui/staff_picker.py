"""Who did the work: a pick list of the staff register for the borehole and sample forms.

Empty means "not recorded" (`fieldapp check` then says so); the app's user is never assumed. The
choice stays when the form moves on to the next borehole or sample: a crew works a day together.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox

from fieldapp.domain import staff
from fieldapp.domain.staff import Staff
from fieldapp.session import Session
from ui.i18n import tr, tr_noop

#: the roles of the staff register, in words
ROLE_WORDS = {"experienced": tr_noop("experienced fieldworker"), "assistant": tr_noop("assistant"),
              "projectleader": tr_noop("projectleader")}


def person_text(person: Staff) -> str:
    """"J. de Vries (ervaren veldwerker)": whom the choice is of, and in what role."""
    return f"{person.name} ({tr(ROLE_WORDS.get(person.role, person.role))})"


class StaffCombo(QComboBox):
    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.setToolTip(tr("Who did the work (staff register); empty: not recorded"))
        self.refresh()

    def refresh(self) -> None:
        """The register as it is now (another device may have added to it), keeping the choice."""
        keep = self.staff_id()
        self.blockSignals(True)
        self.clear()
        self.addItem(tr("(not recorded)"), None)
        people = [p for p in staff.register(self.session.store) if p.role != "projectleader"]
        for person in sorted(people, key=lambda p: (p.role != "experienced", p.name)):
            self.addItem(person_text(person), person.id)
        index = self.findData(keep) if keep else 0
        self.setCurrentIndex(max(0, index))
        self.blockSignals(False)

    def staff_id(self) -> str | None:
        value = self.currentData()
        return value if isinstance(value, str) and value else None

    def set_staff_id(self, staff_id: str | None) -> None:
        index = self.findData(staff_id) if staff_id else 0
        self.setCurrentIndex(max(0, index))
