"""New project: code, name, client, site, required positioning class."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from fieldapp.domain import project as project_mod
from fieldapp.domain.project import Project
from fieldapp.errors import FieldAppError
from fieldapp.session import Session
from ui.field_errors import FieldErrors
from ui.forms import add_row, code_combo, combo_code
from ui.i18n import Lang, tr


class ProjectDialog(QDialog):
    created = Signal(object)

    def __init__(self, session: Session, lang: Lang, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(tr("New project"))
        self.errors = FieldErrors(QLabel())
        self.code_edit = QLineEdit()
        self.code_edit.setPlaceholderText(tr("e.g. 2026-0142"))
        self.name_edit = QLineEdit()
        self.client_edit = QLineEdit()
        self.site_edit = QLineEdit()
        self.class_combo = code_combo(session, "horizontal_positioning_method", lang, empty=tr("(none)"))
        grid = QGridLayout()
        add_row(grid, tr("Project code"), self.code_edit, self.errors, "code")
        add_row(grid, tr("Name"), self.name_edit, self.errors, "name")
        add_row(grid, tr("Client"), self.client_edit, self.errors, "client")
        add_row(grid, tr("Site address"), self.site_edit, self.errors, "site address")
        add_row(grid, tr("Required positioning class"), self.class_combo, self.errors,
                "required positioning class")
        self.create_button = QPushButton(tr("Create project"))
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self.save)
        cancel = QPushButton(tr("Cancel"))
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.create_button)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(self.errors_general)
        layout.addLayout(buttons)
        self.project: Project | None = None

    @property
    def errors_general(self) -> QLabel:
        return self.errors._general

    def save(self) -> Project | None:
        try:
            self.project = project_mod.create(
                self.session, code=self.code_edit.text(), name=self.name_edit.text(),
                client=self.client_edit.text(), site_address=self.site_edit.text(),
                required_position_class=combo_code(self.class_combo),
                start_date=None,
            )
        except FieldAppError as exc:
            self.errors.show(exc)
            return None
        self.errors.clear()
        self.created.emit(self.project)
        self.accept()
        return self.project
