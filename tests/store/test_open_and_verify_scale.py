"""Issue 18: opening a store reads no more of the journal at 50,000 boreholes
than at 10, and `verify` streams (its memory does not grow with the file,
it reports progress, it stops on damage in a file of any size)."""

from __future__ import annotations

import sqlite3
import tracemalloc
from pathlib import Path

import pytest

from fieldapp import demo
from fieldapp.session import Session
from fieldapp.settings import Settings
from fieldapp.store import Store, database, journal
from fieldapp.store.verify import verify


def _demo(path: Path, boreholes: int) -> Path:
    with Session.open(path, settings=Settings(user="J. de Vries")) as session:
        demo.create(session, boreholes=boreholes, seed=5)
    return path


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _demo(tmp_path_factory.mktemp("small") / "small.sqlite", 15)


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _demo(tmp_path_factory.mktemp("large") / "large.sqlite", 120)


def _steps_to_open_and_edit(path: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    """SQLite virtual-machine steps (in hundreds) of an open and a first edit,
    counted by SQLite's progress handler: a count, not a time."""
    steps = [0]
    connect = database._connect

    def counted(path: Path, *, read_only: bool = False) -> sqlite3.Connection:
        conn = connect(path, read_only=read_only)
        conn.set_progress_handler(lambda: steps.__setitem__(0, steps[0] + 1) or 0, 100)
        return conn

    with monkeypatch.context() as patch:
        patch.setattr(database, "_connect", counted)
        with Store.open(path, actor="J. de Vries") as store, store.action("one edit") as tx:
            tx.insert("project", {"code": f"P-{steps[0]}", "name": "one more"})
    return steps[0]


def test_opening_a_store_costs_the_same_whatever_the_journal_holds(
        small: Path, large: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with sqlite3.connect(large) as conn:
        assert conn.execute("SELECT COUNT(*) FROM journal").fetchone()[0] > 3000
    few, many = _steps_to_open_and_edit(small, monkeypatch), _steps_to_open_and_edit(large, monkeypatch)
    # before issue 18, MAX(hlc) stepped through every entry of the device: ~8x here
    assert many <= few * 1.2 + 5, (few, many)


def test_the_clock_goes_on_from_the_newest_stamp_after_reopening(small: Path) -> None:
    with Store.open(small, actor="J. de Vries") as store:
        newest = store.conn.execute("SELECT MAX(hlc) FROM journal_entry WHERE device_id = ?",
                                    (store.device_id,)).fetchone()[0]
        assert store.clock.now() > newest


def test_an_older_file_gets_the_index_and_stays_verifiable(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    with Store.open(path, actor="J. de Vries", upto="0006_replica_receipts") as store, \
            store.action("New project") as tx:
        tx.insert("project", {"code": "P-1", "name": "old"})
    with Store.open(path, actor="verify", read_only=True) as store:
        assert verify(store).entries == 1  # checked as it stands, without the new step
    with Store.open(path, actor="J. de Vries") as store:
        indexes = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        # 0008 added journal_head; 0013 drops it (the newest own change gives the newest own stamp)
        assert "journal_head" not in indexes and "journal_row" in indexes
    with Store.open(path, actor="verify", read_only=True) as store:
        assert verify(store).entries == 1


def _peak(path: Path) -> int:
    with Store.open(path, actor="verify", read_only=True) as store:
        tracemalloc.start()
        try:
            verify(store)
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()


def test_verify_memory_does_not_grow_with_the_file(small: Path, large: Path) -> None:
    with sqlite3.connect(small) as a, sqlite3.connect(large) as b:
        entries = (a.execute("SELECT COUNT(*) FROM journal").fetchone()[0],
                   b.execute("SELECT COUNT(*) FROM journal").fetchone()[0])
    assert entries[1] > 5 * entries[0]
    # what it holds per journal entry before streaming (two dicts) was some
    # 300 bytes: at 4,000 more entries that is over a megabyte more
    assert _peak(large) - _peak(small) < 256 * 1024


def test_verify_reports_progress_up_to_its_total(large: Path) -> None:
    told: list[tuple[int, int]] = []
    with Store.open(large, actor="verify", read_only=True) as store:
        report = verify(store, progress=lambda done, total: told.append((done, total)))
    assert told[0][0] == 0 and told[-1][0] == told[-1][1] > 0
    assert [d for d, _ in told] == sorted(d for d, _ in told)
    assert told[-1][1] >= report.entries + report.rows


def test_verify_names_a_deleted_row_of_a_large_file(large: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.sqlite"
    copy.write_bytes(large.read_bytes())
    with sqlite3.connect(copy) as conn:
        victim = conn.execute("SELECT id FROM layer ORDER BY id LIMIT 1 OFFSET 77").fetchone()[0]
        conn.execute("DELETE FROM layer WHERE id = ?", (victim,))
    with Store.open(copy, actor="verify", read_only=True) as store, pytest.raises(Exception) as info:
        verify(store)
    assert f"layer row {victim} was deleted outside FieldApp" in str(info.value)


def test_verify_names_a_row_the_journal_keeps_in_a_table_the_schema_lacks(small: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.sqlite"
    copy.write_bytes(small.read_bytes())
    with sqlite3.connect(copy) as conn:
        seq, device, device_seq = conn.execute(
            "SELECT seq, device_id, device_seq FROM journal_entry ORDER BY seq DESC LIMIT 1").fetchone()
        # a well-chained entry (as a forger who recomputed the chain would write it)
        stamp = ("a", "forged", "x", "2026-01-01T00:00:00Z")
        params = journal.Appender(conn, device, stamp).remote_params(
            device, device_seq + 1, 1, stamp, "ghost", "g-1", "insert", "{}", bytes.fromhex("ab" * 32))
        conn.execute(journal.INSERT_SQL, params)
    with Store.open(copy, actor="verify", read_only=True) as store, pytest.raises(Exception) as info:
        verify(store)
    assert "ghost row g-1 was deleted outside FieldApp" in str(info.value), seq
