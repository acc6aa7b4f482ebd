"""A row the project already holds, met again in a SIKB0101 file: what the merge writes, and what it keeps.

A merge never loses what is stored (Kwalibo: the field record stays complete and provable):

- a field the file is silent on (no value, or one FieldApp assumed for it: :attr:`Context.assumed`) keeps
  its stored value; SIKB0101 carries no backfill of a well's borehole, no boring technique, no GNSS evidence;
- a position measured with GNSS (its raw NMEA or averaged epochs kept as evidence) is kept over the file's
  point, which is no measurement; a point more than :data:`TOLERANCE_M` away is a conflict the report names
  with both positions and the distance, for the coordinator to look at. A position without that evidence
  (planned, typed, or from an earlier file) is replaced by the file's and reported as the file's;
- every field the file does change is reported (object, field, old and new value). The store journals each
  write, so the earlier value stays provable in the row's journal history;
- a file's final depth above a layer logged in FieldApp since is a conflict too: the stored one stays;
- what the merge leaves must still hold FieldApp's layer rules (:func:`check_holes`), or nothing is written.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from fieldapp.messages import Metres, Named, Term, metres, named, refused
from fieldapp.rules import message_book
from fieldapp.sikb.import_context import Context

if TYPE_CHECKING:
    from fieldapp.store.database import Tx

#: what the file's point replaces: the point and the mark of where it came from
POSITION = ("lat", "lon", "x_rd", "y_rd", "sigma_source")
#: a file's point this close to the measured one is the same point (the export writes RD to the mm)
TOLERANCE_M = 0.01
_M_PER_DEG = 111_320.0  # metres per degree of latitude (as fieldapp.inspect.positions): ample for a cm
_SHOWN_CHARS = 80  # a value longer than this (a remark, a contour) is shown cut, ending in "…"


def measured(row: dict[str, Any]) -> bool:
    """Whether a stored position is a GNSS measurement: it keeps the epochs it was averaged from."""
    return row.get("lat") is not None and bool(row.get("raw_nmea") or row.get("epoch_count"))


def new_row(ctx: Context, table: str, row: dict[str, Any]) -> None:
    """A row the project did not hold: a borehole's point is the file's."""
    if table == "borehole" and row.get("lat") is not None:
        ctx.report.defaulted("position_from_file", named("borehole", row["code"]))


def changes(ctx: Context, tx: Tx, table: str, before: dict[str, Any], row: dict[str, Any]) -> dict[str, Any]:
    """The fields of stored row ``before`` that the file's ``row`` changes, each reported (``tx``: the merge's
    transaction, which names the row's borehole or sample as it stands)."""
    found = {k: v for k, v in row.items() if k != "id" and v is not None and before.get(k) != v
             and not (before.get(k) is not None and _assumed(ctx, row["id"], k, before[k], v))}
    if table == "borehole" and row.get("lat") is not None:
        if measured(before):
            if any(k in found for k in POSITION):
                _kept(ctx, before, row)
            for k in POSITION:
                found.pop(k, None)
        else:
            ctx.report.defaulted("position_from_file", named("borehole", row["code"]))
            if before.get("lat") is not None and any(k in found for k in POSITION[:4]):
                _moved(ctx, before, row)
    if table == "borehole" and "final_depth_cm" in found and before.get("final_depth_cm") is not None:
        _final_depth(ctx, tx, before, found)
    if found:
        what = _what(ctx, tx, table, before)
        for column, value in found.items():
            if column in POSITION:  # said once, above
                continue
            old = before.get(column)
            if old is None:
                ctx.report.note("changed", "merge_filled", what, field=_field(column), new=_shown(value))
            else:
                ctx.report.note("changed", "merge_changed", what, field=_field(column), old=_shown(old),
                                new=_shown(value))
    return found


def _assumed(ctx: Context, row_id: str, column: str, stored: Any, value: Any) -> bool:
    """Whether ``value`` is only FieldApp's assumption, which a stored value outweighs. A final depth assumed
    at the file's deepest layer says the borehole reached at least that deep: deeper than stored, it is taken."""
    if (row_id, column) not in ctx.assumed:
        return False
    return not (column == "final_depth_cm" and value > stored)


def _final_depth(ctx: Context, tx: Tx, before: dict[str, Any], found: dict[str, Any]) -> None:
    """A file's final depth above a layer logged in FieldApp since (bored on deeper than the file knows) would
    leave that layer below the borehole's end: the stored final depth stays, a conflict to look at."""
    given = found["final_depth_cm"]
    if given >= before["final_depth_cm"]:
        return
    from_file = [r["id"] for r in ctx.rows.get("layer", []) if r["borehole_id"] == before["id"]]
    marks = ",".join("?" * len(from_file))
    deeper = tx.query(f"SELECT upper_cm, lower_cm FROM layer WHERE borehole_id = ? AND lower_cm > ? "
                      f"AND id NOT IN ({marks}) ORDER BY lower_cm DESC LIMIT 1", (before["id"], given, *from_file))
    if not deeper:
        return
    del found["final_depth_cm"]
    ctx.report.note("conflicts", "merge_final_depth_kept", named("borehole", str(before["code"])),
                    stored=metres(before["final_depth_cm"]), given=metres(given),
                    layer=metres(deeper[0]["upper_cm"], deeper[0]["lower_cm"]))


def _kept(ctx: Context, before: dict[str, Any], row: dict[str, Any]) -> None:
    """The measured position stays; a file's point elsewhere is a conflict to look at."""
    rd, distance = _apart(before, row)
    if distance > TOLERANCE_M:
        ctx.report.note("conflicts", "merge_position_kept", named("borehole", str(before["code"])),
                        stored=_point(before, rd), given=_point(row, rd), distance=metres(round(distance * 100)))


