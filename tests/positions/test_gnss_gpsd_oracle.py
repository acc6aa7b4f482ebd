"""FieldApp's fixes against gpsd's, on every recorded log that has a gpsd ``.chk``.

The oracle is gpsd (ntpsec/gpsd ``test/daemon``, see tests/data/nmea/SOURCES.md):
an independent NMEA implementation. Where FieldApp and gpsd disagree on
whether an epoch is a fix, each case is listed below with the reason; the
test fails on any disagreement not listed, and on any listed case that no
longer happens, so the list stays true.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from gpsd_oracle import GpsdEpoch, read_chk

from fieldapp.positions.model import Judged
from fieldapp.positions.replay import read_log, replay_bytes

DATA = Path(__file__).resolve().parents[1] / "data" / "nmea"
LOGS = sorted(p.with_suffix("") for p in DATA.glob("*.chk"))

SIMULATOR = "fix type simulator"  # gpsd takes GGA quality 8 as a 3D fix; FieldApp never does
FEW_SATS = "satellites"  # fewer than 4 in use: gpsd goes by GSA's 2D/3D mode alone
NO_DATE = "no date"  # before the first RMC/ZDA date: FieldApp gives no time without a date
VOID = "RMC status void"  # the receiver itself says no fix; gpsd repeats or guesses one

# gpsd fixes FieldApp does not accept: (log, NMEA time of day) -> the reason FieldApp gives.
EXPLAINED_MISSES: dict[tuple[str, str], str] = {
    ("gpsd__GPSmap-76S.log", "12:51:06"): SIMULATOR,
    ("gpsd__foretrex-201.log", "20:00:04"): VOID,
    ("gpsd__foretrex-201.log", "20:00:06"): FEW_SATS,
    ("gpsd__foretrex-201.log", "20:00:08"): FEW_SATS,
    ("gpsd__foretrex-201.log", "20:00:10"): FEW_SATS,  # Garmin sends 00 satellites
    ("gpsd__foretrex-201.log", "20:00:12"): FEW_SATS,
    ("gpsd__foretrex-201.log", "20:00:14"): FEW_SATS,
    ("gpsd__gp-320fw-2019-04-07-coldboot.log", "00:03:43.030000"): NO_DATE,
    ("gpsd__iTrek.log", "15:16:06.055000"): VOID,
    ("gpsd__mtk-3301.log", "08:14:34.590000"): VOID,
    ("gpsd__mtk-3301.log", "08:14:36"): FEW_SATS,
    ("gpsd__mtk-3301.log", "08:14:37"): FEW_SATS,
    ("gpsd__mtk-3301.log", "08:14:38"): FEW_SATS,
    ("gpsd__mtk-3301.log", "08:14:39"): FEW_SATS,
    ("gpsd__myguide-3100.log", "10:50:27.800000"): VOID,  # RMC V, GSA no fix, 3 sats
    ("gpsd__myguide-3100.log", "10:50:28.800000"): VOID,
    ("gpsd__neo-m8n.log", "17:19:25"): NO_DATE,  # a lone GLL opens the log
    ("gpsd__polarx2.log", "11:22:57"): FEW_SATS,  # 2D fixes from 3 satellites, σ 317 m
    ("gpsd__polarx2.log", "11:22:58"): FEW_SATS,
    ("gpsd__polarx2.log", "11:22:59"): FEW_SATS,
    ("gpsd__polarx2.log", "11:23:00"): FEW_SATS,
    ("gpsd__polarx2.log", "11:23:01"): FEW_SATS,
}

# Epochs FieldApp accepts for which gpsd printed no report at all: gpsd reports
# at the end of a cycle, and these are the last epoch before the log ends, is
# spliced, or switches to UBX binary. They are not "gpsd says no fix".
GPSD_SILENT: set[tuple[str, str]] = {
    ("gpsd__neo-m8n.log", "17:19:48"),
    ("gpsd__ublox-lea-5h.log", "08:37:36"),
    ("gpsd__ublox8-uniqid-monhw.log", "20:42:25"),
}


def _metres(a: tuple[float, float], b: tuple[float, float]) -> float:
    dn = (a[0] - b[0]) * 111_320.0
    de = (a[1] - b[1]) * 111_320.0 * math.cos(math.radians(a[0]))
    return math.hypot(dn, de)


def _paired(log: Path) -> list[tuple[Judged | None, GpsdEpoch | None, str]]:
    mine: dict[tuple[str, int], Judged] = {}
    seen: dict[str, int] = {}
    for j in replay_bytes(read_log(log)):
        if j.epoch.tod is not None:
            key = j.epoch.tod.isoformat()
            mine[(key, seen.get(key, 0))] = j
            seen[key] = seen.get(key, 0) + 1
    chk = read_chk(log.with_suffix(".log.chk"), log)
    theirs = {(e.tod.isoformat(), e.occurrence): e for e in chk}
    keys = sorted(set(mine) | set(theirs), key=lambda k: (k[1], k[0]))
    return [(mine.get(k), theirs.get(k), k[0]) for k in keys]


@pytest.mark.parametrize("log", LOGS, ids=lambda p: p.name)
def test_fieldapp_agrees_with_gpsd(log: Path) -> None:
    misses: dict[str, tuple[str, ...]] = {}
    for j, g, tod in _paired(log):
        fix = j.fix if j else None
        if fix is not None:
            if g is None or not g.modes:
                assert (log.name, tod) in GPSD_SILENT, f"{tod}: accepted, gpsd silent"
                continue
            assert g.has_fix, f"{tod}: FieldApp accepts a fix where gpsd reports mode {g.modes}"
            assert g.position is not None
            assert _metres((fix.lat, fix.lon), g.position) < 0.001, tod
        elif g is not None and g.has_fix:
            misses[tod] = j.reasons if j else ("no epoch",)
    expected = {t: r for (name, t), r in EXPLAINED_MISSES.items() if name == log.name}
    assert set(misses) == set(expected), f"unexplained or stale exceptions: {misses}"
    for tod, reason in expected.items():
        assert any(reason in r for r in misses[tod]), (tod, misses[tod])


def test_at_least_95_percent_of_gpsd_fixes_accepted() -> None:
    total = accepted = 0
    for log in LOGS:
        for j, g, _tod in _paired(log):
            if g is not None and g.has_fix:
                total += 1
                accepted += j is not None and j.fix is not None
    assert total > 400
    assert accepted / total >= 0.95, (accepted, total)
