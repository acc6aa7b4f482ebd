"""`fieldapp import`: investigations and plans from other programs' files into a database, all or nothing.

One command, one importer per ``--format`` in :data:`IMPORTERS`; each writes through the session and
returns the lines of its report.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from fieldapp.cli.base import CommandLine
from fieldapp.errors import StoreError, ValidationError
from fieldapp.session import Session


def _sikb0101(session: Session, args: argparse.Namespace) -> list[str]:
    from fieldapp.sikb.import_sikb import import_sikb

    return import_sikb(session, args.file).lines()


def _plan(session: Session, args: argparse.Namespace) -> list[str]:
    from fieldapp.plan_import import import_plan

    result = import_plan(session, args.project, args.file)
    added = len(result.created)
    lines = [f"plan {args.file.name}: {added} planned borehole{'' if added == 1 else 's'} added, "
             f"{len(result.updated)} updated in project {args.project}"]
    for label, codes in (("added", result.created), ("updated", result.updated)):
        if codes:
            lines.append(f"  {label}: {', '.join(codes)}")
    return lines


#: --format -> the importer: writes into the session's database and returns the lines of its report
IMPORTERS: dict[str, Callable[[Session, argparse.Namespace], list[str]]] = {
    "sikb0101": _sikb0101,
    "plan": _plan,
}


def register(cli: CommandLine) -> None:
    p = cli.command(
        "import",
        "import a file into a project, all or nothing, with a report: sikb0101 = an investigation from another "
        "program (SIKB0101 14.x, also inside a SAD request), new or merged into the project with the same code; "
        "plan = planned borehole locations (CSV, GeoJSON or GeoPackage with code, x/y in RD New or lon/lat, "
        "kind, planned_depth_m) into --project",
        _import,
    )
    p.add_argument("--db", type=Path, required=True,
                   help="the FieldApp database file (sikb0101: created if there is none)")
    p.add_argument("--format", required=True, choices=sorted(IMPORTERS), help="the file's format")
    p.add_argument("--project", default=None, help="plan: the project code, e.g. 2026-0142")
    p.add_argument("file", type=Path, help="the file to import")


def _import(args: argparse.Namespace) -> int:
    if args.format == "plan":  # a plan goes into a project that exists, in a database that exists
        if not args.project:
            raise ValidationError("project", "A plan is imported into a project: --project is missing.",
                                  hint="Give the project code, e.g. --project 2026-0142.")
        if not args.db.is_file():
            raise StoreError(f"{args.db} does not exist.", hint="Give the path of a FieldApp database.")
    elif not args.file.is_file():
        raise StoreError(f"{args.file} does not exist.", hint="Give the path of the file to import.")
    with Session.open_for_user(args.db) as session:
        lines = IMPORTERS[args.format](session, args)
    for line in lines:
        print(line)
    return 0
