"""The main window's actions: the menu bar and toolbar registry, and what the actions open.

Every action of the workbench is one row of :data:`ACTIONS` (menu, window
attribute, English text, the window's method, shortcut); :func:`build_menus`
makes the menu bar and the toolbar from it, so a new action is one row here
and one method on the window. Shortcuts follow Qt's conventions: a
``QKeySequence.StandardKey`` where the platform has one, else the text given
after it. Toolbar buttons carry a fixed text and width: a changing action
text (Undo's) or the GNSS indicator never moves them under a finger.

:class:`WindowActions` is a mixin of :class:`ui.main_window.MainWindow`, kept
apart so that the window module stays about its layout and loading. Each
action imports what it opens only when asked for: none of it is part of the
first paint.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QSizePolicy, QToolBar, QToolButton, QWidget

from ui.i18n import tr, tr_noop
from ui.screen import fit_dialog

if TYPE_CHECKING:
    from fieldapp.domain.project import Project
    from ui.borehole_closing import BoreholeClosingDialog
    from ui.export_dialog import BundleDialog, ExportDialog
    from ui.project_form import ProjectDialog
    from ui.shipment_view import ShipmentView
    from ui.user_dialog import UserDialog

Std = QKeySequence.StandardKey

#: the menu bar, left to right: (key used in ACTIONS, English title with its mnemonic)
MENUS: tuple[tuple[str, str], ...] = (
    ("file", tr_noop("&File")),
    ("edit", tr_noop("&Edit")),
    ("field", tr_noop("F&ield")),
    ("print", tr_noop("&Print")),
    ("lab", tr_noop("&Lab")),
    ("sync", tr_noop("&Sync")),
    ("help", tr_noop("&Help")),
)


@dataclass(frozen=True)
class ActionSpec:
    """One action of the workbench: where it sits, what it says, what it calls."""

    menu: str  # a key of MENUS
    name: str  # the window attribute holding the QAction, e.g. "print_labels_action"
    text: str  # English, marked with tr_noop(); translated when the menus are built or retranslated
    slot: str  # the window's method called when the action is triggered
    keys: tuple[Std | str, ...] = ()  # the first standard key this platform binds, else the first text
    tip: str = ""  # English tooltip, marked with tr_noop()
    toolbar: bool = False  # also a fixed button on the toolbar (in the order of TOOLBAR)
    separator: bool = False  # a line above it in its menu (and before it on the toolbar)
    opens: bool = True  # it opens a window or dialog: the screen-fit test triggers it and checks what opens
    enabled_by: Callable[[Any], Any] | None = None  # a signal source: (window) -> (signal, initial state)
    more_keys: tuple[str, ...] = ()  # further shortcuts beside the first (Ctrl+Y for Redo, as on Windows)


def _undo_state(window: Any) -> tuple[Any, bool]:
    return window.undo.stack.canUndoChanged, window.undo.stack.canUndo()


def _redo_state(window: Any) -> tuple[Any, bool]:
    return window.undo.stack.canRedoChanged, window.undo.stack.canRedo()


#: every action of the main window, in menu order. Add a row (and the method it names) for a new one.
ACTIONS: list[ActionSpec] = [
    ActionSpec("file", "new_project_action", tr_noop("New project…"), "new_project", ("Ctrl+Shift+N",)),
    ActionSpec("file", "project_details_action", tr_noop("Project details…"), "edit_project",
               tip=tr_noop("Investigation type, strategy, bevoegd gezag, report number, contractor, site contour")),
    ActionSpec("file", "user_action", tr_noop("Who is working…"), "ask_user"),
    ActionSpec("file", "export_action", tr_noop("Export…"), "open_export", ("Ctrl+E",),
               tip=tr_noop("Export the project: CSV, GeoJSON, GeoPackage, Excel, borehole logs, map"),
               separator=True),
    ActionSpec("file", "import_action", tr_noop("Import…"), "open_import", (Std.Open, "Ctrl+O"),
               tip=tr_noop("Import planned boreholes from a GIS, or a SIKB0101 investigation")),
    ActionSpec("file", "field_report_action", tr_noop("Field report…"), "ask_field_report",
               tip=tr_noop("The veldwerkrapportage of the project as a PDF: fieldworkers, days and weather, work done, "
                           "deviations, the procescertificaat")),
    ActionSpec("file", "settings_action", tr_noop("Settings…"), "open_settings", (Std.Preferences, "Ctrl+,"),
               toolbar=True, separator=True),
    ActionSpec("file", "quit_action", tr_noop("Quit"), "close", (Std.Quit, "Ctrl+Q"), separator=True, opens=False),
    ActionSpec("edit", "undo_action", tr_noop("Undo"), "undo_last", (Std.Undo,), toolbar=True, opens=False,
               enabled_by=_undo_state),
    ActionSpec("edit", "redo_action", tr_noop("Redo"), "redo_last", (Std.Redo,), toolbar=True, opens=False,
               enabled_by=_redo_state, more_keys=("Ctrl+Y",)),
    ActionSpec("field", "new_borehole_action", tr_noop("New borehole here"), "new_borehole", ("Ctrl+B",),
               tip=tr_noop("A new borehole at the receiver's position: starts averaging"), toolbar=True,
               opens=False),
    ActionSpec("field", "check_action", tr_noop("Check project…"), "open_check", ("Ctrl+Shift+C",),
               tip=tr_noop("Every rule the project's records break, with a jump to each"), separator=True),
    ActionSpec("field", "close_borehole_action", tr_noop("Close borehole…"), "close_borehole",
               tip=tr_noop("Technique, boring process, stop reason, groundwater, backfill, surface level; then "
                           "close the selected borehole")),
    ActionSpec("field", "analysis_samples_action", tr_noop("Analysis samples…"), "open_analysis_composer",
               ("Ctrl+Shift+M",),
               tip=tr_noop("Compose analysis samples (mengmonsters) of field samples, with a package")),
    ActionSpec("field", "deviations_action", tr_noop("Deviations…"), "open_deviations",
               tip=tr_noop("The deviations (afwijkingen) recorded in the project: why, consequences, who decided")),
    ActionSpec("field", "field_days_action", tr_noop("Field days…"), "open_field_days",
               tip=tr_noop("Per day of field work: site, weather and who was there")),
    ActionSpec("field", "staff_action", tr_noop("Staff register…"), "open_staff",
               tip=tr_noop("Fieldworkers and assistants with their Bodem+ registration and protocols")),
    ActionSpec("field", "pfas_checklist_action", tr_noop("PFAS checklist…"), "open_pfas_checklist"),
    ActionSpec("field", "asbestos_action", tr_noop("Asbestos suspicion…"), "open_asbestos"),
    ActionSpec("print", "print_labels_action", tr_noop("Print labels…"), "print_labels", (Std.Print, "Ctrl+P"),
               toolbar=True, separator=True),
    ActionSpec("print", "print_coc_action", tr_noop("Print COC…"), "print_coc", ("Ctrl+Shift+P",), toolbar=True),
    ActionSpec("print", "shipments_action", tr_noop("Shipments…"), "open_shipments", ("Ctrl+Shift+K",),
               tip=tr_noop("Pack, seal and hand over coolers of the selected project"), separator=True),
    ActionSpec("lab", "intake_action", tr_noop("Lab intake…"), "open_intake", ("Ctrl+I",),
               tip=tr_noop("Receive a cooler: scan its containers against the COC")),
    ActionSpec("sync", "sync_now_action", tr_noop("Sync now"), "sync_now", ("F9",),
               tip=tr_noop("Send this device's changes to the hub and fetch the others'"), opens=False),
    ActionSpec("sync", "enrol_action", tr_noop("Enrol with hub…"), "open_enrolment", separator=True),
    ActionSpec("sync", "bundle_action", tr_noop("Offline bundle…"), "open_bundle", ("Ctrl+Shift+B",),
               tip=tr_noop("Write the unsent changes to a signed file to carry to the hub")),
    ActionSpec("sync", "conflicts_action", tr_noop("Conflicts…"), "open_conflicts"),
    ActionSpec("help", "about_action", tr_noop("About FieldApp"), "show_about",
               tip=tr_noop("Version, database and settings folder")),
    ActionSpec("help", "shortcuts_action", tr_noop("Keyboard shortcuts"), "show_shortcuts", (Std.HelpContents, "F1")),
]


#: the toolbar, left to right: the field's frequent actions; None is a separator. Its buttons never move.
TOOLBAR: tuple[str | None, ...] = ("new_borehole_action", None, "undo_action", "redo_action", None,
                                   "print_labels_action", "print_coc_action", None, "settings_action")


def key_sequence(keys: tuple[Std | str, ...]) -> QKeySequence:
    """The first of ``keys`` this platform binds (a standard key may have no binding, e.g. Quit on Windows)."""
    for key in keys:
        if isinstance(key, str):
            return QKeySequence(key)
        bindings = QKeySequence.keyBindings(key)
        if bindings:
            return bindings[0]
    return QKeySequence()


def shortcut_text(action: QAction) -> str:
    return action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)


def build_menus(window: QMainWindow) -> QToolBar:
    """The menu bar with every action of :data:`ACTIONS`, and the toolbar of those marked for it."""
    bar = window.menuBar()
    menus = {}
    for key, title in MENUS:
        menu = bar.addMenu(tr(title))
        menu.setObjectName(f"menu-{key}")
        menus[key] = menu
    toolbar = window.addToolBar(tr("Actions"))
    toolbar.setObjectName("actions")
    toolbar.setMovable(False)
    toolbar.setFloatable(False)
    for spec in ACTIONS:
        action = QAction(window)  # not QAction(text, parent): its overloads load QIcon's enums (~2 ms)
        action.setText(tr(spec.text))
        action.setObjectName(spec.name)
        first = key_sequence(spec.keys)
        action.setShortcuts([first, *(QKeySequence(k) for k in spec.more_keys if QKeySequence(k) != first)])
        action.setProperty("opens_window", spec.opens)
        action.triggered.connect(_caller(window, spec.slot))
        if spec.enabled_by is not None:
            signal, state = spec.enabled_by(window)
            action.setEnabled(bool(state))
            signal.connect(action.setEnabled)
        setattr(window, spec.name, action)
        if spec.separator and not menus[spec.menu].isEmpty():
            menus[spec.menu].addSeparator()
        menus[spec.menu].addAction(action)
    specs = {spec.name: spec for spec in ACTIONS if spec.toolbar}
    for name in (*TOOLBAR, *(n for n in specs if n not in TOOLBAR)):
        if name is None:
            toolbar.addSeparator()
        elif name in specs:
            toolbar.addWidget(_ToolButton(getattr(window, name), specs[name]))
    retranslate_menus(window)
    return toolbar


def _caller(window: QMainWindow, slot: str) -> Callable[[], None]:
    def call() -> None:
        getattr(window, slot)()

    return call


class _ToolButton(QToolButton):
    """A toolbar button with the action's first text and a fixed width: it never moves or resizes."""

    def __init__(self, action: QAction, spec: ActionSpec) -> None:
        super().__init__()
        self.action_ = action
        self.spec = spec
        self.setObjectName(f"tool-{spec.name}")
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a tap must not take the focus from the scan field
        self.clicked.connect(action.trigger)
        action.changed.connect(self._sync)
        self._sync()

    def _sync(self) -> None:
        self.setEnabled(self.action_.isEnabled())
        keys = shortcut_text(self.action_)
        tip = self.action_.toolTip() if self.spec.tip else self.action_.text().replace("&", "")
        self.setToolTip(f"{tip} ({keys})" if keys else tip)

    def fix_width(self) -> None:
        self.setText(tr(self.spec.text))
        self.setMinimumWidth(0)
        self.setMaximumWidth(16_777_215)
        self.setFixedWidth(self.sizeHint().width())
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)


