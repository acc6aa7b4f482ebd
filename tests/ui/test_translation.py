"""The Dutch translation covers every visible string of the sampler's screens.

The same screens are built twice, in English and in Dutch, with the same data,
and walked in the same order. A text that is the same in both languages must
be data (codes, numbers, units) or a string the catalogue deliberately
translates to itself (``Status``, ``Matrix``); anything else is a string that
missed ``tr()`` or the catalogue, and the test names it.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from every_window import look, visit_every_window
from PySide6.QtCore import QAbstractTableModel, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QTableView,
    QTabWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from fieldapp import error_text
from fieldapp.codelists import CodeLists
from fieldapp.session import Session
from fieldapp.settings import Settings
from ui.background import write_demo_project

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
import i18n as i18n_tool  # noqa: E402  (tools/i18n.py)

ENDONYMS = {"Nederlands", "English"}
_DATA = re.compile(r"^[\W\d_]*$|^[\d\s.,:;°±–%()/+-]*(m|ml|cm|s|N|E)?[\d\s.,:;°±–%()/+-]*$")


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    write_demo_project(str(path), Settings(user="J. de Vries"), 12, 1)
    return path


@pytest.fixture
def data_sessions(demo_db: Path, tmp_path: Path, lists: CodeLists) -> Iterator[Callable[[], Session]]:
    """Each language on its own copy of the demo project: the same data, the same screens (a walk records
    things, an unexpected container scanned at the intake window, that the other language's walk would see)."""
    opened: list[Session] = []

    def session() -> Session:
        path = tmp_path / f"demo-{len(opened)}.sqlite"
        shutil.copy(demo_db, path)
        opened.append(Session.open(path, settings=Settings(user="J. de Vries"), lists=lists))
        return opened[-1]

    yield session
    for s in opened:
        s.close()


@pytest.fixture
def data_session(data_sessions: Callable[[], Session]) -> Session:
    return data_sessions()


def _texts(root: QWidget) -> list[tuple[str, str]]:
    """(where, text) of everything a user can read, in a stable order."""
    out: list[tuple[str, str]] = [("title", root.windowTitle())]
    for w in [root, *root.findChildren(QWidget)]:
        kind = type(w).__name__
        if w.toolTip():
            out.append((f"{kind}.toolTip", w.toolTip()))
        if isinstance(w, QLabel | QAbstractButton):
            out.append((kind, w.text()))
        elif isinstance(w, QLineEdit):
            out.append((f"{kind}.placeholder", w.placeholderText()))
        elif isinstance(w, QGroupBox):
            out.append((kind, w.title()))
        elif isinstance(w, QTabWidget):
            out.extend((f"{kind}.tab", w.tabText(i)) for i in range(w.count()))
        elif isinstance(w, QListWidget):
            out.extend((f"{kind}.item", w.item(i).text()) for i in range(w.count()))
        elif isinstance(w, QComboBox):
            out.extend((f"{kind}.item", w.itemText(i)) for i in range(w.count()))
        elif isinstance(w, QTableView) and isinstance(w.model(), QAbstractTableModel):
            model = w.model()
            out.extend((f"{kind}.header", str(model.headerData(c, Qt.Orientation.Horizontal)))
                       for c in range(model.columnCount()))
    for a in root.findChildren(QAction):
        out.extend([("QAction", a.text()), ("QAction.toolTip", a.toolTip())])
    return [(k, t) for k, t in out if t and t.strip()]


def _screens(qtbot: QtBot, session: Session, lang: str) -> list[tuple[str, str]]:
    """The texts of every window (tests/ui/every_window.py), in a stable order."""
    texts: list[tuple[str, str]] = []

    def collect(name: str, window: QWidget) -> None:
        texts.extend((f"{name}: {kind}", text) for kind, text in _texts(window))

    with look("normal", lang):
        session.settings.language = lang
        visit_every_window(qtbot, session, collect)
    return texts


def _identical_allowed(lists: CodeLists) -> tuple[set[str], list[re.Pattern[str]]]:
    exact = {e.nl for n in lists.names() for e in lists.entries(n) if e.nl == e.en}
    exact |= {e.code for n in lists.names() for e in lists.entries(n)}
    patterns = [re.compile("^" + re.sub(r"\\\{\w+\\\}", ".*", re.escape(text)) + "$")
                for src, nl in i18n_tool.read_ts().items() if src == nl
                for text in {src, src.replace("&", "")}]  # a menu's tooltip is its title without the mnemonic
    # the core's tables of Dutch texts (resources/messages/errors.json, intake.json): a word the same in both
    # languages ("intact") is a translation too
    table = error_text.table()
    exact |= {en for en, nl in table.words.items() if en == nl}
    exact |= {row.en for row in (*table.messages, *table.hints) if row.en == row.nl}
    return exact, patterns


def untranslated(en: list[tuple[str, str]], nl: list[tuple[str, str]], lists: CodeLists) -> list[str]:
    assert [k for k, _ in en] == [k for k, _ in nl], "the two screens differ in shape"
    exact, patterns = _identical_allowed(lists)
    bad = []
    for (kind, a), (_k, b) in zip(en, nl, strict=True):
        a = a.strip()
        if a != b.strip():
            continue
        if a in ENDONYMS or re.match(r"^(/dev/|COM\d)", a):
            continue  # language names in their own language; serial ports as the system names them
        if a in exact or _DATA.match(a) or any(p.match(a) for p in patterns):
            continue
        if a.startswith("/") and a.endswith(".sqlite"):
            continue  # the database file's path
        if re.fullmatch(r"[\w.-]*\d[\w.-]*", a) or a.startswith("FieldApp — "):
            continue  # a code (B01, 2026-0300, FA-0001) or the window title with the project's own name
        bad.append(f"{kind}: {a!r}")
    return bad


def test_every_visible_string_is_dutch(qtbot: QtBot, data_sessions: Callable[[], Session], lists: CodeLists) -> None:
    en = _screens(qtbot, data_sessions(), "en")
    nl = _screens(qtbot, data_sessions(), "nl")
    assert any(t.startswith("Boringen van 2026-0142 (15,") for _k, t in nl)  # 12 boreholes and 3 peilbuizen
    assert any(t == "geen ontvanger" or "fix" in t for _k, t in nl)
    bad = untranslated(en, nl, lists)
    assert bad == [], "\n".join(bad)


def test_the_check_catches_a_string_without_tr(lists: CodeLists) -> None:
    en = [("QLabel", "Depth of the well"), ("QLabel", "B01"), ("QLabel", "0.50 m")]
    assert untranslated(en, list(en), lists) == ["QLabel: 'Depth of the well'"]


def test_catalogue_complete_and_qm_up_to_date(tmp_path: Path) -> None:
    translated = i18n_tool.read_ts()
    assert [s for s in i18n_tool.collect() if s not in translated] == []
    qm = tmp_path / "fresh.qm"
    subprocess.run([i18n_tool.lrelease(), "-silent", str(i18n_tool.TS), "-qm", str(qm)], check=True)
    assert qm.read_bytes() == i18n_tool.QM.read_bytes(), "run tools/i18n.py --compile"


def test_language_and_theme_change_without_a_restart(qtbot: QtBot, data_session: Session, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Settings → Nederlands, sunlight → Save: the open window is Dutch and high-contrast at once."""
    from PySide6.QtWidgets import QApplication, QToolBar

    from ui.main_window import MainWindow
    from ui.settings_dialog import SettingsDialog

    monkeypatch.setenv("FIELDAPP_CONFIG_DIR", str(tmp_path / "config"))
    catalogue = i18n_tool.read_ts()
    english_only = {src for src, nl in catalogue.items() if src != nl}
    with look("normal", "en"):
        data_session.settings.language, data_session.settings.theme = "en", "normal"
        w = MainWindow(data_session)
        qtbot.addWidget(w)
        w.show()
        w._deferred()
        w.select_project(0)
        w.select_borehole(0)
        w.open_settings()
        dialog = w.findChild(SettingsDialog)
        assert dialog is not None
        dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("nl"))
        dialog.theme_combo.setCurrentIndex(dialog.theme_combo.findData("sunlight"))
        dialog.save()
        qtbot.waitUntil(lambda: w.lang == "nl")

        app = QApplication.instance()
        assert isinstance(app, QApplication) and "#ffe14d" in app.styleSheet()  # the sunlight look
        assert w.layer_form.save_button.text() == catalogue["Save layer"]
        assert [w.tabs.tabText(i) for i in range(w.tabs.count())] == [
            catalogue[t] for t in ("Overview", "Position", "Layers", "Samples", "Well")]
        assert w.menuBar().actions()[0].text() == "&Bestand"
        assert w.boreholes_title.text().startswith("Boringen van 2026-0142")
        assert w.boreholes_model.headerData(0, Qt.Orientation.Horizontal) == catalogue["Borehole"]
        colours = [w.layer_form.colour_combo.itemText(i) for i in range(w.layer_form.colour_combo.count())]
        assert "bruin" in colours
        bar = w.findChild(QToolBar, "actions")
        assert bar is not None and not bar.findChild(QAbstractButton, "qt_toolbar_ext_button").isVisible()
        left = [f"{kind}: {text!r}" for kind, text in _texts(w) if text in english_only]
        assert left == [], "English left after the switch:\n" + "\n".join(left)

        # and back, without a restart either
        data_session.settings.language, data_session.settings.theme = "en", "normal"
        w.apply_look_now()
        qtbot.waitUntil(lambda: w.lang == "en")
        assert w.layer_form.save_button.text() == "Save layer"
        assert "#ffe14d" not in app.styleSheet()


ENGLISH_WORDS = re.compile(r"\b(is not|grade|admixture|takes|needs|repeated|Use|Write|Start|Give|Keep|Enter|"
                           r"sand|clay|peat|loam|gravel|to|or)\b")


@pytest.mark.parametrize("code", ["", "Q1", "Zs12", "Zh1h2", "Zs1s2", "Zs1k1", "Zx1", "Vk", "Zs", "Zs9", "Zh9",
                                  "ZS1", "Z s1", "Gm1", "Z", "V", "Zh2", "Zs1x", "Zs1z1"])
def test_soil_code_errors_are_dutch_message_and_hint(code: str, lists: CodeLists) -> None:
    """What the layer form shows under the soil code: the error and what to do, both in Dutch."""
    from fieldapp.errors import SoilCodeError
    from fieldapp.soil import parse_soil_code
    from ui.field_errors import message

    with pytest.raises(SoilCodeError) as caught:
        parse_soil_code(code, lists)
    with look("normal", "nl"):
        text = message(caught.value)
    assert text and ENGLISH_WORDS.search(text) is None, text
    # the hint, what to do, is not dropped: a second sentence
    assert caught.value.hint == "" or len(re.findall(r"[.?](\s|$)", text)) >= 2, text


@pytest.mark.parametrize("kwargs", [{"colour": "paarsig"}, {"admixtures": "kolengruis"}, {"soil": "Z"},
                                    {"colour": "donkerbruin", "colour_shade": "licht"}])
def test_layer_description_errors_are_dutch(kwargs: dict[str, str], session: Session) -> None:
    """The new layer description's refusals (no colour, withdrawn value, bare soil type) in Dutch, with the fix."""
    from fieldapp.domain import borehole, layer, project
    from fieldapp.domain.layer import Admixture
    from fieldapp.errors import FieldAppError
    from ui.field_errors import message

    hole = borehole.create(session, project.create(session, code="P1", name="x").id, code="B01")
    args: dict[str, object] = {"soil": "Zs1", **kwargs}
    if "admixtures" in kwargs:
        args["admixtures"] = [Admixture(kwargs["admixtures"], "zwak")]
    with pytest.raises(FieldAppError) as caught:
        layer.add(session, hole.id, upper="0", lower="0.5", **args)  # type: ignore[arg-type]
    with look("normal", "nl"):
        text = message(caught.value)
    assert ENGLISH_WORDS.search(text) is None and " the " not in text, text
    assert len(re.findall(r"[.?](\s|$)", text)) >= 2, text


def test_a_count_takes_its_noun_in_number_and_the_dutch_digit_grouping(qtbot: QtBot, dutch: None) -> None:
    from ui.i18n import counted

    assert [counted(n, "borehole") for n in (1, 2, 50003)] == ["1 boring", "2 boringen", "50.003 boringen"]
    assert counted(1, "pot") == "1 potje"


def test_the_gnss_accuracy_and_a_distance_take_the_dutch_decimal_comma(qtbot: QtBot, dutch: None) -> None:
    """What the sampler reads most, the receiver's accuracy, as Dutch writes it (it said "±12.5 m")."""
    from ui.gnss_indicator import accuracy_text
    from ui.i18n import decimal

    assert accuracy_text(12.5) == "±12,5 m"
    assert accuracy_text(0.023) == "±2 cm"
    assert decimal(1234.5, 1) == "1.234,5"  # a distance of more than a km groups as Dutch does
