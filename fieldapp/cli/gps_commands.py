"""`fieldapp gps replay` and `fieldapp coords to-rd|from-rd`: positions without a device."""

from __future__ import annotations

import argparse
import re
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
        try:
            parts = _numbers(text)
            if len(parts) not in (2, 3):
                raise ValueError
            a, b = parts[0], parts[1]
            c = parts[2] if len(parts) == 3 else None
        except CoordinateError as exc:
            failed += 1
            print(f"{where} {n}: {exc if lang == 'en' else error_text.message(exc, lang)}", file=sys.stderr)
            continue
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


_DECIMAL_COMMA = re.compile(r"[+-]?\d+(,\d+)?")


def _numbers(text: str) -> list[float]:
    """The numbers of a line, read the way its writer meant the commas (ValueError when a field is
    no number; CoordinateError when the commas could be either).

    A Dutch spreadsheet writes "52,3;5,1" or "52,3 5,1": fields apart by ';' or spaces, the comma a
    decimal one. An English one writes "52.3,5.1". A line with decimal points has commas that
    separate; one without points whose commas stand between digits and whose fields stand apart
    by spaces has decimal commas. Only "52,5" or "155000,463000" remain, and those are refused
    rather than guessed: read either way they are a place, and one of the two is wrong.
    """
    if ";" in text:
        fields = text.split(";")
        if len(fields) > 1 and not fields[-1].strip():
            fields.pop()  # a spreadsheet's line may end in its separator
        return [_field(f, decimal_comma=True) for f in fields]
    if "," not in text:
        return [float(t) for t in text.split()]
    if "." in text or not re.search(r"\d,\d", text):
        fields = text.split(",")
        if any(len(f.split()) > 1 for f in fields):
            raise _ambiguous(text)  # "52.3 5,1": spaces and commas both between the numbers
        return [_field(f, decimal_comma=False) for f in fields]
    tokens = text.split()
    if len(tokens) > 1 and all(_DECIMAL_COMMA.fullmatch(t) for t in tokens if "," in t):
        return [_field(t, decimal_comma=True) for t in tokens]
    raise _ambiguous(text)


def _ambiguous(text: str) -> CoordinateError:
    return CoordinateError(
        f"cannot tell whether the commas in {text} are decimal commas or separators.",
        hint="Separate the numbers with spaces or ';' (then a decimal comma may be used), or write decimal "
             "points and separate the numbers with commas.")


def _field(field: str, *, decimal_comma: bool) -> float:
    f = field.strip()
    if " " in f or "\t" in f:
        raise ValueError(field)
    if "," in f:
        if not decimal_comma or not _DECIMAL_COMMA.fullmatch(f):
            raise ValueError(field)
        f = f.replace(",", ".")
    return float(f)
