"""Helpers for the store tests."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from fieldapp import demo
from fieldapp.errors import FieldAppError
from fieldapp.session import Session
from fieldapp.settings import Settings
from fieldapp.store import journal
from fieldapp.store.migrations import DOMAIN_TABLES


def snapshot(session: Session) -> dict[str, Any]:
    """Everything a failed action could have touched."""
    tables = {t: session.store.query(f"SELECT * FROM {t} ORDER BY id") for t in DOMAIN_TABLES}
    tables["journal"] = session.store.query("SELECT * FROM journal ORDER BY seq")
    return tables


def refused(session: Session, error: type[FieldAppError], words: tuple[str, ...],
            action: Callable[[], object]) -> FieldAppError:
    before = snapshot(session)
    with pytest.raises(error) as info:
        action()
    assert snapshot(session) == before, "a refused action wrote something"
    text = str(info.value)
    for word in words:
        assert word in text, f"{word!r} not in message {text!r}"
    assert info.value.hint, "the message must say how to put it right"
    return info.value


def journal_as_before(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """The lean journal (schema step 0013) in the shape it had before, each
    hash as hex and each entry naming the one before it, for comparing an
    upgraded file's entries with what they were."""
    cols = ("seq", "device_id", "device_seq", "hlc", "action_id", "action", "actor", "at", "tbl", "row_id", "op",
            "fields", "row_hash")
    out = []
    prev = "0" * 64
    for values in conn.execute(f"SELECT {', '.join(cols)}, seq FROM journal_entry ORDER BY seq").fetchall():
        entry = dict(zip(cols, values[:-1], strict=True))
        entry["row_hash"] = bytes(entry["row_hash"]).hex()
        entry["prev_hash"] = prev
        entry["hash"] = prev = journal.hash_at(conn, int(values[-1])).hex()
        out.append(entry)
    return out


def demo_database(path: Path, boreholes: int, project_code: str | None = None) -> Path:
    """A demo project of ``boreholes`` at ``path``, its photos in the folder beside it."""
    with Session.open(path, settings=Settings(user="J. de Vries")) as session:
        if project_code is None:
            demo.create(session, boreholes=boreholes, seed=3)
        else:
            demo.create(session, boreholes=boreholes, seed=3, project_code=project_code)
    return path


def copy_database(source: Path, target: Path) -> Path:
    """``source`` copied to ``target`` with its photo folder: the photos are part of the record, and
    verify hashes each file."""
    shutil.copy(source, target)
    shutil.copytree(source.with_name(f"{source.stem}.photos"), target.with_name(f"{target.stem}.photos"))
    return target


def run_verify(db: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    """``fieldapp verify --db`` as a user runs it: its exit code and everything it said."""
    from ui.main import main as fieldapp

    code = fieldapp(["verify", "--db", str(db)])
    out = capsys.readouterr()
    return code, out.out + out.err
