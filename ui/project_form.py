"""The project dialog: a new project, or the details of one (investigation metadata, contractor, site contour).

Pick lists come from the code lists in the user's language and offer no withdrawn value; a
withdrawn value the project already holds is shown, marked, and kept unless changed.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.domain import contour
from fieldapp.domain import project as project_mod
from fieldapp.domain.project import Project
from fieldapp.errors import FieldAppError, ValidationError
from fieldapp.rules import RuleError
from fieldapp.session import Session
from ui.field_errors import FieldErrors, translate
from ui.forms import add_row, combo_code, set_combo_code
from ui.i18n import Lang, decimal, tr
from ui.project_messages import HINTS, MESSAGES

_PATTERNS = " (*.geojson *.json *.gpkg *.wkt *.txt)"


class ProjectDialog(QDialog):
    created = Signal(object)
    saved = Signal(object)

    def __init__(self, session: Session, lang: Lang, parent: QWidget | None = None,
                 project: Project | None = None) -> None:
        super().__init__(parent)
        self.session, self.lang, self.project = session, lang, project
        self.setWindowTitle(tr("Project details") if project else tr("New project"))
        self.errors = FieldErrors(QLabel())
        self.code_edit = QLineEdit()
        self.code_edit.setPlaceholderText(tr("e.g. 2026-0142"))
        self.name_edit = QLineEdit()
        self.client_edit = QLineEdit()
        self.site_edit = QLineEdit()
        self.start_edit, self.end_edit = QLineEdit(), QLineEdit()
        for edit in (self.start_edit, self.end_edit):
            edit.setPlaceholderText(tr("YYYY-MM-DD"))
        held = project or Project(id="", code="", name="")
        self.class_combo = self._combo("horizontal_positioning_method", held.required_position_class)
        self.type_combo = self._combo("investigation_type", held.investigation_type)
        self.reason_combo = self._combo("investigation_reason", held.investigation_reason)
        self.strategy_combo = self._combo("investigation_strategy", held.investigation_strategy)
        self.phase_combo = self._combo("investigation_phase", held.investigation_phase)
        self.authority_combo = self._combo("competent_authority", held.competent_authority)
        self._searchable(self.authority_combo)
        self.asbestos_combo = self._combo("asbestos_presence", held.asbestos_presence)
        self.report_edit = QLineEdit()
        self.report_edit.setMaxLength(60)  # longer than the rule's 40, so the rule explains itself
        self.contractor_edit, self.kvk_edit, self.certificate_edit = QLineEdit(), QLineEdit(), QLineEdit()
        self.kvk_edit.setPlaceholderText(tr("8 digits"))
        self.contour_label = QLabel()
        self.contour_label.setObjectName("contour-summary")
        self.import_button = QPushButton(tr("Import…"))
        self.import_button.setToolTip(tr("A polygon from GeoJSON, GeoPackage or WKT, in RD or latitude/longitude"))
        self.import_button.clicked.connect(lambda: self.import_contour())
        self.hull_button = QPushButton(tr("From boreholes"))
        self.hull_button.setToolTip(tr("The outline around the project's boreholes, 1 m beyond each"))
        self.hull_button.setEnabled(project is not None)
        self.hull_button.clicked.connect(self.contour_from_boreholes)
        self.contour: str | None = held.site_contour
        self._layout()
        if project:
            self._load(project)
        self._show_contour()

    def _combo(self, list_name: str, held: str | None) -> QComboBox:
        combo = QComboBox()
        combo.addItem(tr("(none)"), None)
        for entry in self.session.lists.offered(list_name):
            combo.addItem(entry.label(self.lang), entry.code)
        if held and combo.findData(held) < 0 and self.session.lists.has(list_name, held):
            old = self.session.lists.get(list_name, held).label(self.lang)
            combo.addItem(tr("{value} (withdrawn)").format(value=old), held)
        set_combo_code(combo, held)
        # the long Dutch strategy names are cut at the combo's width: the whole name on hover
        combo.currentTextChanged.connect(combo.setToolTip)
        combo.setToolTip(combo.currentText())
        return combo

    @staticmethod
    def _searchable(combo: QComboBox) -> None:
        # 399 bodies: typing part of the name ("Utrecht") finds it
        combo.setEditable(True)
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        completer = combo.completer()
        if completer is not None:
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)

    def _layout(self) -> None:
        e = self.errors
        left, right = QGridLayout(), QGridLayout()
        add_row(left, tr("Project code"), self.code_edit, e, "code")
        add_row(left, tr("Name"), self.name_edit, e, "name")
        add_row(left, tr("Client"), self.client_edit, e, "client")
        add_row(left, tr("Site address"), self.site_edit, e, "site address")
        add_row(left, tr("Start date"), self.start_edit, e, "start date")
        add_row(left, tr("End date"), self.end_edit, e, "end date")
        add_row(left, tr("Required positioning class"), self.class_combo, e, "required positioning class")
        add_row(left, tr("Contractor"), self.contractor_edit, e, "contractor")
        add_row(left, tr("KvK number"), self.kvk_edit, e, "KvK number")
        add_row(left, tr("Procescertificaat"), self.certificate_edit, e, "procescertificaat")
        add_row(right, tr("Investigation type"), self.type_combo, e, "investigation type")
        add_row(right, tr("Reason"), self.reason_combo, e, "reason")
        add_row(right, tr("Strategy (NEN 5740)"), self.strategy_combo, e, "strategy")
        add_row(right, tr("Phase"), self.phase_combo, e, "phase")
        add_row(right, tr("Competent authority"), self.authority_combo, e, "competent authority")
        add_row(right, tr("Asbestos"), self.asbestos_combo, e, "asbestos")
        add_row(right, tr("Report number"), self.report_edit, e, "report number")
        columns = QHBoxLayout()
        for title, grid in ((tr("Project"), left), (tr("Investigation"), right)):
            grid.setRowStretch(grid.rowCount(), 1)  # rows at the top, not spread over the column
            box = QGroupBox(title)
            box.setLayout(grid)
            columns.addWidget(box, 1)
        # the contour across the foot of both columns: its buttons would widen either column past 1366 px
        contour_box = QGroupBox(tr("Site contour"))
        row = QHBoxLayout()
        row.addWidget(self.contour_label, 1)
        row.addWidget(self.import_button)
        row.addWidget(self.hull_button)
        holder = QVBoxLayout(contour_box)
        holder.addLayout(row)
        holder.addWidget(e.register(self.contour_label, "site contour"))
        self.save_button = QPushButton(tr("Save") if self.project else tr("Create project"))
        self.create_button = self.save_button  # the name earlier code and tests use
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        cancel = QPushButton(tr("Cancel"))
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(columns)
        layout.addWidget(contour_box)
        layout.addWidget(self.errors_general)
        layout.addLayout(buttons)

    def _load(self, p: Project) -> None:
        self.code_edit.setText(p.code)
        self.code_edit.setReadOnly(True)  # labels and COCs already carry it
        for edit, value in ((self.name_edit, p.name), (self.client_edit, p.client),
                            (self.site_edit, p.site_address), (self.start_edit, p.start_date),
                            (self.end_edit, p.end_date), (self.report_edit, p.report_number),
                            (self.contractor_edit, p.contractor), (self.kvk_edit, p.contractor_kvk),
                            (self.certificate_edit, p.process_certificate)):
            edit.setText(value or "")
            edit.setCursorPosition(0)  # a long name shows its start

    @property
    def errors_general(self) -> QLabel:
        return self.errors._general

    def _show_contour(self) -> None:
        if not self.contour:
            self.contour_label.setText(tr("none"))
            return
        rings = contour.parse_wkt(self.contour)[0]
        hectares = abs(contour.area(rings[0])) / 10_000
        self.contour_label.setText(tr("{n} vertices, {a} ha").format(n=len(rings[0]) - 1, a=decimal(hectares, 2)))

    def import_contour(self, path: Path | None = None) -> bool:
        """Read the contour from ``path`` (None: ask with a file dialog); shown now, saved with the dialog."""
        if path is None:
            chosen, _filter = QFileDialog.getOpenFileName(self, tr("Site contour"), str(Path.home()),
                                                         tr("GeoJSON, GeoPackage or WKT") + _PATTERNS)
            if not chosen:
                return False
            path = Path(chosen)
        try:
            self.contour = contour.read_file(path)
        except FieldAppError as exc:
            self._show_error(exc)
            return False
        self.errors.clear()
        self._show_contour()
        return True

    def contour_from_boreholes(self) -> bool:
        if self.project is None:
            return False
        try:
            self.contour = contour.from_boreholes(self.session.store, self.project.id)
        except FieldAppError as exc:
            self._show_error(exc)
            return False
        self.errors.clear()
        self._show_contour()
        return True

    def _show_error(self, exc: FieldAppError) -> None:
        """The core's message in the user's language: a rule's own Dutch, else by pattern."""
        if isinstance(exc, ValidationError):
            text = exc.message_in(self.lang) if isinstance(exc, RuleError) else translate(exc.message, MESSAGES)
            exc = ValidationError(exc.field, text, hint=translate(exc.hint, HINTS) if exc.hint else "")
        self.errors.show(exc)

    def values(self) -> dict[str, str | None]:
        authority = self.authority_combo
        typed = authority.currentText().strip()
        at = authority.findText(typed, Qt.MatchFlag.MatchFixedString)
        return {
            "name": self.name_edit.text(), "client": self.client_edit.text(), "site_address": self.site_edit.text(),
            "start_date": self.start_edit.text(), "end_date": self.end_edit.text(),
            "required_position_class": combo_code(self.class_combo),
            "investigation_type": combo_code(self.type_combo), "investigation_reason": combo_code(self.reason_combo),
            "investigation_strategy": combo_code(self.strategy_combo),
            "investigation_phase": combo_code(self.phase_combo),
            "competent_authority": (authority.itemData(at) if at >= 0 else typed) or None,
            "asbestos_presence": combo_code(self.asbestos_combo), "report_number": self.report_edit.text(),
            "contractor": self.contractor_edit.text(), "contractor_kvk": self.kvk_edit.text(),
            "process_certificate": self.certificate_edit.text(), "site_contour": self.contour,
        }

    def save(self) -> Project | None:
        values = self.values()
        try:
            if self.project is None:
                self.project = project_mod.create(
                    self.session, code=self.code_edit.text(), name=values.pop("name") or "",
                    client=values.pop("client"), site_address=values.pop("site_address"),
                    start_date=values.pop("start_date"),
                    required_position_class=values.pop("required_position_class"), metadata=values)
                self.created.emit(self.project)
            else:
                self.project = project_mod.edit(self.session, self.project.id, values)
        except FieldAppError as exc:
            self._show_error(exc)
            return None
        self.errors.clear()
        self.saved.emit(self.project)
        self.accept()
        return self.project
