"""Coordinator exports: CSV, GeoJSON, GeoPackage, Excel, borehole logs, the site map and SIKB0101 XML.

:func:`export` is what the command line and the GUI call. Every format is
written into a staging area and moved into place complete, with a SHA-256
manifest, in a folder replaced as one step (see :mod:`fieldapp.export.atomic`). No Qt here.
"""

from __future__ import annotations

import gc
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from fieldapp.errors import ExportError
from fieldapp.export.atomic import Job, Staging, refuse
from fieldapp.export.data import ProjectData, load
from fieldapp.export.geo import ETRS89_DEGREES, RD_NEW, Points, check_crs, points
from fieldapp.export.photos import copy_files as copy_photos
from fieldapp.positions.rdnap import RdNap
from fieldapp.progress import Cancelled, Progress
from fieldapp.session import Session

if TYPE_CHECKING:
    from fieldapp.bro.bhrgt import Undeliverable

FORMATS = ("csv", "geojson", "gpkg", "xlsx", "borelogs", "map", "sikb0101", "sad", "bhrgt")
# the export that is a folder of tables gets the photo files beside them (fieldapp.export.photos); the
# single-file formats name each photo by its hash
PHOTO_FORMATS = ("csv",)
# the deliveries to an authority: one file per object, named after it, with the delivering party
DELIVERY_FORMATS = ("sad", "bhrgt")
# The coordinate system each format uses unless --crs says otherwise.
DEFAULT_CRS = {"geojson": ETRS89_DEGREES}


@dataclass(frozen=True)
class ExportResult:
    format: str
    files: list[Path]  # final paths, the manifest last
    boreholes: int
    pages: int = 0  # PDF pages, for the borehole logs and the map
    note: str = ""
    # the boreholes a BRO delivery (bhrgt) leaves out: (code, the reason in English), for the GUI to translate
    left_out: tuple[tuple[str, str], ...] = ()


@contextmanager
def _rows_without_cycles() -> Iterator[None]:
    """The cycle collector paused while an export reads and writes its rows: hundreds of thousands of dicts,
    tuples and strings, none of them in a cycle, that it would walk again and again (a twentieth of an
    Excel export or the borehole logs of 10,000 boreholes). Whatever an export leaves is collected after."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


@_rows_without_cycles()
def export(
    session: Session,
    project_code: str,
    fmt: str,
    out: Path,
    *,
    crs: int | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    delivery: Delivery | None = None,
) -> ExportResult:
    """Export project ``project_code`` as ``fmt`` into the folder ``out`` (files named after the folder)."""
    if fmt not in FORMATS:
        raise ExportError(f"Unknown export format {fmt!r}.", hint=f"Use one of {', '.join(FORMATS)}.")
    crs = check_crs(crs if crs is not None else DEFAULT_CRS.get(fmt, RD_NEW))
    if fmt in ("borelogs", "map", "sikb0101", "sad", "bhrgt") and crs != RD_NEW:
        raise ExportError(f"The {fmt} export is drawn in RD New only.", hint="Leave out --crs or give 28992.")
    job = Job(progress, cancelled)
    rd = RdNap()
    with session.store.snapshot():  # one state of the file, however much the app writes meanwhile
        data = load(session, project_code, rd, tables=fmt != "borelogs")
    with Staging(out) as staging:
        try:
            left_out: tuple[tuple[str, str], ...] = ()
            if fmt in DELIVERY_FORMATS:
                note, refused = _deliver(fmt, data, staging, session, job, delivery or Delivery())
                pages, left_out = 0, tuple((r.borehole_code, r.reason) for r in refused)
            else:
                pages, note = _write(fmt, data, staging, crs, rd, session, job)
            if fmt in PHOTO_FORMATS:
                copy_photos(session, data.photos, staging.root)
        except OSError as exc:
            raise refuse(staging.target, exc) from None
        except sqlite3.Error as exc:  # the GeoPackage is SQLite: a full disk shows up as this
            raise ExportError(f"Cannot write {staging.target}: {exc}.",
                              hint="Free some space or write to another disk.") from None
        files = staging.commit()
    return ExportResult(fmt, files, len(data.boreholes), pages, note, left_out)


@dataclass(frozen=True)
class Delivery:
    """Who delivers to an authority (the BRO, formats sad and bhrgt): the accountable party's KvK number
    (default: the project's contractor) and the delivery context (default: the format's, see fieldapp.bro.deliver)."""

    kvk: str | None = None
    delivery_context: str | None = None


def _deliver(fmt: str, data: ProjectData, staging: Staging, session: Session, job: Job,
             delivery: Delivery) -> tuple[str, list[Undeliverable]]:
    from fieldapp.bro.deliver import deliver  # lxml and the BRO schemas only for these formats

    return deliver(fmt, data, session, staging, job, delivery.kvk, delivery.delivery_context)


def _points(data: ProjectData, crs: int, rd: RdNap) -> Points:
    return points(data.boreholes, crs, rd, data.project.get("site_contour"))


def _write(fmt: str, data: ProjectData, staging: Staging, crs: int, rd: RdNap, session: Session,
           job: Job) -> tuple[int, str]:
    # imported here so that a CSV export does not load reportlab and the Excel writer
    if fmt == "csv":
        from fieldapp.export.tabular import write_csv

        write_csv(data, staging.root, job)
    elif fmt == "xlsx":
        from fieldapp.export.tabular import write_xlsx

        write_xlsx(data, staging.path(".xlsx"), job)
    elif fmt == "gpkg":
        from fieldapp.export.gpkg import write_gpkg

        write_gpkg(data, _points(data, crs, rd), staging.path(".gpkg"), job)
    elif fmt == "geojson":
        from fieldapp.export.geojson import write_geojson

        write_geojson(data, _points(data, crs, rd), staging.path(".geojson"), job)
    elif fmt == "sikb0101":
        from fieldapp.sikb.export import write_sikb  # lxml and the SIKB schemas only for this format

        return write_sikb(data, session, staging.path(".xml"), job)
    elif fmt == "borelogs":
        from fieldapp.export.borelog import write_borelogs

        return write_borelogs(data, session.lists, staging.path(".pdf"), job, session.store.conn), ""
    else:
        from fieldapp.export.sitemap import write_map

        return write_map(data, staging, job)
    return 0, ""


__all__ = ["FORMATS", "Delivery", "ExportResult", "export"]
