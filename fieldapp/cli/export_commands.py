"""`fieldapp export`: the coordinator's exports from the command line."""

from __future__ import annotations

import argparse
from pathlib import Path

from fieldapp import error_text
from fieldapp.cli.base import CommandLine, said, user_language
from fieldapp.errors import ExportError, StoreError
from fieldapp.export import FORMATS, Delivery, export
from fieldapp.messages import count
from fieldapp.session import Session


def register(cli: CommandLine) -> None:
    p = cli.command(
        "export",
        "export a project as CSV, GeoJSON, GeoPackage, Excel, borehole logs (PDF), a site map (PDF and PNG) "
        "SIKB0101 14.9.0 XML for the competent authority, a BRO SAD registration request around it "
        "or BRO BHR-GT registration requests (one XML file per borehole); "
        "written into a folder with a SHA-256 manifest, complete or not at all",
        _export,
    )
    p.add_argument("--db", type=Path, required=True, help="the FieldApp database file")
    p.add_argument("--project", required=True, help="project code, e.g. 2026-0142")
    p.add_argument("--format", required=True, choices=FORMATS, help="what to write")
    p.add_argument("--out", type=Path,
                   help="the export folder, e.g. site; the files inside are named after it (site.gpkg) "
                        "beside MANIFEST.sha256; an earlier export there is replaced in one step")
    p.add_argument("--crs", type=int, choices=(28992, 4326), default=None,
                   help="coordinate system: 28992 RD New (default) or 4326 latitude/longitude "
                        "(default for geojson)")
    p.add_argument("--check", action="store_true",
                   help="sikb0101: write nothing; list the findings of FieldApp's checks, the XSD and SIKB's control "
                        "rules on the file, as `check` does; exit 1 if any is an error")
    p.add_argument("--lang", choices=("nl", "en"), default="nl", help="language of --check's messages (default nl)")
    p.add_argument("--kvk", default=None,
                   help="sad, bhrgt: the KvK number (8 digits) of the party accountable for the delivery; "
                        "default: the project's contractor")
    p.add_argument("--delivery-context", default=None,
                   help="sad, bhrgt: the BRO delivery context (KaderAanlevering); default for sad archiefoverdracht "
                        "(IMBRO/A), for bhrgt publiekeTaak")


def _export(args: argparse.Namespace) -> int:
    if not args.db.is_file():
        raise StoreError(f"{args.db} does not exist.", hint="Give the path of a FieldApp database.")
    if args.check:
        return _check(args)
    if args.out is None:
        raise ExportError("--out is missing: the folder the export is written into.",
                          hint="Give --out, e.g. --out site; or --check to write nothing.")
    from fieldapp.cli.progress import progress_bar

    with Session.open_for_user(args.db) as session, \
            progress_bar(f"export {args.format}", lang=user_language(args)) as progress:
        result = export(session, args.project, args.format, args.out, crs=args.crs, progress=progress,
                        delivery=Delivery(args.kvk, args.delivery_context))
    print(said(args, "cli_export_written_pages" if result.pages else "cli_export_written", fmt=result.format,
               bh=count(result.boreholes, "borehole"), pages=count(result.pages, "page"), out=args.out))
    for path in result.files:
        print(f"  {path}")
    if result.note:  # the core's English, said as its table says it (resources/messages/notes.json)
        print(error_text.said(result.note, user_language(args)))
    return 0


def _check(args: argparse.Namespace) -> int:
    if args.format != "sikb0101":
        raise ExportError(f"--check judges the sikb0101 format, not {args.format}.",
                          hint="Give --format sikb0101, or leave out --check.")
    from fieldapp.sikb.export import check_sikb  # lxml and Saxon only when asked for

    with Session.open_for_user(args.db) as session:
        report = check_sikb(session, args.project)
    for text in report.lines(args.lang):
        print(text)
    print(report.summary(args.lang))
    return 1 if report.errors else 0
