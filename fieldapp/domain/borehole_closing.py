"""Completing and closing a borehole: technique, diameter, stop reason, backfill,
surface level; then one action that closes it, or lists everything missing.

What a closed borehole must have is data: the rows of ``resources/rules/borehole.json``
(each with its source). :func:`close_borehole` refuses with the whole list and writes
nothing; :func:`findings` gives the same list per borehole for ``fieldapp check``.

The surface level (maaiveld) from GNSS is the receiver's NAP height minus the
antenna height of the receiver profile (the setting ``antenna_height_m``), kept
with the antenna height used: the averaged position's ``nap_m`` is the antenna's
height, never the ground's.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import TYPE_CHECKING, Any

from fieldapp.domain import borehole as borehole_mod
from fieldapp.domain import boring_process
from fieldapp.domain.boring_process import BoringProcess
from fieldapp.domain.common import optional_text
from fieldapp.domain.depth import format_m, to_cm
from fieldapp.domain.typed_number import plain_decimal
from fieldapp.errors import IncompleteError, NotFoundError, ValidationError
from fieldapp.ids import new_id
from fieldapp.rules import Finding, RuleBook, load_rules
from fieldapp.store.database import utc_now

if TYPE_CHECKING:
    from fieldapp.codelists import CodeLists
    from fieldapp.domain.borehole import Borehole
    from fieldapp.domain.common import Recording
    from fieldapp.session import Session

#: each closing requirement: its rule id and the form field it is filled in, in the order they are listed
REQUIREMENTS: tuple[tuple[str, str], ...] = (
    ("borehole_technique_required", "technique"),
    ("borehole_diameter_required", "diameter"),
    ("borehole_final_depth_required", "final depth"),
    ("borehole_process_coverage", "boring process"),
    ("borehole_stop_criterion_required", "stop criterion"),
    ("borehole_groundwater_required", "groundwater level"),
    ("borehole_backfill_required", "backfill"),
    ("borehole_surface_level_required", "surface level"),
)
_FIELDS = dict(REQUIREMENTS)
# the borehole columns :func:`missing` reads, and a boring process's, in BoringProcess's field order
_NEEDED = ("technique", "diameter_mm", "final_depth_cm", "stop_criterion", "groundwater_cm", "groundwater_status",
           "backfill", "ground_level_nap_cm", "surface_method")
_PROCESS = ("id", "borehole_id", "upper_cm", "lower_cm", "technique", "apparatus", "diameter_mm", "remarks")
DRY = ("not_encountered", "not_measured")
MAX_ANTENNA_M = Decimal(5)  # a survey pole is 2 m; above 5 m it is a typing slip


@cache
def rule_book() -> RuleBook:
    """The rules tables as installed (read once; they never change while running)."""
    return load_rules()


# --- filling in -------------------------------------------------------------------------

def set_details(session: Session, borehole_id: str, **changes: Any) -> Borehole:
    """Set any of technique, apparatus, diameter_mm, stop_criterion, backfill (one action)."""
    allowed = {"technique": "borehole_technique", "apparatus": "borehole_apparatus",
               "stop_criterion": "stop_criterion", "backfill": "backfill_material", "diameter_mm": ""}
    unknown = sorted(set(changes) - set(allowed))
    if unknown:
        raise ValidationError(unknown[0], f"'{unknown[0]}' is not a borehole detail.",
                              hint=f"Give one of: {', '.join(allowed)}.")
    row: dict[str, Any] = {}
    for name, value in changes.items():
        if name == "diameter_mm":
            row[name] = boring_process.diameter(value)
            continue
        row[name] = optional_text(value)
        if row[name]:
            session.lists.check(allowed[name], row[name], name.replace("_", " "))
    with session.store.action("Set borehole details") as tx:
        _require(tx.get("borehole", borehole_id), borehole_id)
        tx.update("borehole", borehole_id, row)
    return borehole_mod.get(session.store, borehole_id)


def _metres(value: str | float | None, field: str) -> Decimal | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    number = plain_decimal(value, signed=True)  # "1e1" or "1_0" is a slip, not 10 m
    if number is None:
        raise ValidationError(field, f"{field}: '{value}' is not a height in metres.",
                              hint="Type metres, e.g. 1.25 or -0.40.")
    return number


def antenna_height(value: str | float | None) -> Decimal:
    """The antenna height above the ground in metres, as the receiver profile gives it."""
    height = _metres(value, "antenna height")
    if height is None or height <= 0 or height > MAX_ANTENNA_M:
        raise ValidationError(
            "antenna height", f"The antenna height {value!r} m is not set or not plausible.",
            hint="Set the antenna height of your receiver (pole) in Settings, e.g. 2.00 m.")
    return height


def surface_from_gnss(antenna_nap_m: float, antenna_height_m: str | float) -> int:
    """The surface level in cm NAP: the antenna's NAP height minus the antenna height."""
    level = Decimal(str(antenna_nap_m)) - antenna_height(antenna_height_m)
    return int((level * 100).to_integral_value())


