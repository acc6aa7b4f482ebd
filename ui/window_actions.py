"""The main window's actions that open something: a dialog, a print job, the lab intake.

A mixin of :class:`ui.main_window.MainWindow`, kept apart so that the window
module stays about its layout and loading. Each action imports what it opens
only when asked for: none of it is part of the first paint.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

from ui.i18n import tr

if TYPE_CHECKING:
    from fieldapp.domain.project import Project
    from ui.export_dialog import BundleDialog, ExportDialog
    from ui.project_form import ProjectDialog


class WindowActions:
    """New project, new borehole, printing, intake, settings (for MainWindow)."""

    session: Any
    lang: Any
    tasks: Any
    tabs: Any

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


    def open_export(self) -> ExportDialog | None:
        """Export the current project (CSV, GeoJSON, GeoPackage, Excel, borehole logs, site map)."""
        from ui.export_dialog import ExportDialog  # only when asked for

        project = self.current_project()
        if project is None:
            self.statusBar().showMessage(tr("Select a project to export first."), 10_000)
            return None
        dialog = ExportDialog(self.session, self.tasks, project.code, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def open_bundle(self) -> BundleDialog:
        """Write this device's unsent changes to a signed file, for a site without network."""
        from ui.export_dialog import BundleDialog  # only when asked for

        dialog = BundleDialog(self.session, self.tasks, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _build_task_actions(self) -> None:
        """Export… (Ctrl+E) and Offline bundle… (Ctrl+Shift+B): window actions, ready for a menu;
        Ctrl+Z and Ctrl+Y reach the undo and redo actions from any field (ui/keyboard.py)."""
        self.export_action = QAction(tr("Export…"), self)
        self.export_action.setShortcut(QKeySequence("Ctrl+E"))
        self.export_action.setToolTip(tr("Export the project: CSV, GeoJSON, GeoPackage, Excel, borehole logs, map"))
        self.export_action.triggered.connect(self.open_export)
        self.bundle_action = QAction(tr("Offline bundle…"), self)
        self.bundle_action.setShortcut(QKeySequence("Ctrl+Shift+B"))
        self.bundle_action.setToolTip(tr("Write the unsent changes to a signed file to carry to the hub"))
        self.bundle_action.triggered.connect(self.open_bundle)
        self.addActions([self.export_action, self.bundle_action])  # shortcuts work without a menu
        from ui.keyboard import ActionUndoKeys  # Ctrl+Z / Ctrl+Y undo actions from any field

        self.undo_keys = ActionUndoKeys(self.undo_action, self.redo_action, self)
