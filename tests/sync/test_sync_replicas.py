"""Issue 17, finding 2: a device database restored from a backup, or copied to
a second laptop, loses no edit. Its new edits used to reuse (device id,
sequence number) pairs the hub already held, were counted as duplicates and
stayed on that laptop only ("pushed 0 changes, 3 already on the hub").
And finding 4: the hub's signed receipts let `verify` catch, offline, a chain
that was rewritten, cut short or wiped after it was pushed."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from helpers import data, device, enrolled, hub_data

from fieldapp.domain import borehole, project
from fieldapp.errors import IntegrityError
from fieldapp.hub.service import HubService
from fieldapp.session import Session
from fieldapp.store import Store, journal, natural
from fieldapp.store.verify import verify
from fieldapp.sync.client import HubClient
from fieldapp.sync.engine import sync


def reopen(tmp: Path, name: str) -> Session:
    return device(tmp, name)


def test_edits_after_a_restore_reach_the_hub_and_other_devices(hub: tuple[HubService, str],
                                                               tmp_path: Path) -> None:
    service, url = hub
    a, b = device(tmp_path, "a"), device(tmp_path, "b")
    ca, cb = enrolled(service, url, a), enrolled(service, url, b)
    proj = project.create(a, code="P1", name="one")
    borehole.create(a, proj.id, code="B01")
    sync(a.store, ca)
    path = a.store.path
    a.close()
    backup = tmp_path / "a-backup.sqlite"
    shutil.copy(path, backup)
    a = reopen(tmp_path, "a")
    later = borehole.create(a, proj.id, code="B02")  # made and synced after the backup
    sync(a.store, ca)
    a.close()
    shutil.copy(backup, path)  # restored in place: the same file, its older content

    a = reopen(tmp_path, "a")
    made = [borehole.create(a, proj.id, code=f"R{n}") for n in range(3)]
    report = sync(a.store, ca)
    assert report.pushed >= 3 and report.pending == 0 and report.new_replica, report.summary()
    sync(b.store, cb)
    sync(a.store, ca)
    on_hub = hub_data(service)
    for hole in [*made, later]:
        assert ("borehole", hole.id) in on_hub, "an edit made after the restore did not reach the hub"
        assert ("borehole", hole.id) in data(b) and ("borehole", hole.id) in data(a)
    assert data(a) == data(b) == on_hub
    verify(a.store)
    verify(b.store)
    for x in (a, b, ca, cb):
        x.close()


@pytest.mark.parametrize("first", ["original", "copy"])
def test_a_copied_database_and_its_original_both_keep_their_edits(hub: tuple[HubService, str], tmp_path: Path,
                                                                   first: str) -> None:
    service, url = hub
    a, b = device(tmp_path, "a"), device(tmp_path, "b")
    ca, cb = enrolled(service, url, a), enrolled(service, url, b)
    proj = project.create(a, code="P1", name="one")
    hole = borehole.create(a, proj.id, code="B01")
    sync(a.store, ca)
    unsent = borehole.create(a, proj.id, code="B02")  # on both laptops, sent by neither yet
    a.close()
    shutil.copy(tmp_path / "a.sqlite", tmp_path / "laptop2.sqlite")
    a, c = reopen(tmp_path, "a"), reopen(tmp_path, "laptop2")
    cc = HubClient(url)  # the copy carries the original's token
    on_a = [borehole.create(a, proj.id, code=f"A{n}") for n in range(3)]
    on_c = [borehole.create(c, proj.id, code=f"C{n}") for n in range(2)]
    with a.store.action("edit") as tx:
        tx.update("borehole", hole.id, {"remarks": "from the original"})
    with c.store.action("edit") as tx:
        tx.update("borehole", hole.id, {"technique": "handDraaien"})
    order = [(a, ca), (c, cc)] if first == "original" else [(c, cc), (a, ca)]
    for _ in range(2):
        for session, client in [*order, (b, cb)]:
            sync(session.store, client)
    on_hub = hub_data(service)
    for made in [*on_a, *on_c, unsent]:
        assert ("borehole", made.id) in on_hub, "an edit of one of the two laptops did not reach the hub"
    row = on_hub[("borehole", hole.id)]
    assert row["remarks"] == "from the original" and row["technique"] == "handDraaien"
    assert data(a) == data(c) == data(b) == on_hub
    assert a.store.device_id != c.store.device_id
    for s in (a, b, c):
        verify(s.store)
    for x in (a, b, c, ca, cb, cc):
        x.close()


# --- receipts -----------------------------------------------------------------------------------------------


@pytest.fixture
def synced(hub: tuple[HubService, str], tmp_path: Path) -> Path:
    """A device database whose work the hub has receipted."""
    service, url = hub
    a = device(tmp_path, "a")
    ca = enrolled(service, url, a)
    proj = project.create(a, code="P1", name="one")
    for n in range(4):
        hole = borehole.create(a, proj.id, code=f"B{n}")
        with a.store.action("edit") as tx:
            tx.update("borehole", hole.id, {"remarks": f"hole {n}"})
        sync(a.store, ca)
    assert a.store.count("journal") and verify(a.store).receipts == 4
    path = a.store.path
    a.close()
    ca.close()
    return path


def _rechain(conn: sqlite3.Connection, start: int = 1) -> None:
    journal.rechain(conn, start)


def _edit_row_and_entry(conn: sqlite3.Connection) -> None:
    seq, row_id = conn.execute("SELECT seq, row_id FROM journal WHERE tbl = 'borehole' AND op = 'update' "
                               "ORDER BY seq LIMIT 1").fetchone()
    conn.execute("UPDATE borehole SET remarks = 'never drilled' WHERE id = ?", (row_id,))
    row = dict(zip([d[0] for d in conn.execute("SELECT * FROM borehole").description],
                   conn.execute("SELECT * FROM borehole WHERE id = ?", (row_id,)).fetchone(), strict=True))
    conn.execute("UPDATE journal SET fields = ?, row_hash = ? WHERE seq = ?",
                 (journal.canonical({"remarks": "never drilled"}), journal.row_hash(row), seq))
    _rechain(conn, seq)


def _drop_last_entry_and_change(conn: sqlite3.Connection) -> None:
    seq, row_id = conn.execute("SELECT seq, row_id FROM journal ORDER BY seq DESC LIMIT 1").fetchone()
    conn.execute("DELETE FROM journal WHERE seq = ?", (seq,))
    conn.execute("UPDATE borehole SET remarks = NULL WHERE id = ?", (row_id,))  # back as its insert left it
    # and the sync bookkeeping that would give it away, as a careful forger would
    conn.execute("UPDATE sync_pull_mark SET local_seq = ? WHERE local_seq >= ?", (seq - 1, seq))
    conn.execute("UPDATE sync_state SET value = CAST(value AS INTEGER) - 1 WHERE key = 'pushed_upto'")


def _wipe(conn: sqlite3.Connection) -> None:
    for table in ("custody_event", "shipment_item", "shipment", "container", "sample_part", "sample", "layer",
                  "borehole", "project", "journal", "sync_pull_mark"):
        conn.execute(f"DELETE FROM {table}")
    conn.execute("DELETE FROM sync_state WHERE key = 'pushed_upto'")


@pytest.mark.parametrize("hub", ["sqlite"], indirect=True)
@pytest.mark.parametrize(("tamper", "words"), [
    (_edit_row_and_entry, "differs from the one the hub receipted"),
    (_drop_last_entry_and_change, "no longer holds"),
    (_wipe, "no longer holds"),
])
def test_receipts_catch_a_rewritten_shortened_or_wiped_chain(synced: Path, tamper: object, words: str) -> None:
    conn = sqlite3.connect(synced)
    natural.register(conn)  # wiping boreholes and samples updates their natural-order indexes
    tamper(conn)  # type: ignore[operator]
    conn.commit()
    conn.close()
    store = Store.open(synced, actor="verify", read_only=True)
    with pytest.raises(IntegrityError, match=words):
        verify(store)
    store.close()


@pytest.mark.parametrize("hub", ["sqlite"], indirect=True)
def test_a_bundle_from_a_restored_database_is_refused_whole_then_nothing_is_lost(hub: tuple[HubService, str],
                                                                                 tmp_path: Path) -> None:
    from fieldapp.errors import BundleError
    from fieldapp.hub.service import import_bundle
    from fieldapp.sync.bundle import write_bundle

    service, url = hub
    a = device(tmp_path, "a")
    ca = enrolled(service, url, a)
    proj = project.create(a, code="P1", name="one")
    sync(a.store, ca)
    a.close()
    shutil.copy(tmp_path / "a.sqlite", tmp_path / "backup.sqlite")
    a = reopen(tmp_path, "a")
    borehole.create(a, proj.id, code="B01")
    sync(a.store, ca)
    a.close()
    shutil.copy(tmp_path / "backup.sqlite", tmp_path / "a.sqlite")
    a = reopen(tmp_path, "a")
    offline = borehole.create(a, proj.id, code="OFF1")
    write_bundle(a.store, tmp_path / "a.bundle")
    before = service.change_ids()
    with pytest.raises(BundleError, match="restored or copied"):
        import_bundle(service, (tmp_path / "a.bundle").read_bytes())
    assert service.change_ids() == before, "a refused bundle wrote something"
    sync(a.store, ca)  # online once: the edit gets a new replica id and is sent
    assert ("borehole", offline.id) in hub_data(service)
    later = borehole.create(a, proj.id, code="OFF2")  # and a bundle of the new replica imports
    write_bundle(a.store, tmp_path / "b.bundle")
    assert import_bundle(service, (tmp_path / "b.bundle").read_bytes()).accepted == 1
    assert ("borehole", later.id) in hub_data(service)
    sync(a.store, ca)
    assert data(a) == hub_data(service)
    verify(a.store)
    a.close()
    ca.close()


class _CopySyncsFirst(HubClient):
    """A client whose first pull waits until the copy of its database has
    pushed: the copy's changes land between this sync's check and its pull."""

    def __init__(self, url: str, before_pull: object) -> None:
        super().__init__(url)
        self.before_pull = before_pull

    def pull(self, cursor: int, limit: int, *, replica: str = "") -> dict[str, object]:
        if self.before_pull is not None:
            run, self.before_pull = self.before_pull, None
            run()  # type: ignore[operator]
        return super().pull(cursor, limit, replica=replica)


@pytest.mark.parametrize("hub", ["sqlite"], indirect=True)
def test_a_copy_pushing_while_the_original_syncs_loses_nothing(hub: tuple[HubService, str],
                                                               tmp_path: Path) -> None:
    service, url = hub
    a = device(tmp_path, "a")
    ca = enrolled(service, url, a)
    proj = project.create(a, code="P1", name="one")
    sync(a.store, ca)
    a.close()
    shutil.copy(tmp_path / "a.sqlite", tmp_path / "laptop2.sqlite")
    a, c = reopen(tmp_path, "a"), reopen(tmp_path, "laptop2")
    made = borehole.create(c, proj.id, code="C1")
    cc = HubClient(url)
    racing = _CopySyncsFirst(url, lambda: sync(c.store, cc))
    sync(a.store, racing)  # a has nothing to push; the copy pushes under the same id meanwhile
    assert ("borehole", made.id) in data(a), "the copy's edit was left out of the original's pull"
    sync(c.store, cc)
    assert data(a) == data(c) == hub_data(service)
    for s in (a, c):
        verify(s.store)
        s.close()
    for client in (ca, cc, racing):
        client.close()


@pytest.mark.parametrize("hub", ["sqlite"], indirect=True)
def test_the_sync_command_after_a_restore_sends_the_new_edits(hub: tuple[HubService, str], tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    """The report of finding 2 was this command's line: "pushed 0 changes (3 already on the hub)"."""
    from ui.main import main as fieldapp

    service, url = hub
    a = device(tmp_path, "a")
    ca = enrolled(service, url, a)
    proj = project.create(a, code="P1", name="one")
    sync(a.store, ca)
    a.close()
    ca.close()
    db = tmp_path / "a.sqlite"
    shutil.copy(db, tmp_path / "backup.sqlite")
    with reopen(tmp_path, "a") as a:
        for n in range(3):
            borehole.create(a, proj.id, code=f"B{n}")
    assert fieldapp(["sync", "--db", str(db)]) == 0
    shutil.copy(tmp_path / "backup.sqlite", db)
    with reopen(tmp_path, "a") as a:
        made = [borehole.create(a, proj.id, code=f"R{n}").id for n in range(3)]
    capsys.readouterr()
    assert fieldapp(["sync", "--db", str(db)]) == 0
    line = capsys.readouterr().out.strip()
    assert line.startswith("pushed 3 changes (0 already on the hub)") and "new replica id" in line, line
    assert all(("borehole", m) in hub_data(service) for m in made)
    assert fieldapp(["verify", "--db", str(db)]) == 0


@pytest.mark.parametrize("hub", ["sqlite"], indirect=True)
def test_a_chain_rewritten_with_its_receipts_dropped_is_caught_at_the_next_sync(synced: Path,
                                                                               hub: tuple[HubService, str],
                                                                               capsys: pytest.CaptureFixture[str]
                                                                               ) -> None:
    from ui.main import main as fieldapp

    service, _url = hub
    before = hub_data(service)
    conn = sqlite3.connect(synced)
    _edit_row_and_entry(conn)
    conn.execute("DELETE FROM sync_receipt")  # what verify checks offline, gone too
    conn.commit()
    conn.close()
    assert fieldapp(["sync", "--db", str(synced)]) == 1
    err = capsys.readouterr().err
    assert "rewritten outside FieldApp" in err and len(err.strip().splitlines()) == 1
    assert hub_data(service) == before, "the forged value reached the hub"
