"""The main window shows what the store holds; --demo writes the demo project via the task manager."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from fieldapp import demo
from fieldapp.codelists import CodeLists
from fieldapp.domain import borehole, container, layer, project, sample
from fieldapp.domain.depth import format_m
from fieldapp.session import Session
from fieldapp.settings import Settings
from ui import app as app_mod
from ui.main_window import MainWindow, ProjectRole, position_class_text
from ui.taskman import TaskManager


@pytest.fixture
def demo_session(tmp_path: Path, lists: CodeLists) -> Iterator[Session]:
    s = Session.open(tmp_path / "field.sqlite", settings=Settings(user="J. de Vries"), lists=lists)
    demo.create(s, boreholes=3, seed=1)
    yield s
    s.close()


@pytest.fixture
def window(qtbot: QtBot, demo_session: Session) -> MainWindow:
    w = MainWindow(demo_session)
    qtbot.addWidget(w)
    w.show()
    return w


def _column(model: object, col: int) -> list[str]:
    return [model.index(r, col).data() for r in range(model.rowCount())]  # type: ignore[attr-defined]


def test_lists_projects_and_boreholes(window: MainWindow, demo_session: Session) -> None:
    store = demo_session.store
    projects = project.all_projects(store)
    assert window.projects_model.rowCount() == len(projects) == 1
    shown = window.projects_model.item(0)
    assert shown.data(ProjectRole).code == "2026-0142"
    assert "2026-0142" in shown.text() and projects[0].name in shown.text()

    window.select_project(0)
    assert window.current_project() == projects[0]
    assert "2026-0142" in window.windowTitle()
    assert projects[0].name in window.windowTitle()

    holes = borehole.of_project(store, projects[0].id)
    assert window.boreholes_model.rowCount() == len(holes) == 3
    assert _column(window.boreholes_model, 0) == [b.code for b in holes]
    assert _column(window.boreholes_model, 1) == ["measured"] * 3
    assert _column(window.boreholes_model, 2) == [format_m(b.final_depth_cm) for b in holes]
    assert _column(window.boreholes_model, 3) == ["DGPS 50–200 cm"] * 3
    # nothing below is shown until a borehole is chosen
    assert window.layers_model.rowCount() == 0
    assert window.samples_model.rowCount() == 0


def test_layers_and_samples_of_the_selected_borehole(window: MainWindow,
                                                     demo_session: Session) -> None:
    store = demo_session.store
    window.select_project(0)
    for row in range(window.boreholes_model.rowCount()):
        window.select_borehole(row)
        bh = window.current_borehole()
        assert bh is not None and bh.code == f"B{row + 1:02d}"

        layers = layer.of_borehole(store, bh.id)
        assert window.layers_model.rowCount() == len(layers) >= 3
        assert _column(window.layers_model, 0) == [format_m(x.upper_cm) for x in layers]
        assert _column(window.layers_model, 1) == [format_m(x.lower_cm) for x in layers]
        soils = _column(window.layers_model, 2)
        assert [s.split()[0] for s in soils] == [x.soil_code for x in layers]
        assert all("(" in s for s in soils), "the soil code is described in words"
        colours = _column(window.layers_model, 3)
        assert colours == [demo_session.lists.label("colour", x.colour, "en") for x in layers]

        samples = sample.of_borehole(store, bh.id)
        assert window.samples_model.rowCount() == len(samples) >= 2
        assert _column(window.samples_model, 0) == [s.code for s in samples]
        assert _column(window.samples_model, 2) == [
            str(len(container.of_sample(store, s.id))) for s in samples]
        for s, text in zip(samples, _column(window.samples_model, 1), strict=True):
            part = sample.parts_of(store, s.id)[0]
            assert text == f"{format_m(part.upper_cm)}–{format_m(part.lower_cm)}"
        assert window.containers_model.rowCount() == 0


def test_containers_of_the_selected_sample(window: MainWindow, demo_session: Session) -> None:
    store = demo_session.store
    window.select_project(0)
    window.select_borehole(1)
    window.select_sample(0)
    chosen = window.current_sample()
    assert chosen is not None
    jars = container.of_sample(store, chosen.id)
    assert window.containers_model.rowCount() == len(jars) >= 1
    assert _column(window.containers_model, 0) == [c.barcode for c in jars]
    assert _column(window.containers_model, 1) == ["jar"] * len(jars)
    assert _column(window.containers_model, 2) == ["glass"] * len(jars)
    assert _column(window.containers_model, 3) == ["250 ml"] * len(jars)

    # choosing another borehole clears the samples' containers
    window.select_borehole(0)
    assert window.containers_model.rowCount() == 0


def test_status_bar_shows_the_database(window: MainWindow, demo_session: Session) -> None:
    assert str(demo_session.store.path) in window.db_label.toolTip()
    assert demo_session.store.path.name in window.db_label.text()


def test_empty_database(qtbot: QtBot, tmp_path: Path, lists: CodeLists) -> None:
    with Session.open(tmp_path / "empty.sqlite", lists=lists) as s:
        w = MainWindow(s)
        qtbot.addWidget(w)
        assert w.projects_model.rowCount() == 0
        assert w.boreholes_model.rowCount() == 0
        assert "no projects" in w.boreholes_title.text()
        assert "empty.sqlite" in w.windowTitle()


def test_position_class_text() -> None:
    assert position_class_text("RTKGPS0tot2cm") == "RTKGPS 0–2 cm"
    assert position_class_text(None) == "–"
    assert position_class_text("odd") == "odd"


# --- the task manager --------------------------------------------------------------------------
def _work(n: int, progress: object = None) -> tuple[int, str]:
    if progress is not None:
        for i in range(n):
            progress(i + 1, n)  # type: ignore[operator]
    return n * 2, threading.current_thread().name


def _fail(_n: int) -> None:
    raise ValueError("broken on purpose")


def test_taskman_reports_progress_and_result_on_the_gui_thread(qtbot: QtBot) -> None:
    tasks = TaskManager()
    seen: list[tuple[int, int]] = []
    result: list[object] = []
    threads: list[str] = []
    gui = threading.current_thread().name
    with qtbot.waitSignal(tasks.finished, timeout=5000):
        tasks.run(_work, 3,
                  on_progress=lambda d, t: (seen.append((d, t)), threads.append(
                      threading.current_thread().name)),
                  on_done=result.append)
    assert seen == [(1, 3), (2, 3), (3, 3)]
    assert result[0][0] == 6  # type: ignore[index]
    assert result[0][1] != gui  # type: ignore[index]  # the work ran on a worker
    assert set(threads) == {gui}  # the callbacks ran on the GUI thread
    assert not tasks.busy


def test_taskman_reports_errors(qtbot: QtBot) -> None:
    tasks = TaskManager()
    errors: list[BaseException] = []
    with qtbot.waitSignal(tasks.finished, timeout=5000):
        tasks.run(_fail, 1, on_error=errors.append, on_done=lambda _r: pytest.fail("no result"))
    assert isinstance(errors[0], ValueError)
    assert "broken on purpose" in str(errors[0])


# --- the --demo start-up path ------------------------------------------------------------------
@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data" / "FieldApp"  # does not exist yet
    monkeypatch.setenv("FIELDAPP_DATA_DIR", str(folder))
    monkeypatch.setenv("FIELDAPP_CONFIG_DIR", str(tmp_path / "config"))
    return folder


def test_a_settings_file_of_another_version_opens_the_window_and_says_what_it_reset(
        qtbot: QtBot, data_dir: Path, tmp_path: Path) -> None:
    """A language written as a list stopped the window at start (AttributeError in i18n.language)."""
    from PySide6.QtWidgets import QMessageBox

    config = tmp_path / "config"
    config.mkdir()
    (config / "settings.json").write_text('{"user": "J. de Vries", "language": ["nl"], "antenna_height_m": "1,8"}',
                                          encoding="utf-8")
    gui = app_mod.open_window(db=None, demo=False)
    try:
        qtbot.addWidget(gui.window)
        assert gui.session.settings.user == "J. de Vries"
        boxes = [b for b in gui.window.findChildren(QMessageBox) if b.isVisible()]
        assert len(boxes) == 1, boxes
        assert "back at their defaults: Language, Antenna height above ground." in boxes[0].text()
        assert "Settings" in boxes[0].informativeText()
        boxes[0].accept()
    finally:
        gui.close()


def test_demo_start_creates_the_demo_database_via_the_task_manager(
        qtbot: QtBot, data_dir: Path) -> None:
    gui = app_mod.open_window(db=None, demo=True)
    try:
        qtbot.addWidget(gui.window)
        assert (data_dir / "demo.sqlite").exists()
        # the window is up and responsive while a worker writes the project
        assert gui.window.creating_demo
        assert gui.tasks.busy
        assert gui.window.progress_bar.isVisible()
        qtbot.waitUntil(lambda: gui.window.projects_model.rowCount() == 1, timeout=60_000)
        assert not gui.window.creating_demo
        assert not gui.window.progress_bar.isVisible()
        assert gui.window.boreholes_model.rowCount() == 15  # 12 boreholes and the 3 peilbuizen of the demo
        # the status line counts what the list shows (it said "12 boringen" beside 15 rows)
        said = gui.window.statusBar().currentMessage()
        assert ": 12 boreholes and 3 monitoring wells (peilbuizen), " in said or \
            ": 12 boringen en 3 peilbuizen, " in said, said
        assert "2026-0142" in gui.window.windowTitle()
    finally:
        gui.close()

    # the second start finds the project and writes nothing
    gui = app_mod.open_window(db=None, demo=True)
    try:
        qtbot.addWidget(gui.window)
        assert not gui.window.creating_demo
        assert gui.window.projects_model.rowCount() == 1
    finally:
        gui.close()
    with Session.open(data_dir / "demo.sqlite") as s:
        assert len(project.all_projects(s.store)) == 1


def test_run_gui_demo_runs_the_event_loop_until_the_window_closes(
        qtbot: QtBot, data_dir: Path) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    seen: dict[str, int] = {}

    def close_when_loaded() -> None:
        windows = [w for w in QApplication.topLevelWidgets()
                   if isinstance(w, MainWindow) and w.isVisible()]
        if windows and windows[0].projects_model.rowCount() == 1:
            seen["boreholes"] = windows[0].boreholes_model.rowCount()
            windows[0].close()
        else:
            QTimer.singleShot(50, close_when_loaded)

    QTimer.singleShot(50, close_when_loaded)
    guard = QTimer()
    guard.setSingleShot(True)
    guard.timeout.connect(QApplication.quit)  # never hang the test run
    guard.start(60_000)
    try:
        assert app_mod.run_gui(db=None, demo=True) == 0
    finally:
        guard.stop()
    assert seen == {"boreholes": 15}  # 12 boreholes and the 3 peilbuizen of the demo
    assert (data_dir / "demo.sqlite").exists()


def test_db_option_opens_the_given_file(qtbot: QtBot, tmp_path: Path, data_dir: Path,
                                        demo_session: Session) -> None:
    gui = app_mod.open_window(db=demo_session.store.path, demo=False)
    try:
        qtbot.addWidget(gui.window)
        assert gui.window.projects_model.rowCount() == 1
        assert not gui.window.creating_demo
        assert not data_dir.exists()
    finally:
        gui.close()


def test_db_in_a_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    from fieldapp.errors import StoreError

    with pytest.raises(StoreError, match="does not exist"):
        app_mod.database_path(tmp_path / "nowhere" / "x.sqlite", demo=False)
