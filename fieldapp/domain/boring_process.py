"""The boring process (boorproces) per depth interval of a borehole.

The apparatus changes with depth (an Edelman auger above the water table, a
piston sampler below it), and SIKB0101 links each layer to the boring process
it was drilled with. Here a layer's process is derived from its depth, not
stored on the layer: the intervals of a borehole never overlap, so the depth
says it unambiguously, and editing an interval (Edelman to 1.60 m instead of
1.50 m) then never rewrites layers, which would journal and sync changes to
rows nobody touched. :func:`for_layers` gives the link an export writes.

A process whose lower depth is empty runs down to the final depth.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from fieldapp.domain.common import from_row, optional_text
from fieldapp.domain.depth import check_interval, format_m, to_cm
from fieldapp.errors import NotFoundError, ValidationError

if TYPE_CHECKING:
    from fieldapp.domain.common import Recording
    from fieldapp.session import Session
    from fieldapp.store import Store

FIELD = "boring process"


@dataclass(frozen=True)
class BoringProcess:
    id: str
    borehole_id: str
    upper_cm: int
    lower_cm: int | None = None  # None: down to the final depth
    technique: str | None = None
    apparatus: str | None = None
    diameter_mm: int | None = None
    remarks: str | None = None

    def lower_at(self, final_cm: int | None) -> int | None:
        """The lower depth, an open one read as the final depth."""
        return self.lower_cm if self.lower_cm is not None else final_cm

    def depth_text(self) -> str:
        lower = "…" if self.lower_cm is None else format_m(self.lower_cm)
        return f"{format_m(self.upper_cm)}-{lower} m"


@dataclass(frozen=True)
class Interval:
    """One interval as a form or the API gives it (metres as typed); ``id`` for one already stored."""

    upper_m: str | float
    lower_m: str | float | None
    technique: str | None = None
    apparatus: str | None = None
    diameter_mm: int | None = None
    remarks: str | None = None
    id: str | None = None


def diameter(value: int | None, field: str = "diameter") -> int | None:
    """A borehole diameter in whole millimetres, or None."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 10 <= value <= 2000:
        raise ValidationError(
            field, f"Borehole diameter {value!r} mm is not plausible.",
            hint="Give the diameter in whole millimetres, e.g. 70.",
        )
    return value


def process_row(session: Recording, borehole_id: str, item: Interval, number: int) -> dict[str, Any]:
    """The row of one interval, its own fields checked (no database access)."""
    where = f"{FIELD} {number}"
    upper = to_cm(item.upper_m, f"{where} upper depth")
    lower = None if item.lower_m is None or item.lower_m == "" else to_cm(item.lower_m, f"{where} lower depth")
    if lower is not None:
        check_interval(upper, lower, where)
    row: dict[str, Any] = {
        "borehole_id": borehole_id, "upper_cm": upper, "lower_cm": lower,
        "technique": optional_text(item.technique), "apparatus": optional_text(item.apparatus),
        "diameter_mm": diameter(item.diameter_mm, FIELD), "remarks": optional_text(item.remarks),
    }
    if row["technique"]:
        session.lists.check("borehole_technique", row["technique"], FIELD)
    if row["apparatus"]:
        session.lists.check("borehole_apparatus", row["apparatus"], FIELD)
    if not (row["technique"] or row["apparatus"]):
        raise ValidationError(FIELD, f"Boring process {number} ({format_m(upper)} m) names no technique "
                              "or apparatus.", hint="Pick the apparatus used over this interval.")
    return row


def check_sequence(rows: list[dict[str, Any]], final_cm: int | None) -> None:
    """Intervals (sorted by upper depth) that do not overlap and end above the final depth."""
    for before, after in itertools.pairwise(rows):
        if before["lower_cm"] is None or before["lower_cm"] > after["upper_cm"]:
            end = "the final depth" if before["lower_cm"] is None else f"{format_m(before['lower_cm'])} m"
            raise ValidationError(
                FIELD, f"The boring process from {format_m(before['upper_cm'])} m to {end} overlaps the one "
                f"from {format_m(after['upper_cm'])} m.",
                hint="Let each interval end where the next begins; only the last may run to the final depth.")
    deepest = rows[-1]["lower_cm"] if rows else None
    if final_cm is not None and deepest is not None and deepest > final_cm:
        raise ValidationError(
            FIELD, f"The boring process reaches {format_m(deepest)} m, below the final depth "
            f"{format_m(final_cm)} m.", hint="End the last interval at the final depth, or leave its lower "
            "depth empty.")