def _accuracy(value: int | None) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= 1000:
        raise ValidationError("surface accuracy", f"An accuracy of {value!r} cm is not plausible.",
                              hint="Give the accuracy in whole centimetres, e.g. 5.")
    return value


def set_surface_level(session: Session, borehole_id: str, *, method: str, level_nap_m: str | float | None = None,
                      accuracy_cm: int | None = None, antenna_height_m: str | float | None = None) -> Borehole:
    """Set the surface level (m NAP) with how it was found (code list vertical_method).

    With method "GNSS" the level is the borehole's measured NAP height minus
    ``antenna_height_m`` (the receiver profile's setting when not given), and
    the antenna height is kept with it; any other method takes ``level_nap_m``."""
    session.lists.check("vertical_method", method, "surface level")
    accuracy = _accuracy(accuracy_cm)
    with session.store.action("Set surface level") as tx:
        row = _require(tx.get("borehole", borehole_id), borehole_id)
        height: float | None = None
        if method == "GNSS":
            if row["nap_m"] is None:
                raise ValidationError("surface level", f"Borehole {row['code']} has no GNSS height (NAP).",
                                      hint="Measure its position first, or choose another method.")
            given = antenna_height_m if antenna_height_m is not None else session.settings.antenna_height_m
            height = float(antenna_height(given))
            level_cm = surface_from_gnss(float(row["nap_m"]), height)
        else:
            level = _metres(level_nap_m, "surface level")
            if level is None:
                raise ValidationError("surface level", "The surface level (m NAP) is empty.",
                                      hint="Type the level in metres NAP, e.g. 1.25.")
            if abs(level) > 400:
                raise ValidationError("surface level", f"A surface level of {level} m NAP is not in the "
                                      "Netherlands.", hint="Type metres NAP, e.g. -2.10 or 12.40.")
            level_cm = int((level * 100).to_integral_value())
        tx.update("borehole", borehole_id, {"ground_level_nap_cm": level_cm, "surface_method": method,
                                             "surface_accuracy_cm": accuracy, "antenna_height_m": height})
    return borehole_mod.get(session.store, borehole_id)


def bro_vertical_method(lists: CodeLists, method: str | None, accuracy_cm: int | None) -> str | None:
    """The BRO BHR-GT VerticalPositioningMethod code of a surface level's method
    and accuracy (the mapping is data: code list vertical_method)."""
    if not method or not lists.has("vertical_method", method):
        return None
    extra = lists.get("vertical_method", method).extra
    if accuracy_cm is not None:
        for bound, code in extra.get("bro_by_accuracy", ()):
            if accuracy_cm <= bound:
                return str(code)
    return str(extra.get("bro_unknown") or "") or None


# --- the batch form (imports, the demo project) -----------------------------------------

@dataclass(frozen=True)
class Completion:
    """What an imported borehole log says of its completion (see :func:`prepare`)."""

    processes: Sequence[boring_process.Interval] = ()
    backfill: str | None = None
    groundwater: str | float | None = None
    groundwater_status: str | None = None
    surface_method: str | None = None
    surface_level_nap: str | float | None = None  # for a method other than GNSS
    surface_accuracy_cm: int | None = None
    antenna_height_m: str | float | None = None  # for GNSS: taken off the position's NAP height
    closed: bool = False


COLUMNS = ("groundwater_cm", "groundwater_status", "backfill", "surface_method", "surface_accuracy_cm",
           "antenna_height_m", "ground_level_nap_cm", "closed_at", "closed_by")


