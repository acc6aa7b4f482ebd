"""`fieldapp import`: investigations and plans from other programs' files into a database."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from fieldapp.cli.base import CommandLine
from fieldapp.errors import StoreError
from fieldapp.session import Session


def _sikb0101(session: Session, args: argparse.Namespace) -> list[str]:
    from fieldapp.sikb.import_sikb import import_sikb

    return import_sikb(session, args.file).lines()


#: --format -> the importer: writes into the session's database and returns the lines of its report
IMPORTERS: dict[str, Callable[[Session, argparse.Namespace], list[str]]] = {
    "sikb0101": _sikb0101,
}


def register(cli: CommandLine) -> None:
    p = cli.command(
        "import",
        "import an investigation from another program's file (SIKB0101 14.x, also inside a SAD request) into a "
        "project: new, or merged into the one with the same project code; all or nothing, with a report of "
        "what was skipped, renamed or defaulted",
        _import,
    )
    p.add_argument("--db", type=Path, required=True, help="the FieldApp database file (created if there is none)")
    p.add_argument("--format", required=True, choices=sorted(IMPORTERS), help="the file's format")
    p.add_argument("file", type=Path, help="the file to import")


def _import(args: argparse.Namespace) -> int:
    if not args.file.is_file():
        raise StoreError(f"{args.file} does not exist.", hint="Give the path of the file to import.")
    with Session.open_for_user(args.db) as session:
        lines = IMPORTERS[args.format](session, args)
    for line in lines:
        print(line)
    return 0
