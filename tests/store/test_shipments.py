"""Custody in the core: packing, sealing and handing over a cooler, each a
custody event; a container travels in one open shipment at a time."""

from __future__ import annotations

import pytest
from tests_store_helpers import refused

from fieldapp.domain import borehole, container, custody, layer, project, sample, shipment
from fieldapp.domain.sample import Part
from fieldapp.errors import CustodyError, DuplicateCodeError, NotFoundError
from fieldapp.session import Session


@pytest.fixture
def jars(session: Session) -> dict[str, object]:
    proj = project.create(session, code="P1", name="Gasfabriek")
    hole = borehole.create(session, proj.id, code="B01")
    layer.add(session, hole.id, upper="0", lower="1", soil="Zs1")
    smp = sample.create(session, proj.id, code="M1", kind="field_sample", matrix="BS",
                        parts=[Part(hole.id, "0", "0.5")])
    ids = [container.add(session, smp.id, container_type="Pot", barcode=f"FA-000{n}").id for n in range(3)]
    return {"project": proj.id, "containers": ids}


def kinds(session: Session, **about: str) -> list[str]:
    if "container_id" in about:
        return [e.kind for e in custody.of_container(session.store, about["container_id"])]
    return [e.kind for e in custody.of_shipment(session.store, about["shipment_id"])]


def test_pack_seal_and_hand_over_are_custody_events(session: Session, jars: dict[str, object]) -> None:
    ids = jars["containers"]
    assert isinstance(ids, list)
    cooler = shipment.create(session, str(jars["project"]), code="COC-1", lab="SYNLAB", container_ids=ids[:2])
    assert sorted(shipment.container_ids(session.store, cooler.id)) == sorted(ids[:2])
    assert kinds(session, container_id=ids[0]) == ["collected", "packed"]
    shipment.seal(session, cooler.id, "S000123")
    done = shipment.relinquish(session, cooler.id, by="J. de Vries")
    assert done.relinquished_by == "J. de Vries" and done.seal_number == "S000123"
    assert kinds(session, shipment_id=cooler.id)[-2:] == ["sealed", "relinquished"]


def test_a_container_travels_in_one_open_shipment(session: Session, jars: dict[str, object]) -> None:
    ids = jars["containers"]
    assert isinstance(ids, list)
    first = shipment.create(session, str(jars["project"]), code="COC-1", lab="SYNLAB", container_ids=ids[:2])
    err = refused(session, CustodyError, ("FA-0001", "already in open shipment COC-1"),
                  lambda: shipment.create(session, str(jars["project"]), code="COC-2", lab="SYNLAB",
                                          container_ids=[ids[2], ids[1]]))
    assert err.field == "container"  # type: ignore[attr-defined]
    refused(session, CustodyError, ("already in open shipment",),
            lambda: shipment.add_containers(session, first.id, [ids[0]]))
    shipment.relinquish(session, first.id)
    refused(session, CustodyError, ("already been handed over",),
            lambda: shipment.add_containers(session, first.id, [ids[2]]))
    refused(session, CustodyError, ("already handed over",), lambda: shipment.relinquish(session, first.id))


def test_bad_shipments_are_refused(session: Session, jars: dict[str, object]) -> None:
    ids = jars["containers"]
    assert isinstance(ids, list)
    shipment.create(session, str(jars["project"]), code="COC-1", lab="SYNLAB")
    refused(session, DuplicateCodeError, ("COC-1",),
            lambda: shipment.create(session, str(jars["project"]), code="COC-1", lab="SYNLAB"))
    refused(session, NotFoundError, ("do not exist",),
            lambda: shipment.create(session, str(jars["project"]), code="COC-3", lab="SYNLAB",
                                    container_ids=["no-such-jar"]))


def test_custody_events_are_corrected_not_edited(session: Session, jars: dict[str, object]) -> None:
    ids = jars["containers"]
    assert isinstance(ids, list)
    first = custody.of_container(session.store, ids[0])[0]
    refused(session, CustodyError, ("must name the event",),
            lambda: custody.record(session, "correction", container_id=ids[0]))
    custody.record(session, "correction", container_id=ids[0], corrects=first.id,
                   remarks="collected at 10:15, not 10:05")
    events = custody.of_container(session.store, ids[0])
    assert [e.kind for e in events] == ["collected", "correction"]
    assert events[0] == first  # the original stands as it was
