"""Field days (veldwerkdagen) of a project: the site, the weather and who was there, per day.

What the staffing rules and the field report need. The days with work but no field day yet are
named above the list, so the crew can fill them in at the end of the day.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDateEdit, QGridLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem, QWidget

from fieldapp.domain import field_day, staff, staffing
from fieldapp.domain.field_day import FieldDay
from fieldapp.domain.project import Project
from fieldapp.errors import FieldAppError
from fieldapp.rules import default_book
from fieldapp.session import Session
from ui.form_dialog import ListFormDialog
from ui.forms import add_row
from ui.i18n import tr
from ui.models import DASH, Column, fit
from ui.staff_dialog import in_words, protocol_list
from ui.staff_picker import ROLE_WORDS

if TYPE_CHECKING:
    from ui.main_window import MainWindow

ID_ROLE = Qt.ItemDataRole.UserRole


class FieldDaysDialog(ListFormDialog[FieldDay]):
    def __init__(self, session: Session, project: Project, parent: QWidget | None = None) -> None:
        names = {p.id: p.name for p in staff.register(session.store)}
        super().__init__(session, [
            Column(tr("Day"), lambda d: d.day),
            Column(tr("Weather"), lambda d: d.weather or DASH),
            Column(tr("Present"), lambda d: ", ".join(names.get(s, s) for s in d.staff_ids) or DASH),
        ], parent)
        self.project = project
        self._without: list[str] = []  # days with work and no field day
        self.setWindowTitle(tr("Field days of project {p}").format(p=project.code))
        self.missing = QLabel()
        self.missing.setWordWrap(True)
        self.missing.setProperty("role", "warning")
        self.day_edit = QDateEdit()
        self.day_edit.setDisplayFormat("yyyy-MM-dd")
        self.day_edit.setCalendarPopup(True)
        self.site_edit = QLineEdit()
        self.site_edit.setPlaceholderText(tr("the project's site unless given"))
        self.weather_edit = QLineEdit()
        self.weather_edit.setPlaceholderText(tr("e.g. dry, cloudy, 9 °C"))
        self.protocols_edit = QLineEdit()
        self.protocols_edit.setPlaceholderText(tr("protocols beyond what the work shows, e.g. 2018"))
        self.present_list = QListWidget()
        self.present_list.setMaximumHeight(110)
        for person in staff.register(session.store):
            item = QListWidgetItem(f"{person.name} ({tr(ROLE_WORDS.get(person.role, person.role))})")
            item.setData(ID_ROLE, person.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.present_list.addItem(item)
        grid = QGridLayout()
        add_row(grid, tr("Day"), self.day_edit, self.errors, "day")
        add_row(grid, tr("Site"), self.site_edit, self.errors, "site")
        add_row(grid, tr("Weather"), self.weather_edit, self.errors, "weather")
        add_row(grid, tr("Present"), self.present_list, self.errors, "staff present")
        add_row(grid, tr("Protocols"), self.protocols_edit, self.errors, "protocols")
        self.lay_out(grid, self.missing)
        self.resize(640, 600)

    def refresh(self) -> None:
        self.model.set_records(field_day.of_project(self.session.store, self.project.id))
        fit(self.view)
        days = staffing.days_of(self.session.store.conn, self.project.id, default_book())
        without = sorted(d.day for d in days.values() if d.work and not d.field_day_ids)
        self.missing.setText(tr("Work without a field day: {days}.").format(days=", ".join(without))
                             if without else "")
        self.missing.setVisible(bool(without))
        self._without = without

    def empty(self) -> None:
        day = QDate.fromString(self._without[0], "yyyy-MM-dd") if self._without else QDate.currentDate()
        self.day_edit.setDate(day)
        self.day_edit.setEnabled(True)
        for edit in (self.site_edit, self.weather_edit, self.protocols_edit):
            edit.clear()
        self._check({})

    def _check(self, ids: set[str] | dict[str, None]) -> None:
        for row in range(self.present_list.count()):
            item = self.present_list.item(row)
            item.setCheckState(Qt.CheckState.Checked if item.data(ID_ROLE) in ids else Qt.CheckState.Unchecked)

    def present(self) -> list[str]:
        return [str(self.present_list.item(r).data(ID_ROLE)) for r in range(self.present_list.count())
                if self.present_list.item(r).checkState() == Qt.CheckState.Checked]

    def fill(self, day: FieldDay) -> None:
        self.day_edit.setDate(QDate.fromString(day.day, "yyyy-MM-dd"))
        self.day_edit.setEnabled(False)  # the day is what the record is of; make another for another day
        self.site_edit.setText(day.site or "")
        self.weather_edit.setText(day.weather or "")
        self.protocols_edit.setText(", ".join(day.protocols))
        self._check(set(day.staff_ids))

    def write(self) -> FieldDay:
        fields = {"site": self.site_edit.text(), "weather": self.weather_edit.text(),
                  "protocols": protocol_list(self.protocols_edit.text()), "staff_ids": self.present()}
        if self.current is None:
            return field_day.record(self.session, self.project.id, self.day_edit.date().toString("yyyy-MM-dd"),
                                    **fields)  # type: ignore[arg-type]
        return field_day.update(self.session, self.current.id, **fields)  # type: ignore[arg-type]

    def in_words(self, exc: FieldAppError) -> FieldAppError:
        return in_words(exc)


def open_field_days(window: MainWindow) -> FieldDaysDialog | None:
    proj = window.current_project()
    if proj is None:
        window.statusBar().showMessage(tr("Select a project first."), 10_000)
        return None
    dialog = FieldDaysDialog(window.session, proj, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
