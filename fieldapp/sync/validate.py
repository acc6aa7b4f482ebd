"""What a synced change must be before anyone stores it: the device schema's
types, NOT NULL columns and CHECKs, physical ranges, and the core's own rules
(soil codes, depths as whole centimetres, an interval's lower depth below
its upper one).

Used on both sides of sync, so that they agree: the hub refuses a change
that breaks a rule (422 naming the table, row and field), and a device skips
one an older hub still serves (see :meth:`fieldapp.sync.local.Replica.apply_pulled`)
instead of failing every later sync on it. A value that merely loses a merge
is checked too: it stays in the log every device reads.
"""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from fieldapp.codelists import CodeLists
from fieldapp.domain.depth import MAX_DEPTH_CM
from fieldapp.errors import ValidationError
from fieldapp.soil import is_valid_soil_code
from fieldapp.store.migrations import DOMAIN_TABLES, migrate

_INT64 = 2**63

# Physical bounds of numeric fields: (low, high, why). A value outside is a
# typing slip or a hostile device, never a measurement.
RANGES: dict[str, tuple[float, float, str]] = {
    "lat": (-90.0, 90.0, "a latitude in degrees"),
    "lon": (-180.0, 180.0, "a longitude in degrees"),
    "upper_cm": (0, MAX_DEPTH_CM, "a depth below ground level in whole centimetres"),
    "lower_cm": (0, MAX_DEPTH_CM, "a depth below ground level in whole centimetres"),
    "final_depth_cm": (0, MAX_DEPTH_CM, "a depth below ground level in whole centimetres"),
    "groundwater_cm": (-MAX_DEPTH_CM, MAX_DEPTH_CM, "a depth in whole centimetres"),
    "sats": (0, 255, "a satellite count"),
    "hdop": (0.0, 1000.0, "a dilution of precision (0 or more)"),
    "sigma_m": (0.0, 1.0e6, "a standard deviation in metres (0 or more)"),
    "epoch_count": (0, 10**9, "a count of epochs"),
    "span_s": (0.0, 1.0e9, "a duration in seconds (0 or more)"),
    "diameter_mm": (0, 10_000, "a diameter in millimetres"),
    "volume_ml": (0, 10**7, "a volume in millilitres"),
    "temperature_c": (-60.0, 100.0, "a temperature in degrees Celsius"),
    "antenna_height_m": (0.0, 5.0, "an antenna height in metres"),
    "surface_accuracy_cm": (0, 1000, "an accuracy in whole centimetres"),
    "filter_top_cm": (0, MAX_DEPTH_CM, "a depth below ground level in whole centimetres"),
    "filter_bottom_cm": (0, MAX_DEPTH_CM, "a depth below ground level in whole centimetres"),
    "volume_l": (0.0, 1.0e6, "a purged volume in litres (0 or more)"),
    "ph": (0.0, 14.0, "a pH (0..14)"),
    "ec_us_cm": (0.0, 1.0e6, "a conductivity in µS/cm (0 or more)"),
}
# Depth intervals (the schema's CHECK lower_cm > upper_cm).
INTERVALS = frozenset({"layer", "sample_part", "boring_process"})


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # INTEGER, REAL or TEXT, as the device schema declares it
    notnull: bool


