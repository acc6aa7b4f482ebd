"""Helpers for the store tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from fieldapp.errors import FieldAppError
from fieldapp.session import Session
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
