"""The deliveries to the BRO an export writes: the SAD registration request around the SIKB0101 document
(``sad``), and one BHR-GT request per borehole (``bhrgt``), each named after what it holds."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from fieldapp.bro.bhrgt import Party, Undeliverable, requests
from fieldapp.codelists import CodeLists
from fieldapp.domain.project import kvk_number
from fieldapp.errors import ExportError
from fieldapp.export.atomic import Job, Staging
from fieldapp.export.data import ProjectData
from fieldapp.messages import Count
from fieldapp.session import Session

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]")


def deliver(fmt: str, data: ProjectData, session: Session, staging: Staging, job: Job, kvk: str | None,
            context: str | None) -> tuple[str, list[Undeliverable]]:
    """Write format ``fmt`` (sad or bhrgt) into ``staging``; the note for the user and the boreholes left out
    (the GUI lists those in the user's language)."""
    number = kvk_number(kvk or data.project.get("contractor_kvk"))
    if number is None:
        raise ExportError("A BRO delivery names the KvK number of the accountable party, and there is none.",
                          hint="Give --kvk, or fill in the contractor's KvK number in the project.")
    if fmt == "sad":
        return write_sad(data, session, staging, job, number, context), []
    from fieldapp.bro.codes import allowed

    contexts = allowed("DeliveryContext")
    if context and context not in contexts:
        raise ExportError(f"{context!r} is not a BHR-GT delivery context (KaderAanlevering).",
                          hint=f"Use one of {', '.join(sorted(contexts))}.")
    return write_bhrgt(data, session.lists, Party(number, context or ""), staging.root, job)


def contexts(fmt: str) -> tuple[tuple[str, ...], str]:
    """The delivery contexts (the BRO list KaderAanlevering) a ``fmt`` delivery may name, and the one it names
    when none is given: what the GUI offers beside ``--delivery-context``."""
    if fmt == "sad":
        from fieldapp.sikb.sad import SadDelivery, delivery_contexts

        values = tuple(sorted(delivery_contexts()[SadDelivery.quality_regime]))
        return values, values[0]
    from fieldapp.bro.codes import allowed
    from fieldapp.bro.xml import fixed

    return tuple(sorted(allowed("DeliveryContext"), key=str.casefold)), fixed("deliveryContext")


def write_sad(data: ProjectData, session: Session, staging: Staging, job: Job, kvk: str,
              context: str | None) -> str:
    """The SIKB0101 export (refused as it refuses) wrapped as a SAD registration request, IMBRO/A."""
    from fieldapp.sikb.export import write_sikb
    from fieldapp.sikb.sad import SadDelivery, wrap

    code = data.project["code"]
    inner = staging.root / ".sikb0101.xml"  # inside the staging folder: gone with it on any failure
    _, note = write_sikb(data, session, inner, job)
    end = data.project.get("end_date")
    request = wrap(inner.read_bytes(), SadDelivery(
        kvk=kvk, request_reference=f"{code} SIKB0101 {date.today().isoformat()}", object_id=code,
        report_date=date.fromisoformat(end) if end else None, delivery_context=context))
    inner.unlink()
    staging.path(".xml").write_bytes(request)
    return f"SAD registration request (IMBRO/A, KvK {kvk}) around the {note}"


def file_name(borehole_code: str) -> str:
    """``B01.xml``: the borehole's code, with what no file system takes replaced by ``_``."""
    return f"{_UNSAFE.sub('_', borehole_code)}.xml"


def write_bhrgt(data: ProjectData, lists: CodeLists, party: Party, folder: Path,
                job: Job) -> tuple[str, list[Undeliverable]]:
    """Write one request per describable borehole into ``folder``; the note names those that are not.

    Refused outright when no borehole can be described: an export of nothing
    would look like a delivery.
    """
    done, refused = requests(data, party, lists)
    missing = "; ".join(f"{r.borehole_code}: {r.reason}" for r in refused)
    if not done:
        raise ExportError(f"No borehole of project {data.project['code']} can be described for the BRO "
                          f"(BHR-GT): {missing or 'the project has no boreholes'}.",
                          hint="Complete the boreholes' positions and layer logs, then export again.")
    names: dict[str, str] = {}
    for n, request in enumerate(done):
        job.step(n, len(done))
        name = file_name(request.borehole_code)
        if name.casefold() in names:
            raise ExportError(f"Boreholes {names[name.casefold()]} and {request.borehole_code} would both be "
                              f"written as {name}.", hint="Rename one of them.")
        names[name.casefold()] = request.borehole_code
        (folder / name).write_bytes(request.xml)
    job.step(len(done), len(done))
    if not refused:
        return "", []
    return (f"Not delivered, for want of what the BRO requires ({len(refused)} of "
            f"{Count(len(data.boreholes), 'borehole')}): {missing}"), refused
