"""The Dutch translation covers every visible string of the sampler's screens.

The same screens are built twice, in English and in Dutch, with the same data,
and walked in the same order. A text that is the same in both languages must
be data (codes, numbers, units) or a string the catalogue deliberately
translates to itself (``Status``, ``Matrix``); anything else is a string that
missed ``tr()`` or the catalogue, and the test names it.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QTableView,
    QTabWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from drivers.gnss.receiver import ReceiverState, Status
from fieldapp.codelists import CodeLists
from fieldapp.domain import borehole, container, layer, project, sample
from fieldapp.domain.sample import Part
from fieldapp.positions.pipeline import fixes
from fieldapp.positions.replay import read_log, replay_bytes
from fieldapp.session import Session
from fieldapp.settings import Settings
from ui import i18n
from ui.conflicts import ConflictsWindow
from ui.main_window import MainWindow
from ui.project_form import ProjectDialog
from ui.settings_dialog import SettingsDialog
from ui.sync_dialog import EnrolDialog

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
import i18n as i18n_tool  # noqa: E402  (tools/i18n.py)

FIX = fixes(replay_bytes(read_log(ROOT / "tests" / "data" / "nmea" / "gpsd__ublox-lea-5h.log")))[0]
ENDONYMS = {"Nederlands", "English"}
_DATA = re.compile(r"^[\W\d_]*$|^[\d\s.,:;°±–%()/+-]*(m|ml|cm|s|N|E)?[\d\s.,:;°±–%()/+-]*$")


@pytest.fixture
def data_session(tmp_path: Path, lists: CodeLists) -> Iterator[Session]:
    s = Session.open(tmp_path / "field.sqlite", settings=Settings(user="J. de Vries"), lists=lists)
    p = project.create(s, code="2026-0300", name="Kade", required_position_class="RTKGPS0tot2cm")
    b = borehole.create(s, p.id, code="B01", planned_x_rd=99_300.0, planned_y_rd=437_800.0)
    layer.add(s, b.id, upper="0", lower="0.5", soil="Zs1h2", colour="bruin")
    m = sample.create(s, p.id, code="M01", kind="field_sample", matrix="BS", parts=[Part(b.id, "0", "0.5")],
                      analyses=["PFAS"])
    container.add(s, m.id, container_type="Pot", material="PTFE", barcode="FA-0001")
    yield s
    s.close()


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
        elif isinstance(w, QComboBox):
            out.extend((f"{kind}.item", w.itemText(i)) for i in range(w.count()))
        elif isinstance(w, QTableView) and w.model() is not None:
            model = w.model()
            out.extend((f"{kind}.header", str(model.headerData(c, Qt.Orientation.Horizontal)))
                       for c in range(model.columnCount()))
    for a in root.findChildren(QAction):
        out.extend([("QAction", a.text()), ("QAction.toolTip", a.toolTip())])
    return [(k, t) for k, t in out if t and t.strip()]


def _screens(qtbot: QtBot, session: Session, lang: str) -> list[tuple[str, str]]:
    app = QCoreApplication.instance()
    assert app is not None
    session.settings.language = lang
    i18n.install(app, i18n.language(session.settings))
    try:
        w = MainWindow(session)
        qtbot.addWidget(w)
        w.show()
        w.select_project(0)
        w.select_borehole(0)
        w.select_sample(0)
        # a live fix and a running average, so the position panel shows its words
        w.bridge.status_changed.emit(ReceiverState(Status.FIX, "test", "", datetime.now(UTC)))
        w.bridge._receiver = object()  # type: ignore[assignment]  # counts as running for the indicator
        panel = w.borehole_form.averaging
        w.borehole_form.planned_x_edit.setText("99300")
        w.borehole_form.planned_y_edit.setText("437800")
        panel.start()
        w.bridge.fix_received.emit(FIX, time.monotonic())
        panel.stop()
        w.indicator.refresh()
        w.sample_form.show_sample(sample.of_project(session.store, project.all_projects(session.store)[0].id)[0])
        w.sample_form.material_combo.setCurrentIndex(w.sample_form.material_combo.findData("PTFE"))
        w.sample_form.analyses_edit.setText("PFAS")
        try:
            texts = _texts(w)
            texts += _texts(ProjectDialog(session, i18n.language(session.settings), w))
            texts += _texts(SettingsDialog(session, w.tasks, w))
            texts += _texts(EnrolDialog(session, w.tasks, w))  # the sync windows (ui/sync_dialog.py, ui/conflicts.py)
            texts += _texts(ConflictsWindow(session, w.tasks, w))
        finally:
            w.bridge._receiver = None
        return texts
    finally:
        i18n.install(app, "en")


def _identical_allowed(lists: CodeLists) -> tuple[set[str], list[re.Pattern[str]]]:
    exact = {e.nl for n in lists.names() for e in lists.entries(n) if e.nl == e.en}
    exact |= {e.code for n in lists.names() for e in lists.entries(n)}
    patterns = [re.compile("^" + re.sub(r"\\\{\w+\\\}", ".*", re.escape(src)) + "$")
                for src, nl in i18n_tool.read_ts().items() if src == nl]
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
        if re.fullmatch(r"[\w.-]*\d[\w.-]*", a) or a.startswith("FieldApp — "):
            continue  # a code (B01, 2026-0300, FA-0001) or the window title with the project's own name
        bad.append(f"{kind}: {a!r}")
    return bad


def test_every_visible_string_is_dutch(qtbot: QtBot, data_session: Session, lists: CodeLists) -> None:
    en = _screens(qtbot, data_session, "en")
    nl = _screens(qtbot, data_session, "nl")
    assert any(t == "Boringen van 2026-0300 (1, 0 ingemeten)" for _k, t in nl)
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
