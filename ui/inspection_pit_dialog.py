"""Record a NEN 5707 inspection: a surface inspection, an inspection pit or a trench, with its sieved layers.

A row per excavated layer: from and to (m), sieve (mm), weight sieved (kg), the
suspect material picked out (g) and what it was. The core
(fieldapp.domain.inspection_pit) checks the measures against NEN 5707 and
writes the pit and its layers in one action.
"""

from __future__ import annotations

import math

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldapp.domain import asbestos, inspection_pit
from fieldapp.domain.borehole import Borehole
from fieldapp.domain.inspection_pit import Fraction
from fieldapp.domain.project import Project
from fieldapp.domain.typed_number import plain_float
from fieldapp.errors import FieldAppError, ValidationError
from fieldapp.session import Session
from ui.field_errors import FieldErrors
from ui.form_dialog import form_foot, said
from ui.forms import add_row
from ui.i18n import shown, tr, tr_noop

# the core's own messages of fieldapp.domain.inspection_pit (its rules carry their Dutch), as templates for tr()
_MESSAGES: tuple[tuple[str, str], ...] = (
    (r"The (?P<w>length|width|depth) of (?P<v>.*) m is not a measure\.", "The {w} of {v} m is not a measure."),
    (r"Give it in metres, more than 0 and at most (?P<n>\d+)\.", "Give it in metres, more than 0 and at most {n}."),
    (r"A weight of (?P<v>.*) g is not a weight\.", "A weight of {v} g is not a weight."),
    (r"Give the weight of the suspect material found in grams \(0 or more\)\.",
     "Give the weight of the suspect material found in grams (0 or more)."),
    (r"Suspect material was weighed but not described\.", "Suspect material was weighed but not described."),
    (r"Say what it was, e\.g\. 'golfplaat', 'vlakke plaat', 'vinyl'\.",
     "Say what it was, e.g. 'golfplaat', 'vlakke plaat', 'vinyl'."),
    (r"Inspection '(?P<c>.*)' already exists in this project\.", "Inspection '{c}' already exists in this project."),
    (r"Give it another code, e\.g\. the next number\.", "Give it another code, e.g. the next number."),
    (r"That borehole is not in this project\.", "That borehole is not in this project."),
    (r"Pick a borehole of the project\.", "Pick a borehole of the project."),
    (r"'(?P<v>.*)' is not a NEN 5707 inspection\.", "'{v}' is not a NEN 5707 inspection."),
    (r"Choose one of: (?P<v>.*)\.", "Choose one of: {v}."),
)
#: the measures named inside those messages
_MEASURES = (tr_noop("length"), tr_noop("width"), tr_noop("depth"))

#: the sieved-layer table's columns (English, through tr())
HEADS = (tr_noop("From (m)"), tr_noop("To (m)"), tr_noop("Sieve (mm)"), tr_noop("Sieved (kg)"), tr_noop("Suspect (g)"),
         tr_noop("Suspect material"))


def number(text: str, what: str, field: str) -> float | None:
    """A decimal as a Dutch or English keyboard types it ('0,5' or '0.5'); '' is None."""
    if not text.strip():
        return None
    value = plain_float(text, signed=True)  # "1e1" or "1_0" is a slip, not 10 m; the core judges the range
    if math.isnan(value):
        raise ValidationError(field, tr("{w}: '{v}' is not a number.").format(w=what, v=text.strip()),
                              hint=tr("Type a number, e.g. 0,5."))
    return value


