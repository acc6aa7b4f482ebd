"""The Well tab of the workbench: on a borehole of kind peilbuis, how its well is built (ui.well_form)
and its sampling rounds, each opened in the sampling round view (ui.well_round).

Any other borehole says what it is and where to change that, rather than offering a form
the core would refuse.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGroupBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.domain import sampling_round as round_mod
from fieldapp.domain import well as well_mod
from fieldapp.domain.borehole import Borehole
from fieldapp.domain.purge import load as stop_rules
from fieldapp.domain.well import Well
from fieldapp.session import Session
from ui.i18n import Lang, tr
from ui.undo import Undo
from ui.well_form import WellForm
from ui.well_round import SamplingRoundDialog

ID_ROLE = Qt.ItemDataRole.UserRole


class WellTab(QWidget):
    """The well of the current borehole and its sampling rounds."""

    def __init__(self, session: Session, lang: Lang, undo: Undo | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.lang = session, lang
        self.undo = undo
        self.hole: Borehole | None = None
        self.dialog: SamplingRoundDialog | None = None
        self.note = QLabel()
        self.note.setObjectName("well-note")
        self.note.setWordWrap(True)
        self.form = WellForm(session, lang, undo=undo)
        self.form.saved.connect(self._saved)
        self.rounds = QListWidget()
        self.rounds.setObjectName("rounds")
        self.rounds.setMinimumHeight(90)
        self.rounds.itemActivated.connect(lambda _item: self.open_round())
        self.new_button = QPushButton(tr("New sampling round"))
        self.new_button.clicked.connect(self.new_round)
        self.open_button = QPushButton(tr("Open round"))
        self.open_button.clicked.connect(self.open_round)
        self.open_button.setToolTip(tr("Open the sampling round chosen in the list (the latest)"))
        rounds_box = QGroupBox(tr("Sampling rounds"))
        box = QVBoxLayout(rounds_box)
        box.addWidget(self.rounds)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.form)
        layout.addWidget(rounds_box, 1)
        self.load(None)

    def footer(self) -> list[QWidget | None]:
        """The buttons kept in view under the tab when the form scrolls (ui.screen.FormPage)."""
        return [self.form.status_label, None, self.open_button, self.new_button, self.form.save_button]

    @property
    def well(self) -> Well | None:
        return self.form.well

    def load(self, hole: Borehole | None) -> None:
        self.hole = hole
        is_well = hole is not None and hole.kind == well_mod.PEILBUIS
        wells = well_mod.of_borehole(self.session.store, hole.id) if hole is not None and is_well else []
        if hole is None:
            self.note.setText(tr("Choose a borehole of kind peilbuis to record its well."))
        elif not is_well:
            self.note.setText(tr("Borehole {c} is not a monitoring well (peilbuis). Change its kind on the "
                                 "Position tab to record a well.").format(c=hole.code))
        else:
            self.note.setText(tr("Monitoring well {c}: how it is built, and its sampling rounds.").format(
                c=well_mod.well_code(hole.code, wells[0].tube_number) if wells else hole.code))
        self.form.setVisible(is_well)
        self.form.load(hole if is_well else None, wells[0] if wells else None)
        self._list_rounds()

    # typed and not saved: asked about before the borehole is left (ui/unsaved.py)
    @property
    def page(self) -> QWidget:
        return self

    def unsaved(self) -> str | None:
        return self.form.unsaved()

    def save(self) -> Well | None:
        return self.form.save()

    def forget_typed(self) -> None:
        self.form.typed.clean()

    def typed_input(self) -> object:
        return self.form.typed_input()

    def put_back(self, kept: object) -> bool:
        return self.form.put_back(kept)

    def _saved(self, _well: Well) -> None:
        self.load(self.hole)

    def _list_rounds(self) -> None:
        self.rounds.clear()
        well = self.well
        rules = stop_rules()
        for found in [] if well is None else round_mod.of_well(self.session.store, well.id):
            rule = rules.rule(found.stop_rule) if found.stop_rule else None
            state = (tr("stop rule met: {rule}").format(rule=rule.label(self.lang)) if rule is not None
                     else tr("finished without a stop rule") if found.finished_at else tr("purging"))
            item = QListWidgetItem(f"{found.started_at[:16].replace('T', ' ')} — {state}")
            item.setData(ID_ROLE, found.id)
            self.rounds.addItem(item)
        if self.rounds.count():
            self.rounds.setCurrentRow(self.rounds.count() - 1)
        self.new_button.setEnabled(well is not None)
        self.open_button.setEnabled(self.rounds.count() > 0)

    def _open(self, found: round_mod.SamplingRound | None) -> SamplingRoundDialog | None:
        if self.well is None or self.hole is None:
            return None
        dialog = SamplingRoundDialog(self.session, self.well, well_mod.well_code(self.hole.code, self.well.tube_number),
                                     self.lang, found, self, undo=self.undo)
        dialog.changed.connect(self._list_rounds)
        dialog.finished.connect(lambda _r: self._list_rounds())
        self.dialog = dialog
        dialog.open()
        return dialog

    def new_round(self) -> SamplingRoundDialog | None:
        """The round view for a round not yet started: its start, level and pump come first."""
        dialog = self._open(None)
        if dialog is not None:
            dialog.started_edit.setFocus()
        return dialog

    def open_round(self) -> SamplingRoundDialog | None:
        item = self.rounds.currentItem()
        if item is None:
            return None
        return self._open(round_mod.get(self.session.store, str(item.data(ID_ROLE))))
