"""Start the GUI: choose the database, open the session, show the main window.

``fieldapp``            the device's database in the user's data directory
``fieldapp --demo``     ``demo.sqlite`` in the user's data directory; the demo
                        project is written on first run, on a worker thread
``fieldapp --db PATH``  the given database file
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from ui.collector import no_cycle_collection
from ui.pyside_import import scan_no_sources

# The window's modules (Qt's types with their enums, FieldApp's dataclasses) make few reference cycles, yet
# CPython would look for them some 60 times while they load: a few ms of the first window. Not meanwhile.
with no_cycle_collection():
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    scan_no_sources()

    from fieldapp.domain import project as project_mod
    from fieldapp.errors import StoreError
    from fieldapp.session import Session
    from fieldapp.settings import data_dir, settings_path
    from fieldapp.settings import read as read_settings
    from ui import i18n, theme
    from ui.collector import collect_on_gui_thread
    from ui.main_window import MainWindow
    from ui.taskman import TaskManager

DEMO_DB_NAME = "demo.sqlite"
DEVICE_DB_NAME = "fieldapp.sqlite"


@dataclass
class Gui:
    """What :func:`open_window` started; :func:`run_gui` runs it and closes it."""

    app: QApplication
    session: Session
    tasks: TaskManager
    window: MainWindow

    def close(self) -> None:
        # a worker still writing owns its own connection; let it finish first
        self.window.bridge.stop()
        self.tasks.wait()
        self.window.close()
        self.session.close()


def database_path(db: Path | None, demo: bool) -> Path:
    """The database the GUI opens; its folder is created for the data directory."""
    if db is not None:
        path = Path(db).expanduser()
        if not path.parent.exists():
            raise StoreError(f"The folder {path.parent} does not exist.",
                             hint="Create it or give another --db path.")
        return path
    folder = data_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"Cannot create the data folder {folder}: {exc.strerror}.",
                         hint="Set FIELDAPP_DATA_DIR to a writable folder.") from None
    return folder / (DEMO_DB_NAME if demo else DEVICE_DB_NAME)


def application() -> QApplication:
    """The process's QApplication, created with FieldApp's look on first call."""
    existing = QCoreApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QApplication.setApplicationName("FieldApp")
    QApplication.setOrganizationName("FieldApp")
    # Qt reads the first argument as the program's name: without one, "-style" would be taken for it
    app = QApplication([*(sys.argv[:1] or ["fieldapp"]), *theme.STYLE_ARGUMENTS])
    theme.started_with_fusion(app)
    collect_on_gui_thread(app)  # cycles with Qt objects in them must die on this thread
    return app


def apply_look(app: QApplication, session: Session) -> None:
    """The session's theme and language (Qt scales for high DPI by itself in Qt 6)."""
    theme.apply_theme(app, session.settings.theme)
    i18n.install(app, i18n.language(session.settings))


def open_window(db: Path | None, demo: bool, *, gnss: bool = True) -> Gui:
    """Open the session and show the main window (without entering the event loop).

    With ``demo`` and an empty database, the demo project is written through
    the task manager while the window stays responsive. ``gnss`` starts the
    receiver the settings name (with ``demo``, a recorded Dutch log in a loop).
    A lab device (setting ``role`` "lab") opens in lab intake instead.
    """
    # the database first: a bad path is one clear line, before Qt needs a screen
    path = database_path(db, demo)
    reading = read_settings(settings_path())
    session = Session.open(path, settings=reading.settings)
    try:
        tasks = TaskManager()
        app = application()
        apply_look(app, session)
        window = MainWindow(session, tasks)
        tasks.setParent(window)  # the window's, as if it had made it
        window.show()
        if not session.settings.user:
            window.ask_user()  # first start: who is working, before anything is recorded
        if reading.reset or reading.damaged_copy is not None:
            from ui.settings_dialog import tell_unread  # rare: not on the way to every first window

            tell_unread(reading, settings_path(), window)  # on top: what the file could not give
        if session.settings.role == "lab":
            # a lab desk opens where it works; it has no receiver, and probing the serial
            # ports for one could take the barcode scanner's port
            window.open_intake()
        elif gnss:
            window.start_gnss_soon(demo=demo)
        if demo and not project_mod.all_projects(session.store):
            window.create_demo_project()
    except BaseException:
        session.close()
        raise
    return Gui(app, session, tasks, window)


def run_gui(db: Path | None, demo: bool) -> int:
    """The GUI entry point of the ``fieldapp`` program; returns the exit status."""
    gui = open_window(db, demo)
    try:
        return int(gui.app.exec())
    finally:
        gui.close()
