"""The sampling round (bemonsteringsronde) of a well: when and by whom, the water
level before purging, the pump, its intake and flow, the field readings at purged
volumes, the purge stop rule met and the nine BRO GAR field observations
(BRL SIKB 2000 protocol 2002, NEN 5744). One well may be sampled several times.

Readings are rows of their own (``purge_reading``): two devices adding or editing
different readings merge. The stop rule is found by :mod:`fieldapp.domain.purge`
from the readings; :func:`finish` refuses a purge no stop rule held for unless a
deviation (afwijking) is recorded with it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from fieldapp.domain import purge, staff
from fieldapp.domain import well as well_mod
from fieldapp.domain.common import fetch, from_row, optional_text
from fieldapp.domain.depth import DecimalText, format_m
from fieldapp.domain.deviation import Overrides
from fieldapp.domain.purge import Reading, StopMet
from fieldapp.domain.sample import check_time
from fieldapp.domain.sample_rules import moment_of, shown
from fieldapp.domain.typed_number import plain_float
from fieldapp.domain.well import Well
from fieldapp.errors import NotFoundError, ValidationError
from fieldapp.rules import RuleBook, RuleError, default_book
from fieldapp.store.database import utc_now

if TYPE_CHECKING:
    from fieldapp.session import Session
    from fieldapp.store import Store, Tx

#: the nine BRO GAR field observations: (column, GAR element, Dutch, English)
OBSERVATIONS: tuple[tuple[str, str, str, str], ...] = (
    ("abnormality_in_cooling", "abnormalityInCooling", "afwijkend gekoeld", "abnormal cooling"),
    ("abnormality_in_device", "abnormalityInDevice", "afwijking in meetapparatuur", "measuring device drifted"),
    ("polluted_by_engine", "pollutedByEngine", "contaminatie door verbrandingsmotor", "polluted by an engine"),
    ("filter_aerated", "filterAerated", "filter belucht", "filter aerated"),
    ("groundwater_level_dropped_too_much", "groundWaterLevelDroppedTooMuch", "grondwaterstand teveel gedaald",
     "groundwater level dropped too much"),
    ("abnormal_filter", "abnormalFilter", "inline filter afwijkend", "abnormal inline filter"),
    ("sample_aerated", "sampleAerated", "monster belucht", "sample aerated"),
    ("hose_reused", "hoseReused", "slang hergebruikt", "hose reused"),
    ("temperature_difficult_to_measure", "temperatureDifficultToMeasure", "temperatuur moeilijk te bepalen",
     "temperature difficult to measure"),
)
OBSERVATION_COLUMNS = tuple(o[0] for o in OBSERVATIONS)

#: physical bounds of a reading (a value outside is a typing slip): column -> (low, high, unit)
LIMITS: dict[str, tuple[float, float, str]] = {
    "volume_l": (0.0, 10_000.0, "l"),
    "ec_us_cm": (0.0, 100_000.0, "µS/cm"),
    "ph": (0.0, 14.0, "pH"),
    "temperature_c": (-5.0, 50.0, "°C"),
    "turbidity_ntu": (0.0, 10_000.0, "NTU"),
    "o2_mg_l": (0.0, 25.0, "mg/l"),
}


@dataclass(frozen=True)
class SamplingRound:
    id: str
    well_id: str
    started_at: str
    staff_id: str | None = None
    water_level_cm: int | None = None  # before purging, cm below the top of the pipe
    pump_type: str | None = None  # code list pump_type (BRO GAR Pomptype)
    intake_cm: int | None = None  # pump intake, cm below the surface
    flow_ml_min: int | None = None
    drawdown_cm: int | None = None  # measured; else derived from the readings' levels
    stop_rule: str | None = None  # id in resources/groundwater/stop_rules.json
    finished_at: str | None = None
    abnormality_in_cooling: int | None = None
    abnormality_in_device: int | None = None
    polluted_by_engine: int | None = None
    filter_aerated: int | None = None
    groundwater_level_dropped_too_much: int | None = None
    abnormal_filter: int | None = None
    sample_aerated: int | None = None
    hose_reused: int | None = None
    temperature_difficult_to_measure: int | None = None
    remarks: str | None = None


@dataclass(frozen=True)
class RoundSpec:
    """A round as the form gives it: levels and intake in metres."""

    started_at: str | None = None
    staff_id: str | None = None
    water_level: str | float | None = None  # m below the top of the pipe
    pump_type: str | None = None
    intake: str | float | None = None  # m below the surface
    flow_ml_min: int | None = None
    drawdown_cm: int | None = None
    remarks: str | None = None


@dataclass(frozen=True)
class Observations:
    """The nine GAR field observations: True/False, None while not said."""

    abnormality_in_cooling: bool | None = None
    abnormality_in_device: bool | None = None
    polluted_by_engine: bool | None = None
    filter_aerated: bool | None = None
    groundwater_level_dropped_too_much: bool | None = None
    abnormal_filter: bool | None = None
    sample_aerated: bool | None = None
    hose_reused: bool | None = None
    temperature_difficult_to_measure: bool | None = None

    def row(self) -> dict[str, int | None]:
        return {f.name: None if getattr(self, f.name) is None else int(bool(getattr(self, f.name)))
                for f in fields(self)}


NONE_OBSERVED = Observations(*([False] * len(OBSERVATIONS)))


@dataclass(frozen=True)
class PurgeState:
    """What the round view and the chart show: the well volume, the drawdown, the
    slow-running flag, the readings in purge order and the stop rule met (if any)."""

    well_volume_l: float | None
    water_column_cm: int | None
    drawdown_cm: int | None
    slow: bool
    readings: tuple[Reading, ...]
    met: StopMet | None

    @property
    def volumes_purged(self) -> float:
        if not self.readings or not self.well_volume_l:
            return 0.0
        return self.readings[-1].volume_l / self.well_volume_l


# --- the wait after placing ------------------------------------------------------------------------

def days_since(placed_at: str | None, started_at: str | None) -> int | None:
    placed, started = moment_of(placed_at), moment_of(started_at)
    if placed is None or started is None:
        return None
    return (started.date() - placed.date()).days


def check_wait(code: str, placed_at: str | None, started_at: str, book: RuleBook | None = None) -> None:
    """Sampled no sooner than the rule's days after placing (overridable), never before it."""
    book = book or default_book()
    placed, started = moment_of(placed_at), moment_of(started_at)
    if placed is None or started is None:
        return
    if started < placed:
        raise RuleError("started at", book["well_round_before_placement"], code=code, when=shown(started),
                        placed=shown(placed))
    days = (started.date() - placed.date()).days
    wait = int(book.value("well_sampling_wait"))
    if days < wait:
        raise RuleError("started at", book["well_sampling_wait"], code=code, days=days, placed=shown(placed),
                        earliest=f"{placed.date() + timedelta(days=wait):%Y-%m-%d}")


