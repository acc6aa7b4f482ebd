"""`fieldapp check`'s holding-time findings (issue 12, `check` under 2 s): SQLite picks the samples whose jars
may be late, Python judges them. The pick must never leave out a jar Python finds late, whatever zone the
stamps are written in: a stamp without zone is local time to Python and UTC to SQLite."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone

import pytest

from fieldapp.domain import borehole, container, custody, holding, layer, project, sample, shipment
from fieldapp.domain.sample import Part
from fieldapp.intake.rules import lab_rules
from fieldapp.rules import default_book
from fieldapp.session import Session

EUROFINS = "Eurofins Analytico, Barneveld"  # keeps volatile compounds 72 h, the table 96 h
SYNLAB = "SYNLAB Analytics & Services, Rotterdam"
PLUS_14, MINUS_12 = timezone(timedelta(hours=14)), timezone(timedelta(hours=-12))


@pytest.fixture
def far_east() -> Iterator[None]:
    """The laptop's clock at UTC+14, where a stamp without zone is furthest from SQLite's reading."""
    old = os.environ.get("TZ")
    os.environ["TZ"] = "Etc/GMT-14"
    time.tzset()
    yield
    if old is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = old
    time.tzset()


def _written(moment: datetime, how: str) -> str:
    if how == "naive":  # as an older version or a sync wrote it: the laptop's wall clock
        return moment.astimezone().replace(tzinfo=None).isoformat()
    if how == "Z":
        return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")
    return moment.astimezone(PLUS_14 if how == "+14" else MINUS_12).isoformat()


def test_check_finds_exactly_the_jars_past_their_term_in_every_zone_notation(session: Session, far_east: None) -> None:
    pid = project.create(session, code="P1", name="Holding zones").id
    hole = borehole.create(session, pid, code="B1")
    layer.add(session, hole.id, upper="0", lower="2", soil="Zs1")
    taken = (datetime.now(UTC) - timedelta(days=2)).replace(microsecond=0)
    expected: set[str] = set()
    notations = ("naive", "Z", "+14", "-12")
    serial = 0
    for lab in ("", SYNLAB, EUROFINS):
        for sampled in notations:
            for event in notations:  # one sample each: SQLite reads the latest moment of a sample's jars
                serial += 1
                smp = sample.create(session, pid, code=f"M{serial}", kind="field_sample", matrix="BS",
                                    parts=[Part(hole.id, "0", "0.5")], sampled_at=taken.isoformat(),
                                    analyses=("BTEX",))
                with session.store.action("sampling time as written elsewhere") as tx:
                    tx.update("sample", smp.id, {"sampled_at": _written(taken, sampled)})
                jars = {late: container.add(session, smp.id, container_type="Pot",
                                            barcode=f"FA-Z{serial:02d}{int(late)}").id for late in (False, True)}
                if lab:  # packed now, in time: the lab's receipt decides
                    cooler = shipment.create(session, pid, lab=lab, container_ids=list(jars.values()))
                for late, jar_id in jars.items():
                    (item,) = holding.of_containers(session.store.conn, [jar_id], lab_rules(lab))
                    assert item.deadline is not None and item.hours == (72 if lab == EUROFINS else 96)
                    at = item.deadline + timedelta(seconds=1 if late else -1)
                    custody.record(session, "received" if lab else "packed", container_id=jar_id,
                                   shipment_id=cooler.id if lab else None, at_laptop=_written(at, event))
                    if late:
                        expected.add(jar_id)
    # a late receipt that was corrected does not count
    jar = container.add(session, smp.id, container_type="Pot", barcode="FA-Z999")
    wrong = custody.record(session, "packed", container_id=jar.id, at_laptop=(taken + timedelta(days=30)).isoformat())
    custody.record(session, "correction", container_id=jar.id, corrects=wrong)
    # an analysis the table does not know is told for each of its jars, late or not
    odd = sample.create(session, pid, code="M99", kind="field_sample", matrix="BS", parts=[Part(hole.id, "1", "1.5")],
                        sampled_at=taken.isoformat(), analyses=("zwavelwaterstof",))
    unknown = container.add(session, odd.id, container_type="Pot", barcode="FA-Z998")

    book = default_book()
    found = holding.findings(session.store.conn, pid, book)
    assert {f.object_id for f in found if f.rule_id == holding.RULE} == expected
    assert [f.object_id for f in found if f.rule_id == holding.UNKNOWN_RULE] == [unknown.id]
    every = [r[0] for r in session.store.conn.execute("SELECT id FROM sample WHERE project_id = ?", (pid,))]
    assert found == holding.judged(session.store.conn, pid, book, every)  # the same as judging every sample
