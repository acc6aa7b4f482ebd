"""The main window's actions that open something: a dialog, a print job, the lab intake.

A mixin of :class:`ui.main_window.MainWindow`, kept apart so that the window
module stays about its layout and loading. Each action imports what it opens
only when asked for: none of it is part of the first paint.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

from ui.i18n import tr

if TYPE_CHECKING:
    from PySide6.QtCore import QObject

    from fieldapp.domain.project import Project
    from ui.project_form import ProjectDialog
    from ui.shipment_view import ShipmentView
    from ui.user_dialog import UserDialog


class WindowActions:
    """New project, new borehole, printing, intake, settings (for MainWindow)."""

    session: Any
    lang: Any
    tasks: Any
    tabs: Any
    undo: Any

    def new_project(self) -> ProjectDialog:
        from ui.project_form import ProjectDialog  # only when asked for: not part of the first paint

        dialog = ProjectDialog(self.session, self.lang, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.created.connect(self._project_created)
        dialog.open()  # not exec(): no nested event loop
        return dialog

    def _project_created(self, proj: Project) -> None:
        self.refresh()
        self.select_project_code(proj.code)
        self.tabs.setCurrentWidget(self.borehole_form)

    def new_borehole(self) -> None:
        self.borehole_form.load(self.current_project(), None)
        self.tabs.setCurrentWidget(self.borehole_form)
        self.borehole_form.averaging.start()

    def print_labels(self) -> object:
        """Labels of the selected sample's containers, or of the project's (ui/print_actions.py)."""
        from ui.print_actions import print_labels  # printing is loaded only when asked for

        return print_labels(self)

    def print_coc(self) -> object:
        from ui.print_actions import print_coc

        return print_coc(self)

    def open_intake(self) -> object:
        """Receive a cooler at the lab (ui/intake/entry.py); a lab device starts here."""
        from ui.intake.entry import open_intake  # the intake is loaded only when asked for

        return open_intake(self)

    def open_settings(self) -> None:
        from ui.settings_dialog import SettingsDialog  # only when asked for

        dialog = SettingsDialog(self.session, self.tasks, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()


    # custody and the user (issue 16) ------------------------------------------------
    def custody_actions(self) -> QAction:
        """Shipments… (Ctrl+Shift+K, the cooler) and Who is working… as window actions,
        for the toolbar and the menu bar; returns the Shipments action."""
        self.shipments_action = QAction(tr("Shipments…"), cast("QObject", self))
        self.shipments_action.setShortcut(QKeySequence("Ctrl+Shift+K"))
        self.shipments_action.setToolTip(tr("Pack, seal and hand over coolers of the selected project"))
        self.shipments_action.triggered.connect(self.open_shipments)
        self.user_action = QAction(tr("Who is working…"), cast("QObject", self))
        self.user_action.triggered.connect(self.ask_user)
        self.addAction(self.user_action)  # type: ignore[attr-defined]
        return self.shipments_action

    def open_shipments(self) -> ShipmentView | None:
        """The selected project's shipments (ui/shipment_view.py)."""
        from ui.shipment_view import ShipmentView  # only when asked for

        proj = self.current_project()  # type: ignore[attr-defined]
        if proj is None:
            self.statusBar().showMessage(tr("Select a project first."), 10_000)  # type: ignore[attr-defined]
            return None
        view = ShipmentView(self.session, self.tasks, self.undo, proj, self)  # type: ignore[arg-type]
        view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        view.coc_done.connect(lambda text: self.statusBar().showMessage(text, 10_000))  # type: ignore[attr-defined]
        view.show()
        self.shipment_view = view
        return view

    def ask_user(self) -> UserDialog:
        """Name and role (ui/user_dialog.py); on first start before anything is recorded."""
        from ui.user_dialog import ask_user

        return ask_user(self.session, self)  # type: ignore[arg-type]
