"""The photos in the field report (issue 15 item 5): per photo what it shows, when it was
taken and the start of its SHA-256, so a reader can match a print to the file in the
export (named by its hash) and to the journal; a small thumbnail where the file is on
this device. Thumbnails are scaled down with Pillow first, so a report of a hundred
camera photos stays a few megabytes."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from fieldapp.domain.photo import blobs
from fieldapp.export.photos import rows as photo_rows
from fieldapp.labels.from_store import local_time

if TYPE_CHECKING:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus.flowables import Flowable

    from fieldapp.store import Store

KINDS_NL = {"site": "locatie", "borehole": "boring", "layer": "laag", "sample": "monster"}
PREFIX = 16  # hex digits of the SHA-256 shown: enough to tell files apart, short enough for a cell
THUMB_PX = 240  # longest side of the embedded thumbnail (about 150 dpi at the 40 mm it is drawn)


@dataclass(frozen=True)
class ReportPhoto:
    shows: str  # in Dutch, e.g. "boring B01"
    caption: str
    taken_at: str
    sha256: str
    path: Path | None  # the file on this device; None: not fetched yet

    @property
    def prefix(self) -> str:
        return self.sha256[:PREFIX]


def gather(store: Store, project_id: str) -> tuple[ReportPhoto, ...]:
    folder = blobs(store)
    out = []
    for r in photo_rows(store, project_id):
        kind = KINDS_NL.get(str(r["object_kind"]), str(r["object_kind"]))
        shows = f"{kind} {r['_object_code']}".strip()
        # a GNSS or added time is UTC, a camera's is its local time: shown as the clock here showed it
        taken = local_time(str(r.get("taken_at") or ""), with_time=True)[:16].replace("T", " ")
        out.append(ReportPhoto(shows, str(r.get("caption") or ""), taken, str(r["sha256"]),
                               folder.path(r["sha256"]) if folder.has(r["sha256"]) else None))
    return tuple(out)


def thumbnail(path: Path | None, width: float) -> Flowable | None:
    """The photo scaled to ``width`` points wide, or None when the file is missing or not an image."""
    if path is None:
        return None
    from PIL import Image, ImageOps, UnidentifiedImageError
    from reportlab.platypus import Image as PdfImage

    try:
        with Image.open(path) as image:
            small = ImageOps.exif_transpose(image).convert("RGB")
            small.thumbnail((THUMB_PX, THUMB_PX))
    except (OSError, UnidentifiedImageError, ValueError):
        return None
    data = io.BytesIO()
    small.save(data, "JPEG", quality=80)
    data.seek(0)
    return PdfImage(data, width=width, height=width * small.height / small.width)


def rows(photos: tuple[ReportPhoto, ...], cell: ParagraphStyle, thumb_width: float) -> list[list[object]]:
    """The table rows: thumbnail, what it shows (with the caption), time, SHA-256 prefix."""
    from reportlab.platypus import Paragraph

    out: list[list[object]] = [["Foto", "Wat", "Tijdstip", "SHA-256 (begin)"]]
    for p in photos:
        shown: object = thumbnail(p.path, thumb_width) or Paragraph("niet op dit apparaat", cell)
        what = p.shows + (f": {p.caption}" if p.caption else "")
        out.append([shown, what, p.taken_at or "—", p.prefix])
    return out
