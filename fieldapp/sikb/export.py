"""``fieldapp export --format sikb0101``: write the investigation, and ``--check``: judge it without writing.

The export refuses before it writes anything when FieldApp's own checks find
an error (no application code, a point outside the Netherlands, a name too
long, a layer gap ...), and refuses the written file if the profile XSD does
not accept it: a coordinator never delivers a file the authority's software
rejects. SIKB's control rules run with ``--check`` and in the GUI's export
dialog before it writes (a Saxon run takes seconds, too long for every export).
"""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from fieldapp.check import CheckReport, sort_key
from fieldapp.errors import ExportError
from fieldapp.export.atomic import Job
from fieldapp.export.data import ProjectData
from fieldapp.messages import Count
from fieldapp.positions.rdnap import RdNap
from fieldapp.rules import Finding, default_book
from fieldapp.session import Session
from fieldapp.settings import Settings
from fieldapp.sikb import validate
from fieldapp.sikb.check import document_findings, object_index, own_findings
from fieldapp.sikb.validate_stream import StreamValidator
from fieldapp.sikb.write_doc import Written, write_document
from fieldapp.sikb.write_project import Head

_SHOWN = 5  # errors named in a refusal; --check lists them all


def _code(value: Any) -> int:
    """A SIKB code from the settings: a positive whole number, else 0 (not set)."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return 0
    return number if number > 0 else 0


def head_for(settings: Settings, today: date | None = None) -> Head:
    return Head((today or date.today()).isoformat(), _code(settings.sikb_application_id),
                _code(settings.sikb_supplier_id))


def write_sikb(data: ProjectData, session: Session, path: Path, job: Job) -> tuple[int, str]:
    """Write ``path``; the note says what was written and that ``--check`` runs SIKB's rules."""
    book = default_book()
    head = head_for(session.settings)
    errors = [f for f in own_findings(data, head, session.lists, book) if f.severity == "error"]
    if errors:
        raise _refusal(errors, data.project["code"])
    validator = StreamValidator()
    try:
        written = write_document(data, head, path, session.lists, job, validator)
    except BaseException:
        validator.abandon()
        raise
    schema = validator.finish()
    if written.duplicate_ids:
        raise ExportError(f"The database holds {len(written.duplicate_ids)} row id(s) twice, e.g. "
                          f"{written.duplicate_ids[0]}; a SIKB0101 file cannot carry them. Nothing was written.",
                          hint="Run fieldapp verify on the database and report it.")
    if schema:
        found = document_findings(schema, object_index(data, session.lists), data.project, book)
        raise _refusal(found, data.project["code"], "The SIKB0101 file is not valid against its XSD; nothing was "
                                                    "written. ")
    return 0, _note(written)


def _note(w: Written) -> str:
    return (f"SIKB0101 {validate.SCHEMAS['imsikb0101'].removeprefix('imsikb0101_v').removesuffix('.xsd')}: "
            f"{Count(w.boreholes, 'borehole')}, {Count(w.trenches, 'inspection_pit')}, {Count(w.layers, 'layer')}, "
            f"{Count(w.wells, 'filter')}, {Count(w.samples, 'sample')}, {Count(w.packages, 'package')}; "
            "valid against the XSD. "
            "Add --check to run SIKB's control rules.")


def _refusal(found: list[Finding], project_code: str, lead: str = "") -> ExportError:
    lines = [f"{f.object_code}: {f.message('en')}" for f in sorted(found, key=sort_key)[:_SHOWN]]
    more = f" (and {len(found) - _SHOWN} more)" if len(found) > _SHOWN else ""
    return ExportError(f"{lead}The SIKB0101 export of {project_code} has {len(found)} error(s){more}: "
                       + " | ".join(lines),
                       hint=f"See every finding with: fieldapp export --project {project_code} --format sikb0101 "
                            "--check")


def check_sikb(session: Session, project_code: str, *, level: validate.Level | None = "IMBRO/A",
               job: Job | None = None) -> CheckReport:
    """Every finding on the SIKB0101 document of the project, named by the FieldApp object; nothing is
    written where the user can see it (the document goes to a temporary file)."""
    from fieldapp.export.data import load

    book = default_book()
    with session.store.snapshot():
        data = load(session, project_code, RdNap())
    head = head_for(session.settings)
    found = own_findings(data, head, session.lists, book)
    with tempfile.TemporaryDirectory(prefix="fieldapp-sikb-") as folder:
        path = Path(folder) / "check.xml"
        write_document(data, head, path, session.lists, job or Job())
        on_file = validate.validate(path, level=level)
    found += document_findings(on_file, object_index(data, session.lists), data.project, book)
    return CheckReport(data.project["id"], data.project["code"], tuple(sorted(found, key=sort_key)))
