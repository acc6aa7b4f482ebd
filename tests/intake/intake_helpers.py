"""Coolers for the intake tests: real projects, samples and shipments written through the domain code."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from fieldapp.domain import project, shipment
from fieldapp.domain.deviation import DeviationDraft, Overrides
from fieldapp.domain.importer import BoreholeRecord, ContainerRecord, LayerRecord, SampleRecord, import_boreholes
from fieldapp.domain.shipment import Shipment
from fieldapp.session import Session

LAB = "SYNLAB Analytics & Services, Rotterdam"


@dataclass(frozen=True)
class Cooler:
    shipment: Shipment
    codes: list[str]  # in COC order (by sample code, then barcode)


def cooler(session: Session, n: int = 50, *, coc: str = "COC-0001", project_code: str = "P1",
           prefix: str = "FA-T", sampled: datetime | None = None, analyses: tuple[str, ...] = ("PAK (10 VROM)",),
           relinquish: bool = True, lab: str = LAB) -> Cooler:
    """A sealed, handed-over cooler of ``n`` containers, one per sample, barcodes ``{prefix}0001``..."""
    existing = session.store.query("SELECT id FROM project WHERE code = ?", (project_code,))
    proj_id = existing[0]["id"] if existing else project.create(session, code=project_code, name="Intake test",
                                                                 lab=lab).id
    when = sampled or datetime.now(UTC) - timedelta(hours=20)
    samples = [SampleRecord(code=f"{coc}-M{i:03d}", matrix="BS", upper=0.0, lower=0.5, sampled_at=when.isoformat(),
                            analyses=analyses, containers=(ContainerRecord("Pot", barcode=f"{prefix}{i:04d}"),))
               for i in range(1, n + 1)]
    hole = BoreholeRecord(code=f"B-{coc}", layers=[LayerRecord(upper=0.0, lower=1.0, soil="Zs1")], samples=samples)
    result = import_boreholes(session, proj_id, [hole])
    # jars sampled long ago reach a lab only past a recorded deviation (the sampler's packing check)
    late = Overrides([DeviationDraft("holding_time_exceeded", "", "", "test: the lab must see a late jar",
                                     "none: a test cooler")]) if sampled else None
    ship = shipment.create(session, proj_id, code=coc, lab=lab, container_ids=result.container_ids, overrides=late)
    shipment.seal(session, ship.id, f"SEAL-{coc}")
    if relinquish:
        ship = shipment.relinquish(session, ship.id, by="J. de Vries")
    return Cooler(shipment.get(session.store, ship.id), [f"{prefix}{i:04d}" for i in range(1, n + 1)])


def events(session: Session, shipment_id: str) -> list[dict[str, object]]:
    """The custody events the lab wrote for a shipment (received / rejected), with barcodes."""
    return session.store.query(
        "SELECT e.kind, e.remarks, c.barcode FROM custody_event e LEFT JOIN container c ON c.id = e.container_id "
        "WHERE e.shipment_id = ? AND e.kind IN ('received', 'rejected') ORDER BY e.rowid", (shipment_id,))


def received_cooler(session: Session, n: int, *, coc: str, prefix: str) -> Cooler:
    """A cooler the lab has received whole and closed (4.0 °C on arrival): its codes belong to a closed receipt."""
    from fieldapp.intake import closing
    from fieldapp.intake.receipt import open_shipment

    box = cooler(session, n, coc=coc, prefix=prefix)
    done = open_shipment(session, coc)
    for code in box.codes:
        done.scan(code)
    done.header.readings = [4.0]
    closing.close(done)
    return box
