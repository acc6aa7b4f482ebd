"""The device's unsent changes read from the journal's own columns (issue 18)
are the changes the journal records: each one as the journal_entry view
spells it (device, action, table, row id, operation), with the text of an
insert that leaves it to the row, in batches after any point; a row changed
or removed behind FieldApp's back stops the read, so nothing is sent."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import device

from fieldapp import demo
from fieldapp.domain import layer
from fieldapp.errors import IntegrityError
from fieldapp.session import Session
from fieldapp.store import journal
from fieldapp.sync.changes import Change
from fieldapp.sync.local import Replica


def _as_recorded(session: Session) -> list[Change]:
    """Every own change as the journal_entry view (the joins with its device and action) gives it."""
    conn = session.store.conn
    rows = conn.execute("SELECT seq, device_id, device_seq, hlc, action_id, action, actor, at, tbl, row_id, op, "
                        "fields FROM journal_entry WHERE device_id = ? ORDER BY device_seq",
                        (session.store.device_id,)).fetchall()
    texts = journal.fill_fields(conn, [(r[8], r[9], r[11]) for r in rows])
    marks = conn.execute("SELECT local_seq, hub_pos FROM sync_pull_mark ORDER BY local_seq").fetchall()
    return [Change(*r[1:11], texts[(r[8], r[9])] if r[11] is None else r[11],
                   max((int(pos) for seq, pos in marks if seq < r[0]), default=0)) for r in rows]


@pytest.fixture
def edited(tmp_path: Path) -> Session:
    session = device(tmp_path, "a")
    demo.create(session, boreholes=3, seed=5, project_code="UNSENT")
    layers = [r["id"] for r in session.store.query("SELECT id FROM layer ORDER BY id")]
    layer.update(session, layers[0], colour="grijs")  # an update: the insert's text moves into its entry
    with session.store.batch("remove a layer") as tx:
        tx.delete("layer", layers[1])
    # a pull seen between the changes: those after it carry the hub position
    last = session.store.conn.execute("SELECT MAX(seq) FROM journal").fetchone()[0]
    session.store.conn.execute("INSERT INTO sync_pull_mark (local_seq, hub_pos) VALUES (?, 41)", (last - 5,))
    layer.update(session, layers[2], colour="bruin")
    return session


def test_unsent_changes_are_the_journal_entries_in_batches(edited: Session) -> None:
    expected = _as_recorded(edited)
    assert {c.op for c in expected} == {"insert", "update", "delete"}
    assert {c.seen for c in expected} == {0, 41}
    assert len({c.action_id for c in expected}) > 3 and len({c.tbl for c in expected}) > 5
    replica = Replica(edited.store)
    assert replica.unsent(10**6) == expected
    batches, after = [], 0
    while batch := replica.unsent(7, after):
        batches.append(batch)
        after = batch[-1].device_seq
    assert [c for b in batches for c in b] == expected and max(map(len, batches)) == 7
    assert replica.unsent(5, expected[-3].device_seq) == expected[-2:]
    edited.close()


@pytest.mark.parametrize(("table", "forgery"), [("borehole", "UPDATE borehole SET remarks = 'forged' WHERE id = ?"),
                                                 ("custody_event", "DELETE FROM custody_event WHERE id = ?")])
def test_a_row_changed_behind_fieldapps_back_stops_the_read(edited: Session, table: str, forgery: str) -> None:
    victim = edited.store.query(f"SELECT id FROM {table} ORDER BY id LIMIT 1")[0]["id"]
    edited.store.conn.execute(forgery, (victim,))  # SQL of its own, not journalled
    with pytest.raises(IntegrityError, match=f"{table} row {victim} .*changed outside FieldApp"):
        Replica(edited.store).unsent(10**6)
    edited.close()
