"""The deviations (afwijkingen) that apply to a borehole, written under its log.

A deviation on the borehole itself, on one of the samples taken from it, on one of their containers
(a jar shipped past its holding time) or on a whole shipment that carries one of those containers is
listed below the column of the log's last segment: what deviated (aard), why (motivatie), the
consequences and who decided, so the log read on its own says where the work departed from the protocol.
"""

from __future__ import annotations

from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen.canvas import Canvas

from fieldapp.domain.common import dutch_day
from fieldapp.export.borelog.layout import NOTE_FONT, NOTE_LEAD, SLOT_W, Segment
from fieldapp.export.data import Row
from fieldapp.labels.fonts import FONT, FONT_BOLD


def notes_for(borehole: Row, parts: list[Row], deviations: list[Row]) -> list[str]:
    """The wrapped lines of every deviation on ``borehole``, a sample with a part in it or a container
    of such a sample (``_sample_id``, fieldapp.export.data)."""
    ids = {borehole["id"], *(p["sample_id"] for p in parts)}
    lines: list[str] = []
    for d in deviations:
        # a well's round (and its groundwater samples) names its hole in borehole_id (fieldapp.export.well_data)
        if d["object_id"] not in ids and d.get("_sample_id") not in ids and d.get("borehole_id") != borehole["id"] \
                and ids.isdisjoint(d.get("_sample_ids", ())):  # a shipment's: the samples its containers are of
            continue
        # decided_at is UTC (utc_now): the Dutch day, as the log's own date is, not the day in Greenwich
        who = ", ".join(t for t in (d.get("staff_name") or "", dutch_day(d.get("decided_at"))) if t)
        what = f"zending {d.get('object_code')}" if d.get("object_kind") == "shipment" else d.get("object_code")
        head = f"Afwijking {what or borehole['code']} ({d['part']})"
        text = f"{d['nature']} Motivatie: {d['reason']} Gevolgen: {d['consequences']}" + (f" ({who})" if who else "")
        lines += [*simpleSplit(head, FONT_BOLD, NOTE_FONT, SLOT_W - 4),
                  *simpleSplit(text, FONT, NOTE_FONT, SLOT_W - 4)]
    return lines


def draw_notes(c: Canvas, seg: Segment, y: float) -> None:
    """The deviation lines from ``y`` (the bottom of the column or its descriptions) down."""
    c.setFillColorRGB(0.6, 0.1, 0.1)
    for n, line in enumerate(seg.notes):
        bold = line.startswith("Afwijking ")
        c.setFont(FONT_BOLD if bold else FONT, NOTE_FONT)
        c.drawString(seg.x, y - 4.0 - NOTE_LEAD * (n + 1) + 1.5, line)
    c.setFillColorRGB(0, 0, 0)
