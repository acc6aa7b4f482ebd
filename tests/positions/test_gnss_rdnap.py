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
            # Points exactly on the eastern grid edge (8 E): without the strict check's
            # edge the inverse lands a hair outside the grid, so there is no height to give.
            assert float(lon) == 8.0, pid
        else:
            assert abs(e.h - float(h)) < MM, pid


def test_nsgi_points_on_the_eastern_edge_come_back_on_the_grid() -> None:
    # the inverse of a point at 8 E lands 4e-10 degrees east of it: within the procedure's
    # precision that is the edge, with its height, not "outside the grids"
    t = RdNap()
    edge = [row for row in _points() if float(row[2]) == 8.0]
    assert len(edge) == 51  # 47 of them land outside without the edge
    for pid, lat, _lon, h, x, y, nap in edge:
        e = t.from_rd(float(x), float(y), None if nap == "*" else float(nap))
        assert abs(e.lat - float(lat)) < 1e-8 and abs(e.lon - 8.0) < 1e-8 and t.inside(e.lat, e.lon), pid
        assert nap == "*" or (e.h is not None and abs(e.h - float(h)) < MM), pid
        assert t.to_rd(e.lat, e.lon, e.h).x == pytest.approx(float(x), abs=MM)  # and back again
    assert t.inside(52.2, 8.0) and not t.inside(52.2, 8.0 + 1e-12)  # the region GRIDS names


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


@pytest.mark.parametrize(("line", "lat", "lon", "h"), [
    ("52,3 5", 52.3, 5.0, None),  # a Dutch decimal comma, fields apart by a space
    ("52,3\t5,1 43,25", 52.3, 5.1, 43.25),
    ("52,3;5,1;43,25", 52.3, 5.1, 43.25),  # a Dutch spreadsheet's CSV
    ("52,3 ; 5;", 52.3, 5.0, None),
    ("52.3,5.1,43.25", 52.3, 5.1, 43.25),  # an English CSV: decimal points, comma separators
    ("52.3, 5", 52.3, 5.0, None),
    ("52, 5", 52.0, 5.0, None),  # a comma beside a space separates
    ("52.3 5.1", 52.3, 5.1, None),
])
def test_coords_reads_the_commas_as_their_writer_meant(line: str, lat: float, lon: float, h: float | None) -> None:
    got: list[tuple[float, float, float | None]] = []

    def keep(a: float, b: float, c: float | None) -> str:
        got.append((a, b, c))
        return ""

    assert gps_commands._convert_lines([line], keep) == 0
    assert got == [(lat, lon, h)]


def test_coords_refuses_commas_it_cannot_read_either_way_and_says_what_to_do(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = "52,5\n155000,463000\n52.3 5,1\n52,3 5.1\n52,3,5\n"
    assert _run(["coords", "to-rd"], lines, monkeypatch) == 1
    out, err = capsys.readouterr()
    assert out == ""
    said = err.splitlines()
    assert [s.split(":", 3)[2].strip() for s in said] == [f"line {n}" for n in range(1, 6)]
    assert said[0] == ("fieldapp: error: line 1: cannot tell whether the commas in 52,5 are decimal commas or "
                       "separators. Separate the numbers with spaces or ';' (then a decimal comma may be used), or "
                       "write decimal points and separate the numbers with commas.")
    assert _run(["coords", "from-rd"], "155000 463000,5\n", monkeypatch) == 0
    p = RdNap().from_rd(155000, 463000.5, None)
    assert capsys.readouterr().out == f"{p.lat:.9f} {p.lon:.9f} -\n"  # y 463000.5, no height
    gps_commands._convert_lines(["52,5"], lambda a, b, c: "", "nl")
    assert capsys.readouterr().err == (
        "fieldapp: fout: regel 1: niet te zien of de komma's in 52,5 decimale komma's of scheidingstekens zijn. "
        "Scheid de getallen met spaties of ';' (dan mag een decimale komma), of schrijf decimale punten en scheid "
        "de getallen met komma's.\n")
