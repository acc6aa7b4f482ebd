"""`fieldapp import`: read another program's file into a project, all or nothing.

One command, one handler per ``--format`` in :data:`IMPORTERS` (the SIKB0101 importer adds its own
entry beside ``plan``).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from fieldapp.cli.base import CommandLine
from fieldapp.errors import StoreError, ValidationError
from fieldapp.session import Session


def _plan(args: argparse.Namespace) -> int:
    from fieldapp.plan_import import import_plan

    if not args.project:
        raise ValidationError("project", "A plan is imported into a project: --project is missing.",
                              hint="Give the project code, e.g. --project 2026-0142.")
    if not args.db.is_file():
        raise StoreError(f"{args.db} does not exist.", hint="Give the path of a FieldApp database.")
    with Session.open_for_user(args.db) as session:
        result = import_plan(session, args.project, args.file)
    added = len(result.created)
    print(f"plan {args.file.name}: {added} planned borehole{'' if added == 1 else 's'} added, "
          f"{len(result.updated)} updated in project {args.project}")
    for label, codes in (("added", result.created), ("updated", result.updated)):
        if codes:
            print(f"  {label}: {', '.join(codes)}")
    return 0


#: --format -> handler
IMPORTERS: dict[str, Callable[[argparse.Namespace], int]] = {"plan": _plan}


def register(cli: CommandLine) -> None:
    p = cli.command(
        "import",
        "import a file into a project, all or nothing: plan = planned borehole locations (CSV, GeoJSON or "
        "GeoPackage with code, x/y in RD New or lon/lat, kind, planned_depth_m)",
        _import,
    )
    p.add_argument("--db", type=Path, required=True, help="the FieldApp database file")
    p.add_argument("--format", required=True, choices=sorted(IMPORTERS), help="what the file is")
    p.add_argument("--project", default=None, help="project code, e.g. 2026-0142")
    p.add_argument("file", type=Path, help="the file to import")


def _import(args: argparse.Namespace) -> int:
    return IMPORTERS[args.format](args)
