"""`fieldapp gps replay` and `fieldapp coords to-rd|from-rd`: positions without a device."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

from fieldapp.cli.base import CommandLine, user_language
from fieldapp.errors import CoordinateError
from fieldapp.positions.model import Judged
from fieldapp.positions.output import fix_json, fix_text
from fieldapp.positions.pipeline import NmeaPipeline
from fieldapp.positions.rdnap import RdNap
from fieldapp.positions.replay import log_lines
from fieldapp.positions.why import Tally
from fieldapp.rules import Lang


def register(cli: CommandLine) -> None:
    p = cli.subcommand(
        "gps",
        "replay",
        "replay a recorded NMEA log and print one line per accepted fix",
        _replay,
        group_help="GNSS receivers: replay logs, listen to ports, find receivers",
    )
    p.add_argument("file", type=Path, metavar="FILE", help="recorded NMEA (# lines are comments)")
    p.add_argument("--json", action="store_true", help="one JSON object per fix")
    group_help = "convert between ETRS89 and RD New / NAP (RDNAPTRANS2018)"
    cli.subcommand(
        "coords",
        "to-rd",
        "read 'lat lon h' lines (ETRS89 degrees, ellipsoidal metres); print 'x y nap'",
        _to_rd,
        group_help=group_help,
    )
    cli.subcommand(
        "coords",
        "from-rd",
        "read 'x y nap' lines (RD metres, NAP metres); print 'lat lon h' (ETRS89)",
        _from_rd,
        group_help=group_help,
    )


def _replay(args: argparse.Namespace) -> int:
    pipeline = NmeaPipeline()
    show = fix_json if args.json else fix_text
    out = sys.stdout
    tally = Tally()

    def emit(judged: list[Judged]) -> None:
        tally.add(judged)
        fixes = [show(j.fix) for j in judged if j.fix is not None]
        if fixes:
            out.write("\n".join(fixes) + "\n")
            out.flush()  # each fix as soon as its epoch closes, to a pipe too

    # line by line as the file gives them: a named pipe or a log still being
    # written is followed as a port would be
    for line in log_lines(args.file):
        emit(pipeline.feed(line))
    emit(pipeline.flush())
    # on stderr, so that stdout stays the fixes: a log that gives none says why
    # ("the receiver is in simulator mode (12)") instead of nothing at all
    for said in tally.lines(args.file.name, user_language(args)):
        print(f"fieldapp: {said}", file=sys.stderr)
    return 0


def _to_rd(args: argparse.Namespace) -> int:
    t = RdNap()

    def convert(a: float, b: float, c: float | None) -> str:
        p = t.to_rd(a, b, c)
        nap = "-" if p.nap is None else f"{p.nap:.3f}"
        return f"{p.x:.3f} {p.y:.3f} {nap}"

    return _convert_lines(sys.stdin, convert, user_language(args))


def _from_rd(args: argparse.Namespace) -> int:
    t = RdNap()

    def convert(a: float, b: float, c: float | None) -> str:
        p = t.from_rd(a, b, c)
        h = "-" if p.h is None else f"{p.h:.3f}"
        return f"{p.lat:.9f} {p.lon:.9f} {h}"

    return _convert_lines(sys.stdin, convert, user_language(args))


Converter = Callable[[float, float, float | None], str]


def _convert_lines(lines: Iterable[str], convert: Converter, lang: Lang = "en") -> int:
    """Convert each point; a bad point gets an error line (in ``lang``) and the rest go on."""
    from fieldapp import error_text

    where = "fieldapp: fout: regel" if lang == "nl" else "fieldapp: error: line"
    failed = 0
    for n, line in enumerate(lines, 1):
        text = line.strip()
        if not text or text.startswith("#"):
            continue
        parts = text.replace(",", " ").split()
        try:
            if len(parts) not in (2, 3):
                raise ValueError
            a, b = float(parts[0]), float(parts[1])
            c = float(parts[2]) if len(parts) == 3 else None
        except ValueError:
            failed += 1
            print(f"{where} {n}: {error_text.said(f'expected 2 or 3 numbers: {text}', lang)}", file=sys.stderr)
            continue
        try:
            print(convert(a, b, c), flush=False)
        except CoordinateError as exc:
            failed += 1
            print(f"{where} {n}: {exc if lang == 'en' else error_text.message(exc, lang)}", file=sys.stderr)
    sys.stdout.flush()
    return 1 if failed else 0
