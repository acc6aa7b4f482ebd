"""The field report (veldwerkrapportage, issue 15 item 6): `fieldapp report` and the GUI's File menu.

:mod:`.content` reads what BRL SIKB 2000 asks the report to hold, :mod:`.pdf`
lays it out in Dutch, each section with the requirement it answers.
"""

from __future__ import annotations

from pathlib import Path

from fieldapp.report.content import FieldReport, gather


def write_report(db: Path | str, project_code: str, out: Path) -> FieldReport:
    """Open ``db`` read-only and write the project's field report to ``out`` (plain data in and out,
    so the GUI runs it on a worker)."""
    from dataclasses import replace

    from fieldapp.domain import project
    from fieldapp.report import pdf, photos
    from fieldapp.store import Store

    with Store.open(db, actor="report", read_only=True) as store:
        proj = project.by_code(store, project_code)
        report = replace(gather(store.conn, proj), photos=photos.gather(store, proj.id))
    pdf.write(report, out)
    return report


__all__ = ["FieldReport", "gather", "write_report"]
