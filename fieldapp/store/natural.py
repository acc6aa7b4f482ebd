"""Natural order of codes in SQL: B2 before B10, read from an index.

``fieldapp_natural(code)`` is a text whose plain (binary) order is the
natural order of the codes (:func:`fieldapp.domain.borehole.natural_key`, which exports sort by too),
with the code itself at the end so that no two codes of a project share a
key. An index on it (schema step 0018_natural_order) lets the borehole list
read one page at a time in that order, count the rows before a borehole and
search, without Python comparing codes row by row.

The function is registered on every connection FieldApp opens
(:func:`register`). A tool without it (the sqlite3 shell) can read the file
but cannot add, rename or delete a borehole, nor run ``PRAGMA
integrity_check`` (``quick_check`` works); ``fieldapp verify`` checks the
file with it.
"""

from __future__ import annotations

import re
import sqlite3

FUNCTION = "fieldapp_natural"
_DIGITS = re.compile(r"(\d+)")
# below every character of a code: the end of a key sorts before any part that continues it
_END, _TEXT_END, _TEXT, _NUMBER = "\x01", "\x02", "\x03", "\x04"


def natural_sort_key(code: str) -> str:
    """A text whose binary order is the natural order of ``code`` (digits as numbers, letters
    without case), ties broken by the code itself."""
    out = []
    for part in _DIGITS.split(code):
        if not part:
            continue
        if part.isdigit():
            digits = part.lstrip("0") or "0"
            out.append(f"{_NUMBER}{len(digits):04d}{digits}")
        else:
            out.append(f"{_TEXT}{part.casefold()}{_TEXT_END}")
    out.append(_END)
    out.append(code)
    return "".join(out)


def number_range(prefix: str) -> tuple[str, str] | None:
    """The keys of the codes ``prefix`` + a number (+ anything), as [low, high): the index finds the
    highest such code in one step. None for a prefix that is empty or holds a digit."""
    if not prefix or _DIGITS.search(prefix):
        return None
    head = f"{_TEXT}{prefix.casefold()}{_TEXT_END}"
    return head + _NUMBER, head + chr(ord(_NUMBER) + 1)


def _sql_key(code: object) -> str | None:
    return None if code is None else natural_sort_key(str(code))


def register(conn: sqlite3.Connection) -> None:
    """Make ``fieldapp_natural`` known to ``conn`` (an index on it needs it to write and check)."""
    conn.create_function(FUNCTION, 1, _sql_key, deterministic=True)
