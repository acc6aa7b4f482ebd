"""Completing and closing a borehole: technique, diameter, the boring process per
depth interval, final depth and stop reason, groundwater with its status,
backfill, surface level with method and accuracy.

"Save" writes everything in one core action (all or nothing); "Close borehole"
saves and then closes it, or shows everything still missing, each item in the
user's language beside its field (fieldapp/domain/borehole_closing.py).
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldapp.domain import borehole as borehole_mod
from fieldapp.domain import borehole_closing, boring_process
from fieldapp.domain.borehole import Borehole
from fieldapp.domain.boring_process import Interval
from fieldapp.errors import FieldAppError, IncompleteError, ValidationError
from fieldapp.session import Session
from ui.field_errors import FieldErrors
from ui.form_dialog import in_words, message_bar, push_button
from ui.forms import code_combo, combo_code, set_combo_code
from ui.i18n import Lang, decimal, in_metres, installed, tr, tr_noop
from ui.screen import fit_dialog
from ui.undo import Undo

STATUSES = (("measured", tr_noop("level measured")), ("not_encountered", tr_noop("not encountered")),
            ("not_measured", tr_noop("not measured")))
COLUMNS = (tr_noop("From (m)"), tr_noop("To (m)"), tr_noop("Technique"), tr_noop("Apparatus"),
           tr_noop("Diameter (mm)"))
ID_ROLE = Qt.ItemDataRole.UserRole

# The core's English messages of this dialog's fields, as templates for tr() (see ui/field_errors.py)
_WORDS: tuple[tuple[str, str], ...] = (
    (r"The boring process from (?P<a>.+) m to the final depth overlaps the one from (?P<c>.+) m\.",
     tr_noop("The boring process from {a} m to the final depth overlaps the one from {c} m.")),
    (r"The boring process from (?P<a>.+) m to (?P<b>.+) m overlaps the one from (?P<c>.+) m\.",
     tr_noop("The boring process from {a} m to {b} m overlaps the one from {c} m.")),
    (r"Let each interval end where the next begins; only the last may run to the final depth\.",
     tr_noop("Let each interval end where the next begins; only the last may run to the final depth.")),
    (r"The boring process reaches (?P<a>.+) m, below the final depth (?P<b>.+) m\.",
     tr_noop("The boring process reaches {a} m, below the final depth {b} m.")),
    (r"End the last interval at the final depth, or leave its lower depth empty\.",
     tr_noop("End the last interval at the final depth, or leave its lower depth empty.")),
    (r"Boring process (?P<n>\d+) \((?P<a>.+) m\) names no technique or apparatus\.",
     tr_noop("Boring process {n} ({a} m) names no technique or apparatus.")),
    (r"Pick the apparatus used over this interval\.", tr_noop("Pick the apparatus used over this interval.")),
    (r"The antenna height (?P<v>.*) m is not set or not plausible\.",
     tr_noop("The antenna height is not set or not plausible.")),
    (r"Set the antenna height of your receiver \(pole\) in Settings, e\.g\. 2\.00 m\.",
     tr_noop("Set the antenna height of your receiver (pole) in Settings, e.g. 2.00 m.")),
    (r"Borehole (?P<c>.+) has no GNSS height \(NAP\)\.", tr_noop("Borehole {c} has no GNSS height (NAP).")),
    (r"Measure its position first, or choose another method\.",
     tr_noop("Measure its position first, or choose another method.")),
    (r"The surface level \(m NAP\) is empty\.", tr_noop("The surface level (m NAP) is empty.")),
    (r"Type the level in metres NAP, e\.g\. 1\.25\.", tr_noop("Type the level in metres NAP, e.g. 1.25.")),
    (r"A groundwater level of (?P<a>.+) m was given with the status '(?P<s>.+)'\.",
     tr_noop("A groundwater level of {a} m was given with a status without a level.")),
    (r"Clear the level, or choose 'measured'\.", tr_noop("Clear the level, or choose 'measured'.")),
    (r"The groundwater level is 'measured' but no level is given\.",
     tr_noop("The groundwater level is 'measured' but no level is given.")),
    (r"Type the level in m below ground, or choose 'not encountered'\.",
     tr_noop("Type the level in m below ground, or choose 'not encountered'.")),
    (r"'(?P<t>.+)' is not a diameter in whole millimetres\.", tr_noop("'{t}' is not a diameter in whole millimetres.")),
    (r"Type whole millimetres, e\.g\. 70\.", tr_noop("Type whole millimetres, e.g. 70.")),
    (r"'(?P<t>.+)' is not an accuracy in whole centimetres\.",
     tr_noop("'{t}' is not an accuracy in whole centimetres.")),
    (r"Type whole centimetres, e\.g\. 5\.", tr_noop("Type whole centimetres, e.g. 5.")),
)


def _in_words(exc: FieldAppError) -> FieldAppError:
    """``exc`` with this dialog's messages in the user's language (others are translated by ui.field_errors)."""
    return in_words(exc, _WORDS)


def _whole_mm(text: str, field: str) -> int | None:
    text = text.strip()
    if not text:
        return None
    if not (text.isascii() and text.isdigit()):  # '²' is a digit to Python, and no number
        raise ValidationError(field, f"'{text}' is not a diameter in whole millimetres.",
                              hint="Type whole millimetres, e.g. 70.")
    return int(text)


class BoreholeClosingDialog(QDialog):
    """The details a closed borehole needs, and the action that closes it."""

    changed = Signal(object)  # the borehole as saved

    def __init__(self, session: Session, hole: Borehole, lang: Lang, parent: QWidget | None = None,
                 undo: Undo | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.undo = undo
        self.hole = hole
        self.lang = lang
        self.setWindowTitle(tr("Borehole {c}: details and closing").format(c=hole.code))
        self.general_error = QLabel()
        self.errors = FieldErrors(self.general_error)
        self.lines: dict[str, QLabel] = {}  # each field's error line
        self.widgets: dict[str, QWidget] = {}  # each field's widget, by the core's field name
        self.missing: list[str] = []  # what the last refused closing listed
        self.technique_combo = code_combo(session, "borehole_technique", lang)
        self.diameter_edit = QLineEdit()
        self.diameter_edit.setPlaceholderText(tr("mm, e.g. 70"))
        self.final_edit = QLineEdit()
        self.final_edit.setPlaceholderText(tr("m below ground"))
        self.stop_combo = code_combo(session, "stop_criterion", lang)
        self.backfill_combo = code_combo(session, "backfill_material", lang)
        self.water_edit = QLineEdit()
        self.water_edit.setPlaceholderText(tr("m below ground"))
        self.status_group = QButtonGroup(self)
        status_row = QWidget()
        status_box = QHBoxLayout(status_row)
        status_box.setContentsMargins(0, 0, 0, 0)
        self.status_buttons: dict[str, QRadioButton] = {}
        for code, text in STATUSES:
            button = QRadioButton(tr(text))
            button.setObjectName(f"status-{code}")
            self.status_group.addButton(button)
            self.status_buttons[code] = button
            status_box.addWidget(button)
        status_box.addStretch(1)
        self.water_edit.textEdited.connect(self._level_typed)

        grid = QGridLayout()
        self._row(grid, tr("Boring technique"), self.technique_combo, "technique")
        self._row(grid, tr("Diameter (mm)"), self.diameter_edit, "diameter")
        self._row(grid, tr("Final depth (m)"), self.final_edit, "final depth")
        self._row(grid, tr("Stop reason"), self.stop_combo, "stop criterion")
        self._row(grid, tr("Groundwater level (m)"), self.water_edit, "groundwater level")
        self._row(grid, tr("Groundwater"), status_row, "groundwater status")
        self._row(grid, tr("Backfill"), self.backfill_combo, "backfill")

        self.method_combo = code_combo(session, "vertical_method", lang)
        self.method_combo.currentIndexChanged.connect(self._method_changed)
        self.level_edit = QLineEdit()
        self.level_edit.setPlaceholderText(tr("m NAP, e.g. -0.85"))
        self.antenna_edit = QLineEdit()
        self.antenna_edit.setPlaceholderText(tr("m, from Settings"))
        self.accuracy_edit = QLineEdit()
        self.accuracy_edit.setPlaceholderText(tr("cm, e.g. 5"))
        surface = QGroupBox(tr("Surface level"))
        surface_grid = QGridLayout(surface)
        self._row(surface_grid, tr("Method"), self.method_combo, "surface method")
        self._row(surface_grid, tr("Level (m NAP)"), self.level_edit, "surface level")
        self._row(surface_grid, tr("Antenna height (m)"), self.antenna_edit, "antenna height")
        self._row(surface_grid, tr("Accuracy (cm)"), self.accuracy_edit, "surface accuracy")

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([tr(c) for c in COLUMNS])
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setMinimumHeight(110)
        add_button = QPushButton(tr("Add interval"))
        add_button.clicked.connect(lambda: self.add_interval())
        remove_button = QPushButton(tr("Remove interval"))
        remove_button.clicked.connect(self.remove_interval)
        process_box = QGroupBox(tr("Boring process per depth interval"))
        process_layout = QVBoxLayout(process_box)
        process_layout.addWidget(self.table)
        self.lines["boring process"] = self.errors.register(self.table, "boring process")
        self.widgets["boring process"] = self.table
        process_layout.addWidget(self.lines["boring process"])
        table_buttons = QHBoxLayout()
        table_buttons.addWidget(add_button)
        table_buttons.addWidget(remove_button)
        table_buttons.addStretch(1)
        process_layout.addLayout(table_buttons)

        self.missing_label = QLabel()
        self.missing_label.setObjectName("missing")
        self.missing_label.setProperty("role", "error")
        self.missing_label.setWordWrap(True)
        self.missing_label.setTextFormat(Qt.TextFormat.RichText)
        self.missing_label.setVisible(False)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.save_button = push_button(tr("Save"), self.save)
        self.close_button = push_button(tr("Close borehole"), self.close_borehole,
                                        tr("Save, then close the borehole; shows what is still missing"))
        cancel = push_button(tr("Cancel"), self.reject)
        buttons = message_bar(self.status_label, cancel, self.save_button, self.close_button)

        # two columns: the borehole's own fields; the intervals and the surface level (fits 1366 x 768)
        left = QVBoxLayout()
        left.addLayout(grid)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(process_box, 1)
        right.addWidget(surface)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.missing_label)
        layout.addWidget(self.general_error)
        layout.addLayout(buttons)
        self.load(hole)
        fit_dialog(self)

    def _row(self, grid: QGridLayout, label: str, widget: QWidget, name: str) -> None:
        """A labelled row with its error line (as ui.forms.add_row), the line kept for the missing list."""
        row = grid.rowCount()
        title = QLabel(label)
        title.setBuddy(widget)
        holder = QWidget()
        box = QVBoxLayout(holder)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(widget)
        self.lines[name] = self.errors.register(widget, name)
        self.widgets[name] = widget
        box.addWidget(self.lines[name])
        grid.addWidget(title, row, 0)
        grid.addWidget(holder, row, 1)

    # loading -------------------------------------------------------------------------
    def load(self, hole: Borehole) -> None:
        self.hole = hole = borehole_mod.get(self.session.store, hole.id)
        self.setWindowTitle(tr("Borehole {c}: details and closing").format(c=hole.code))
        set_combo_code(self.technique_combo, hole.technique)
        self.diameter_edit.setText("" if hole.diameter_mm is None else str(hole.diameter_mm))
        self.final_edit.setText("" if hole.final_depth_cm is None else in_metres(hole.final_depth_cm))
        set_combo_code(self.stop_combo, hole.stop_criterion)
        set_combo_code(self.backfill_combo, hole.backfill)
        self.water_edit.setText("" if hole.groundwater_cm is None else in_metres(hole.groundwater_cm))
        self.status_group.setExclusive(False)
        for code, button in self.status_buttons.items():
            button.setChecked(code == hole.groundwater_status)
        self.status_group.setExclusive(True)
        set_combo_code(self.method_combo, hole.surface_method)
        self.level_edit.setText("" if hole.ground_level_nap_cm is None else in_metres(hole.ground_level_nap_cm))
        antenna = hole.antenna_height_m or self.session.settings.antenna_height_m
        self.antenna_edit.setText(f"{antenna:.2f}" if antenna else "")
        self.accuracy_edit.setText("" if hole.surface_accuracy_cm is None else str(hole.surface_accuracy_cm))
        self.table.setRowCount(0)
        for process in boring_process.of_borehole(self.session.store, hole.id):
            self.add_interval(process)
        self._method_changed()
        closed = tr("closed on {d} by {w}").format(d=hole.closed_at[:10], w=hole.closed_by) if hole.closed_at else ""
        self.status_label.setText(closed)

    def add_interval(self, process: boring_process.BoringProcess | None = None) -> int:
        """A row for ``process``, or an empty one below the last (starting where it ends)."""
        row = self.table.rowCount()
        self.table.insertRow(row)
        if process is None:
            start = self._cell(row - 1, 1) if row else "0.00"
            process = boring_process.BoringProcess("", self.hole.id, 0, None)
            upper = start or ""
        else:
            upper = in_metres(process.upper_cm)
        first = QTableWidgetItem(upper)
        first.setData(ID_ROLE, process.id or None)
        self.table.setItem(row, 0, first)
        self.table.setItem(row, 1, QTableWidgetItem("" if process.lower_cm is None else in_metres(process.lower_cm)))
        technique = code_combo(self.session, "borehole_technique", self.lang)
        set_combo_code(technique, process.technique or combo_code(self.technique_combo))
        apparatus = code_combo(self.session, "borehole_apparatus", self.lang)
        set_combo_code(apparatus, process.apparatus)
        for combo in (technique, apparatus):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(12)
        self.table.setCellWidget(row, 2, technique)
        self.table.setCellWidget(row, 3, apparatus)
        # a new interval takes the borehole's diameter as typed above
        diameter = self.diameter_edit.text().strip() if not process.id else \
            "" if process.diameter_mm is None else str(process.diameter_mm)
        self.table.setItem(row, 4, QTableWidgetItem(diameter))
        return row

    def remove_interval(self) -> None:
        row = self.table.currentRow()
        self.table.removeRow(row if row >= 0 else self.table.rowCount() - 1)

    def _cell(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text().strip() if item is not None else ""

    def _level_typed(self, text: str) -> None:
        if text.strip():
            self.status_buttons["measured"].setChecked(True)

    def _method_changed(self) -> None:
        gnss = combo_code(self.method_combo) == "GNSS"
        self.level_edit.setReadOnly(gnss)
        self.antenna_edit.setEnabled(gnss)
        if gnss:
            self.level_edit.setText(self._gnss_preview())

    def _gnss_preview(self) -> str:
        """The level "Save" will store: the receiver's NAP height minus the antenna height."""
        if self.hole.nap_m is None:
            return ""
        try:
            cm = borehole_closing.surface_from_gnss(self.hole.nap_m, self.antenna_edit.text())
        except ValidationError:
            return ""
        return decimal(cm / 100, 2)

    # writing ---------------------------------------------------------------------------
    def intervals(self) -> list[Interval]:
        out = []
        for row in range(self.table.rowCount()):
            first = self.table.item(row, 0)
            technique, apparatus = self.table.cellWidget(row, 2), self.table.cellWidget(row, 3)
            out.append(Interval(
                upper_m=self._cell(row, 0), lower_m=self._cell(row, 1) or None,
                technique=combo_code(technique) if isinstance(technique, QComboBox) else None,
                apparatus=combo_code(apparatus) if isinstance(apparatus, QComboBox) else None,
                diameter_mm=_whole_mm(self._cell(row, 4), "boring process"),
                id=first.data(ID_ROLE) if first is not None else None))
        return out

    def _write(self) -> Borehole:
        s, hole_id = self.session, self.hole.id
        status = next((code for code, b in self.status_buttons.items() if b.isChecked()), None)
        method = combo_code(self.method_combo)
        accuracy = self.accuracy_edit.text().strip()
        if accuracy and not (accuracy.isascii() and accuracy.isdigit()):
            raise ValidationError("surface accuracy", f"'{accuracy}' is not an accuracy in whole centimetres.",
                                  hint="Type whole centimetres, e.g. 5.")
        with s.store.action(f"Borehole {self.hole.code}: details"):  # every field or none
            borehole_closing.set_details(s, hole_id, technique=combo_code(self.technique_combo),
                                         diameter_mm=_whole_mm(self.diameter_edit.text(), "diameter"),
                                         backfill=combo_code(self.backfill_combo))
            borehole_mod.set_final_depth(s, hole_id, self.final_edit.text().strip() or None,
                                         combo_code(self.stop_combo))
            water = self.water_edit.text().strip() or None
            borehole_mod.set_groundwater(s, hole_id, water, status if not water else None)
            boring_process.save_intervals(s, hole_id, self.intervals())
            if method:
                kwargs: dict[str, Any] = {"accuracy_cm": int(accuracy) if accuracy else None}
                if method == "GNSS":
                    kwargs["antenna_height_m"] = self.antenna_edit.text().strip() or None
                else:
                    kwargs["level_nap_m"] = self.level_edit.text()
                borehole_closing.set_surface_level(s, hole_id, method=method, **kwargs)
        return borehole_mod.get(s.store, hole_id)

    def save(self) -> Borehole | None:
        self.missing_label.setVisible(False)
        self.missing = []
        before = borehole_closing.state(self.session, self.hole.id)
        try:
            hole = self._write()
        except FieldAppError as exc:
            self.errors.show(_in_words(exc))
            return None
        self.errors.clear()
        after = borehole_closing.state(self.session, hole.id)
        if self.undo is not None and after != before:
            self.undo.borehole_details_changed(hole.code, hole.id, before, after)
        self.load(hole)
        self.status_label.setText(tr("Saved {c}.").format(c=hole.code))
        self.changed.emit(hole)
        return hole

    def close_borehole(self) -> Borehole | None:
        """Save, then close; or list what is missing, each item beside its field."""
        if self.save() is None:
            return None
        before = borehole_closing.state(self.session, self.hole.id)
        try:
            hole = borehole_closing.close_borehole(self.session, self.hole.id)
        except IncompleteError as exc:
            self.show_missing(exc)
            return None
        if self.undo is not None:
            self.undo.borehole_details_changed(hole.code, hole.id, before,
                                               borehole_closing.state(self.session, hole.id))
        self.load(hole)
        self.changed.emit(hole)
        self.accept()
        return hole

    def show_missing(self, exc: IncompleteError) -> None:
        """The list, two items to a line (eight must fit a small screen), each field marked."""
        app = QCoreApplication.instance()
        items = exc.items(installed(app) if app is not None else self.lang)  # the language tr() shows now
        cells = [f"<td>• {html.escape(item)}</td>" for item in items]
        rows = "".join(f"<tr>{''.join(cells[i:i + 2])}</tr>" for i in range(0, len(cells), 2))
        heading = html.escape(tr("Borehole {c} cannot be closed yet:").format(c=self.hole.code))
        self.missing_label.setText(f"<b>{heading}</b><table cellspacing='2'>{rows}</table>")
        self.missing_label.setVisible(True)
        self.missing = items
        for field, _nl, _en in exc.missing:
            widget = self.widgets.get(field)
            if widget is not None:
                widget.setProperty("invalid", "true")
                widget.style().unpolish(widget)
                widget.style().polish(widget)
        self.status_label.setText(tr("Not closed."))
