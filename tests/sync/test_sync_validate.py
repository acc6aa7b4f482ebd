"""Issue 17, finding 3: the hub refuses an invalid change (422 naming table,
row and field) and stores nothing of that push; a device skips an invalid
change an older hub still serves, notes it, and goes on with newer ones."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from helpers import data, device, enrolled, forged
from test_sync_security import written

from fieldapp.domain import project
from fieldapp.errors import SyncError
from fieldapp.hub.service import HubService
from fieldapp.store.verify import verify
from fieldapp.sync.engine import sync

BAD_LAYERS = [  # (fields beside borehole_id, the field the hub must name)
    ({"upper_cm": 0, "lower_cm": 50}, "soil_code"),  # NOT NULL left out
    ({"upper_cm": "deep", "lower_cm": 50, "soil_code": "Zs1"}, "upper_cm"),
    ({"upper_cm": 10.5, "lower_cm": 50, "soil_code": "Zs1"}, "upper_cm"),  # whole cm only
    ({"upper_cm": 50, "lower_cm": 50, "soil_code": "Zs1"}, "lower_cm"),
    ({"upper_cm": -5, "lower_cm": 50, "soil_code": "Zs1"}, "upper_cm"),
    ({"upper_cm": 0, "lower_cm": 50, "soil_code": "Qx9"}, "soil_code"),
    ({"upper_cm": 0, "lower_cm": 50, "soil_code": None}, "soil_code"),
]
BAD_BOREHOLE_EDITS = [
    ({"lat": math.inf}, "lat"),
    ({"lat": 100.0}, "lat"),
    ({"hdop": math.nan}, "hdop"),
    ({"sats": True}, "sats"),
    ({"code": None}, "code"),
    ({"x_rd": "155000"}, "x_rd"),
]


def test_hub_refuses_invalid_changes_naming_the_field(hub: tuple[HubService, str], tmp_path: Path) -> None:
    service, url = hub
    session = device(tmp_path, "s")
    client = enrolled(service, url, session)
    proj = project.create(session, code="P1", name="one")
    with session.store.action("hole") as tx:
        hole = tx.insert("borehole", {"project_id": proj.id, "code": "B1", "kind": "boring"})
    sync(session.store, client)
    before = written(service)
    cases = [(forged(session, "layer", {"borehole_id": hole, **fields}), field) for fields, field in BAD_LAYERS]
    cases += [(forged(session, "borehole", fields, op="update", row_id=hole), field)
              for fields, field in BAD_BOREHOLE_EDITS]
    for change, field in cases:
        with pytest.raises(SyncError, match="422") as caught:
            client.push([change])
        text = str(caught.value)
        assert f"{change.tbl} {change.row_id}: {field}" in text, (change.fields, text)
    assert written(service) == before
    # a good change in the same push as a bad one is not stored either
    good = forged(session, "borehole", {"remarks": "fine"}, op="update", row_id=hole)
    with pytest.raises(SyncError, match="422"):
        client.push([good, cases[0][0]])
    assert written(service) == before
    client.close()
    session.close()


def test_device_skips_bad_rows_an_older_hub_serves(hub: tuple[HubService, str], tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    service, url = hub
    author = device(tmp_path, "author")
    author_client = enrolled(service, url, author)
    proj = project.create(author, code="P1", name="one")
    with author.store.action("hole") as tx:
        hole = tx.insert("borehole", {"project_id": proj.id, "code": "B1", "kind": "boring"})
    sync(author.store, author_client)
    # an older hub took these without checking them
    with monkeypatch.context() as m:
        m.setattr("fieldapp.hub.push._validate", lambda *_a: None, raising=False)
        bad = [forged(author, "layer", {"borehole_id": hole, "upper_cm": 0, "lower_cm": 50}),
               forged(author, "layer", {"borehole_id": hole, "upper_cm": "deep", "lower_cm": 80,
                                        "soil_code": "Zs1"}),
               forged(author, "borehole", {"lat": math.inf}, op="update", row_id=hole)]
        author_client.push(bad)
    # newer, good work after them
    with author.store.action("more") as tx:
        later = tx.insert("borehole", {"project_id": proj.id, "code": "B2", "kind": "boring"})
        tx.insert("layer", {"borehole_id": later, "upper_cm": 0, "lower_cm": 100, "soil_code": "Zs1"})
    sync(author.store, author_client)

    reader = device(tmp_path, "reader")
    reader_client = enrolled(service, url, reader)
    report = sync(reader.store, reader_client)
    assert report.invalid == 3 and "invalid changes from the hub skipped and kept for review: 3 " in report.summary()
    assert reader.store.get("borehole", later) is not None  # newer changes still applied
    held = data(reader)
    assert held[("borehole", hole)].get("lat") is None
    assert sum(1 for tbl, _ in held if tbl == "layer") == 1
    noted = reader.store.query("SELECT tbl, field FROM sync_conflict WHERE kind = 'invalid' ORDER BY loser_seq")
    assert [(r["tbl"], r["field"]) for r in noted] == [("layer", "soil_code"), ("layer", "upper_cm"),
                                                       ("borehole", "lat")]
    verify(reader.store)
    again = sync(reader.store, reader_client)  # the next sync is clean, not stuck on them
    assert again.invalid == 0 and again.pulled == 0
    for x in (author, author_client, reader, reader_client):
        x.close()
