"""Every window and dialog fits a 1366 x 768 screen, in both themes and both languages.

The offscreen screen of the tests is 1366 x 768 (tests/conftest.py). Each
window of tests/ui/every_window.py is checked by tests/ui/screen_checks.py:
every button and label inside the screen and inside its parents (or in a
scroll area), no text cut, no tab elided, no toolbar or menu bar overflowing.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication, QLabel, QToolBar, QWidget
from pytestqt.qtbot import QtBot
from screen_checks import SCREEN, describe, problems

from fieldapp.codelists import CodeLists
from fieldapp.session import Session
from fieldapp.settings import Settings
from ui.background import write_demo_project
from ui.main_window import MainWindow
from ui.screen import TITLE_BAR_PX, fit_to_screen
from ui.window_actions import _ToolButton

from every_window import look, visit_every_window  # isort: skip


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    write_demo_project(str(path), Settings(user="J. de Vries"), 12, 1)
    return path


@pytest.fixture
def demo_session(demo_db: Path, tmp_path: Path, lists: CodeLists) -> Iterator[Session]:
    path = tmp_path / "demo.sqlite"
    shutil.copy(demo_db, path)
    s = Session.open(path, settings=Settings(user="J. de Vries"), lists=lists)
    yield s
    s.close()


def test_the_test_screen_is_the_small_laptop() -> None:
    screen = QApplication.primaryScreen()
    assert screen is not None and screen.availableGeometry() == SCREEN


@pytest.mark.parametrize("theme", ["normal", "sunlight"])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_window_fits_1366x768(qtbot: QtBot, demo_session: Session, theme: str, lang: str) -> None:
    found: dict[str, list[str]] = {}
    seen: list[str] = []

    def check(name: str, window: QWidget) -> None:
        seen.append(name)
        bad = problems(window)
        if bad:
            found[name] = bad

    demo_session.settings.language, demo_session.settings.theme = lang, theme  # code lists in that language too
    with look(theme, lang):
        w = visit_every_window(qtbot, demo_session, check)
        # a maximised window under a panel and a title bar has less than the screen
        assert w.minimumSizeHint().height() <= SCREEN.height() - TITLE_BAR_PX - 40
        assert w.minimumSizeHint().width() <= SCREEN.width()
    for expected in ("main window, tab 3", "settings_action", "new_project_action", "print_labels_action",
                     "intake_action", "enrol_action", "conflicts_action", "intake window", "print COC"):
        assert any(name.startswith(expected) for name in seen), f"{expected} was not opened"
    report = "\n".join(f"{name}:\n  " + "\n  ".join(lines) for name, lines in found.items())
    assert not found, f"{theme}, {lang}:\n{report}"


def test_toolbar_buttons_stay_put_as_undo_and_gnss_texts_change(qtbot: QtBot, demo_session: Session) -> None:
    with look("sunlight", "nl"):
        w = MainWindow(demo_session)
        qtbot.addWidget(w)
        w.show()
        bar = w.findChild(QToolBar, "actions")
        assert bar is not None

        def places() -> list[QRect]:
            QApplication.processEvents()
            return [b.geometry() for b in bar.findChildren(_ToolButton)]

        before = places()
        w.indicator.age_label.setText("laatste fix 123456 s geleden, nog langer dan ooit")
        w.undo.stack.push(_Named("Laag 0,00–0,50 m opslaan in boring B01 van project 2026-0142"))
        after = places()
        assert before == after, "toolbar buttons moved"
        undo = next(b for b in bar.findChildren(_ToolButton) if b.spec.name == "undo_action")
        assert undo.text() == "Ongedaan maken" and undo.isEnabled()
        assert "Laag 0,00–0,50 m opslaan" in undo.toolTip() or "Ctrl+Z" in undo.toolTip()


def test_a_long_status_message_is_shown_whole_beside_the_sync_panel(qtbot: QtBot, demo_session: Session) -> None:
    """Qt draws a status message on one line and cut this one off after "37 monste" in sunlight."""
    message = "Demoproject 2026-0142 gemaakt: 12 boringen en 3 peilbuizen, 37 monsters, 74 potjes."
    with look("sunlight", "nl"):
        w = MainWindow(demo_session)
        qtbot.addWidget(w)
        fit_to_screen(w, SCREEN.width(), SCREEN.height())
        w.show()
        qtbot.waitUntil(lambda: w._sync is not None, timeout=5_000)  # the sync panel joins after the first show
        bar = w.statusBar()
        bar.showMessage(message, 10_000)
        QApplication.processEvents()
        shown = bar.message_label  # type: ignore[attr-defined]
        assert bar.currentMessage() == shown.text() == message
        assert shown.isVisible() and shown.heightForWidth(shown.width()) <= shown.height(), "the message is cut"
        assert shown.geometry().right() < w.db_label.geometry().left()  # beside the name and the sync panel
        assert not problems(w), problems(w)
        bar.clearMessage()
        assert shown.text() == ""


def test_the_check_finds_a_cut_label_and_a_button_off_screen(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    window.setGeometry(0, 0, 300, 100)
    label = QLabel("Boring opslaan en de volgende laag beginnen", window)
    label.setGeometry(0, 0, 80, 30)
    from PySide6.QtWidgets import QPushButton

    button = QPushButton("Instellingen", window)
    button.setGeometry(280, 0, 120, 44)
    window.show()
    found = problems(window)
    assert any("needs" in f and "Boring opslaan" in f for f in found), found
    assert any("cut off" in f and "Instellingen" in f for f in found), found
    assert describe(button) == "QPushButton 'Instellingen'"


class _Named:
    """A do-nothing undo step with a long text (what QUndoStack shows in Undo's text)."""

    def __new__(cls, text: str) -> object:
        from PySide6.QtGui import QUndoCommand

        return QUndoCommand(text)


def test_menu_bar_lists_every_action_with_qt_standard_shortcuts(qtbot: QtBot, demo_session: Session) -> None:
    from PySide6.QtGui import QAction, QKeySequence

    from ui.window_actions import ACTIONS, MENUS

    w = MainWindow(demo_session)
    qtbot.addWidget(w)
    in_menus = {a.objectName(): menu.objectName() for menu in w.menuBar().findChildren(QWidget)
                for a in menu.actions() if a.objectName()}
    assert [m.title() for m in w.menuBar().findChildren(QWidget) if m.objectName().startswith("menu-")]
    for spec in ACTIONS:
        assert spec.menu in dict(MENUS)
        assert in_menus.get(spec.name) == f"menu-{spec.menu}", f"{spec.name} is not in its menu"
    std = QKeySequence.StandardKey

    def keys(name: str) -> QKeySequence:
        action = getattr(w, name)
        assert isinstance(action, QAction)
        return action.shortcut()

    assert keys("undo_action") == QKeySequence.keyBindings(std.Undo)[0]
    assert keys("redo_action") == QKeySequence.keyBindings(std.Redo)[0]
    assert keys("print_labels_action") == QKeySequence.keyBindings(std.Print)[0]
    assert keys("shortcuts_action") == QKeySequence.keyBindings(std.HelpContents)[0]
    shortcuts = [keys(spec.name).toString() for spec in ACTIONS if not keys(spec.name).isEmpty()]
    assert len(shortcuts) == len(set(shortcuts)), "two actions share a shortcut"
    # the forms' own keys stay theirs: next layer, save borehole, average, damaged at the intake
    assert not {"Ctrl+N", "Ctrl+S", "F5", "F2"} & set(shortcuts)
