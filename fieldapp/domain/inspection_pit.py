"""NEN 5707 inspection objects: a surface inspection, an inspection pit (SAD MeetpuntType 12) or a
trench (18), with their measures, the sieved layers and the asbestos-suspect material found.

An asbestos investigation is recorded as what the fieldworker did: the strip
of surface walked, or the pit or trench dug (length, width, depth), each
excavated layer sieved (sieve size, weight sieved) and the suspect material
picked out of it (weight, what it was). The kinds and sieve sizes are data
(``resources/rules/asbestos.json``); a pit and its layers are written in one action.
"""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from fieldapp.domain.asbestos import load
from fieldapp.domain.common import human_code, optional_text
from fieldapp.domain.depth import format_m
from fieldapp.errors import CodeListError, DuplicateCodeError, NotFoundError, ValidationError
from fieldapp.rules import RuleBook, RuleError, default_book

if TYPE_CHECKING:
    from fieldapp.session import Session

MAX_SIDE_M = 500.0  # a longer trench or strip is two records


@dataclass(frozen=True)
class Fraction:
    """One excavated layer, sieved: depth in cm, sieve size, weight sieved and suspect material picked out."""

    upper_cm: int
    lower_cm: int
    sieve_mm: float
    sieved_kg: float
    suspect_weight_g: float = 0.0
    suspect_material: str | None = None


@dataclass(frozen=True)
class Pit:
    id: str
    project_id: str
    code: str
    kind: str
    borehole_id: str | None
    x_rd: float | None
    y_rd: float | None
    length_m: float
    width_m: float
    depth_m: float | None
    inspected_at: str | None
    suspect_found: bool
    suspect_material: str | None
    suspect_weight_g: float | None
    remarks: str | None
    fractions: tuple[Fraction, ...] = ()

    @property
    def suspect_total_g(self) -> float:
        return (self.suspect_weight_g or 0.0) + sum(f.suspect_weight_g for f in self.fractions)


def _positive(value: float | None, field: str, what: str) -> float:
    if value is None or isinstance(value, bool) or not math.isfinite(value) or not 0 < value <= MAX_SIDE_M:
        raise ValidationError(field, f"The {what} of {value} m is not a measure.",
                              hint=f"Give it in metres, more than 0 and at most {MAX_SIDE_M:.0f}.")
    return float(value)


def _check(code: str, kind_code: str, length: float, width: float, depth: float | None,
           fractions: Sequence[Fraction], book: RuleBook) -> None:
    table = load()
    kind = table.kinds.get(kind_code)
    if kind is None:
        raise CodeListError("kind", f"'{kind_code}' is not a NEN 5707 inspection.",
                            hint=f"Choose one of: {', '.join(table.kinds)}.")
    # the kind's name in each language: "Inspectiegat IG01 ..." / "Inspection pit IG01 ..."
    what = {"what": kind.nl.capitalize(), "what_en": kind.en.capitalize()}
    side = book["inspection_pit_min_side"]
    if kind.has_depth and min(length, width) < float(side.value):
        raise RuleError("width", side, **what, code=code, length=length, width=width)
    if kind.has_depth and depth is None:
        raise RuleError("depth", book["inspection_depth"], **what, code=code, problem="de diepte ontbreekt",
                        problem_en="the depth is missing")
    if not kind.has_depth and (depth is not None or fractions):
        raise RuleError("depth", book["inspection_depth"], **what, code=code,
                        problem="een maaiveldinspectie heeft geen diepte of gezeefde lagen",
                        problem_en="a surface inspection has no depth or sieved layers")
    rule = book["inspection_fraction"]
    for f in fractions:
        layer = f"{format_m(f.upper_cm)}-{format_m(f.lower_cm)} m"
        problem = _fraction_problem(f, depth, table.sieves_mm)
        if problem:
            raise RuleError("fractions", rule, **what, code=code, layer=layer, problem=problem[0],
                            problem_en=problem[1])


def _fraction_problem(f: Fraction, depth_m: float | None, sieves: Sequence[float]) -> tuple[str, str] | None:
    if not 0 <= f.upper_cm < f.lower_cm or (depth_m is not None and f.lower_cm > round(depth_m * 100)):
        return ("de laag ligt niet binnen de gegraven diepte", "the layer is not within the depth dug")
    if f.sieve_mm not in sieves:
        return (f"zeefmaat {f.sieve_mm:g} mm is geen NEN 5707-zeef ({', '.join(f'{s:g}' for s in sieves)} mm)",
                f"sieve {f.sieve_mm:g} mm is not a NEN 5707 sieve ({', '.join(f'{s:g}' for s in sieves)} mm)")
    if not math.isfinite(f.sieved_kg) or f.sieved_kg <= 0:
        return ("het gezeefde gewicht ontbreekt", "the weight sieved is missing")
    if not math.isfinite(f.suspect_weight_g) or not 0 <= f.suspect_weight_g <= f.sieved_kg * 1000:
        return ("het gewicht aan verdacht materiaal past niet bij het gezeefde gewicht",
                "the weight of suspect material does not fit the weight sieved")
    if f.suspect_weight_g > 0 and not (f.suspect_material or "").strip():
        return ("het verdachte materiaal is niet omschreven", "the suspect material is not described")
    return None