class InspectionPitDialog(QDialog):
    """A new NEN 5707 inspection in a project, at a borehole when one is given."""

    def __init__(self, session: Session, proj: Project, hole: Borehole | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.project = proj
        self.hole = hole
        self.setWindowTitle(tr("NEN 5707 inspection"))
        lang = shown()
        self.errors = FieldErrors(QLabel())
        self.kind_combo = QComboBox()
        for kind in asbestos.load().kinds.values():
            self.kind_combo.addItem(kind.nl if lang == "nl" else kind.en, kind.code)
        self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData("inspectiegat")))
        count = len(inspection_pit.of_project(session.store.conn, proj.id))
        self.code_edit = QLineEdit(f"IG{count + 1:02d}")
        self.length_edit, self.width_edit, self.depth_edit = QLineEdit("0,3"), QLineEdit("0,3"), QLineEdit("0,5")
        self.material_edit = QLineEdit()
        self.weight_edit = QLineEdit()
        self.table = QTableWidget(1, len(HEADS))
        self.table.setHorizontalHeaderLabels([tr(h) for h in HEADS])
        # every sieved-layer column readable at once: no sideways scrolling with gloves on
        self.table.resizeColumnsToContents()
        self.table.setMinimumWidth(self.table.horizontalHeader().length() + 2 * self.table.frameWidth()
                                   + self.table.verticalHeader().sizeHint().width() + 24)
        self.add_button = QPushButton(tr("Add layer"))
        self.add_button.clicked.connect(lambda: self.table.insertRow(self.table.rowCount()))
        grid = QGridLayout()
        add_row(grid, tr("Kind of inspection"), self.kind_combo, self.errors, "kind")
        add_row(grid, tr("Code"), self.code_edit, self.errors, "code")
        add_row(grid, tr("Length (m)"), self.length_edit, self.errors, "length")
        add_row(grid, tr("Width (m)"), self.width_edit, self.errors, "width")
        add_row(grid, tr("Depth (m)"), self.depth_edit, self.errors, "depth")
        add_row(grid, tr("Suspect material on the surface"), self.material_edit, self.errors, "suspect material")
        add_row(grid, tr("Its weight (g)"), self.weight_edit, self.errors, "suspect weight")
        box = QVBoxLayout(self)
        if hole is not None:
            box.addWidget(QLabel(tr("At borehole {b}").format(b=hole.code)))
        box.addLayout(grid)
        box.addWidget(QLabel(tr("Sieved layers")))
        box.addWidget(self.table)
        box.addWidget(self.errors.register(self.table, "fractions"))
        box.addWidget(self.add_button)
        self.buttons = form_foot(self, box, self.errors, self.save)

    def set_layer(self, row: int, *values: str) -> None:
        """Fill a row of the sieved-layer table (tests and a pasted field note)."""
        while self.table.rowCount() <= row:
            self.table.insertRow(self.table.rowCount())
        for col, value in enumerate(values):
            self.table.setItem(row, col, QTableWidgetItem(value))

    def _cell(self, row: int, col: int) -> str:
        item = self.table.item(row, col)
        return item.text() if item is not None else ""

    def fractions(self) -> list[Fraction]:
        out = []
        for row in range(self.table.rowCount()):
            cells = [self._cell(row, c) for c in range(len(HEADS))]
            if not any(c.strip() for c in cells):
                continue  # an empty row is no layer
            what = tr("Layer {n}").format(n=row + 1)
            upper, lower, sieve, kg, grams = (number(c, what, "fractions") for c in cells[:5])
            if upper is None or lower is None or sieve is None or kg is None:
                raise ValidationError("fractions", tr("{w}: from, to, sieve and weight sieved are needed.").format(
                    w=what), hint=tr("Fill in the row, or empty it."))
            out.append(Fraction(round(upper * 100), round(lower * 100), sieve, kg, grams or 0.0,
                                cells[5].strip() or None))
        return out

    def save(self) -> bool:
        self.errors.clear()
        try:
            inspection_pit.create(
                self.session, self.project.id, code=self.code_edit.text(), kind=self.kind_combo.currentData(),
                length_m=number(self.length_edit.text(), tr("Length"), "length") or 0.0,
                width_m=number(self.width_edit.text(), tr("Width"), "width") or 0.0,
                depth_m=number(self.depth_edit.text(), tr("Depth"), "depth"),
                borehole_id=None if self.hole is None else self.hole.id,
                suspect_material=self.material_edit.text(),
                suspect_weight_g=number(self.weight_edit.text(), tr("Weight"), "suspect weight"),
                fractions=self.fractions())
        except FieldAppError as exc:
            self.errors.show(said(exc, _MESSAGES, _MEASURES))
            return False
        self.accept()
        return True
