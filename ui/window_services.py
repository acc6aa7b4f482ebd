"""The main window's long-running companions: the GNSS receiver and the demo project.

A mixin of :class:`ui.main_window.MainWindow` (kept apart to keep the window's
module short). The receiver is started just after the window is first shown;
with ``auto`` the port is found on a worker. The demo project is written on a
worker with progress in the status bar.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QMainWindow

from ui.background import write_demo_project
from ui.i18n import counted, tr

if TYPE_CHECKING:
    from fieldapp.domain.borehole import Borehole
    from fieldapp.domain.project import Project
    from ui.main_window import MainWindow
    from ui.models import RecordTableModel


class WindowServices:
    # compatibility with the overview's models (ui/overview.py) ------------------
    @property
    def layers_model(self: MainWindow) -> RecordTableModel:  # type: ignore[type-arg]
        return self.overview.layers_model

    @property
    def samples_model(self: MainWindow) -> RecordTableModel:  # type: ignore[type-arg]
        return self.overview.samples_model

    @property
    def containers_model(self: MainWindow) -> RecordTableModel:  # type: ignore[type-arg]
        return self.overview.containers_model

    # the borehole in view, kept when the list is read again (MainWindow.refresh) --------
    def _keep_borehole(self: MainWindow, proj: Project, kept: Borehole) -> bool:
        """Select ``kept`` again in the list read anew, its overview fresh, its forms as they are."""
        row = self.boreholes_model.row_of(kept.id)
        fresh = self.boreholes_model.record(row) if row is not None else None
        if row is None or fresh is None:
            return False  # gone (a sync deleted it): nothing is shown
        selection = self.borehole_view.selectionModel()
        blocked = selection.blockSignals(True)
        try:
            self.select_borehole(row)
        finally:
            selection.blockSignals(blocked)
        self._shown_borehole = fresh
        if self._overview is not None:
            self._overview.show_borehole(fresh)
        if (forms := self._forms) is not None:
            # the Position tab: the planned borehole being measured stays its target, and what is typed
            # for a new one stays; only a target that changed (measured elsewhere) loads it afresh
            form, planned = forms.borehole, None if fresh.measured else fresh
            if (None if form.planned is None else form.planned.id) == (None if planned is None else planned.id):
                form.project = proj  # the project's rules (its positioning class) as read now
            else:
                self._loads.load(form, lambda: form.load(proj, planned))
        return True

    # look and language ----------------------------------------------------------
    def apply_look_now(self: MainWindow) -> None:
        """The settings' theme and language, at once and without a restart."""
        from PySide6.QtWidgets import QApplication

        from ui import i18n, theme

        app = QApplication.instance()
        if not isinstance(app, QApplication):
            return
        theme.apply_theme(app, self.session.settings.theme)
        self.indicator.set_theme(self.session.settings.theme)
        lang = i18n.language(self.session.settings)
        if lang != i18n.installed(app):
            i18n.install(app, lang)  # every widget hears QEvent.LanguageChange: see changeEvent
        from ui.window_actions import retranslate_menus

        retranslate_menus(self)  # toolbar widths for the new type size

    def changeEvent(self: MainWindow, event: QEvent) -> None:
        later = getattr(self, "_retranslating", None)
        if event.type() == QEvent.Type.LanguageChange and later is not None and not later.isActive():
            later.start()  # once for the removal and the installation of the translators
        QMainWindow.changeEvent(self, event)

    def _language_changed(self: MainWindow) -> None:
        """Every open window of this one (dialogs, intake) in the language now installed."""
        from PySide6.QtWidgets import QApplication

        from ui.i18n import installed
        from ui.retranslate import Translator, retranslate
        from ui.window_actions import retranslate_menus

        app = QApplication.instance()
        if app is None:
            return
        new = installed(app)
        if new == self.lang:
            return
        retranslate([self], Translator(self.lang, new, self.session.lists))
        self.lang = self.words.lang = new
        if self._forms is not None:
            for form in (self._forms.borehole, self._forms.layer, self._forms.sample):
                form.lang = new  # type: ignore[attr-defined]  # code lists loaded later
        retranslate_menus(self)
        self.indicator.refresh()
        if self._sync is not None:
            self._sync.refresh()

    # GNSS ---------------------------------------------------------------------
    def start_gnss_soon(self: MainWindow, *, demo: bool = False) -> None:
        """Start the receiver just after the window is first shown."""
        if self._later.isActive():
            self._gnss_wanted = demo
        else:
            self.start_gnss(demo=demo)

    def start_gnss(self: MainWindow, *, demo: bool = False) -> None:
        """Start the receiver the settings name; ``auto`` detects the port on a worker."""
        from ui.gnss_sources import baud, detect_port, source_for

        self._gnss_wanted = None
        self._gnss_demo = demo
        source = source_for(self.session.settings, demo=demo)
        if source is not None:
            self.bridge.start(source)
            return
        self.bridge.stop()
        self.statusBar().showMessage(tr("Looking for a GNSS receiver…"), 5_000)
        self.tasks.run(detect_port, baud(self.session.settings), on_done=self._port_found,
                       on_error=lambda _exc: self._port_found(None))

    def restart_gnss(self: MainWindow) -> None:
        self.start_gnss(demo=self._gnss_demo)

    def _port_found(self: MainWindow, found: object) -> None:
        if isinstance(found, tuple):
            from drivers.gnss.sources import SerialSource

            port, rate = found
            self.bridge.start(SerialSource(str(port), int(rate)))
            self.statusBar().showMessage(tr("GNSS receiver on {p} at {b} baud.").format(p=port, b=rate), 10_000)
        else:
            self.statusBar().showMessage(
                tr("No GNSS receiver found. Check the cable, or choose the port in Settings."), 15_000)

    # demo data ----------------------------------------------------------------
    @property
    def creating_demo(self: MainWindow) -> bool:
        return self._demo_task is not None

    def create_demo_project(self: MainWindow, *, boreholes: int = 12, seed: int = 1) -> None:
        """Write the demo project on a worker, with progress in the status bar."""
        if self._demo_task is not None:
            return
        self.progress_bar.setRange(0, boreholes)
        self.progress_bar.setValue(0)
        self.progress_bar.setFormat(tr("Demo project: %v of %m boreholes"))
        self.progress_bar.setVisible(True)
        self.boreholes_title.setText(tr("Boreholes: creating the demo project…"))
        self.statusBar().showMessage(tr("Creating the demo project…"))
        self._demo_task = self.tasks.run(
            write_demo_project, str(self.session.store.path), replace(self.session.settings), boreholes, seed,
            on_progress=self._demo_progress, on_done=self._demo_done, on_error=self._demo_error,
        )

    def _demo_progress(self: MainWindow, done: int, total: int) -> None:
        self.progress_bar.setRange(0, total)
        self.progress_bar.setValue(done)

    def _demo_done(self: MainWindow, summary: object) -> None:
        self._demo_task = None
        self.progress_bar.setVisible(False)
        from fieldapp.demo import DemoSummary

        if isinstance(summary, DemoSummary):
            # counted as the borehole list shows them: the peilbuizen are rows of it too
            text = tr("Demo project {p} created: {b} and {w}, {s}, {c}.") if summary.wells else \
                tr("Demo project {p} created: {b}, {s}, {c}.")
            self.statusBar().showMessage(text.format(
                p=summary.project_code, b=counted(summary.boreholes, "borehole"),
                w=counted(summary.wells, "monitoring_well"), s=counted(summary.samples, "sample"),
                c=counted(summary.containers, "pot")), 10_000)
        self.refresh()
        self.demo_ready.emit()

    def _demo_error(self: MainWindow, exc: BaseException) -> None:
        self._demo_task = None
        self.progress_bar.setVisible(False)
        self.statusBar().clearMessage()
        self.refresh()
        text = tr("The demo project could not be created: {e}").format(e=exc)
        self.demo_failed.emit(text)
        from PySide6.QtWidgets import QMessageBox  # only when there is something to say

        box = QMessageBox(QMessageBox.Icon.Warning, "FieldApp", text, QMessageBox.StandardButton.Ok, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()  # not exec(): no nested event loop
