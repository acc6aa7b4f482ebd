"""The well construction form: filter, pipe, filter gravel, seal, finish, top of the pipe, placement
and development of the monitoring well (peilbuis) in a borehole.

Two columns so the whole form fits a 1366 x 768 laptop: the depths (what goes where in the hole)
left, the materials and the placement right. Depths are typed in metres below the surface as on
the layer form; "Save" writes the whole form in one core action (fieldapp.domain.well), and a
broken rule (gravel not around the filter, a filter below the hole) is shown beside its field.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from fieldapp.domain import well as well_mod
from fieldapp.domain.borehole import Borehole
from fieldapp.domain.well import Well, WellSpec
from fieldapp.errors import FieldAppError, ValidationError
from fieldapp.session import Session
from ui.field_errors import FieldErrors
from ui.forms import add_row, code_combo, combo_code, set_combo_code
from ui.i18n import Lang, decimal, in_metres, tr, tr_noop, typed
from ui.undo import Undo
from ui.unsaved import Typed, field_state, put_fields, shown_values
from ui.well_words import in_words

#: the depth pairs of the form: (core field prefix, label)
_DEPTHS = (("filter", tr_noop("Filter (m below surface)")), ("gravel", tr_noop("Filter gravel (m)")),
           ("seal", tr_noop("Bentonite seal (m)")))


def whole(text: str, field: str) -> int | None:
    """A whole number typed in a box; empty is None."""
    text = text.strip()
    if not text:
        return None
    if not (text.isascii() and text.isdigit()):  # '²' is a digit to Python, and no number
        raise ValidationError(field, tr("'{t}' is not a whole number.").format(t=text),
                              hint=tr("Type digits only, e.g. 32."))
    return int(text)


def given_filter_text(well: Well | None) -> str:
    """The filter depths kept as an imported file gave them (t.o.v. bovenkant buis, NAP); empty when none."""
    given = well.given_filter() if well is not None else None
    if given is None:
        return ""
    top, bottom, reference = given
    depths = {"top": "…" if top is None else decimal(top / 100, 2),
              "bottom": "…" if bottom is None else decimal(bottom / 100, 2)}
    if reference == "nap":
        return tr("Filter as imported: {top}–{bottom} m relative to NAP (the file gives no surface level to "
                  "put it below the surface).").format(**depths)
    return tr("Filter as imported: {top}–{bottom} m from the top of the tube (the file gives no tube height "
              "to put it below the surface).").format(**depths)


class WellForm(QWidget):
    """How the well is built; ``saved`` carries the stored Well."""

    saved = Signal(object)

    def __init__(self, session: Session, lang: Lang, parent: QWidget | None = None, undo: Undo | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.undo = undo
        self.hole: Borehole | None = None
        self.well: Well | None = None
        self.general_error = QLabel()
        self.errors = FieldErrors(self.general_error)
        self.tube_spin = QSpinBox()
        self.tube_spin.setRange(1, 9)
        self.tube_spin.setToolTip(tr("Tube number: 1, or 2 and more for nested tubes in one hole"))
        self.depth_edits: dict[str, tuple[QLineEdit, QLineEdit]] = {}
        depths = QGroupBox(tr("Depths"))
        grid = QGridLayout(depths)
        add_row(grid, tr("Tube"), self.tube_spin, self.errors, "tube number")
        for prefix, label in _DEPTHS:
            top, bottom = QLineEdit(), QLineEdit()
            top.setPlaceholderText(tr("from, e.g. 2.00"))
            bottom.setPlaceholderText(tr("to, e.g. 3.00"))
            top.setObjectName(f"{prefix}-top")
            bottom.setObjectName(f"{prefix}-bottom")
            pair = QWidget()
            box = QHBoxLayout(pair)
            box.setContentsMargins(0, 0, 0, 0)
            box.addWidget(top)
            box.addWidget(QLabel("–"))
            box.addWidget(bottom)
            add_row(grid, tr(label), pair, self.errors, f"{prefix} top", f"{prefix} bottom")
            self.depth_edits[prefix] = (top, bottom)
            if prefix == "filter":
                # depths an imported file gave from the tube top or in NAP, with nothing to place them below
                # the surface: shown as given, under the (empty) below-surface boxes
                self.given_filter_label = QLabel()
                self.given_filter_label.setObjectName("filter-given")
                self.given_filter_label.setWordWrap(True)
                grid.addWidget(self.given_filter_label, grid.rowCount(), 1)
        self.pipe_top_edit = QLineEdit()
        self.pipe_top_edit.setPlaceholderText(tr("m above surface, e.g. 0.80; -0.05 in a street pot"))
        add_row(grid, tr("Top of pipe (m)"), self.pipe_top_edit, self.errors, "pipe top")
        self.pipe_nap_edit = QLineEdit()
        self.pipe_nap_edit.setPlaceholderText(tr("m NAP, e.g. 1.95"))
        add_row(grid, tr("Top of pipe (m NAP)"), self.pipe_nap_edit, self.errors, "pipe top NAP")

        build = QGroupBox(tr("Pipe and filter"))
        grid2 = QGridLayout(build)
        self.pipe_diameter_edit = QLineEdit()
        self.pipe_diameter_edit.setPlaceholderText(tr("mm, e.g. 32"))
        add_row(grid2, tr("Pipe diameter (mm)"), self.pipe_diameter_edit, self.errors, "pipe diameter")
        self.pipe_material_combo = code_combo(session, "well_tube_material", lang)
        add_row(grid2, tr("Pipe material"), self.pipe_material_combo, self.errors, "pipe material")
        self.filter_diameter_edit = QLineEdit()
        self.filter_diameter_edit.setPlaceholderText(tr("mm, e.g. 32"))
        add_row(grid2, tr("Filter diameter (mm)"), self.filter_diameter_edit, self.errors, "filter diameter")
        self.filter_material_combo = code_combo(session, "well_tube_material", lang)
        add_row(grid2, tr("Filter material"), self.filter_material_combo, self.errors, "filter material")
        self.slot_edit = QLineEdit()
        self.slot_edit.setPlaceholderText(tr("mm, e.g. 0.3"))
        add_row(grid2, tr("Slot width (mm)"), self.slot_edit, self.errors, "slot width")
        self.finish_combo: QComboBox = code_combo(session, "well_finish", lang)
        add_row(grid2, tr("Finish"), self.finish_combo, self.errors, "finish")
        self.placed_edit = QLineEdit()
        self.placed_edit.setPlaceholderText(tr("YYYY-MM-DD HH:MM"))
        add_row(grid2, tr("Placed at"), self.placed_edit, self.errors, "placed at")
        self.development_edit = QLineEdit()
        self.development_edit.setPlaceholderText(tr("how, e.g. pumped clear"))
        add_row(grid2, tr("Developed"), self.development_edit, self.errors, "development")
        self.development_minutes_edit = QLineEdit()
        self.development_minutes_edit.setPlaceholderText(tr("minutes"))
        add_row(grid2, tr("Development time (min)"), self.development_minutes_edit, self.errors,
                "development minutes")

        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.save_button = QPushButton(tr("Save well"))
        self.save_button.setShortcut("Ctrl+S")
        self.save_button.clicked.connect(self.save)
        columns = QHBoxLayout()
        columns.addWidget(depths, 1)
        columns.addWidget(build, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status_label, 1)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(columns)
        layout.addWidget(self.general_error)
        layout.addLayout(buttons)
        # what the sampler typed into the form, against what it was loaded with or saved
        self.typed = Typed(lambda: shown_values(*self._fields()))

    def _fields(self) -> tuple[QWidget, ...]:
        return (self.tube_spin, *(edit for pair in self.depth_edits.values() for edit in pair), self.pipe_top_edit,
                self.pipe_nap_edit, self.pipe_diameter_edit, self.pipe_material_combo, self.filter_diameter_edit,
                self.filter_material_combo, self.slot_edit, self.finish_combo, self.placed_edit,
                self.development_edit, self.development_minutes_edit)

    def unsaved(self) -> str | None:
        """The well typed and not saved, in a sentence; None when the form holds what it was given."""
        if self.hole is None or not self.typed.changed():
            return None
        if self.well is None:
            return tr("The well of borehole {c} is not saved yet.").format(c=self.hole.code)
        return tr("The changes to well {w} are not saved yet.").format(
            w=well_mod.well_code(self.hole.code, self.well.tube_number))

    def typed_input(self) -> object:
        return None if self.hole is None else (self.hole.id, field_state(*self._fields()))

    def put_back(self, kept: object) -> bool:
        if not isinstance(kept, tuple) or self.hole is None or kept[0] != self.hole.id:
            return False
        put_fields(self._fields(), kept[1])
        return True

    # loading and saving ---------------------------------------------------------------
    def load(self, hole: Borehole | None, well: Well | None) -> None:
        self.hole, self.well = hole, well
        self.errors.clear()
        self.status_label.clear()
        spec = well_mod.spec_of(well) if well is not None else WellSpec()
        self.tube_spin.setValue(well.tube_number if well is not None else 1)
        self.tube_spin.setEnabled(well is None)
        for prefix, (top, bottom) in self.depth_edits.items():
            top.setText(typed(str(getattr(spec, f"{prefix}_top") or "")))
            bottom.setText(typed(str(getattr(spec, f"{prefix}_bottom") or "")))
        self.given_filter_label.setText(given_filter_text(well))
        self.given_filter_label.setVisible(bool(self.given_filter_label.text()))
        self.pipe_top_edit.setText(typed(str(spec.pipe_top or "")))
        self.pipe_nap_edit.setText(typed(str(spec.pipe_top_nap or "")))
        self.pipe_diameter_edit.setText("" if spec.pipe_diameter_mm is None else str(spec.pipe_diameter_mm))
        self.filter_diameter_edit.setText("" if spec.filter_diameter_mm is None else str(spec.filter_diameter_mm))
        set_combo_code(self.pipe_material_combo, spec.pipe_material)
        set_combo_code(self.filter_material_combo, spec.filter_material)
        set_combo_code(self.finish_combo, spec.finish)
        self.slot_edit.setText("" if spec.slot_width_mm is None else typed(f"{float(spec.slot_width_mm):g}"))
        self.placed_edit.setText((spec.placed_at or "")[:16].replace("T", " "))
        self.development_edit.setText(spec.development or "")
        self.development_minutes_edit.setText(
            "" if spec.development_minutes is None else str(spec.development_minutes))
        self.setEnabled(hole is not None)
        self.typed.clean()

    def spec(self) -> WellSpec:
        depths = {f"{p}_{end}": edit.text() for p, pair in self.depth_edits.items()
                  for end, edit in zip(("top", "bottom"), pair, strict=True)}
        return WellSpec(
            **depths,
            pipe_diameter_mm=whole(self.pipe_diameter_edit.text(), "pipe diameter"),
            pipe_material=combo_code(self.pipe_material_combo),
            filter_diameter_mm=whole(self.filter_diameter_edit.text(), "filter diameter"),
            filter_material=combo_code(self.filter_material_combo),
            slot_width_mm=self.slot_edit.text(),
            finish=combo_code(self.finish_combo),
            pipe_top=self.pipe_top_edit.text(),
            pipe_top_nap=self.pipe_nap_edit.text(),
            placed_at=self.placed_edit.text(),
            development=self.development_edit.text(),
            development_minutes=whole(self.development_minutes_edit.text(), "development minutes"),
        )

    def save(self) -> Well | None:
        """Place the well, or write the form over it; a refused form shows why beside its field."""
        if self.hole is None:
            return None
        self.errors.clear()
        before = self.well
        try:
            spec = self.spec()
            if before is None:
                stored = well_mod.place(self.session, self.hole.id, spec, tube_number=self.tube_spin.value())
            else:
                stored = well_mod.update(self.session, before.id, spec)
        except FieldAppError as exc:
            self.errors.show(in_words(exc))
            return None
        self._undoable(before, stored, spec)
        self.well = stored
        self.tube_spin.setEnabled(False)
        self.typed.clean()
        self.status_label.setText(tr("Well {code} saved: filter {top}–{bottom} m.").format(
            code=well_mod.well_code(self.hole.code, stored.tube_number),
            top=in_metres(stored.filter_top_cm) if stored.filter_top_cm is not None else "…",
            bottom=in_metres(stored.filter_bottom_cm) if stored.filter_bottom_cm is not None else "…"))
        self.saved.emit(stored)
        return stored

    def _undoable(self, before: Well | None, after: Well, spec: WellSpec) -> None:
        """Ctrl+Z takes the well out again, or puts the form's earlier values back (each one core action)."""
        if self.undo is None or self.hole is None:
            return
        s, hole, code = self.session, self.hole, well_mod.well_code(self.hole.code, after.tube_number)
        if before is None:
            ref = {"id": after.id}

            def place() -> None:
                ref["id"] = well_mod.place(s, hole.id, spec, tube_number=after.tube_number).id

            self.undo.push(tr("place well {c}").format(c=code), place, lambda: well_mod.delete(s, ref["id"]))
        else:
            old, tube = well_mod.spec_of(before), after.tube_number

            def current() -> str:
                # by borehole and tube, not id: an undone and redone placing gave the well a new id
                return next((w.id for w in well_mod.of_borehole(s.store, hole.id) if w.tube_number == tube), after.id)

            self.undo.push(tr("change well {c}").format(c=code), lambda: _void(well_mod.update(s, current(), spec)),
                           lambda: _void(well_mod.update(s, current(), old)))


def _void(_result: object) -> None:
    """An undo step returns nothing; the core's result is read again by the window."""
