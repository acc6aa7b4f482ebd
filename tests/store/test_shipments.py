"""Custody in the core: packing, sealing and handing over a cooler, each a
custody event; a container travels in one open shipment at a time."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests_store_helpers import refused

from fieldapp.domain import borehole, container, custody, layer, project, sample, shipment
from fieldapp.domain.sample import Part
from fieldapp.errors import CustodyError, DuplicateBarcodeError, DuplicateCodeError, NotFoundError, ValidationError
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


# issue 16: the whole cooler in the core, and every step corrected by an event ----------------------

def test_coc_numbers_follow_on_per_project(session: Session, jars: dict[str, object]) -> None:
    pid = str(jars["project"])
    other = project.create(session, code="P2", name="Elders")
    assert shipment.create(session, pid, lab="SYNLAB").code == "COC-0001"
    assert shipment.create(session, pid, lab="SYNLAB").code == "COC-0002"
    assert shipment.create(session, other.id, lab="SYNLAB").code == "COC-0001"


def test_packing_by_barcode_checks_every_code_first(session: Session, jars: dict[str, object]) -> None:
    pid = str(jars["project"])
    cooler = shipment.create(session, pid, lab="SYNLAB")
    refused(session, NotFoundError, ("FA-9999",),
            lambda: shipment.add_barcodes(session, cooler.id, ["fa-0000", "FA-9999"]))
    other = project.create(session, code="P2", name="Elders")
    hole = borehole.create(session, other.id, code="B01")
    layer.add(session, hole.id, upper="0", lower="1", soil="Zs1")
    smp = sample.create(session, other.id, code="M1", kind="field_sample", matrix="BS",
                        parts=[Part(hole.id, "0", "0.5")])
    container.add(session, smp.id, container_type="Pot", barcode="FA-0100")
    refused(session, CustodyError, ("FA-0100", "P2"), lambda: shipment.add_barcodes(session, cooler.id, ["FA-0100"]))
    packed = shipment.add_barcodes(session, cooler.id, [" fa-0000\n", "FA-0001"])
    assert [j.barcode for j in packed] == ["FA-0000", "FA-0001"]
    assert len(shipment.container_ids(session.store, cooler.id)) == 2


def test_a_sealed_cooler_takes_nothing_until_the_seal_is_undone(session: Session, jars: dict[str, object]) -> None:
    ids = jars["containers"]
    assert isinstance(ids, list)
    cooler = shipment.create(session, str(jars["project"]), lab="SYNLAB")
    refused(session, CustodyError, ("empty",), lambda: shipment.seal(session, cooler.id, "S1"))
    shipment.add_containers(session, cooler.id, ids[:1])
    assert shipment.seal(session, cooler.id, "S1").state == "sealed"
    refused(session, CustodyError, ("sealed (S1)",), lambda: shipment.add_containers(session, cooler.id, ids[1:2]))
    assert shipment.unseal(session, cooler.id, "wrong seal").seal_number is None
    events = custody.of_shipment(session.store, cooler.id)
    sealed = next(e for e in events if e.kind == "sealed")
    assert events[-1].kind == "correction" and events[-1].corrects == sealed.id
    assert "wrong seal" in (events[-1].remarks or "")
    shipment.add_containers(session, cooler.id, ids[1:2])
    shipment.seal(session, cooler.id, "S2")


def test_taking_a_container_out_corrects_its_packing(session: Session, jars: dict[str, object]) -> None:
    ids = jars["containers"]
    assert isinstance(ids, list)
    cooler = shipment.create(session, str(jars["project"]), lab="SYNLAB", container_ids=ids[:2])
    shipment.remove_containers(session, cooler.id, [ids[0]], "wrong cooler")
    assert shipment.container_ids(session.store, cooler.id) == [ids[1]]
    events = custody.of_container(session.store, ids[0])
    assert [e.kind for e in events] == ["collected", "packed", "correction"]
    assert events[2].corrects == events[1].id and events[2].actor == "J. de Vries"
    second = shipment.create(session, str(jars["project"]), lab="SYNLAB", container_ids=[ids[0]])  # free again
    assert shipment.container_ids(session.store, second.id) == [ids[0]]


def test_hand_over_names_who_took_it_and_can_be_taken_back_until_received(
        session: Session, jars: dict[str, object]) -> None:
    ids = jars["containers"]
    assert isinstance(ids, list)
    cooler = shipment.create(session, str(jars["project"]), lab="SYNLAB", container_ids=ids[:1])
    done = shipment.relinquish(session, cooler.id, to="DHL koerier", at="2026-11-27T15:00:00+01:00")
    assert (done.relinquished_by, done.relinquished_to, done.state) == ("J. de Vries", "DHL koerier", "handed over")
    back = shipment.undo_handover(session, cooler.id, "courier did not come")
    assert back.relinquished_at is None and back.state == "packing"
    shipment.relinquish(session, cooler.id, to="DHL koerier")
    custody.record(session, "received", container_id=ids[0], shipment_id=cooler.id)
    refused(session, CustodyError, ("already received",),
            lambda: shipment.undo_handover(session, cooler.id, "oops"))


def test_a_wrong_scan_is_voided_and_its_unprinted_barcode_freed(session: Session, jars: dict[str, object]) -> None:
    from fieldapp.labels.from_store import record_printed
    from fieldapp.store.verify import verify

    ids = jars["containers"]
    assert isinstance(ids, list)
    cooler = shipment.create(session, str(jars["project"]), lab="SYNLAB", container_ids=ids[:2])
    refused(session, ValidationError, ("reason",), lambda: container.void(session, ids[0], "  "))
    jar = container.void(session, ids[0], "scanned the neighbour's jar")
    assert jar.voided and jar.barcode == "FA-0000"  # kept until the code is scanned again
    assert shipment.container_ids(session.store, cooler.id) == [ids[1]]  # out of the open cooler
    kinds_now = [e.kind for e in custody.of_container(session.store, ids[0])]
    assert kinds_now == ["collected", "packed", "correction", "voided"]
    voided = custody.of_container(session.store, ids[0])[-1]
    assert voided.actor == "J. de Vries" and voided.remarks == "scanned the neighbour's jar"
    smp_id = jar.sample_id
    assert [c.id for c in container.of_sample(session.store, smp_id)] == ids[1:]
    refused(session, CustodyError, ("void",), lambda: shipment.add_containers(session, cooler.id, [ids[0]]))
    # restored, then voided again: the events add up, nothing is edited
    assert not container.restore(session, ids[0]).voided
    container.void(session, ids[0], "really wrong")
    again = container.add(session, smp_id, container_type="Pot", barcode="FA-0000")  # the code is free
    assert container.get(session.store, ids[0]).barcode.startswith("VOID-")
    refused(session, CustodyError, ("another container",), lambda: container.restore(session, ids[0]))
    # a printed label is never reused
    record_printed(session, [again.id], "brother-62")
    container.void(session, again.id, "broken jar")
    refused(session, DuplicateBarcodeError, ("voided", "label was printed"),
            lambda: container.add(session, smp_id, container_type="Pot", barcode="FA-0000"))
    verify(session.store)  # raises IntegrityError when the chain or a row is off


def test_a_handed_over_container_is_not_voided(session: Session, jars: dict[str, object]) -> None:
    ids = jars["containers"]
    assert isinstance(ids, list)
    cooler = shipment.create(session, str(jars["project"]), lab="SYNLAB", container_ids=ids[:1])
    shipment.relinquish(session, cooler.id, to="lab")
    refused(session, CustodyError, ("handed over",), lambda: container.void(session, ids[0], "oops"))


def test_the_sampling_time_defaults_to_now_and_is_checked(session: Session, jars: dict[str, object]) -> None:
    from datetime import UTC, datetime, timedelta

    hole = borehole.of_project(session.store, str(jars["project"]))[0]
    before = datetime.now(UTC)
    smp = sample.create(session, str(jars["project"]), code="M2", kind="field_sample", matrix="BS",
                        parts=[Part(hole.id, "0.5", "1")])
    assert smp.sampled_at is not None
    assert before - timedelta(seconds=1) <= datetime.fromisoformat(smp.sampled_at) <= datetime.now(UTC)
    future = (datetime.now(UTC) + timedelta(days=1)).isoformat()
    refused(session, ValidationError, ("future",), lambda: sample.set_sampled_at(session, smp.id, future))
    refused(session, ValidationError, ("not a date",), lambda: sample.set_sampled_at(session, smp.id, "gisteren"))
    fixed = sample.set_sampled_at(session, smp.id, "2026-11-27 10:42")  # a local time gets the laptop's zone
    assert fixed.sampled_at is not None and datetime.fromisoformat(fixed.sampled_at).tzinfo is not None


def test_the_user_is_recorded_on_every_action(tmp_path: Path) -> None:
    from fieldapp.settings import Settings

    with Session.open(tmp_path / "u.sqlite", settings=Settings(user="")) as s:
        assert s.actor  # the login name until a name is given, never empty
        s.set_user("  A.  Bakker ", "sampler")
        proj = project.create(s, code="P1", name="x")
        hole = borehole.create(s, proj.id, code="B01")
        refused(s, ValidationError, ("name",), lambda: s.set_user(" ", "sampler"))
        whos = {r["actor"] for r in s.store.query("SELECT actor FROM journal_entry WHERE row_id = ?", (hole.id,))}
    assert whos == {"A. Bakker"} and hole.sampler == "A. Bakker"


def test_the_demo_shows_intake_the_normal_case_and_one_late_jar(tmp_path: Path) -> None:
    from fieldapp import demo
    from fieldapp.intake.receipt import open_shipment
    from fieldapp.intake.scan import Outcome
    from fieldapp.settings import Settings

    with Session.open(tmp_path / "demo.sqlite", settings=Settings(user="Lab")) as s:
        summary = demo.create(s, boreholes=12, seed=1)
        outcomes: dict[Outcome, list[str]] = {}
        for ship in shipment.of_project(s.store, project.by_code(s.store, summary.project_code).id):
            receipt = open_shipment(s, ship.code)
            for code in list(receipt.expected):
                result = receipt.scan(code)
                outcomes.setdefault(result.outcome, []).append(code)
        assert set(outcomes) == {Outcome.RECEIVED, Outcome.HOLDING_TIME}
        assert len(outcomes[Outcome.HOLDING_TIME]) == 1  # the jar kept back from an earlier visit
        late = container.by_barcode(s.store, outcomes[Outcome.HOLDING_TIME][0])
        assert late is not None and sample.get(s.store, late.sample_id).code == "M01-1"
        assert len(outcomes[Outcome.RECEIVED]) == summary.containers - 1
