"""The sampling rules of ``resources/rules/sampling.json``, as the write paths check them.

Each ``check_*`` raises :class:`~fieldapp.rules.RuleError` (nothing is written)
and each predicate is shared with :mod:`fieldapp.check_sampling`, which lists the
same rules for a whole project: one definition of when a rule is broken.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from itertools import pairwise
from typing import Any

from fieldapp.domain.common import dutch_day, on_dutch_clock
from fieldapp.domain.depth import MetresText, format_m
from fieldapp.errors import ValidationError
from fieldapp.rules import RuleBook, RuleError, default_book

SOIL_KINDS = ("field_sample", "field_composite")
GROUNDWATER_KIND = "groundwater"

#: what may differ across a layer boundary inside one soil sample: (English, Dutch) names of the
#: traits that may not; colour is not among them
TRAIT_NAMES: tuple[tuple[str, str], ...] = (
    ("soil type", "grondsoort"),
    ("smell", "geur"),
    ("oil-water reaction", "olie-waterreactie"),
    ("anthropogenic admixture", "bijmenging"),
)

#: the date fields the rules name: field key -> (English, Dutch)
DATE_FIELDS: dict[str, tuple[str, str]] = {
    "sampled at": ("Sampling time", "Monstername"),
    "started at": ("Borehole start", "Begin boring"),
    "ended at": ("Borehole end", "Einde boring"),
    "start date": ("Project start date", "Startdatum project"),
    "at": ("Hand-over time", "Overdracht"),
}


@dataclass(frozen=True)
class LayerTraits:
    """What a sampler compares at a layer boundary before taking one sample across it."""

    upper_cm: int
    lower_cm: int
    main_type: str
    smell: str
    oil_water: str
    admixtures: frozenset[str]

    @classmethod
    def of(cls, row: Any) -> LayerTraits:
        """From a layer row (a mapping or sqlite3.Row with the layer's columns)."""
        codes = frozenset(a["code"] for a in json.loads(row["admixtures"] or "[]"))
        return cls(int(row["upper_cm"]), int(row["lower_cm"]), (row["soil_code"] or "")[:1],
                   row["smell"] or "geen", row["oil_water"] or "geen", codes)

    def differs_from(self, other: LayerTraits) -> list[int]:
        """Indexes into :data:`TRAIT_NAMES` of what differs."""
        pairs = ((self.main_type, other.main_type), (self.smell, other.smell),
                 (self.oil_water, other.oil_water), (self.admixtures, other.admixtures))
        return [i for i, (a, b) in enumerate(pairs) if a != b]


@dataclass(frozen=True)
class Crossing:
    """A layer boundary inside a sample's interval where layers differ."""

    boundary_cm: int
    traits: list[int]

    def values(self) -> dict[str, str]:
        return {"boundary": format_m(self.boundary_cm),
                "what_en": " and ".join(TRAIT_NAMES[i][0] for i in self.traits),
                "what_nl": " en ".join(TRAIT_NAMES[i][1] for i in self.traits)}


def first_crossing(layers: Iterable[LayerTraits], upper_cm: int, lower_cm: int) -> Crossing | None:
    """The first boundary strictly inside [upper, lower) between touching layers that differ."""
    ordered = sorted(layers, key=lambda t: t.upper_cm)
    for above, below in pairwise(ordered):
        if above.lower_cm == below.upper_cm and upper_cm < above.lower_cm < lower_cm:
            traits = above.differs_from(below)
            if traits:
                return Crossing(above.lower_cm, traits)
    return None


def depth_text(upper_cm: int, lower_cm: int) -> MetresText:
    return MetresText(f"{format_m(upper_cm)}-{format_m(lower_cm)} m")


def span_too_long(book: RuleBook, upper_cm: int, lower_cm: int) -> bool:
    return lower_cm - upper_cm > int(book.value("soil_sample_max_span"))


def check_span(code: str, upper_cm: int, lower_cm: int, field: str, book: RuleBook | None = None) -> None:
    book = book or default_book()
    if span_too_long(book, upper_cm, lower_cm):
        raise RuleError(field, book["soil_sample_max_span"], code=code, span=lower_cm - upper_cm,
                        depth=depth_text(upper_cm, lower_cm))


def check_layers(code: str, borehole_code: str, layers: Iterable[LayerTraits], upper_cm: int, lower_cm: int,
                 field: str, book: RuleBook | None = None) -> None:
    crossing = first_crossing(layers, upper_cm, lower_cm)
    if crossing is not None:
        raise RuleError(field, (book or default_book())["soil_sample_layer_boundary"], code=code,
                        borehole=borehole_code, depth=depth_text(upper_cm, lower_cm), **crossing.values())


def matrix_rule(kind: str, matrix: str, book: RuleBook) -> str | None:
    """The id of the matrix rule a (kind, matrix) pair breaks, or None."""
    if kind in SOIL_KINDS and matrix not in book.value("soil_sample_matrix"):
        return "soil_sample_matrix"
    if kind == GROUNDWATER_KIND and matrix not in book.value("groundwater_sample_matrix"):
        return "groundwater_sample_matrix"
    return None


def check_matrix(code: str, kind: str, matrix: str, book: RuleBook | None = None) -> None:
    book = book or default_book()
    rule = matrix_rule(kind, matrix, book)
    if rule is not None:
        raise RuleError("matrix", book[rule], code=code, matrix=matrix)


def check_well(code: str, kind: str, borehole_code: str, borehole_kind: str, field: str,
               book: RuleBook | None = None) -> None:
    book = book or default_book()
    if kind == GROUNDWATER_KIND and borehole_kind != book.value("groundwater_sample_in_well"):
        raise RuleError(field, book["groundwater_sample_in_well"], code=code, borehole=borehole_code)


# -- dates --------------------------------------------------------------------------------------

def moment_of(text: str | None) -> datetime | None:
    """A stored time or date as an aware datetime (a bare date or time: the laptop's zone); None if
    empty or unreadable (the write path refuses unreadable ones before this)."""
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else moment.astimezone()


def shown(moment: datetime) -> str:
    """A moment as a Dutch clock showed it (an imported one is UTC: 23:30 UTC is 00:30 on site)."""
    moment = on_dutch_clock(moment)
    return f"{moment:%Y-%m-%d %H:%M}" if (moment.hour, moment.minute) != (0, 0) else f"{moment:%Y-%m-%d}"


def _names(field: str) -> dict[str, str]:
    en, nl = DATE_FIELDS.get(field, (field.capitalize(), field))
    return {"field_en": en, "field_nl": nl}


def in_future(moment: datetime, book: RuleBook, now: datetime | None = None) -> bool:
    slack = timedelta(minutes=float(book.value("date_not_in_future")))
    return moment - (now or datetime.now(UTC)) > slack


def before_start(moment: datetime, project_start: str | None) -> bool:
    """Before the project's start date, a Dutch calendar date: a borehole begun at 00:30 on the first day,
    imported as 23:30 UTC the day before, is on that day."""
    start = start_date_of(project_start)
    return start is not None and date.fromisoformat(dutch_day(moment.isoformat())) < start


def start_date_of(text: str | None) -> date | None:
    try:
        return date.fromisoformat((text or "")[:10]) if text else None
    except ValueError:
        return None


def check_moment(moment: datetime, field: str, project_start: str | None = None,
                 book: RuleBook | None = None) -> None:
    """Not in the future, and not before the project's start date when one is given."""
    book = book or default_book()
    if in_future(moment, book):
        raise RuleError(field, book["date_not_in_future"], when=shown(moment), **_names(field))
    if before_start(moment, project_start):
        raise RuleError(field, book["date_not_before_project"], when=shown(moment),
                        start=str(project_start)[:10], **_names(field))


def check_moment_text(text: str | None, field: str, project_start: str | None = None,
                      book: RuleBook | None = None) -> None:
    """:func:`check_moment` of a stored text; an unreadable one is refused too."""
    if not text:
        return
    moment = moment_of(text)
    if moment is None:
        raise ValidationError(field, f"'{text}' is not a date and time.", hint="Give it as YYYY-MM-DD HH:MM.")
    check_moment(moment, field, project_start, book)


def check_end(started_at: str | None, ended_at: str | None, book: RuleBook | None = None) -> None:
    start, end = moment_of(started_at), moment_of(ended_at)
    if start is not None and end is not None and end < start:
        raise RuleError("ended at", (book or default_book())["borehole_end_before_start"],
                        started=shown(start), ended=shown(end))


# -- groundwater ----------------------------------------------------------------------------------

GROUNDWATER_STATUSES = ("measured", "not_encountered", "not_measured")
_STATUS_PROBLEMS = {
    "measured": ("measured, but no depth is given", "gemeten, maar er is geen diepte ingevuld"),
    "not_encountered": ("not encountered, yet a depth is given", "niet aangetroffen, maar er is een diepte ingevuld"),
    "not_measured": ("not measured, yet a depth is given", "niet gemeten, maar er is een diepte ingevuld"),
}


def level_too_deep(level_cm: int | None, hole_depth_cm: int | None) -> bool:
    return level_cm is not None and hole_depth_cm is not None and level_cm > hole_depth_cm


def check_level(level_cm: int | None, hole_depth_cm: int | None, book: RuleBook | None = None) -> None:
    """The level lies within the hole: ``hole_depth_cm`` is the final depth (or, before it is set,
    the deepest logged layer)."""
    if level_too_deep(level_cm, hole_depth_cm):
        assert level_cm is not None and hole_depth_cm is not None
        raise RuleError("groundwater level", (book or default_book())["groundwater_level_within_hole"],
                        level=format_m(level_cm), depth=format_m(hole_depth_cm))


def status_problem(status: str | None, level_cm: int | None) -> tuple[str, str] | None:
    """(English, Dutch) of how a groundwater status and level contradict each other, or None."""
    if status == "measured" and level_cm is None:
        return _STATUS_PROBLEMS["measured"]
    if status in ("not_encountered", "not_measured") and level_cm is not None:
        return _STATUS_PROBLEMS[status]
    return None


def check_status(status: str | None, level_cm: int | None, book: RuleBook | None = None) -> None:
    """For the borehole form's three-way choice (column ``groundwater_status``, added by the
    borehole branch): measured with a depth, or not encountered / not measured without one."""
    problem = status_problem(status, level_cm)
    if problem is not None:
        raise RuleError("groundwater level", (book or default_book())["groundwater_status_level"],
                        problem_en=problem[0], problem_nl=problem[1])

