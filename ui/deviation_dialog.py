"""Record a deviation (afwijking) when a write is refused by a rule a projectleader may deviate from.

A form's :class:`~ui.field_errors.FieldErrors` shows such a refusal with a link "Record
deviation…" (:meth:`FieldErrors.on_deviation`); the link opens this dialog, prefilled with the
rule's part of the protocol and what deviated. On OK the form retries its write with
:class:`~fieldapp.domain.deviation.Overrides` holding the draft (and any drafts it already had),
so the object and its deviation are written in one action. Window-modal, no nested event loop.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from fieldapp.domain import staff
from fieldapp.domain.deviation import DeviationDraft, Overrides
from fieldapp.errors import FieldAppError, ValidationError
from fieldapp.rules import RuleError
from fieldapp.session import Session
from ui.field_errors import FieldErrors, message, translate
from ui.forms import add_row
from ui.i18n import tr, tr_noop
from ui.staff_picker import person_text

# The core's English messages of a deviation (fieldapp/domain/deviation.py), as templates for tr()
_WORDS: tuple[tuple[str, str], ...] = (
    (r"Deviation: the reason \(motivatie\) is empty\.", tr_noop("The reason (motivatie) is empty.")),
    (r"Say why the protocol could not be followed here\.",
     tr_noop("Say why the protocol could not be followed here.")),
    (r"Deviation: the consequences and risks are empty\.", tr_noop("The consequences and risks are empty.")),
    (r"Say what the deviation means for the result \(or that it means nothing\)\.",
     tr_noop("Say what the deviation means for the result (or that it means nothing).")),
)


class DeviationDialog(QDialog):
    """Part of the protocol, nature, reason, consequences and who decides, for one broken rule."""

    recorded = Signal(object)  # the DeviationDraft

    def __init__(self, session: Session, error: RuleError, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Record deviation"))
        self.rule_id = error.rule.id
        self.errors = FieldErrors(QLabel())
        intro = QLabel(tr("The protocol allows this only as a recorded deviation (afwijking). It is kept with the "
                          "record, listed by the check and in every export."))
        intro.setWordWrap(True)
        broken = QLabel(message(error))
        broken.setWordWrap(True)
        broken.setProperty("role", "warning")
        self.part_edit = QLineEdit(error.rule.citation)
        self.nature_edit = QPlainTextEdit(error.message_in("nl"))
        self.reason_edit = QPlainTextEdit()
        self.reason_edit.setPlaceholderText(tr("why the protocol could not be followed here"))
        self.consequences_edit = QPlainTextEdit()
        self.consequences_edit.setPlaceholderText(tr("what it means for the result, and its risks"))
        for edit in (self.nature_edit, self.reason_edit, self.consequences_edit):
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(64)
        self.who_combo = QComboBox()
        self.who_combo.addItem(tr("(not given)"), None)
        people = staff.register(session.store)
        # whoever decides is usually the projectleader; the fieldworkers after them
        for person in sorted(people, key=lambda p: (p.role != "projectleader", p.role == "assistant", p.name)):
            self.who_combo.addItem(person_text(person), person.id)
        if any(p.role == "projectleader" for p in people):
            self.who_combo.setCurrentIndex(1)
        grid = QGridLayout()
        add_row(grid, tr("Part of the protocol"), self.part_edit, self.errors, "part")
        add_row(grid, tr("Nature"), self.nature_edit, self.errors, "nature")
        add_row(grid, tr("Motivation"), self.reason_edit, self.errors, "reason")
        add_row(grid, tr("Consequences and risks"), self.consequences_edit, self.errors, "consequences")
        add_row(grid, tr("Decided by"), self.who_combo, self.errors, "staff")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(tr("Record and save"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Cancel"))
        buttons.accepted.connect(self.record)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(broken)
        layout.addLayout(grid)
        layout.addWidget(self.errors._general)
        layout.addWidget(buttons)
        self.resize(560, self.sizeHint().height())
        self.reason_edit.setFocus()

    def draft(self) -> DeviationDraft:
        """The deviation as filled in (ValidationError naming the empty field)."""
        who = self.who_combo.currentData()
        return DeviationDraft(self.rule_id, self.part_edit.text(), self.nature_edit.toPlainText(),
                              self.reason_edit.toPlainText(), self.consequences_edit.toPlainText(),
                              who if isinstance(who, str) else None)

    def record(self) -> None:
        try:
            draft = self.draft()
        except ValidationError as exc:
            self.errors.show(ValidationError(exc.field, translate(exc.message, _WORDS),
                                             hint=translate(exc.hint, _WORDS)))
            return
        except FieldAppError as exc:
            self.errors.show(exc)
            return
        self.accept()
        self.recorded.emit(draft)


class DeviationRetry:
    """The drafts of one pending write: a refused overridable rule opens the dialog, its draft is
    added, and ``retry`` runs the write again with all of them (a write may break two such rules)."""

    def __init__(self, session: Session, parent: QWidget, retry: Callable[[Overrides], object]) -> None:
        self.session = session
        self.parent = parent
        self.retry = retry
        self.drafts: list[DeviationDraft] = []
        self.dialog: DeviationDialog | None = None

    def offer(self, error: RuleError) -> DeviationDialog:
        self.dialog = DeviationDialog(self.session, error, self.parent)
        self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.recorded.connect(self._recorded)
        self.dialog.open()
        return self.dialog

    def overrides(self) -> Overrides:
        return Overrides(self.drafts)

    def clear(self) -> None:
        self.drafts.clear()

    def _recorded(self, draft: DeviationDraft) -> None:
        self.drafts = [d for d in self.drafts if d.rule_id != draft.rule_id] + [draft]
        self.retry(self.overrides())
