"""RD New and NAP against NSGI's RDNAPTRANS(TM)2018 self-validation points.

Source: NSGI's ``Z001_ETRS89andRDNAP.txt`` (6,000 of its 10,000 points),
copied from github.com/vd-meer-net/RDNAPTRANS2018_PHP; see
tests/data/rdnap/SOURCES.md.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from fieldapp.cli import CommandLine, gps_commands, run_handler
from fieldapp.errors import OutsideGridError
from fieldapp.positions.rdnap import RdNap

POINTS = Path(__file__).resolve().parents[1] / "data" / "rdnap" / "Z001_ETRS89andRDNAP_part1.txt"
MM = 0.001


def _points() -> list[list[str]]:
    return [line.split() for line in POINTS.read_text().splitlines() if line.strip()]


def test_forward_matches_all_nsgi_points_within_1_mm() -> None:
    t = RdNap()
    rows = _points()
    assert len(rows) == 6000
    no_height = 0
    for pid, lat, lon, h, x, y, nap in rows:
        p = t.to_rd(float(lat), float(lon), float(h), strict=False)
        assert abs(p.x - float(x)) < MM and abs(p.y - float(y)) < MM, pid
        if nap == "*":
            no_height += 1
            assert p.nap is None, pid  # no NAP height exists there: none is invented
            with pytest.raises(OutsideGridError):
                t.to_rd(float(lat), float(lon), float(h))
        else:
            assert p.nap is not None and abs(p.nap - float(nap)) < MM, pid
            assert t.to_rd(float(lat), float(lon), float(h)) == p
    assert no_height == 1233


def test_inverse_matches_nsgi_points() -> None:
    t = RdNap()
    for pid, lat, lon, h, x, y, nap in _points():
        if nap == "*":
            continue
        e = t.from_rd(float(x), float(y), float(nap), strict=False)
        # 1e-8 degrees is about 1 mm.
        assert abs(e.lat - float(lat)) < 1e-8 and abs(e.lon - float(lon)) < 1e-8, pid
        if e.h is None:
            # Points exactly on the eastern grid edge (8 E): the inverse lands
            # a hair outside the grid, so there is no height to give.
            assert float(lon) == 8.0, pid
        else:
            assert abs(e.h - float(h)) < MM, pid


def test_outside_the_grid_is_an_error_not_an_approximation() -> None:
    t = RdNap()
    with pytest.raises(OutsideGridError, match="outside"):
        t.to_rd(48.85, 2.35, 35.0)  # Paris
    with pytest.raises(OutsideGridError):
        t.from_rd(900_000.0, 900_000.0, 0.0)


def _run(argv: list[str], stdin: str, monkeypatch: pytest.MonkeyPatch) -> int:
    cli = CommandLine()
    gps_commands.register(cli)
    args = cli.parser.parse_args(argv)
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    return run_handler(args.handler, args)


def test_coords_command_converts_and_reports_bad_points(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    stdin = "51.728601274 4.712120126 301.7981\n48.85 2.35 35\n\n53.001308983 3.360296728 72.6882\n"
    assert _run(["coords", "to-rd"], stdin, monkeypatch) == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == ["108360.879 415757.275 258.006", "18940.445 559061.215 29.995"]
    assert "line 2" in err and "outside" in err
    assert _run(["coords", "from-rd"], "108360.8790 415757.2745 258.0057\n", monkeypatch) == 0
    lat, lon, h = capsys.readouterr().out.split()
    assert abs(float(lat) - 51.728601274) < 1e-8 and abs(float(lon) - 4.712120126) < 1e-8
    assert h == "301.798"