def save_intervals(session: Session, borehole_id: str, intervals: Sequence[Interval]) -> list[BoringProcess]:
    """Make the borehole's boring processes exactly ``intervals`` (one action):
    changed ones are updated, new ones added, missing ones removed."""
    rows = [(item.id, process_row(session, borehole_id, item, n)) for n, item in enumerate(intervals, 1)]
    rows.sort(key=lambda pair: pair[1]["upper_cm"])
    with session.store.action("Set boring processes") as tx:
        hole = tx.get("borehole", borehole_id)
        if hole is None:
            raise NotFoundError(f"Borehole {borehole_id} does not exist.")
        check_sequence([row for _id, row in rows], hole["final_depth_cm"])
        existing = {p.id for p in of_borehole(session.store, borehole_id)}
        for row_id, row in rows:
            if row_id in existing:
                tx.update("boring_process", row_id, row)
                existing.discard(row_id)
            else:
                tx.insert("boring_process", row)
        for gone in sorted(existing):
            tx.delete("boring_process", gone)
    return of_borehole(session.store, borehole_id)


def of_borehole(store: Store, borehole_id: str) -> list[BoringProcess]:
    rows = store.query("SELECT * FROM boring_process WHERE borehole_id = ? ORDER BY upper_cm", (borehole_id,))
    return [from_row(BoringProcess, r) for r in rows]


def gaps(processes: Sequence[BoringProcess], final_cm: int) -> list[tuple[int, int]]:
    """The depth ranges from 0 to ``final_cm`` that no process covers."""
    found: list[tuple[int, int]] = []
    reached = 0
    for p in sorted(processes, key=lambda p: p.upper_cm):
        if p.upper_cm > reached:
            found.append((reached, min(p.upper_cm, final_cm)))
        lower = p.lower_at(final_cm)
        reached = max(reached, lower if lower is not None else reached)
        if reached >= final_cm:
            break
    if reached < final_cm:
        found.append((reached, final_cm))
    return [(a, b) for a, b in found if b > a]


def covering(processes: Sequence[BoringProcess], upper_cm: int, lower_cm: int,
             final_cm: int | None) -> BoringProcess | None:
    """The process a layer (or sample) from ``upper_cm`` to ``lower_cm`` was
    drilled with: the one holding most of it, the upper one on a tie."""
    best: tuple[int, int] | None = None
    chosen: BoringProcess | None = None
    for p in processes:
        lower = p.lower_at(final_cm)
        bottom = lower_cm if lower is None else min(lower, lower_cm)
        overlap = bottom - max(p.upper_cm, upper_cm)
        if overlap > 0 and (best is None or (overlap, -p.upper_cm) > best):
            best, chosen = (overlap, -p.upper_cm), p
    return chosen


def for_layers(store: Store, borehole_id: str) -> dict[str, BoringProcess]:
    """Each layer id of the borehole with its boring process (layers outside every process are left out)."""
    processes = of_borehole(store, borehole_id)
    final = store.conn.execute("SELECT final_depth_cm FROM borehole WHERE id = ?", (borehole_id,)).fetchone()
    final_cm = None if final is None else final[0]
    links: dict[str, BoringProcess] = {}
    for layer_id, upper, lower in store.conn.execute(
            "SELECT id, upper_cm, lower_cm FROM layer WHERE borehole_id = ? ORDER BY upper_cm", (borehole_id,)):
        process = covering(processes, int(upper), int(lower), final_cm)
        if process is not None:
            links[str(layer_id)] = process
    return links
