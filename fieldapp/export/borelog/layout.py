"""Where each borehole log goes: A4 portrait, two columns of logs, vertical scale 1:50.

Short logs are stacked in a column while they fit; a log that does not fit
in a whole column is cut into segments of whole metres (at a layer boundary
where the descriptions of thin layers are taller than their metre) that start
on a new page and carry on in the next column and on the next page, each with
its own header saying which depths it shows. The layer descriptions are wrapped
here, so the planner knows how tall a log really is: thin layers with long
descriptions make a log taller than its drawn column.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth

from fieldapp.codelists import CodeLists
from fieldapp.domain.common import dutch_day
from fieldapp.domain.depth import decimal, in_metres
from fieldapp.domain.layer_words import describe
from fieldapp.export.borelog.well import WELL_W, WellDrawing
from fieldapp.export.data import Row, staff
from fieldapp.labels.fonts import FONT, broken

PAGE_W, PAGE_H = A4
NL = "nl"  # a borehole log is Dutch (it goes to a Dutch lab or authority): depths as "0,50", "NAP +1,25"
MARGIN = 28.0
PAGE_HEAD = 34.0
LEGEND_H = 64.0
GAP = 16.0
SLOT_W = (PAGE_W - 2 * MARGIN - GAP) / 2
SLOT_TOP = PAGE_H - MARGIN - PAGE_HEAD
SLOT_H = SLOT_TOP - (MARGIN + LEGEND_H)
LOG_HEAD = 64.0  # borehole header above the column
HEAD_FONT = 6.5
HEAD_LEAD = 7.6
LOG_FOOT = 14.0  # space below the column before the next log
PT_PER_CM = 72 / 2.54 / 50  # 1:50: one centimetre of soil is 0.2 mm on paper
SCALE_TEXT = "1:50"
DESC_FONT = 6.0
DESC_LEAD = 7.0
DESC_X = 124.0  # description column's offset from the slot's left edge
DESC_W = SLOT_W - DESC_X
SAMPLE_FONT = 5.2  # a sample's code beside its bar (draw._samples)
NOTE_FONT = 5.8  # the deviation lines under a log (.deviations)
NOTE_LEAD = 6.8
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
    head: list[str] = field(default_factory=list)  # header lines under the title (see header_lines)
    members: dict[str, list[str]] = field(default_factory=dict)  # field sample id -> its analysis samples
    notes: list[str] = field(default_factory=list)  # deviation lines under the last segment (.deviations)
    number: int = 1
    of: int = 1
    x: float = 0.0
    y_top: float = 0.0
    well: WellDrawing | None = None  # the monitoring well in this hole, drawn beside the soil
    notes_only: bool = False  # deviation lines that did not fit under the log's last segment

    @property
    def shift(self) -> float:
        """How far the samples and descriptions move right to make room for the well's column."""
        return WELL_W + 3.0 if self.well is not None else 0.0

    @property
    def column_h(self) -> float:
        return (self.bottom_cm - self.top_cm) * PT_PER_CM

    @property
    def head_h(self) -> float:
        """The header's height: a line more than the usual five (the well's) makes room for itself."""
        return LOG_HEAD + HEAD_LEAD * max(0, len(self.head) - 5)

    @property
    def height(self) -> float:
        return self.head_h + self.body_h + self.notes_h + LOG_FOOT

    @property
    def body_h(self) -> float:
        """The column or its descriptions, whichever reaches lower.

        Each description starts at its layer's top or under the one before (draw._descriptions), so a
        layer lower down can start below where the texts above it ended: the sum of their lines fell short
        and the deviation notes were printed over the last description."""
        reach = 0.0
        for upper, lines in self.texts:
            reach = max((upper - self.top_cm) * PT_PER_CM, reach) + len(lines) * DESC_LEAD
        return max(self.column_h, reach + 2.0, self.labels_h)

    @property
    def labels_h(self) -> float:
        """How far below the column's top the sample codes reach: draw._samples puts each under the one
        before, so thin samples push them below the column (they ran over the next log's header)."""
        free, reach = -10.0, 0.0  # points below the column's top, as draw._samples counts them
        for part in sorted(self.samples, key=lambda p: (p["upper_cm"], p["lower_cm"])):
            at = max((max(part["upper_cm"], self.top_cm) - self.top_cm) * PT_PER_CM + SAMPLE_FONT, free + 6.0)
            if self.members.get(part["sample_id"]):
                at += SAMPLE_FONT + 0.6
            free = reach = at
        return reach + 2.0 if self.samples else 0.0

    @property
    def notes_h(self) -> float:
        return len(self.notes) * NOTE_LEAD + 4.0 if self.notes else 0.0


