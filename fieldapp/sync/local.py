"""The device side of sync: what is unsent, and applying what was pulled.

Everything here runs on the device's own store. Own changes are read from
the journal (the change log); pulled changes are merged row by row with
:mod:`fieldapp.sync.merge` over the row's journal history and written with
:meth:`~fieldapp.store.database.Tx.apply_remote`, so that the local audit
chain records them and ``verify`` still passes.
"""

from __future__ import annotations

import bisect
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from fieldapp.errors import StoreError, ValidationError
from fieldapp.store import journal
from fieldapp.store.database import Store, Tx, UniqueViolation, utc_now
from fieldapp.sync import merge, validate
from fieldapp.sync.apply import apply_batch
from fieldapp.sync.changes import Change
from fieldapp.sync.collect import fewer_collections

PUSHED = "pushed_upto"  # highest own device_seq the hub confirmed
CURSOR = "pull_cursor"  # hub position up to which changes were pulled and applied


class Replica:
    """The sync view of one device store."""

    def __init__(self, store: Store) -> None:
        self.store = store

    # small key/value state ------------------------------------------------
    def get(self, key: str, default: str = "") -> str:
        row = self.store.conn.execute("SELECT value FROM sync_state WHERE key = ?", (key,)).fetchone()
        return default if row is None else str(row[0])

    def put(self, key: str, value: str) -> None:
        self.store.conn.execute(
            "INSERT INTO sync_state (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (key, value))

    def put_committed(self, **values: str) -> None:
        with self.store.action("Sync state"):
            for key, value in values.items():
                self.put(key, value)

    @property
    def pushed_upto(self) -> int:
        return int(self.get(PUSHED, "0"))

    @property
    def cursor(self) -> int:
        return int(self.get(CURSOR, "0"))

    # own changes ------------------------------------------------------------
    def pending(self) -> int:
        """Own changes the hub has not confirmed: constant time, so the status bar can show it after every write.

        An own entry takes the next device_seq (journal.Appender; a fork renumbers the orphans 1, 2, ...), so
        the numbers are dense and the count is the newest one less the last the hub confirmed: one seek
        in the (device, device_seq) index, where a COUNT over the range read every unsent entry (a
        50,000-borehole device that never synced has millions)."""
        return max(0, self.last_own_seq() - self.pushed_upto)

    def last_own_seq(self) -> int:
        """The newest own change journalled so far."""
        row = self.store.conn.execute(f"SELECT MAX(device_seq) FROM journal WHERE {journal.OF_DEVICE}",
                                      (self.store.device_id,)).fetchone()
        return int(row[0] or 0)

    def unsent(self, limit: int, after: int | None = None) -> list[Change]:
        """Own changes the hub has not confirmed, oldest first, each with the
        hub cursor its author had seen when making it."""
        start = self.pushed_upto if after is None else after
        # the entries' own columns only: the action's four texts and the table and operation names are
        # shared objects looked up here, not new strings made per entry by a join (three quarters of the read)
        rows = self.store.conn.execute(
            f"SELECT seq, device_seq, hlc, action, tbl_code, row_id, op_code, fields, row_hash FROM journal "
            f"WHERE {journal.OF_DEVICE} AND device_seq > ? ORDER BY device_seq LIMIT ?",
            (self.store.device_id, start, limit)).fetchall()
        if not rows:
            return []
        device_id = self.store.device_id
        actions = journal.actions(self.store.conn, {r[3] for r in rows})
        tables, ops = journal.TABLE_NAMES, journal.OP_CODES
        # an insert whose row still stands as inserted leaves its text to the row (checked against its row hash)
        texts = journal.checked_texts(self.store.conn, [(tables.get(r[4], r[4]), r[5], r[8]) for r in rows
                                                        if r[7] is None])
        marks = self.store.conn.execute(
            "SELECT local_seq, hub_pos FROM sync_pull_mark ORDER BY local_seq").fetchall()
        mark_seqs = [m[0] for m in marks]
        out = []
        for seq, device_seq, hlc, action, code, row_id, op, fields, _digest in rows:
            i = bisect.bisect_left(mark_seqs, seq)
            seen = int(marks[i - 1][1]) if i else 0
            tbl = tables.get(code, code)
            action_id, name, actor, at = actions[action]
            out.append(Change(device_id, device_seq, hlc, action_id, name, actor, at, tbl, row_id, ops[op],
                              texts[(tbl, row_id)] if fields is None else fields, seen))
        return out

    def mark_pushed(self, upto: int, bounded: Sequence[tuple[int, int]] = ()) -> None:
        """Record the hub's answer: own changes up to ``upto`` are on the hub;
        ``bounded`` lists (device_seq, eff) of those whose stamp the hub bounded."""
        with self.store.action("Sync: pushed"):
            self.store.conn.executemany(
                "INSERT OR REPLACE INTO sync_effective (device_id, device_seq, eff) VALUES (?, ?, ?)",
                [(self.store.device_id, seq, eff) for seq, eff in bounded])
            if upto > self.pushed_upto:
                self.put(PUSHED, str(upto))

    # pulled changes -----------------------------------------------------------
    def apply_pulled(self, changes: Sequence[Change], cursor: int,
                     on_apply: Callable[[Change], None] | None = None) -> ApplyResult:
        """Merge a pulled batch and move the cursor, in one transaction: a
        device killed half-way keeps neither, and pulls the batch again."""
        result = ApplyResult()
        with fewer_collections(), self.store.remote_batch("Sync: pull") as tx:
            effective = self._effective()
            pushed = self.pushed_upto
            me = self.store.device_id

            def concurrent(old: merge.Stamp, _new: merge.Stamp) -> bool:
                # on a device only a local unsent value is worth a local conflict note;
                # the hub keeps the authoritative conflict list
                return old.device_id == me and old.device_seq > pushed

            done = apply_batch(tx, changes, effective, concurrent, on_apply)
            if done is None:  # the database refused a write: settle each change on its own
                self._apply_each(tx, changes, self._effective(), concurrent, on_apply, result)
            else:
                result.applied, result.skipped = done.applied, done.skipped
                result.conflicts, result.invalid = done.conflicts, done.invalid
            if cursor > self.cursor:
                self.put(CURSOR, str(cursor))
            if result.applied:
                # for the clocks of every connection to this file (see Tx.__init__)
                tx.conn.execute("INSERT INTO meta (key, value) VALUES ('observed_hlc', ?) "
                                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                                (str(self.store.clock.last),))
            last = tx.conn.execute("SELECT MAX(seq) FROM journal").fetchone()[0] or 0
            tx.conn.execute("INSERT OR REPLACE INTO sync_pull_mark (local_seq, hub_pos) VALUES (?, ?)",
                            (last, max(cursor, self.cursor)))
            self.put("last_pull_at", utc_now())
        return result

    def _apply_each(self, tx: Tx, changes: Sequence[Change], effective: dict[tuple[str, int], int],
                    concurrent: merge.Concurrent, on_apply: Callable[[Change], None] | None,
                    result: ApplyResult) -> None:
        """Apply changes one by one, each in a savepoint of its own (the path
        for a batch the bulk write could not take whole)."""
        for change in changes:
            if self._known(change):
                result.skipped += 1
                continue
            if change.eff and change.eff != change.hlc:
                effective[change.change_id] = change.eff
                tx.conn.execute("INSERT OR REPLACE INTO sync_effective VALUES (?, ?, ?)",
                                (change.device_id, change.device_seq, change.eff))
            try:
                values = change.values()
                validate.check_values(change.tbl, change.row_id, values)
                state = self._history(tx, change, effective)
                losses = merge.apply(state, change.op, values, change.stamp(), concurrent)
                row = state.row(change.row_id)
                if row is not None:
                    validate.check_row(change.tbl, change.row_id, row)
                written = self._write(tx, change, row)
            except (ValueError, ValidationError, StoreError) as exc:
                self._skip_invalid(tx, change, exc)
                result.invalid += 1
                continue
            if not written:
                result.unique_refused += 1
            self.store.clock.observe(change.effective)
            self._note(tx, change, losses)
            result.applied += 1
            result.conflicts += len(losses)
            if on_apply is not None:
                on_apply(change)  # tests kill the device here, half-way through a batch

    @staticmethod
    def _write(tx: Tx, change: Change, row: dict[str, Any] | None) -> bool:
        """Write the merged row; if a UNIQUE code refuses it (two devices gave
        one code to different rows offline), keep the local row, journal the
        change as received and note it for the coordinator, instead of
        blocking every later pull on it."""
        tx.conn.execute("SAVEPOINT remote_change")
        try:
            tx.apply_remote(change.to_wire(), row)
        except UniqueViolation as exc:
            tx.conn.execute("ROLLBACK TO remote_change")
            tx.conn.execute("RELEASE remote_change")
            tx.apply_remote(change.to_wire(), tx.get(change.tbl, change.row_id))
            tx.conn.execute(
                "INSERT INTO sync_conflict (tbl, row_id, field, kind, value, loser_device, loser_seq, loser_hlc, "
                "winner_device, winner_seq, winner_hlc) VALUES (?, ?, ?, 'unique', ?, ?, ?, ?, '', 0, 0)",
                (change.tbl, change.row_id, ",".join(exc.columns), change.fields, change.device_id,
                 change.device_seq, change.hlc))
            return False
        except StoreError:
            # another rule refused it (see _skip_invalid): undo this change alone
            tx.conn.execute("ROLLBACK TO remote_change")
            tx.conn.execute("RELEASE remote_change")
            raise
        tx.conn.execute("RELEASE remote_change")
        return True

    @staticmethod
    def _skip_invalid(tx: Tx, change: Change, exc: Exception) -> None:
        """A change an older hub accepted but no device can store (a layer with
        no soil code, a depth given as text): keep it out of the data, note it
        for review, and go on with the changes after it, instead of failing
        every later sync of every device on it."""
        field = exc.field if isinstance(exc, ValidationError) else ""
        tx.conn.execute(
            "INSERT INTO sync_conflict (tbl, row_id, field, kind, value, loser_device, loser_seq, loser_hlc, "
            "winner_device, winner_seq, winner_hlc) VALUES (?, ?, ?, 'invalid', ?, ?, ?, ?, ?, 0, 0)",
            (change.tbl, change.row_id, field.split(".")[-1], change.fields, change.device_id, change.device_seq,
             change.hlc, str(exc)[:500]))

    def _known(self, change: Change) -> bool:
        return self.store.conn.execute(f"SELECT 1 FROM journal WHERE {journal.OF_DEVICE} AND device_seq = ?",
                                       change.change_id).fetchone() is not None

    def _effective(self) -> dict[tuple[str, int], int]:
        rows = self.store.conn.execute("SELECT device_id, device_seq, eff FROM sync_effective")
        return {(r[0], r[1]): r[2] for r in rows}

    @staticmethod
    def _history(tx: Tx, change: Change, effective: dict[tuple[str, int], int]) -> merge.RowState:
        state = merge.RowState()
        rows = tx.conn.execute(
            "SELECT d.device_id, j.device_seq, j.hlc, j.op, j.fields FROM journal j "
            "JOIN journal_device d ON d.id = j.device WHERE j.tbl = ? AND j.row_id = ? ORDER BY j.seq",
            (change.tbl, change.row_id)).fetchall()
        texts = journal.fill_fields(tx.conn, [(change.tbl, change.row_id, r[4]) for r in rows])
        for device_id, device_seq, hlc, op, fields in rows:
            stamp = merge.Stamp(effective.get((device_id, device_seq), hlc), device_id, hlc, device_seq)
            text = texts[(change.tbl, change.row_id)] if fields is None else fields
            merge.apply(state, op, json.loads(text), stamp)
        return state

    @staticmethod
    def _note(tx: Tx, change: Change, losses: Sequence[merge.Loss]) -> None:
        tx.conn.executemany(
            "INSERT INTO sync_conflict (tbl, row_id, field, kind, value, loser_device, loser_seq, loser_hlc, "
            "winner_device, winner_seq, winner_hlc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(change.tbl, change.row_id, x.field, x.kind, json.dumps(x.value), x.loser.device_id,
              x.loser.device_seq, x.loser.hlc, x.winner.device_id, x.winner.device_seq, x.winner.hlc)
             for x in losses])


@dataclass
class ApplyResult:
    applied: int = 0
    skipped: int = 0
    conflicts: int = 0
    unique_refused: int = 0
    invalid: int = 0  # changes no device can store, skipped and noted (see _skip_invalid)