def retranslate_menus(window: QMainWindow) -> None:
    """Menu titles, action texts and tips in the current language; toolbar widths fixed again."""
    for key, title in MENUS:
        menu = window.menuBar().findChild(QWidget, f"menu-{key}")
        if menu is not None:
            menu.setTitle(tr(title))  # type: ignore[attr-defined]
    for spec in ACTIONS:
        action = getattr(window, spec.name, None)
        if isinstance(action, QAction):
            action.setText(tr(spec.text))
            action.setToolTip(tr(spec.tip) if spec.tip else tr(spec.text).replace("&", ""))
    toolbar = window.findChild(QToolBar, "actions")
    if toolbar is not None:
        toolbar.setWindowTitle(tr("Actions"))
        for button in toolbar.findChildren(_ToolButton):
            button.fix_width()
            button._sync()


class WindowActions:
    """New project, new borehole, printing, intake, settings (for MainWindow)."""

    session: Any
    lang: Any
    tasks: Any
    tabs: Any
    undo: Any
    sync: Any

    def new_project(self) -> ProjectDialog:
        from ui.project_form import ProjectDialog  # only when asked for: not part of the first paint

        dialog = ProjectDialog(self.session, self.lang, self)
        fit_dialog(dialog)  # the positioning classes' Dutch labels are long
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.created.connect(self._project_created)
        dialog.open()  # not exec(): no nested event loop
        return dialog

    def edit_project(self) -> ProjectDialog | None:
        """The selected project's details (ui/project_form.py)."""
        from ui.project_form import ProjectDialog

        proj = self.current_project()
        if proj is None:
            self.statusBar().showMessage(tr("Select a project first."), 5000)
            return None
        dialog = ProjectDialog(self.session, self.lang, self, project=proj)
        fit_dialog(dialog)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(lambda saved: (self.refresh(), self.select_project_code(saved.code)))
        dialog.open()
        return dialog

    def _project_created(self, proj: Project) -> None:
        self.refresh()
        self.select_project_code(proj.code)
        self.tabs.setCurrentWidget(self.borehole_form)

    def new_borehole(self) -> None:
        self.borehole_form.load(self.current_project(), None)
        self.tabs.setCurrentWidget(self.borehole_form)
        self.borehole_form.averaging.start()

    def close_borehole(self) -> BoreholeClosingDialog | None:
        """Complete and close the selected borehole (ui/borehole_closing.py)."""
        from ui.borehole_closing import BoreholeClosingDialog  # only when asked for

        hole = self.current_borehole()  # type: ignore[attr-defined]
        if hole is None:
            self.statusBar().showMessage(tr("Select a borehole first."), 10_000)  # type: ignore[attr-defined]
            return None
        dialog = BoreholeClosingDialog(self.session, hole, self.lang, self, self.undo)  # type: ignore[arg-type]
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.changed.connect(lambda _h: self._reload_current_borehole())  # type: ignore[attr-defined]
        dialog.open()
        self.closing_dialog = dialog
        return dialog

    def print_labels(self) -> object:
        """Labels of the selected sample's containers, or of the project's (ui/print_actions.py)."""
        from ui.print_actions import print_labels  # printing is loaded only when asked for

        return print_labels(self)

    def print_coc(self) -> object:
        from ui.print_actions import print_coc

        return print_coc(self)

    def open_analysis_composer(self) -> object:
        """The selected project's analysis samples (ui/analysis_composer.py)."""
        from ui.analysis_composer import open_composer  # only when asked for

        return open_composer(self)

    def open_pfas_checklist(self) -> object:
        """Sign the PFAS equipment checklist for a day (ui/pfas_checklist_dialog.py)."""
        from ui.pfas_checklist_dialog import open_pfas_checklist  # only when asked for

        return open_pfas_checklist(self)

    def open_asbestos(self) -> object:
        """Whether the selected borehole's location is asbestos-suspect (ui/asbestos_dialog.py)."""
        from ui.asbestos_dialog import open_asbestos  # only when asked for

        return open_asbestos(self)

    def open_intake(self) -> object:
        """Receive a cooler at the lab (ui/intake/entry.py); a lab device starts here."""
        from ui.intake.entry import open_intake  # the intake is loaded only when asked for

        return open_intake(self)

    def open_deviations(self) -> object:
        """The deviations of the selected project (ui/deviation_list.py)."""
        from ui.deviation_list import open_deviations  # only when asked for

        return open_deviations(self)  # type: ignore[arg-type]

    def open_field_days(self) -> object:
        """The field days of the selected project (ui/staff_field_days.py)."""
        from ui.staff_field_days import open_field_days  # only when asked for

        return open_field_days(self)  # type: ignore[arg-type]

    def open_staff(self) -> object:
        """The staff register (ui/staff_dialog.py)."""
        from ui.staff_dialog import open_staff  # only when asked for

        return open_staff(self, self.session)  # type: ignore[arg-type]

    def open_check(self) -> object:
        """The rule findings of the selected project (ui/check_view.py)."""
        from ui.check_view import open_check  # only when asked for

        return open_check(self)  # type: ignore[arg-type]

    def undo_last(self) -> None:
        self.undo.undo()  # a step the core refuses stays on the stack (ui/undo.py)

    def redo_last(self) -> None:
        self.undo.redo()

    def sync_now(self) -> bool:
        return bool(self.sync.sync_now())

    def open_enrolment(self) -> object:
        return self.sync.open_enrolment()

    def open_conflicts(self) -> object:
        return self.sync.open_conflicts()

    def show_shortcuts(self) -> object:
        """Every action with its shortcut, as the menus list them (F1)."""
        from PySide6.QtWidgets import QMessageBox

        rows = []
        for spec in ACTIONS:
            action = getattr(self, spec.name)
            keys = shortcut_text(action)
            if keys:
                rows.append(f"<tr><td><b>{keys}</b></td><td>{action.text().replace('&', '')}</td></tr>")
        box = QMessageBox(QMessageBox.Icon.Information, tr("Keyboard shortcuts"),
                          f"<table cellspacing='6'>{''.join(rows)}</table>", QMessageBox.StandardButton.Close,
                          self)  # type: ignore[arg-type]
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return box

    def show_about(self) -> object:
        """The version a sampler reads out to support, and where the data is (ui/about.py)."""
        from ui.about import show_about

        return show_about(self, str(self.session.store.path))  # type: ignore[arg-type]

    def open_settings(self) -> None:
        from ui.settings_dialog import SettingsDialog  # only when asked for

        dialog = SettingsDialog(self.session, self.tasks, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

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

    def open_import(self) -> object:
        """A coordinator's file into the selected project (ui/import_dialog.py)."""
        from ui.import_dialog import ImportDialog  # only when asked for

        project = self.current_project()  # none selected: a SIKB0101 investigation brings its own
        dialog = ImportDialog(self.session, self.tasks, project.code if project else None, self)  # type: ignore[arg-type]
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.done.connect(self._imported)
        dialog.open()
        return dialog

    def _imported(self, result: object) -> None:
        """The borehole list shows what came in; a SIKB0101 investigation's project is selected."""
        self.refresh()
        code = getattr(result, "project_code", "")
        if code:
            self.select_project_code(code)

    def ask_field_report(self) -> object:
        """The selected project's field report as a PDF (ui/field_report_action.py)."""
        from ui.field_report_action import ask_field_report  # reportlab is loaded only when asked for

        return ask_field_report(self)  # type: ignore[arg-type]

    def open_bundle(self) -> BundleDialog:
        """Write this device's unsent changes to a signed file, for a site without network."""
        from ui.export_dialog import BundleDialog  # only when asked for

        dialog = BundleDialog(self.session, self.tasks, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _install_undo_keys(self) -> None:
        """Ctrl+Z and Ctrl+Y reach the undo and redo actions from any field (ui/keyboard.py)."""
        from ui.keyboard import ActionUndoKeys

        self.undo_keys = ActionUndoKeys(self.undo_action, self.redo_action, self)  # type: ignore[attr-defined]