@dataclass
class Page:
    segments: list[Segment] = field(default_factory=list)


# what the words of a layer (:func:`description`) are made of
DESCRIBED = ("soil_code", "sand_median", "gravel_median", "components", "admixtures", "colour", "secondary_colour",
             "colour_shade", "smell", "oil_water", "remarks")


def description(layer: Row, words: dict[str, str], lists: CodeLists) -> str:
    """A layer in Dutch words as a field log writes it (:func:`fieldapp.domain.layer_words.describe`)."""
    return describe(layer, lists)


def _label(lists: CodeLists, name: str, code: str) -> str:
    try:
        return lists.label(name, code)
    except Exception:  # a value from an older list: show it as recorded
        return code


def groundwater_text(borehole: Row) -> str:
    """A level, or which of "not encountered" (looked for, dry) and "not measured" (not looked for) it is.

    An empty level alone says nothing about water: it used to print "niet aangetroffen", so a hole
    nobody measured read as dry."""
    level = borehole.get("groundwater_cm")
    if level is not None:
        return f"grondwaterstand {in_metres(level, NL)} m-mv"
    if borehole.get("groundwater_status") == "not_encountered":
        return "grondwater niet aangetroffen"
    return "grondwater niet gemeten"


def process_text(borehole: Row, processes: list[Row], lists: CodeLists) -> list[str]:
    """The apparatus per depth interval: ["0,00–1,20 m Edelmanboor Ø 70 mm", "1,20–3,00 m Zuigerboor"]."""
    def tool(row: Row) -> str:
        name = _label(lists, "borehole_apparatus", row["apparatus"]) if row.get("apparatus") else ""
        technique = _label(lists, "borehole_technique", row["technique"]) if row.get("technique") else ""
        size = f"Ø {row['diameter_mm']} mm" if row.get("diameter_mm") else ""
        return " ".join(filter(None, [name or technique, size])) or "niet vastgelegd"

    if not processes:
        return [tool(borehole)]
    final = borehole.get("final_depth_cm")
    out = []
    for row in processes:
        lower = row.get("lower_cm") if row.get("lower_cm") is not None else final
        depth = f"{in_metres(row['upper_cm'], NL)}–{in_metres(lower, NL)} m" if lower is not None else \
            f"vanaf {in_metres(row['upper_cm'], NL)} m"
        out.append(f"{depth} {tool(row)}")
    return out


