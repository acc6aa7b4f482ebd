"""The sample form's typed input: its interval rows, and what is typed, said before the form is left and put
back after an undo read the form again (ui/unsaved.py). A mixin of :class:`ui.sample_form.SampleForm`, kept
apart to keep that module short."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QListView, QWidget

from ui.i18n import tr
from ui.lazy_boreholes import BoreholeCodesModel
from ui.unsaved import field_state, put_fields

if TYPE_CHECKING:
    from ui.sample_form import SampleForm


#: the borehole choice is as wide as a code this long ("B10000", "HB-0142-12")
BOREHOLE_CODE_CHARS = 12


class IntervalRow:
    """One interval of a sample: borehole, from, to."""

    def __init__(self, codes: BoreholeCodesModel, n: int) -> None:
        self.borehole_combo = QComboBox()
        self.borehole_combo.setModel(codes)
        # a project may hold 10,000 boreholes: the width comes from a code length, not from
        # measuring every code when the tab is first shown, and the list's rows are all alike
        self.borehole_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.borehole_combo.setMinimumContentsLength(BOREHOLE_CODE_CHARS)
        view = self.borehole_combo.view()
        if isinstance(view, QListView):
            view.setUniformItemSizes(True)
        self.upper_edit = QLineEdit()
        self.upper_edit.setPlaceholderText(tr("from (m)"))
        self.lower_edit = QLineEdit()
        self.lower_edit.setPlaceholderText(tr("to (m)"))
        self.n = n
        self.error_label: QLabel | None = None


class SampleTyped:
    def unsaved(self: SampleForm) -> str | None:
        """The sample typed and not saved, in a sentence; None when the form holds what it was given."""
        if self.project is None or not self.typed.changed():
            return None
        code, hole = self.code_edit.text().strip(), self.borehole
        return tr("The sample {s} of borehole {c} is not saved yet.").format(s=code, c=hole.code) if hole else \
            tr("The sample {s} is not saved yet.").format(s=code)

    def forget_typed(self: SampleForm) -> None:
        self.typed.clean()

    @property
    def page(self: SampleForm) -> QWidget:
        return self

    def _fields(self: SampleForm) -> tuple[QWidget, ...]:
        return (self.code_edit, self.kind_combo, self.matrix_combo, self.analyses_edit, self.sampled_edit,
                self.staff_combo)

    def typed_input(self: SampleForm) -> object:
        choices = self._boreholes
        rows = [(choices[i].id if 0 <= (i := r.borehole_combo.currentIndex()) < len(choices) else None,
                 r.upper_edit.text(), r.lower_edit.text()) for r in self.rows]
        return (None if self.project is None else self.project.id, field_state(*self._fields()), self._time_shown,
                rows)

    def put_back(self: SampleForm, kept: object) -> bool:
        """The sample typed, over the form read again (its next code, its boreholes)."""
        if not isinstance(kept, tuple) or self.project is None or kept[0] != self.project.id:
            return False
        _project, state, time_shown, rows = kept
        put_fields(self._fields(), state)
        self._time_shown = time_shown  # a time the form put there stays "now" for the save
        for n, (borehole_id, upper, lower) in enumerate(rows):
            row = self.rows[n] if n < len(self.rows) else self.add_interval()
            at = None if borehole_id is None else self._codes.row_of(self.undo.now(borehole_id))
            if at is not None:
                row.borehole_combo.setCurrentIndex(at)
            row.upper_edit.setText(upper)
            row.lower_edit.setText(lower)
        return True
