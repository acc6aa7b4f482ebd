"""Holding time: by when a container must be at the lab to be analysed.

The same rules the lab's intake checks on receipt (resources/intake/labs.json,
read by :mod:`fieldapp.intake.rules`): the shortest holding time of the
sample's analyses, counted from the sampling time. A sampler packing a
cooler sees each container's deadline, so that nothing is sent that the lab
will have to set apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from fieldapp.domain.common import loads_list
from fieldapp.intake.rules import LabRules, lab_rules

if TYPE_CHECKING:
    from fieldapp.domain.shipment import Shipment
    from fieldapp.store import Store

_PACKED = (
    "SELECT c.id, c.barcode, s.code AS sample_code, s.sampled_at, s.analyses "
    "FROM shipment_item i JOIN container c ON c.id = i.container_id "
    "JOIN sample s ON s.id = c.sample_id WHERE i.shipment_id = ? ORDER BY s.code, c.barcode"
)


@dataclass(frozen=True, slots=True)
class Packed:
    """A container in a shipment with its holding-time deadline (None: sampling time unknown)."""

    container_id: str
    barcode: str
    sample_code: str
    sampled_at: str | None
    hours: int
    analysis: str
    deadline: datetime | None

    def left(self, now: datetime) -> timedelta | None:
        return None if self.deadline is None else self.deadline - now


def parse_time(stamp: str | None) -> datetime | None:
    """An ISO timestamp as an aware time (a stamp without zone is the laptop's local time)."""
    if not stamp:
        return None
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else moment.astimezone()


def deadline(rules: LabRules, sampled_at: str | None, analyses: list[str]) -> tuple[datetime | None, int, str]:
    """The deadline, the holding time in hours and the analysis it comes from."""
    hours, analysis = rules.holding_hours(analyses)
    taken = parse_time(sampled_at)
    return (None if taken is None else taken + timedelta(hours=hours)), hours, analysis


def packed(store: Store, ship: Shipment) -> list[Packed]:
    """The containers of a shipment, each with its deadline under the shipment's lab's terms."""
    rules = lab_rules(ship.lab)
    out = []
    for r in store.query(_PACKED, (ship.id,)):
        analyses = [str(a) for a in loads_list(r["analyses"])]
        due, hours, analysis = deadline(rules, r["sampled_at"], analyses)
        out.append(Packed(r["id"], r["barcode"], r["sample_code"], r["sampled_at"], hours, analysis, due))
    return out
