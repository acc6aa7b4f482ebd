"""File > Import… merging another program's SIKB0101 file: a GNSS-measured position that the file contradicts
is kept (fieldapp/sikb/import_merge.py), and the coordinator is told so in the outcome line, not only somewhere
in the list below it. Real SAD example, real database, the import on the window's TaskManager."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from fieldapp.codelists import CodeLists
from fieldapp.domain import borehole
from fieldapp.domain.borehole import PositionEvidence
from fieldapp.positions.rdnap import RdNap
from fieldapp.session import Session
from fieldapp.settings import Settings
from fieldapp.sikb.import_sikb import import_sikb
from ui import i18n
from ui.import_dialog import ImportDialog
from ui.main_window import MainWindow

FIRST = Path(__file__).parent.parent / "data" / "sikb" / "examples" / "1._SAD_registrationRequest_IMBROA.xml"
LAT, LON = 52.00410874694697, 4.358954632907231  # PB01's point in the file
NMEA = "$GPGGA,091012.00,5200.24652,N,00421.53729,E,4,17,0.6,1.2,M,44.7,M,,*5A\r\n"
OUTCOME = {"en": "1 to check: see the top of the list.", "nl": "1 na te kijken: zie het begin van de lijst."}


@pytest.fixture(params=["en", "nl"])
def window(request: pytest.FixtureRequest, qtbot: QtBot, qapp: QApplication, tmp_path: Path,
           lists: CodeLists) -> Iterator[MainWindow]:
    """The office program's investigation imported, and PB01 then measured with the receiver 2 m north."""
    i18n.install(qapp, request.param)
    s = Session.open(tmp_path / "field.sqlite", settings=Settings(user="J. de Vries", language=request.param),
                     lists=lists)
    import_sikb(s, FIRST)
    hole = s.store.query("SELECT id FROM borehole WHERE code = 'PB01'")[0]["id"]
    lat = LAT + 2.0 / 111_250.0
    rd = RdNap().to_rd(lat, LON, None)
    borehole.set_position(s, hole, PositionEvidence(
        lat=lat, lon=LON, h_ell=46.1, x_rd=round(rd.x, 3), y_rd=round(rd.y, 3), nap_m=None, fix_type="rtk_fixed",
        sats=17, hdop=0.6, sigma_m=0.012, sigma_source="gst", epoch_count=30, span_s=29.0, spread_n_m=0.004,
        spread_e_m=0.005, drms2_m=0.02, position_class="RTKGPS0tot2cm", raw_nmea=NMEA))
    w = MainWindow(s)
    qtbot.addWidget(w)
    yield w
    w.tasks.wait()
    i18n.install(qapp, "en")
    s.close()


def test_the_outcome_says_what_the_coordinator_must_check(qtbot: QtBot, window: MainWindow) -> None:
    dialog = ImportDialog(window.session, window.tasks, None, window)
    qtbot.addWidget(dialog)
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("sikb0101"))
    dialog.path_edit.setText(str(FIRST))  # the office program's file again
    dialog.start_button.click()
    qtbot.waitUntil(lambda: dialog.progress is None and bool(dialog.outcome.text()), timeout=60_000)
    lang = window.session.settings.language
    assert dialog.outcome.text().endswith(OUTCOME[lang]), dialog.outcome.text()
    listed = dialog.report.toPlainText().splitlines()
    assert listed[2] == {"en": "to check:", "nl": "na te kijken:"}[lang]
    assert "PB01" in listed[3]
    kept = window.session.store.query("SELECT lat, sigma_source FROM borehole WHERE code = 'PB01'")[0]
    assert (kept["lat"], kept["sigma_source"]) == (pytest.approx(LAT + 2.0 / 111_250.0, abs=1e-9), "gst")