def header_lines(borehole: Row, project: Row, processes: list[Row], lists: CodeLists) -> list[str]:
    """What the log header says under the title: position; date, fieldworkers, surface level; the boring
    process per interval (one or two lines); final depth, stop reason, groundwater."""
    b = borehole
    if b.get("x_rd") is not None:
        pos = f"RD x {decimal(b['x_rd'], 2, NL)}  y {decimal(b['y_rd'], 2, NL)} m"
        if b.get("rd_source") == "RDNAPTRANS2018":
            pos += " (RDNAPTRANS2018)"
    else:
        pos = "positie niet ingemeten"
    date = dutch_day(b.get("started_at")) or "-"  # an imported start is UTC: 23:30 UTC is the next Dutch day
    workers = b.get("_staff_name") or b.get("sampler") or staff(project) or "-"
    level = "NAP onbekend" if b.get("ground_level_nap_cm") is None else \
        f"NAP {decimal(b['ground_level_nap_cm'] / 100, 2, NL, signed=True)} m"
    if b.get("ground_level_nap_cm") is None and b.get("nap_m") is not None:
        level = f"NAP {decimal(b['nap_m'], 2, NL)} m (GNSS)"
    tools = ["boring:"]
    for n, piece in enumerate(process_text(b, processes, lists)):
        joined = f"{tools[-1]}{';' if n else ''} {piece}"
        if n and stringWidth(joined, FONT, HEAD_FONT) > SLOT_W - 4:
            tools.append("  " + piece)  # an interval is never cut in two
        else:
            tools[-1] = joined
    if len(tools) > 2:  # the header has room for two lines of them
        tools = [tools[0], tools[1] + "; …"]
    final = "-" if b.get("final_depth_cm") is None else f"{in_metres(b['final_depth_cm'], NL)} m-mv"
    stop = _label(lists, "stop_criterion", b["stop_criterion"]) if b.get("stop_criterion") else "-"
    return [*_packed([pos, f"klasse {b.get('position_class') or '-'}"]),
            *_packed([f"datum {date}", f"veldwerker(s) {workers}", f"maaiveld {level}"]),
            *tools,
            *_packed([f"einddiepte {final}", f"stopreden {stop}", groundwater_text(b)])]


def _packed(pieces: list[str]) -> list[str]:
    """The pieces on one line three spaces apart, or on as many as the slot's width needs: a long stop
    reason ran the groundwater level into the log beside it."""
    lines: list[str] = []
    for piece in pieces:
        joined = f"{lines[-1]}   {piece}" if lines else piece
        if lines and stringWidth(joined, FONT, HEAD_FONT) <= SLOT_W - 4:
            lines[-1] = joined
        else:  # a piece wider than the slot (many fieldworkers' names) wraps: it ran into the log beside it
            lines += _broken(piece, SLOT_W - 4)
    return lines


def _broken(text: str, width: float) -> list[str]:
    """``text`` in lines of ``width``: at spaces, inside a word (a hyphenated double name) only when it must."""
    return broken(text, FONT, HEAD_FONT, width) or [text]


def log_depth_cm(borehole: Row, layers: list[Row], parts: list[Row]) -> int:
    depths = [borehole.get("final_depth_cm") or 0, 100]
    depths += [lay["lower_cm"] for lay in layers] + [p["lower_cm"] for p in parts]
    if borehole.get("groundwater_cm") is not None:
        depths.append(borehole["groundwater_cm"] + 10)
    return max(depths)


def wrap(layer: Row, text: str, width: float = DESC_W) -> list[str]:
    head = f"{in_metres(layer['upper_cm'], NL)}–{in_metres(layer['lower_cm'], NL)} m  {layer['soil_code']}"
    return [head, *_lines(text, width - 4)]


@lru_cache(maxsize=4096)  # the same words at other depths wrap the same: measured once
def _lines(text: str, width: float) -> tuple[str, ...]:
    return tuple(simpleSplit(text, FONT, DESC_FONT, width))


