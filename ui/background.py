"""Work that runs on a TaskManager worker: plain functions with plain data."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from fieldapp.progress import Cancelled, Progress
from fieldapp.session import Session
from fieldapp.settings import Settings
from fieldapp.store import Store

if TYPE_CHECKING:
    from fieldapp.check import CheckReport
    from fieldapp.demo import DemoSummary
    from fieldapp.export import Delivery, ExportResult
    from fieldapp.plan_import import PlanResult
    from fieldapp.sikb.import_report import ImportReport


def write_demo_project(
    db_path: str,
    settings: Settings,
    boreholes: int,
    seed: int,
    progress: Progress | None = None,
) -> DemoSummary:
    """Open a connection of our own on ``db_path``, write the demo project, close."""
    from fieldapp import demo  # only when asked for: it pulls in the coordinate grids

    session = Session.open(db_path, settings=settings)
    try:
        return demo.create(session, boreholes=boreholes, seed=seed, progress=progress)
    finally:
        session.close()


def export_project(db_path: str, settings: Settings, project_code: str, fmt: str, out: str,
                   delivery: Delivery | None = None, progress: Progress | None = None,
                   cancelled: Cancelled | None = None) -> ExportResult:
    """One export (fieldapp.export), on a connection of our own: complete at ``out`` or not there;
    ``delivery`` names who delivers a BRO format (sad, bhrgt)."""
    from fieldapp.export import export  # only when asked for: reportlab, the Excel writer

    session = Session.open(db_path, settings=settings)
    try:
        return export(session, project_code, fmt, Path(out), progress=progress, cancelled=cancelled,
                      delivery=delivery)
    finally:
        session.close()


def check_sikb_project(db_path: str, settings: Settings, project_code: str, progress: Progress | None = None,
                       cancelled: Cancelled | None = None) -> CheckReport:
    """The SIKB0101 export's findings (FieldApp's checks, the XSD, SIKB's control rules), nothing written."""
    from fieldapp.export.atomic import Job
    from fieldapp.sikb.export import check_sikb  # only when asked for: lxml and Saxon

    session = Session.open(db_path, settings=settings)
    try:
        return check_sikb(session, project_code, job=Job(progress, cancelled))
    finally:
        session.close()


def import_plan_file(db_path: str, settings: Settings, project_code: str, path: str,
                     progress: Progress | None = None, cancelled: Cancelled | None = None) -> PlanResult:
    """Planned boreholes from a coordinator's file into the project (fieldapp.plan_import), all or nothing."""
    from fieldapp.plan_import import import_plan  # only when asked for: the coordinate grids

    session = Session.open(db_path, settings=settings)
    try:
        return import_plan(session, project_code, Path(path))
    finally:
        session.close()


def import_sikb_file(db_path: str, settings: Settings, _project_code: str, path: str,
                     progress: Progress | None = None, cancelled: Cancelled | None = None) -> ImportReport:
    """A SIKB0101 investigation (fieldapp.sikb.import_sikb) into the project of its own code: new, or merged into
    the one with that code, all or nothing. The selected project plays no part."""
    from fieldapp.sikb.import_sikb import import_sikb  # only when asked for: lxml and the code lists

    session = Session.open(db_path, settings=settings)
    try:
        return import_sikb(session, Path(path), progress=progress, cancelled=cancelled)
    finally:
        session.close()


def write_offline_bundle(db_path: str, out: str, progress: Progress | None = None,
                         cancelled: Cancelled | None = None) -> int:
    """The device's unsent changes as a signed bundle file (fieldapp.sync.bundle); how many."""
    from fieldapp.sync.bundle import write_bundle  # only when asked for: cryptography

    store = Store.open(db_path, actor="bundle")
    try:
        return write_bundle(store, Path(out), progress, cancelled)
    finally:
        store.close()
