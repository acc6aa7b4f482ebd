"""Where each borehole log goes: A4 portrait, two columns of logs, vertical scale 1:50.

Short logs are stacked in a column while they fit; a log that does not fit
in a whole column is cut into segments of whole metres that start on a new
page and carry on in the next column and on the next page, each with its
own header saying which depths it shows. The layer descriptions are wrapped
here, so the planner knows how tall a log really is: thin layers with long
descriptions make a log taller than its drawn column.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import simpleSplit

from fieldapp.codelists import CodeLists
from fieldapp.export.data import Row, admixture_text
from fieldapp.labels.fonts import FONT

PAGE_W, PAGE_H = A4
MARGIN = 28.0
PAGE_HEAD = 34.0
LEGEND_H = 64.0
GAP = 16.0
SLOT_W = (PAGE_W - 2 * MARGIN - GAP) / 2
SLOT_TOP = PAGE_H - MARGIN - PAGE_HEAD
SLOT_H = SLOT_TOP - (MARGIN + LEGEND_H)
LOG_HEAD = 50.0  # borehole header above the column
LOG_FOOT = 14.0  # space below the column before the next log
PT_PER_CM = 72 / 2.54 / 50  # 1:50: one centimetre of soil is 0.2 mm on paper
SCALE_TEXT = "1:50"
DESC_FONT = 6.0
DESC_LEAD = 7.0
DESC_X = 92.0  # description column's offset from the slot's left edge
DESC_W = SLOT_W - DESC_X
_MAX_SEGMENT_CM = int((SLOT_H - LOG_HEAD - LOG_FOOT) / PT_PER_CM) // 100 * 100


@dataclass
class Segment:
    borehole: Row
    layers: list[Row]
    samples: list[Row]  # sample parts of this borehole with their codes
    top_cm: int
    bottom_cm: int
    depth_cm: int  # the whole log's depth
    texts: list[tuple[int, list[str]]]  # (layer upper cm, wrapped lines) of layers shown here
    number: int = 1
    of: int = 1
    x: float = 0.0
    y_top: float = 0.0

    @property
    def column_h(self) -> float:
        return (self.bottom_cm - self.top_cm) * PT_PER_CM

    @property
    def height(self) -> float:
        text_h = sum(len(lines) for _, lines in self.texts) * DESC_LEAD + 2.0
        return LOG_HEAD + max(self.column_h, text_h) + LOG_FOOT


@dataclass
class Page:
    segments: list[Segment] = field(default_factory=list)


def description(layer: Row, words: dict[str, str], lists: CodeLists) -> str:
    """A layer in Dutch words as a field log writes it: soil, colour, median, admixtures, smell, oil."""
    parts: list[str] = [str(words.get(layer["soil_code"], layer["soil_code"]))]
    for name, value in (("sand_median_class", layer.get("sand_median")), ("colour", layer.get("colour"))):
        if value:
            parts.append(_label(lists, name, value))
    mixes = admixture_text(layer.get("admixtures"), lambda n, c: _label(lists, n, c))
    if mixes:
        parts.append(mixes.replace("; ", ", "))
    if layer.get("smell"):
        parts.append(_label(lists, "smell", layer["smell"]))
    if layer.get("oil_water"):
        grade = _label(lists, "oil_water_reaction", layer["oil_water"])
        parts.append("geen olie-waterreactie" if layer["oil_water"] == "geen" else f"{grade}e olie-waterreactie")
    if layer.get("remarks"):
        parts.append(str(layer["remarks"]))
    return ", ".join(parts)


def _label(lists: CodeLists, name: str, code: str) -> str:
    try:
        return lists.label(name, code)
    except Exception:  # a value from an older list: show it as recorded
        return code


def log_depth_cm(borehole: Row, layers: list[Row], parts: list[Row]) -> int:
    depths = [borehole.get("final_depth_cm") or 0, 100]
    depths += [lay["lower_cm"] for lay in layers] + [p["lower_cm"] for p in parts]
    if borehole.get("groundwater_cm") is not None:
        depths.append(borehole["groundwater_cm"] + 10)
    return max(depths)


def wrap(layer: Row, text: str) -> list[str]:
    from fieldapp.domain.depth import format_m

    head = f"{format_m(layer['upper_cm'])}–{format_m(layer['lower_cm'])} m  {layer['soil_code']}"
    return [head, *simpleSplit(text, FONT, DESC_FONT, DESC_W - 4)]


def segments_of(borehole: Row, layers: list[Row], parts: list[Row], texts: dict[int, list[str]]) -> list[Segment]:
    depth = log_depth_cm(borehole, layers, parts)
    whole = Segment(borehole, layers, parts, 0, depth, depth, [(lay["upper_cm"], texts[lay["upper_cm"]])
                                                            for lay in layers])
    if whole.height <= SLOT_H:
        return [whole]
    step = max(100, _MAX_SEGMENT_CM)
    cuts = list(range(0, depth, step))
    out = []
    for n, top in enumerate(cuts):
        bottom = min(depth, top + step)
        shown = [lay for lay in layers if lay["lower_cm"] > top and lay["upper_cm"] < bottom]
        out.append(Segment(borehole, shown, [p for p in parts if p["lower_cm"] > top and p["upper_cm"] < bottom],
                           top, bottom, depth, [(max(lay["upper_cm"], top), texts[lay["upper_cm"]]) for lay in shown],
                           n + 1, len(cuts)))
    return out


def plan(segment_lists: list[list[Segment]]) -> list[Page]:
    """Place every log's segments into columns and pages."""
    pages: list[Page] = [Page()]
    slot, used = 0, 0.0

    def advance() -> None:
        nonlocal slot, used
        slot, used = slot + 1, 0.0
        if slot == 2:
            pages.append(Page())
            slot = 0

    for segs in segment_lists:
        if len(segs) > 1 and (slot or used):
            # a long log starts at the top of a new page so it reads on across pages
            while slot or used:
                advance()
        for seg in segs:
            if used and used + seg.height > SLOT_H:
                advance()
            seg.x = MARGIN + slot * (SLOT_W + GAP)
            seg.y_top = SLOT_TOP - used
            pages[-1].segments.append(seg)
            used += seg.height
            if len(segs) > 1:
                advance()
    if not pages[-1].segments and len(pages) > 1:
        pages.pop()
    return pages
