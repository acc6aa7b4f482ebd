"""`fieldapp verify`: is the field record exactly what FieldApp wrote?"""

from __future__ import annotations

from dataclasses import dataclass

from fieldapp.errors import IntegrityError
from fieldapp.store import journal
from fieldapp.store.database import Store
from fieldapp.store.migrations import DOMAIN_TABLES


@dataclass(frozen=True)
class VerifyReport:
    entries: int
    rows: int
    tables: int

    def summary(self) -> str:
        return (
            f"verified: audit chain of {self.entries} entries intact; "
            f"{self.rows} rows in {self.tables} tables match it"
        )


def verify(store: Store) -> VerifyReport:
    """Recompute the hash chain and check every domain row against it.

    Raises :class:`IntegrityError` naming the first journal entry or row that
    does not match.
    """
    expected: dict[tuple[str, str], str] = {}
    prev = journal.GENESIS
    cols = ", ".join(journal.JOURNAL_COLUMNS)
    cur = store.conn.execute(f"SELECT seq, {cols}, hash FROM journal ORDER BY seq")
    entries = 0
    for record in cur:
        seq, values, stored = record[0], record[1:-1], record[-1]
        entry = journal.Entry(*values)
        if entry.prev_hash != prev:
            raise IntegrityError(
                f"audit chain broken at journal entry {seq}: it does not follow entry {seq - 1} "
                "(an entry was removed or inserted outside FieldApp)",
                table="journal",
                row_id=str(seq),
            )
        if entry.chain_hash() != stored:
            raise IntegrityError(
                f"audit chain broken at journal entry {seq} ({entry.tbl} {entry.row_id}): "
                "the entry was altered outside FieldApp",
                table="journal",
                row_id=str(seq),
            )
        prev = stored
        entries += 1
        expected[(entry.tbl, entry.row_id)] = entry.row_hash  # '' after a delete

    rows = 0
    for table in DOMAIN_TABLES:
        cur = store.conn.execute(f"SELECT * FROM {table} ORDER BY id")
        names = [d[0] for d in cur.description]
        for values in cur:
            row = dict(zip(names, values, strict=True))
            row_id = str(row["id"])
            want = expected.pop((table, row_id), None)
            if not want:
                raise IntegrityError(
                    f"{table} row {row_id} was inserted outside FieldApp "
                    "(no journal entry records it)",
                    table=table,
                    row_id=row_id,
                )
            if journal.row_hash(row) != want:
                raise IntegrityError(
                    f"{table} row {row_id} was changed outside FieldApp "
                    "(it does not match its last journal entry)",
                    table=table,
                    row_id=row_id,
                )
            rows += 1
    for (table, row_id), want in expected.items():
        if want:
            raise IntegrityError(
                f"{table} row {row_id} was deleted outside FieldApp "
                "(the journal records it, the table does not hold it)",
                table=table,
                row_id=row_id,
            )
    return VerifyReport(entries=entries, rows=rows, tables=len(DOMAIN_TABLES))
