"""The purge chart draws every parameter against volume, the stability band, and the stop rule met, in
both themes; read back from the widget's pixels."""

from __future__ import annotations

from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from fieldapp.domain.purge import Reading
from ui.purge_chart import _STOP, PurgeChart, bands_of, nice_ticks, tick_places

READINGS = [Reading(2.0 * n + 2, ec_us_cm=900 - 40 * n if n < 6 else 660 + (n % 2) * 4, ph=6.9 - 0.03 * n,
                    temperature_c=12.5 - 0.1 * n, turbidity_ntu=30.0 / (n + 1)) for n in range(10)]


def _colours(image: QImage) -> set[str]:
    return {image.pixelColor(x, y).name() for x in range(0, image.width(), 2) for y in range(0, image.height(), 2)}


def _chart(qtbot: QtBot, sunlight: bool = False) -> PurgeChart:
    chart = PurgeChart()
    chart.sunlight = sunlight
    qtbot.addWidget(chart)
    chart.resize(800, 520)
    chart.set_well_volume(3.5)
    return chart


def test_stop_rule_met_is_signalled_once_and_drawn_in_both_themes(qtbot: QtBot) -> None:
    for sunlight in (False, True):
        chart = _chart(qtbot, sunlight)
        chart.set_readings(READINGS[:7])
        before = _colours(chart.grab().toImage())
        with qtbot.waitSignal(chart.stop_rule_met) as met:
            chart.set_readings(READINGS[:8], stop_index=7, stop_text="EC stable", bands=bands_of(READINGS[:8]))
        assert met.args == [7]
        stop = QColor(_STOP[1] if sunlight else _STOP[0]).name()
        assert stop not in before
        assert stop in _colours(chart.grab().toImage()), "the stop bar is drawn"
        # a further reading with the same stop reading does not signal again
        with qtbot.assertNotEmitted(chart.stop_rule_met):
            chart.set_readings(READINGS[:9], stop_index=7)
        assert chart.stop_index == 7


def test_oxygen_panel_only_where_measured(qtbot: QtBot) -> None:
    chart = _chart(qtbot)
    chart.set_readings(READINGS)
    assert [s.key for s in chart.shown_series()] == ["ec_us_cm", "ph", "temperature_c", "turbidity_ntu"]
    chart.set_readings([*READINGS, Reading(30.0, ec_us_cm=661, o2_mg_l=2.1)])
    assert chart.shown_series()[-1].key == "o2_mg_l"


def test_band_spans_the_last_readings_the_rule_judges() -> None:
    """EC: the last three readings within 10 % of their mean (resources/groundwater/stop_rules.json);
    the band is that mean plus and minus half of it, from the first of the three readings on."""
    low, high, first = bands_of(READINGS)["ec_us_cm"]
    mean = (664 + 660 + 664) / 3  # readings 7, 8, 9
    assert (round(low, 3), round(high, 3), first) == (round(mean * 0.95, 3), round(mean * 1.05, 3), 16.0)
    assert "ph" not in bands_of(READINGS[:2]), "too few readings for a band"
    assert "o2_mg_l" not in bands_of(READINGS), "not measured, no band"


def test_ticks_are_round_and_shown_alike() -> None:
    assert nice_ticks(0, 28, 6) == [0, 5, 10, 15, 20, 25]
    assert tick_places([6.5, 6.75, 7.0]) == 2
    assert tick_places([600, 800, 1000]) == 0