# --- the round ------------------------------------------------------------------------------------

def _round_row(session: Session, spec: RoundSpec) -> dict[str, Any]:
    row: dict[str, Any] = {
        "started_at": check_time(spec.started_at, "started at", "sampling round start"),
        "staff_id": staff.check_exists(session.store, optional_text(spec.staff_id)),
        "water_level_cm": well_mod.depth_cm(spec.water_level, "water level"),
        "pump_type": optional_text(spec.pump_type),
        "intake_cm": well_mod.depth_cm(spec.intake, "intake depth"),
        "flow_ml_min": well_mod.whole_number(spec.flow_ml_min, "flow", 10, 100_000, "ml/min"),
        "drawdown_cm": well_mod.whole_number(spec.drawdown_cm, "drawdown", 0, 10_000, "cm"),
        "remarks": optional_text(spec.remarks),
    }
    if row["pump_type"]:
        entry = session.lists.get("pump_type", row["pump_type"], field="pump type")
        if entry.withdrawn:
            raise ValidationError("pump type", f"A {entry.en} is not allowed under NEN 5744 / protocol 2002.",
                                  hint="Use a submersible or a peristaltic pump.")
    return row


def _check_levels(row: dict[str, Any], well: Well, code: str, book: RuleBook) -> None:
    bottom = well.pipe_bottom_cm
    level = row.get("water_level_cm")
    if level is not None and bottom is not None and level >= bottom:
        raise RuleError("water level", book["well_level_in_pipe"], what_en="The water level",
                        what_nl="Het waterniveau", code=code, level=format_m(level), bottom=format_m(bottom))
    intake = row.get("intake_cm")
    if intake is not None and well.filter_bottom_cm is not None and intake > well.filter_bottom_cm:
        below_top = intake + (well.pipe_top_cm or 0)
        raise RuleError("intake depth", book["well_level_in_pipe"], what_en="The pump intake",
                        what_nl="De pompaanzuiging", code=code, level=format_m(below_top),
                        bottom=format_m(bottom if bottom is not None else well.filter_bottom_cm))


def _context(tx: Tx, well_id: str) -> tuple[Well, str, str]:
    """The well, its code (PB01-1) and its project id."""
    row = tx.get("well", well_id)
    if row is None:
        raise NotFoundError(f"Well {well_id} does not exist.")
    hole = tx.get("borehole", row["borehole_id"]) or {}
    well = from_row(Well, row)
    return well, well_mod.well_code(str(hole.get("code")), well.tube_number), str(hole.get("project_id"))


