"""The receipt the GUI tests drive: a sampler's cooler through a real hub to a lab device and back.

50 containers expected; 2 stay missing, 1 from another cooler turns up, 1 is
scanned twice and 1 is damaged.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from helpers import device, enrolled  # the sync tests' real hub and devices (conftest)
from hubserver import serve
from intake_helpers import LAB, cooler

from fieldapp.hub.service import HubService
from fieldapp.session import Session
from fieldapp.sync.client import HubClient
from fieldapp.sync.engine import sync


@dataclass
class Desk:
    sampler: Session
    lab: Session
    sampler_hub: HubClient
    lab_hub: HubClient
    codes: list[str]  # the 50 expected, in COC order
    stray: str  # a container of another cooler
    shipment_id: str

    def sync_all(self) -> None:
        sync(self.lab.store, self.lab_hub)
        sync(self.sampler.store, self.sampler_hub)


@contextmanager
def desk(tmp: Path) -> Iterator[Desk]:
    service = HubService.open(f"sqlite:///{tmp / 'hub.sqlite'}")
    with serve(service) as url:
        sampler, lab = device(tmp, "J. de Vries"), device(tmp, "L. Smit")
        sc = enrolled(service, url, sampler, "sampler")
        lc = enrolled(service, url, lab, "lab", lab=LAB)
        box = cooler(sampler, 50)
        other = cooler(sampler, 2, coc="COC-0002", prefix="FA-X")
        sync(sampler.store, sc)
        sync(lab.store, lc)
        try:
            yield Desk(sampler, lab, sc, lc, box.codes, other.codes[0], box.shipment.id)
        finally:
            for closing in (sc, lc, sampler, lab):
                closing.close()
            service.close()


def script(d: Desk, scan: Callable[[str], None], damaged: Callable[[], None]) -> None:
    """What the clerk does: 48 containers, one of them damaged, one scanned twice, one stray."""
    for i, code in enumerate(d.codes[:48]):
        scan(code)
        if i == 10:
            damaged()
        if i == 20:
            scan(d.codes[5])  # scanned twice
        if i == 30:
            scan(d.stray)


def shown(text: str) -> int:
    """The number on a reconciliation tile."""
    match = re.search(r">(\d+)<", text)
    assert match, text
    return int(match.group(1))


def receipt_in(session: Session, shipment_id: str) -> dict[str, object]:
    """What a database holds of the receipt: the shipment's receipt fields and the lab's events."""
    ship = session.store.get("shipment", shipment_id) or {}
    rows = session.store.query(
        "SELECT e.kind, e.remarks, c.barcode FROM custody_event e LEFT JOIN container c ON c.id = e.container_id "
        "WHERE e.shipment_id = ? AND e.kind IN ('received', 'rejected')", (shipment_id,))
    return {
        "received_by": ship.get("received_by"), "condition": ship.get("condition"),
        "received": sorted(str(r["barcode"]) for r in rows if r["kind"] == "received" and r["barcode"]),
        "rejected": sorted((str(r["barcode"]), str(r["remarks"]).split(":")[0]) for r in rows
                           if r["kind"] == "rejected" and r["barcode"]),
        # a container set apart (not on the COC) is the shipment's event, its code in the remarks
        "set_apart": sorted(str(r["remarks"]).split(" ")[1] for r in rows
                            if r["kind"] == "rejected" and not r["barcode"]),
        "cooler_events": sum(1 for r in rows if r["kind"] == "received" and r["barcode"] is None),
    }