def prepare(rec: Recording, hole: dict[str, Any], completion: Completion | None,
            at: str) -> list[dict[str, Any]]:
    """Fill the completion columns of ``hole`` (an import's borehole row, with its
    id) by the same rules as the one-at-a-time functions; return its boring
    process rows. Every row gets every column (None when not given): a batch
    insert takes one column list for all its rows. A borehole marked closed
    must be complete, else :class:`IncompleteError`."""
    for name in COLUMNS:
        hole.setdefault(name, None)
    if completion is None:
        return []
    what = f"Borehole {hole['code']}"
    processes = sorted((boring_process.process_row(rec, str(hole["id"]), item, n)
                        for n, item in enumerate(completion.processes, 1)), key=lambda r: int(r["upper_cm"]))
    boring_process.check_sequence(processes, hole.get("final_depth_cm"))
    for row in processes:
        row["id"] = new_id()
    if completion.backfill:
        rec.lists.check("backfill_material", completion.backfill, "backfill")
    hole["backfill"] = completion.backfill
    if completion.groundwater not in (None, ""):
        hole["groundwater_cm"] = to_cm(completion.groundwater, "groundwater level")
        hole["groundwater_status"] = "measured"
    elif completion.groundwater_status:
        rec.lists.check("groundwater_status", completion.groundwater_status, "groundwater status")
        hole["groundwater_status"] = completion.groundwater_status
    if completion.surface_method:
        rec.lists.check("vertical_method", completion.surface_method, "surface level")
        hole["surface_method"] = completion.surface_method
        hole["surface_accuracy_cm"] = _accuracy(completion.surface_accuracy_cm)
        if completion.surface_method == "GNSS":
            if hole.get("nap_m") is None:
                raise ValidationError("surface level", f"{what} has no GNSS height (NAP).",
                                      hint="Import its position, or give another method.")
            height = float(antenna_height(completion.antenna_height_m))
            hole["antenna_height_m"] = height
            hole["ground_level_nap_cm"] = surface_from_gnss(float(hole["nap_m"]), height)
        else:
            level = _metres(completion.surface_level_nap, "surface level")
            hole["ground_level_nap_cm"] = None if level is None else int((level * 100).to_integral_value())
    if completion.closed:
        lacking = missing(hole, [BoringProcess(**r) for r in processes])  # the row's keys are its fields
        if lacking:
            book = rule_book()
            items = [_finding(book, hole, rule, values) for rule, values in lacking]
            raise IncompleteError(what, tuple((f.field, f.message_nl, f.message_en) for f in items))
        hole["closed_at"], hole["closed_by"] = at, rec.actor
    return processes


# --- closing ----------------------------------------------------------------------------

def missing(hole: Mapping[str, Any], processes: Sequence[BoringProcess]) -> list[tuple[str, dict[str, str]]]:
    """What ``hole`` (a borehole row) lacks to be closed: (rule id, values for its text)."""
    found: list[tuple[str, dict[str, str]]] = []
    final = hole.get("final_depth_cm")
    checks = (
        ("borehole_technique_required", bool(hole.get("technique"))),
        ("borehole_diameter_required", hole.get("diameter_mm") is not None),
        ("borehole_final_depth_required", final is not None),
    )
    found += [(rule, {}) for rule, ok in checks if not ok]
    if not processes and final is None:
        found.append(("borehole_process_coverage", {"gap": "0.00-… m"}))
    elif final is not None:
        found += [("borehole_process_coverage", {"gap": f"{format_m(a)}-{format_m(b)} m"})
                  for a, b in boring_process.gaps(processes, int(final))]
    rest = (
        ("borehole_stop_criterion_required", bool(hole.get("stop_criterion"))),
        ("borehole_groundwater_required",
         hole.get("groundwater_cm") is not None or hole.get("groundwater_status") in DRY),
        ("borehole_backfill_required", bool(hole.get("backfill"))),
        ("borehole_surface_level_required",
         hole.get("ground_level_nap_cm") is not None and bool(hole.get("surface_method"))),
    )
    found += [(rule, {}) for rule, ok in rest if not ok]
    return found


def _finding(book: RuleBook, hole: Mapping[str, Any], rule_id: str, values: dict[str, str]) -> Finding:
    return book.finding(rule_id, object_kind="borehole", object_id=str(hole["id"]), object_code=str(hole["code"]),
                        field=_FIELDS.get(rule_id, ""), **values)


def close_borehole(session: Session, borehole_id: str, book: RuleBook | None = None) -> Borehole:
    """Close the borehole (one action), or raise :class:`IncompleteError` listing
    everything it still lacks; nothing is written then."""
    book = book or rule_book()
    with session.store.action("Close borehole") as tx:
        hole = _require(tx.get("borehole", borehole_id), borehole_id)
        lacking = missing(hole, boring_process.of_borehole(session.store, borehole_id))
        if lacking:
            items = [_finding(book, hole, rule, values) for rule, values in lacking]
            raise IncompleteError(f"Borehole {hole['code']}",
                                  tuple((f.field, f.message_nl, f.message_en) for f in items))
        tx.update("borehole", borehole_id, {"closed_at": utc_now(), "closed_by": session.actor})
    return borehole_mod.get(session.store, borehole_id)