def round_code(well: str, started_at: str) -> str:
    return f"{well} {started_at[:10]}"


def start(session: Session, well_id: str, spec: RoundSpec, *, overrides: Overrides | None = None,
          book: RuleBook | None = None) -> SamplingRound:
    """Begin a sampling round (one action). Sampling sooner after placing than the rule
    allows needs a deviation in ``overrides``; it is recorded with the round."""
    book = book or default_book()
    overrides = Overrides.of(overrides)
    row = _round_row(session, spec)
    with session.store.action("Start sampling round") as tx:
        well, code, project_id = _context(tx, well_id)
        with overrides.guard():
            check_wait(code, well.placed_at, row["started_at"], book)
        _check_levels(row, well, code, book)
        round_id = tx.insert("sampling_round", {"well_id": well_id, **row})
        overrides.record(tx, project_id, "sampling_round", round_id)
    return get(session.store, round_id)


def update(session: Session, round_id: str, spec: RoundSpec, *, overrides: Overrides | None = None,
           book: RuleBook | None = None) -> SamplingRound:
    """Write the round's form over it (one action), by the same rules as :func:`start`."""
    book = book or default_book()
    overrides = Overrides.of(overrides)
    row = _round_row(session, spec)
    with session.store.action("Change sampling round") as tx:
        old = _require(tx, round_id)
        well, code, project_id = _context(tx, old["well_id"])
        if row["started_at"] != old["started_at"]:
            with overrides.guard():
                check_wait(code, well.placed_at, row["started_at"], book)
        _check_levels(row, well, code, book)
        tx.update("sampling_round", round_id, row)
        overrides.record(tx, project_id, "sampling_round", round_id)
    return get(session.store, round_id)


def set_observations(session: Session, round_id: str, observations: Observations) -> SamplingRound:
    with session.store.action("Field observations") as tx:
        _require(tx, round_id)
        tx.update("sampling_round", round_id, observations.row())
    return get(session.store, round_id)


# --- readings ---------------------------------------------------------------------------------

def _number(name: str, value: str | float | None) -> float | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    low, high, unit = LIMITS[name]
    field = name.split("_")[0] if name != "temperature_c" else "temperature"
    number = plain_float(value, signed=True)  # "1e1" or "1_0" is a slip; the bounds say what is plausible
    if not low <= number <= high:
        raise ValidationError(field, f"{field}: {value!r} {unit} is not a plausible reading.",
                              hint=f"Give a value from {low:g} to {high:g} {unit}.")
    return number


def reading_row(reading: Reading) -> dict[str, Any]:
    """A reading's columns, each checked against its physical bounds."""
    volume = _number("volume_l", reading.volume_l)
    if volume is None:
        raise ValidationError("volume", "The purged volume of the reading is empty.",
                              hint="Give the litres purged when the reading was taken.")
    row: dict[str, Any] = {"volume_l": volume}
    for name in purge.PARAMETER_NAMES:
        row[name] = _number(name, getattr(reading, name))
    row["water_level_cm"] = well_mod.whole_number(reading.water_level_cm, "water level", 0, 100_000, "cm")
    row["measured_at"] = check_time(reading.measured_at, "measured at", "reading time") \
        if optional_text(reading.measured_at) else None
    return row


def add_readings(session: Session, round_id: str, readings: Sequence[Reading]) -> list[Reading]:
    """Record field readings of a round (one action, one row each)."""
    rows = [reading_row(r) for r in readings]
    with session.store.action("Field readings") as tx:
        if _require(tx, round_id)["finished_at"]:
            raise ValidationError("volume", "This sampling round is finished; its readings are final.",
                                  hint="Start a new round to purge again.")
        ids = tx.insert_many("purge_reading", [{"round_id": round_id, **r} for r in rows])
    return [purge.as_reading(session.store.get("purge_reading", i) or {}) for i in ids]


def add_reading(session: Session, round_id: str, reading: Reading) -> Reading:
    return add_readings(session, round_id, [reading])[0]


def update_reading(session: Session, reading_id: str, reading: Reading) -> Reading:
    """Correct a reading; only the fields that changed are written (and merged by sync)."""
    row = reading_row(reading)
    with session.store.action("Correct field reading") as tx:
        if tx.get("purge_reading", reading_id) is None:
            raise NotFoundError(f"Reading {reading_id} does not exist.")
        tx.update("purge_reading", reading_id, row)
    return purge.as_reading(session.store.get("purge_reading", reading_id) or {})