def _moved(ctx: Context, before: dict[str, Any], row: dict[str, Any]) -> None:
    """A position without GNSS evidence replaced by the file's: where it was, kept in the report too."""
    rd, distance = _apart(before, row)
    if distance > TOLERANCE_M:
        ctx.report.note("changed", "merge_position_moved", named("borehole", str(before["code"])),
                        old=_point(before, rd), new=_point(row, rd), distance=metres(round(distance * 100)))


def _apart(before: dict[str, Any], row: dict[str, Any]) -> tuple[bool, float]:
    """Whether both points are in RD (then compared there), and how many metres lie between them."""
    rd = all(p.get(k) is not None for p in (before, row) for k in ("x_rd", "y_rd"))
    if rd:
        return rd, math.hypot(float(row["x_rd"]) - float(before["x_rd"]), float(row["y_rd"]) - float(before["y_rd"]))
    north = (float(row["lat"]) - float(before["lat"])) * _M_PER_DEG
    east = (float(row["lon"]) - float(before["lon"])) * _M_PER_DEG * math.cos(math.radians(float(before["lat"])))
    return rd, math.hypot(north, east)


def _point(row: dict[str, Any], rd: bool) -> str:
    if rd:
        return f"RD {float(row['x_rd']):.3f} {float(row['y_rd']):.3f}"
    return f"ETRS89 {float(row['lat']):.8f} {float(row['lon']):.8f}"


def _field(column: str) -> Term | str:
    """A column as the report names it (import.json ``term_col_<column>``; tests/sikb/test_sikb_merge.py holds
    every column an import writes to it), or as the database spells it: never a report that cannot be said."""
    return Term(f"col_{column}") if f"term_col_{column}" in message_book().rules else column


def _shown(value: Any) -> str:
    text = str(value)
    return text if len(text) <= _SHOWN_CHARS else text[:_SHOWN_CHARS - 1] + "…"


def _what(ctx: Context, tx: Tx, table: str, before: dict[str, Any]) -> Named:
    """The stored row as the report names it: by its code, or by its borehole or sample and its depths."""
    if table == "project":
        return named("project", ctx.project_code)
    if table in ("borehole", "inspection_pit"):
        return named(table, str(before["code"]))
    if table in ("sample", "sample_part", "container", "analysis_sample_part"):
        sample_id = before.get("sample_id") or before.get("analysis_sample_id") or before["id"]
        sample = tx.get("sample", sample_id) or {}
        kind = "analysis_sample" if sample.get("kind") == "analysis_sample" else "sample"
        what = named(kind, str(sample.get("code") or sample_id))
        return what.part("package", str(before["barcode"])) if table == "container" else what
    if table in ("sampling_round", "purge_reading"):
        round_id = before.get("round_id") or before["id"]
        well = tx.query("SELECT w.borehole_id, w.tube_number FROM sampling_round r JOIN well w ON w.id = r.well_id "
                        "WHERE r.id = ?", (round_id,))
        if not well:
            return named("row", before["id"])
        return _hole(tx, well[0]["borehole_id"]).part("filter", str(well[0]["tube_number"]))
    hole = _hole(tx, before.get("borehole_id"))
    if table == "well":
        return hole.part("filter", str(before["tube_number"]))
    if table in ("layer", "boring_process") and before.get("upper_cm") is not None:
        span: Metres = metres(before["upper_cm"], before["lower_cm"]) if before.get("lower_cm") is not None \
            else metres(before["upper_cm"])
        return hole.part(table, span)
    return hole


def _hole(tx: Tx, borehole_id: Any) -> Named:
    hole = tx.get("borehole", str(borehole_id)) or {}
    return named("borehole", str(hole.get("code") or borehole_id))


def check_holes(ctx: Context, tx: Tx, merged: set[str]) -> None:
    """After the merge's writes, inside its transaction: each stored borehole the file named still has layers
    that do not overlap and that end above its final depth, as FieldApp's own layer rules ask; else the merge
    is refused, and the transaction writes nothing. The file's own layers were checked when read; what this
    finds is a file's layer against one FieldApp logged since (bored on deeper, say)."""
    if not merged:
        return
    from_file = {r["id"] for r in ctx.rows.get("layer", [])}
    holes = {r["id"]: r for r in tx.query("SELECT id, code, final_depth_cm FROM borehole WHERE project_id = ?",
                                          (ctx.project_id,)) if r["id"] in merged}
    reached: dict[str, dict[str, Any]] = {}  # per borehole, the layer that reaches deepest so far
    for layer in tx.query("SELECT l.id, l.borehole_id, l.upper_cm, l.lower_cm FROM layer l JOIN borehole b ON "
                          "b.id = l.borehole_id WHERE b.project_id = ? ORDER BY l.borehole_id, l.upper_cm, "
                          "l.lower_cm", (ctx.project_id,)):
        hole = holes.get(layer["borehole_id"])
        if hole is None:
            continue
        what = named("borehole", str(hole["code"]))
        above = reached.get(hole["id"])
        if above is not None and layer["upper_cm"] < above["lower_cm"]:
            ours, held = (layer, above) if layer["id"] in from_file else (above, layer)
            raise refused("upper depth", "refuse_merge_layer_overlap", what=what,
                          layer=metres(ours["upper_cm"], ours["lower_cm"]),
                          other=metres(held["upper_cm"], held["lower_cm"]))
        if above is None or layer["lower_cm"] > above["lower_cm"]:
            reached[hole["id"]] = layer
        final = hole["final_depth_cm"]
        if final is not None and layer["lower_cm"] > final:
            raise refused("final depth", "refuse_merge_final_depth", what=what, final=metres(final),
                          layer=metres(layer["upper_cm"], layer["lower_cm"]))