def reopen_borehole(session: Session, borehole_id: str) -> Borehole:
    """Open a closed borehole again (to log one more layer); the journal keeps both."""
    with session.store.action("Reopen borehole") as tx:
        _require(tx.get("borehole", borehole_id), borehole_id)
        tx.update("borehole", borehole_id, {"closed_at": None, "closed_by": None})
    return borehole_mod.get(session.store, borehole_id)


def findings(conn: sqlite3.Connection, project_id: str, book: RuleBook) -> list[Finding]:
    """For ``fieldapp check``: each borehole's missing items (errors), and a
    warning for a complete borehole left open. Two queries for the whole project."""
    # only the columns the requirements read: the raw NMEA of 10,000 boreholes is not needed here
    cur = conn.execute(f"SELECT id, code, closed_at, {', '.join(_NEEDED)} FROM borehole WHERE project_id = ? "
                       "ORDER BY code", (project_id,))
    names = [d[0] for d in cur.description]
    holes = [dict(zip(names, row, strict=True)) for row in cur]
    processes: dict[str, list[BoringProcess]] = defaultdict(list)
    for row in conn.execute(f"SELECT {', '.join(f'p.{c}' for c in _PROCESS)} FROM boring_process p "
                            "JOIN borehole b ON b.id = p.borehole_id WHERE b.project_id = ? ORDER BY p.upper_cm",
                            (project_id,)):
        process = BoringProcess(*row)
        processes[process.borehole_id].append(process)
    out: list[Finding] = []
    for hole in holes:
        lacking = missing(hole, processes.get(str(hole["id"]), []))
        out += [_finding(book, hole, rule, values) for rule, values in lacking]
        if not lacking and not hole.get("closed_at"):
            out.append(_finding(book, hole, "borehole_not_closed", {}))
    return out


# --- undo ---------------------------------------------------------------------------------

#: the borehole columns this module and the closing dialog write
STATE_COLUMNS = ("technique", "diameter_mm", "backfill", "final_depth_cm", "stop_criterion", "groundwater_cm",
                 "groundwater_status", "ground_level_nap_cm", "surface_method", "surface_accuracy_cm",
                 "antenna_height_m", "closed_at", "closed_by")


@dataclass(frozen=True)
class State:
    """A borehole's completion as it stood: what an undo writes back."""

    values: tuple[tuple[str, Any], ...]
    processes: tuple[boring_process.Interval, ...]


def state(session: Session, borehole_id: str) -> State:
    hole = _require(session.store.get("borehole", borehole_id), borehole_id)
    processes = tuple(
        boring_process.Interval(format_m(p.upper_cm), None if p.lower_cm is None else format_m(p.lower_cm),
                                p.technique, p.apparatus, p.diameter_mm, p.remarks, p.id)
        for p in boring_process.of_borehole(session.store, borehole_id))
    return State(tuple((c, hole[c]) for c in STATE_COLUMNS), processes)


def restore(session: Session, borehole_id: str, saved: State) -> Borehole:
    """Write ``saved`` back (one action): the values as they were stored, the
    intervals as they were (a removed one comes back as a new row). The final
    depth still may not be above the deepest layer logged since."""
    with session.store.action("Restore borehole details") as tx:
        _require(tx.get("borehole", borehole_id), borehole_id)
        values = dict(saved.values)
        deepest = borehole_mod.deepest_layer_cm(session.store, borehole_id)
        final = values.get("final_depth_cm")
        if final is not None and deepest is not None and final < deepest:
            raise ValidationError("final depth", f"The final depth {format_m(final)} m is above the deepest layer, "
                                  f"which reaches {format_m(deepest)} m.",
                                  hint=f"Give a final depth of at least {format_m(deepest)} m, or shorten the "
                                  "deepest layer first.")
        tx.update("borehole", borehole_id, values)
        boring_process.save_intervals(session, borehole_id, saved.processes)
    return borehole_mod.get(session.store, borehole_id)


def _require(row: dict[str, Any] | None, borehole_id: str) -> dict[str, Any]:
    if row is None:
        raise NotFoundError(f"Borehole {borehole_id} does not exist.")
    return row
