"""Writing the BHR-GT requests of a project into an export's staging folder, one file per borehole."""

from __future__ import annotations

import re
from pathlib import Path

from fieldapp.bro.bhrgt import Party, requests
from fieldapp.codelists import CodeLists
from fieldapp.errors import ExportError
from fieldapp.export.atomic import Job
from fieldapp.export.data import ProjectData

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]")


def file_name(borehole_code: str) -> str:
    """``B01.xml``: the borehole's code, with what no file system takes replaced by ``_``."""
    return f"{_UNSAFE.sub('_', borehole_code)}.xml"


def write_bhrgt(data: ProjectData, lists: CodeLists, party: Party, folder: Path, job: Job) -> str:
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
        return ""
    return (f"Not delivered ({len(refused)} of {len(data.boreholes)} boreholes, they cannot be described "
            f"for the BRO): {missing}")
