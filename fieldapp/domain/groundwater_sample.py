"""A groundwater field sample, taken in a sampling round: so from the filter of
that round's well (BRL SIKB 2000 protocol 2002). Its interval is the filter's
unless given; one outside the filter is refused (rule ``well_sample_in_filter``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from fieldapp.domain import sample as sample_mod
from fieldapp.domain import well as well_mod
from fieldapp.domain.common import from_row
from fieldapp.domain.depth import format_m
from fieldapp.domain.sample_rules import moment_of, shown
from fieldapp.domain.well import Well
from fieldapp.errors import NotFoundError, ValidationError
from fieldapp.rules import RuleBook, default_book

if TYPE_CHECKING:
    from fieldapp.domain.sample import Sample
    from fieldapp.session import Session
    from fieldapp.store import Store

MATRIX = "GW"


def take(session: Session, round_id: str, *, code: str, sampled_at: str | None = None,
         upper: str | float | None = None, lower: str | float | None = None, remarks: str | None = None,
         analyses: Sequence[str] = (), staff_id: str | None = None, book: RuleBook | None = None) -> Sample:
    """Take a groundwater sample in a round (one action): its part is the filter,
    or the interval given, which must lie within the filter."""
    book = book or default_book()
    with session.store.action(f"Take groundwater sample {code}") as tx:
        found = tx.get("sampling_round", round_id)
        if found is None:
            raise NotFoundError(f"Sampling round {round_id} does not exist.")
        well = from_row(Well, tx.get("well", found["well_id"]) or {})
        hole = tx.get("borehole", well.borehole_id) or {}
        name = well_mod.well_code(str(hole.get("code")), well.tube_number)
        if (well.filter_top_cm is None or well.filter_bottom_cm is None) and well.given_filter() is not None:
            raise ValidationError("lower depth", f"Well {name}'s filter depths are known only from the top of the "
                                  "tube or in NAP, as an imported file gave them.",
                                  hint="Type the filter top and bottom below the surface on the Well tab first.")
        if well.filter_top_cm is None or well.filter_bottom_cm is None:
            raise ValidationError("lower depth", f"Well {name} has no filter depths recorded.",
                                  hint="Record the filter top and bottom on the Well tab first.")
        upper_cm = well_mod.depth_cm(upper, "upper depth")
        lower_cm = well_mod.depth_cm(lower, "lower depth")
        upper_cm = well.filter_top_cm if upper_cm is None else upper_cm
        lower_cm = well.filter_bottom_cm if lower_cm is None else lower_cm
        well_mod.check_in_filter(code, upper_cm, lower_cm, name, well.filter_top_cm, well.filter_bottom_cm,
                                 "lower depth", book)
        when = sample_mod.check_sampled_at(sampled_at)
        started, taken = moment_of(found["started_at"]), moment_of(when)
        if started is not None and taken is not None and taken < started:
            raise ValidationError("sampled at", f"The sample is taken at {shown(taken)}, before its round began "
                                  f"({shown(started)}).", hint="Give a sampling time after the round's start.")
        return sample_mod.create(session, str(hole.get("project_id")), code=code, kind="groundwater", matrix=MATRIX,
                                 parts=[sample_mod.Part(well.borehole_id, format_m(upper_cm), format_m(lower_cm))],
                                 sampled_at=when, analyses=analyses, remarks=remarks,
                                 sampling_round_id=round_id, staff_id=staff_id)


def of_round(store: Store, round_id: str) -> list[Sample]:
    return [from_row(sample_mod.Sample, r) for r in store.query(
        "SELECT * FROM sample WHERE sampling_round_id = ? ORDER BY code", (round_id,))]