def create(session: Session, project_id: str, *, code: str, kind: str, length_m: float, width_m: float,
           depth_m: float | None = None, borehole_id: str | None = None, x_rd: float | None = None,
           y_rd: float | None = None, inspected_at: str | None = None, suspect_material: str | None = None,
           suspect_weight_g: float | None = None, remarks: str | None = None,
           fractions: Sequence[Fraction] = (), book: RuleBook | None = None) -> Pit:
    """Record a surface inspection, inspection pit or trench with its sieved layers, in one action."""
    from fieldapp.domain.sample import check_time

    book = book or default_book()
    text = human_code(code, "code", "Inspection")
    length = _positive(length_m, "length", "length")
    width = _positive(width_m, "width", "width")
    depth = None if depth_m is None else _positive(depth_m, "depth", "depth")
    _check(text, kind, length, width, depth, fractions, book)
    material = optional_text(suspect_material)
    if suspect_weight_g is not None and (not math.isfinite(suspect_weight_g) or suspect_weight_g < 0):
        raise ValidationError("suspect weight", f"A weight of {suspect_weight_g} g is not a weight.",
                              hint="Give the weight of the suspect material found in grams (0 or more).")
    if (suspect_weight_g or 0) > 0 and material is None:
        raise ValidationError("suspect material", "Suspect material was weighed but not described.",
                              hint="Say what it was, e.g. 'golfplaat', 'vlakke plaat', 'vinyl'.")
    found = bool(material) or (suspect_weight_g or 0) > 0 or any(f.suspect_weight_g > 0 for f in fractions)
    row: dict[str, Any] = {
        "project_id": project_id, "code": text, "kind": kind, "borehole_id": borehole_id, "x_rd": x_rd, "y_rd": y_rd,
        "length_m": length, "width_m": width, "depth_m": depth,
        "inspected_at": check_time(inspected_at, "inspected at", "inspection time") if inspected_at else None,
        "suspect_found": int(found), "suspect_material": material, "suspect_weight_g": suspect_weight_g,
        "remarks": optional_text(remarks)}
    with session.store.action(f"Record {load().kinds[kind].nl} {text}") as tx:
        if tx.get("project", project_id) is None:
            raise NotFoundError(f"Project {project_id} does not exist.")
        if borehole_id is not None and not tx.query("SELECT 1 FROM borehole WHERE id = ? AND project_id = ?",
                                                    (borehole_id, project_id)):
            raise NotFoundError("That borehole is not in this project.", hint="Pick a borehole of the project.")
        if tx.query("SELECT 1 FROM inspection_pit WHERE project_id = ? AND code = ?", (project_id, text)):
            raise DuplicateCodeError("code", f"Inspection '{text}' already exists in this project.",
                                     hint="Give it another code, e.g. the next number.")
        pit_id = tx.insert("inspection_pit", row)
        tx.insert_many("inspection_fraction", [
            {"inspection_pit_id": pit_id, "upper_cm": f.upper_cm, "lower_cm": f.lower_cm, "sieve_mm": f.sieve_mm,
             "sieved_kg": f.sieved_kg, "suspect_weight_g": f.suspect_weight_g,
             "suspect_material": optional_text(f.suspect_material)} for f in fractions])
    return get(session.store.conn, pit_id)


_COLUMNS = ("id, project_id, code, kind, borehole_id, x_rd, y_rd, length_m, width_m, depth_m, inspected_at, "
            "suspect_found, suspect_material, suspect_weight_g, remarks")


def _pit(conn: sqlite3.Connection, r: Sequence[Any]) -> Pit:
    fractions = tuple(Fraction(*f) for f in conn.execute(
        "SELECT upper_cm, lower_cm, sieve_mm, sieved_kg, suspect_weight_g, suspect_material FROM inspection_fraction "
        "WHERE inspection_pit_id = ? ORDER BY upper_cm", (r[0],)))
    return Pit(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10], bool(r[11]), r[12], r[13], r[14],
               fractions)


def get(conn: sqlite3.Connection, pit_id: str) -> Pit:
    row = conn.execute(f"SELECT {_COLUMNS} FROM inspection_pit WHERE id = ?", (pit_id,)).fetchone()
    if row is None:
        raise NotFoundError(f"Inspection {pit_id} does not exist.")
    return _pit(conn, row)


def of_project(conn: sqlite3.Connection, project_id: str) -> list[Pit]:
    return [_pit(conn, r) for r in conn.execute(
        f"SELECT {_COLUMNS} FROM inspection_pit WHERE project_id = ? ORDER BY code", (project_id,))]
