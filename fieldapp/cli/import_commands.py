"""`fieldapp import`: investigations and plans from other programs' files into a database, all or nothing.

One command, one importer per ``--format`` in :data:`IMPORTERS`; each writes through the session and
returns the lines of its report.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from fieldapp.cli.base import CommandLine, user_language
from fieldapp.messages import refused
from fieldapp.rules import message_book
from fieldapp.session import Session


def _sikb0101(session: Session, args: argparse.Namespace) -> list[str]:
    from fieldapp.cli.progress import progress_bar
    from fieldapp.sikb.import_sikb import import_sikb

    # 10,000 boreholes take about 20 s: a bar on a terminal (nothing on a pipe)
    with progress_bar("import sikb0101", lang=user_language(args)) as progress:
        return import_sikb(session, args.file, progress=progress).lines(args.lang)


def _plan(session: Session, args: argparse.Namespace) -> list[str]:
    from fieldapp.plan_import import import_plan

    result = import_plan(session, args.project, args.file)
    book, added = message_book(), len(result.created)
    lines = [book["plan_report_one" if added == 1 else "plan_report"].text(
        args.lang, file=args.file.name, added=added, updated=len(result.updated), project=args.project)]
    for key, codes in (("plan_report_added", result.created), ("plan_report_updated", result.updated)):
        if codes:
            lines.append(book[key].text(args.lang, codes=", ".join(codes)))
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
    p.add_argument("--lang", choices=("nl", "en"), default="nl",
                   help="language of the report and of a refusal (default nl)")
    p.add_argument("file", type=Path, help="the file to import")


def _import(args: argparse.Namespace) -> int:
    if args.format == "plan":  # a plan goes into a project that exists, in a database that exists
        if not args.project:
            raise refused("project", "plan_needs_project")
        if not args.db.is_file():
            raise refused("db", "import_no_database", path=str(args.db))
    elif args.file.is_dir():
        raise refused("file", "import_is_folder", path=str(args.file))
    elif not args.file.is_file():
        raise refused("file", "import_no_file", path=str(args.file))
    with Session.open_for_user(args.db) as session:
        lines = IMPORTERS[args.format](session, args)
    for line in lines:
        print(line)
    return 0