def segments_of(borehole: Row, layers: list[Row], parts: list[Row], texts: dict[int, list[str]],
                head: list[str] | None = None, members: dict[str, list[str]] | None = None,
                notes: list[str] | None = None, well: WellDrawing | None = None) -> list[Segment]:
    """The log in one segment, or cut into segments that each fit in a column; ``notes`` go under the last."""
    depth = log_depth_cm(borehole, layers, parts)
    if well is not None:
        depth = max(depth, well.bottom_cm)
    head, members = head or [], members or {}
    whole = Segment(borehole, layers, parts, 0, depth, depth, [(lay["upper_cm"], texts[lay["upper_cm"]])
                                                            for lay in layers], head, members, notes or [],
                    well=well)
    if whole.height <= SLOT_H:
        return [whole]

    def part(top: int, bottom: int, lines: list[str] | None = None) -> Segment:
        shown = [lay for lay in layers if lay["lower_cm"] > top and lay["upper_cm"] < bottom]
        said = [(top, lines)] if lines is not None else \
            [(max(lay["upper_cm"], top), texts[lay["upper_cm"]]) for lay in shown]
        return Segment(borehole, shown, [p for p in parts if p["lower_cm"] > top and p["upper_cm"] < bottom],
                       top, bottom, depth, said, head, members, [], well=well)

    out = _cut(depth, sorted({lay[k] for lay in layers for k in ("upper_cm", "lower_cm")}), part)
    out += _noted(out[-1], notes or [], part)
    for n, seg in enumerate(out, start=1):
        seg.number, seg.of = n, len(out)
    return out


def _noted(last: Segment, notes: list[str], part: Callable[..., Segment]) -> list[Segment]:
    """The deviation lines under the last segment, and what does not fit there in segments of their own
    (a long motivation ran off the page)."""
    room = int((SLOT_H - last.height - 4.0) / NOTE_LEAD)
    if len(notes) <= room:
        last.notes = notes
        return []
    take = room if room >= 3 else 0  # a line or two under the column would read as the whole deviation
    last.notes, rest, out = notes[:take], notes[take:], []
    while rest:
        seg = part(last.depth_cm, last.depth_cm)
        seg.layers, seg.samples, seg.texts, seg.notes_only = [], [], [], True
        fits = max(1, int((SLOT_H - seg.height - 4.0) / NOTE_LEAD))
        seg.notes, rest = rest[:fits], rest[fits:]
        out.append(seg)
    return out


def _cut(depth: int, bounds: list[int], part: Callable[..., Segment]) -> list[Segment]:
    """Segments of whole metres (at most a column's length of soil) that each fit in a column.

    The descriptions of thin layers can make a metre taller than a column: then the cut falls on a
    layer boundary, and a single layer whose words are taller than a column goes on in the next
    segment ("vervolg"). A log whose descriptions ran past its column used to be drawn off the
    page, over the legend: the layers below were on no page."""
    step = max(100, _MAX_SEGMENT_CM)
    out: list[Segment] = []
    top = 0
    while top < depth:
        last = min(depth, top + step)
        metres = [*range(top // 100 * 100 + 100, last + 1, 100), last]
        inside = [b for b in bounds if top < b < last]
        # the lowest whole metre that fits, else the lowest layer boundary that does, then on from there
        for bottom in [*sorted(set(metres), reverse=True), *reversed(inside)]:
            seg = part(top, bottom)
            if seg.height <= SLOT_H:
                break
        else:
            bottom = inside[0] if inside else min(depth, top + 100)
            out += _continued(part(top, bottom), part)
            top = bottom
            continue
        if bottom != last:  # short of a column's length: on to the lowest layer boundary that still fits
            further = [b for b in bounds if bottom < b < last]
            bottom = next((b for b in reversed(further) if part(top, b).height <= SLOT_H), bottom)
            seg = part(top, bottom)
        out.append(seg)
        top = bottom
    return out


def _continued(seg: Segment, part: Callable[..., Segment]) -> list[Segment]:
    """One layer whose description is taller than a column: its lines over as many segments of the same depths."""
    if not seg.texts:
        return [seg]
    lines = seg.texts[0][1]
    room = max(2, int((SLOT_H - seg.head_h - seg.notes_h - LOG_FOOT - 2.0) / DESC_LEAD))
    out = [part(seg.top_cm, seg.bottom_cm, lines[:room])]
    rest = lines[room:]
    while rest:
        out.append(part(seg.top_cm, seg.bottom_cm, [f"{lines[0]} (vervolg)", *rest[:room - 1]]))
        rest = rest[room - 1:]
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