@cache
def columns() -> dict[str, dict[str, Column]]:
    """Every synced table's columns, read from the device schema itself."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        migrate(conn)
        return {t: {r[1]: Column(r[1], str(r[2]).upper(), bool(r[3]) and not r[5])
                    for r in conn.execute(f"PRAGMA table_info({t})")} for t in DOMAIN_TABLES}
    finally:
        conn.close()


@cache
def _lists() -> CodeLists:
    return CodeLists.load()


@lru_cache(maxsize=4096)
def _soil_code_valid(code: str) -> bool:
    # a project uses a few dozen codes; parsing each again was a tenth of a push's checks
    return is_valid_soil_code(code, _lists())


@cache
def _required(tbl: str) -> tuple[str, ...]:
    return tuple(c.name for c in columns()[tbl].values() if c.notnull and c.name != "id")


def _shown(value: object) -> str:
    """A refused value as a message names it: a hostile one may be megabytes or thousands of digits."""
    text = repr(value)
    return text if len(text) <= 60 else f"{text[:40]}... ({len(text)} characters)"


def _bad(tbl: str, row_id: str, field: str, problem: str) -> ValidationError:
    return ValidationError(f"{tbl}.{field}", f"{tbl} {row_id}: {field} {problem}.")


@cache
def _plain_text(tbl: str) -> frozenset[str]:
    """The TEXT columns of a table without a range: any text passes them."""
    return frozenset(c.name for c in columns().get(tbl, {}).values()
                     if c.kind not in ("INTEGER", "REAL") and c.name not in RANGES)


def check_values(tbl: str, row_id: str, values: Mapping[str, Any]) -> None:
    """Each value's type and range, and no NULL in a NOT NULL column."""
    table = columns().get(tbl)
    if table is None:
        raise ValidationError("tbl", f"{tbl!r} is not a synced table.")
    plain = _plain_text(tbl)
    for name, value in values.items():
        if type(value) is str and name in plain:
            continue  # most of a row; checked in bulk by every sync, so the short way first
        column = table.get(name)
        if column is None:
            raise _bad(tbl, row_id, name, "is not a field of this table")
        if value is None:
            if column.notnull:
                raise _bad(tbl, row_id, name, "is required and cannot be empty")
            continue
        kind = type(value)  # exact types: bool is an int to isinstance, and JSON gives no subclasses
        if column.kind == "INTEGER":
            if kind is not int or not -_INT64 <= value < _INT64:
                raise _bad(tbl, row_id, name, f"must be a whole number, not {_shown(value)}")
        elif column.kind == "REAL":
            # a whole number beyond 64 bits is no float to test (OverflowError) nor anything SQLite stores
            if not (math.isfinite(value) if kind is float else kind is int and -_INT64 <= value < _INT64):
                raise _bad(tbl, row_id, name, f"must be a finite number, not {_shown(value)}")
        elif not isinstance(value, str):
            raise _bad(tbl, row_id, name, f"must be text, not {_shown(value)}")
        bounds = RANGES.get(name)
        if bounds is not None and isinstance(value, int | float) and not bounds[0] <= value <= bounds[1]:
            raise _bad(tbl, row_id, name, f"is {value!r}, which is not {bounds[2]} ({bounds[0]}..{bounds[1]})")
    soil = values.get("soil_code") if tbl == "layer" else None
    if isinstance(soil, str) and not _soil_code_valid(soil):
        raise _bad(tbl, row_id, "soil_code", f"{values['soil_code']!r} is not a valid soil code (NEN 5104)")
    if tbl in INTERVALS:
        upper, lower = values.get("upper_cm"), values.get("lower_cm")
        if isinstance(upper, int) and isinstance(lower, int) and lower <= upper:
            raise _bad(tbl, row_id, "lower_cm", f"({lower}) is not below upper_cm ({upper})")


def check_row(tbl: str, row_id: str, row: Mapping[str, Any]) -> None:
    """A whole row as it would be stored: its values, and every required field present."""
    check_values(tbl, row_id, row)
    for name in _required(tbl):
        if row.get(name) is None:
            raise _bad(tbl, row_id, name, "is required and missing")
    if tbl == "custody_event" and row.get("container_id") is None and row.get("shipment_id") is None:
        raise _bad(tbl, row_id, "container_id", "and shipment_id are both empty: an event needs one")


def check_change(tbl: str, row_id: str, op: str, values: Mapping[str, Any]) -> None:
    """A change as pushed: an insert carries its whole row; an update some fields."""
    if op == "insert":
        check_row(tbl, row_id, values)
    elif op == "update":
        check_values(tbl, row_id, values)
