"""``fieldapp intake scan``: the scan loop without a screen.

Reads scanned codes from stdin, one per line, and prints one JSON object per
scan with its outcome, then one with the reconciliation. Without
``--shipment`` the first lines must be the COC's manifest code(s), as a
scanner reads them off the form. ``--close`` records the receipt and writes
the report. The JSON is for programs: its messages and deviations stay in the
core's English whatever ``--lang`` says; the report and the one line of a refusal
are Dutch unless ``--lang en``.
"""

from __future__ import annotations

import argparse
import errno
import json
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from fieldapp.errors import ExportError, ManifestError, StoreError, ValidationError

if TYPE_CHECKING:
    from fieldapp.intake.lines import Line
    from fieldapp.intake.receipt import Receipt
    from fieldapp.session import Session

# The receipt, its report (reportlab) and the store are imported in the
# handlers: registering this command runs at every `fieldapp` start, the GUI's
# included, and must not cost a sampler 150 ms.


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", type=Path, required=True, help="the FieldApp database")
    p.add_argument("--shipment", help="COC number of the shipment (default: read the COC manifest from stdin first)")
    p.add_argument("--project", help="project code, when COC numbers repeat across projects")
    p.add_argument("--received-by", help="who receives the cooler (default: the user)")
    p.add_argument("--temperature", action="append", default=[], metavar="C",
                   help="a cooler temperature reading in °C; give it once per reading")
    p.add_argument("--seal", default="", help="the seal number on the cooler")
    p.add_argument("--seal-state", choices=("intact", "broken", "absent"),
                   help="the seal as found (default: intact, or absent when the COC records no seal)")
    p.add_argument("--damaged", action="append", default=[], metavar="CODE",
                   help="a received container that is damaged (rejected); may repeat")
    p.add_argument("--remarks", default="")
    p.add_argument("--consulted", default="", help="who was consulted about deviations and what they decided")
    p.add_argument("--close", action="store_true", help="record the receipt (custody events, receipt fields)")
    p.add_argument("--report", type=Path, help="write the receipt report PDF here (with --close)")
    p.add_argument("--lang", choices=("nl", "en"), default="nl",
                   help="language of the receipt report and of the errors (default nl, the lab's); the JSON "
                        "stays English")
    # --lang, its default too, is the language of everything this command says: a lab's desk scans in Dutch
    # whatever language the machine or the clerk's settings name (fieldapp.cli.base.user_language)
    p.set_defaults(lang_chosen=True)


def _emit(out: TextIO, obj: dict[str, object]) -> None:
    try:
        out.write(json.dumps(obj, ensure_ascii=False) + "\n")
    except UnicodeEncodeError:  # a scan in letters the output's code page lacks (a Windows console): escaped
        out.write(json.dumps(obj) + "\n")
    out.flush()


def _from_manifest(session: Session, lines: Iterator[Line], out: TextIO, project: str | None) -> Receipt:
    """Read the manifest's lines, and only those, off ``lines``; the receipt of its shipment (of ``project``)."""
    from fieldapp.intake.receipt import open_manifest
    from fieldapp.intake.scan import is_manifest, without_symbology
    from fieldapp.labels.manifest import ManifestPart, combine, decode_part

    parts: dict[int, ManifestPart] = {}
    for n, line in enumerate(lines):
        if not line.text.strip():  # a scanner's lone suffix key before the form: nothing was scanned
            continue
        text = without_symbology(line.text)
        try:
            if not is_manifest(text):  # a jar's code (FAM-0001 too) is not an unknown manifest version
                raise ManifestError("This is not a FieldApp shipment manifest.")
            part = decode_part(text)
        except ManifestError as exc:
            raise ManifestError(f"Line {n + 1}: {exc.message}", hint="Without --shipment, scan the COC's "
                                "manifest code(s) first.") from None
        parts[part.part] = part
        _emit(out, {"outcome": "manifest", "code": part.coc_number, "message": f"manifest part {part.part} of "
                    f"{part.parts} read", "recorded": False})
        if len(parts) == part.parts:
            return open_manifest(session, combine(parts.values()), project)
    raise ManifestError("The manifest is not complete: not every part was scanned.")


def writable(path: Path) -> None:
    """Refuse a report path that cannot be written: a folder that is not there, one that may not be
    written to, a read-only disk (a file is made there and removed, which is what the write will need)."""
    from fieldapp.outputs import write_failure

    folder = path.parent if str(path.parent) else Path(".")
    try:
        if path.is_dir():
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
        fd, probe = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".part")
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        message, hint = write_failure(path, exc)
        raise ExportError(message, hint=hint) from None


def _close(receipt: Receipt, args: argparse.Namespace, out: TextIO) -> None:
    """Close the receipt with its report written before the close is committed."""
    from fieldapp.cli.label_commands import write_atomic
    from fieldapp.intake import closing
    from fieldapp.intake.report import render_receipt_pdf

    report: Path | None = args.report
    write = None
    if report is not None:
        pdf = render_receipt_pdf(receipt, closing.ready(receipt), lang=args.lang)

        def write(_found: list[closing.Deviation]) -> None:
            write_atomic(report, pdf)

    found = closing.close(receipt, write)
    closed: dict[str, object] = {
        "closed": True, "coc": receipt.coc_number,
        "deviations": [{"subject": d.subject, "kind": d.kind, "detail": d.detail} for d in found]}
    if report is not None:
        closed["report"] = str(report)
    _emit(out, closed)


def run(args: argparse.Namespace, stdin: TextIO = sys.stdin, out: TextIO = sys.stdout) -> int:
    from fieldapp.intake import closing
    from fieldapp.intake.header import parse_reading
    from fieldapp.intake.lines import lines as lines_of
    from fieldapp.intake.receipt import open_shipment
    from fieldapp.session import Session

    if not args.db.is_file():
        raise StoreError(f"{args.db} does not exist.", hint="Give the path of a FieldApp database.")
    readings = [parse_reading(t) for t in args.temperature]
    if args.report and not args.close:
        # the report is the closed receipt's: without --close there is none, and a lab that asked for one
        # must not find out from an empty folder after the cooler was scanned
        raise ValidationError("report", "--report writes the report of the closed receipt, but --close is not "
                              "given.", hint="Add --close to close the receipt and write its report, or leave "
                                             "--report out.")
    if args.close and args.report:  # refused before the first scan, not after the cooler was received
        writable(args.report)
    # each scan is answered as it arrives: a scanner piped in waits for no end of input; CR, LF and CR LF end
    # a scan, and a byte that is no UTF-8 is that one scan's fault, not the loop's
    lines = lines_of(stdin)
    with Session.open_for_user(args.db) as session:
        if args.shipment:
            receipt = open_shipment(session, args.shipment, args.project)
        else:
            receipt = _from_manifest(session, lines, out, args.project)
        h = receipt.header
        h.received_by = args.received_by or h.received_by
        h.readings, h.seal_number = readings, args.seal
        h.seal_state = args.seal_state or h.seal_state
        h.remarks, h.consulted = args.remarks, args.consulted
        for line in lines:
            _emit(out, receipt.scan(line.text, length=line.length).to_json())
        for code in args.damaged:
            _emit(out, receipt.mark_damaged(code).to_json())
        _emit(out, {"reconciliation": closing.reconcile(receipt).to_json(), "coc": receipt.coc_number,
                    "offline": receipt.offline})
        if args.close:
            _close(receipt, args, out)
    return 0