def delete_reading(session: Session, reading_id: str) -> None:
    with session.store.action("Remove field reading") as tx:
        if tx.get("purge_reading", reading_id) is None:
            raise NotFoundError(f"Reading {reading_id} does not exist.")
        tx.delete("purge_reading", reading_id)


# --- the purge and its end ------------------------------------------------------------------------

def assess(well: Well, level_cm: int | None, flow_ml_min: int | None, measured_drawdown: int | None,
           readings: Sequence[Reading], book: RuleBook | None = None,
           rules: purge.StopRules | None = None) -> PurgeState:
    """The purge of a round from plain data (the GUI calls it on every reading typed)."""
    book = book or default_book()
    bottom = well.pipe_bottom_cm
    column = None if bottom is None or level_cm is None else bottom - level_cm
    volume = purge.well_volume_l(well.pipe_diameter_mm, column)
    ordered = tuple(purge.in_purge_order(readings))
    drawdown = purge.drawdown_cm(level_cm, ordered, measured_drawdown)
    slow = purge.is_slow(drawdown, flow_ml_min, book)
    return PurgeState(volume, column, drawdown, slow, ordered, purge.first_met(ordered, volume, slow, rules))


def state(store: Store, round_id: str, book: RuleBook | None = None) -> PurgeState:
    found = get(store, round_id)
    well = well_mod.get(store, found.well_id)
    return assess(well, found.water_level_cm, found.flow_ml_min, found.drawdown_cm, readings(store, round_id), book)


def finish(session: Session, round_id: str, *, observations: Observations | None = None,
           overrides: Overrides | None = None, book: RuleBook | None = None) -> SamplingRound:
    """End the purge (one action): the stop rule met is stored with the round; a purge
    that no stop rule held for is refused unless ``overrides`` carries a deviation."""
    book = book or default_book()
    overrides = Overrides.of(overrides)
    with session.store.action("Finish purge") as tx:
        old = _require(tx, round_id)
        well, code, project_id = _context(tx, old["well_id"])
        found = from_row(SamplingRound, old)
        purged = assess(well, found.water_level_cm, found.flow_ml_min, found.drawdown_cm,
                        readings(session.store, round_id), book)
        if purged.met is None:
            volume = purged.readings[-1].volume_l if purged.readings else 0.0
            with overrides.guard():
                raise RuleError("readings", book["purge_stop_rule_required"],
                                code=round_code(code, found.started_at), volume=DecimalText(f"{volume:g}"),
                                volumes=DecimalText(f"{purged.volumes_purged:.1f}"))
        changes: dict[str, Any] = {"stop_rule": None if purged.met is None else purged.met.rule.id,
                                   "finished_at": utc_now()}
        if observations is not None:
            changes.update(observations.row())
        tx.update("sampling_round", round_id, changes)
        overrides.record(tx, project_id, "sampling_round", round_id)
    return get(session.store, round_id)


def delete(session: Session, round_id: str) -> None:
    """Remove a round with its readings (the undo of starting it); one with samples stays."""
    with session.store.action("Remove sampling round") as tx:
        found = _require(tx, round_id)
        taken = tx.query("SELECT code FROM sample WHERE sampling_round_id = ? ORDER BY code LIMIT 1", (round_id,))
        if taken:
            raise ValidationError("started at", f"Groundwater sample {taken[0]['code']} was taken in this round, "
                                  "so it stays.", hint=f"Remove sample {taken[0]['code']} first.")
        for reading in tx.query("SELECT id FROM purge_reading WHERE round_id = ?", (round_id,)):
            tx.delete("purge_reading", reading["id"])
        tx.delete("sampling_round", str(found["id"]))


# --- reads ---------------------------------------------------------------------------------------

def _require(tx: Tx, round_id: str) -> dict[str, Any]:
    row = tx.get("sampling_round", round_id)
    if row is None:
        raise NotFoundError(f"Sampling round {round_id} does not exist.")
    return row


def get(store: Store, round_id: str) -> SamplingRound:
    return fetch(store, SamplingRound, "sampling_round", round_id)


def of_well(store: Store, well_id: str) -> list[SamplingRound]:
    return [from_row(SamplingRound, r) for r in store.query(
        "SELECT * FROM sampling_round WHERE well_id = ? ORDER BY started_at", (well_id,))]


def readings(store: Store, round_id: str) -> list[Reading]:
    """The round's readings in purge order."""
    return purge.in_purge_order([purge.as_reading(r) for r in store.query(
        "SELECT * FROM purge_reading WHERE round_id = ?", (round_id,))])
