"""What a hub answers a device, checked for its shape before any of it is applied or kept.

A proxy's error page, a cut-off answer or a server that is no FieldApp hub
must stop a sync with a message naming what is wrong and nothing of it
written. Unchecked, a pulled change whose numbers were text, fractions or
beyond 64 bits went into the journal (or failed half-way with a TypeError), a
stamp beyond 64 bits was kept as the device clock's ``observed_hlc`` in a form
no later write could read, a cursor that did not move with ``more`` set
pulled forever, and a push answer's ``upto`` beyond what was sent marked
unsent edits as sent.

Only the shape is checked here: what a well-formed change *says* (its
table, fields and values) is fieldapp.sync.validate's, and a device skips
and notes an invalid one instead of refusing the batch (fieldapp.sync.local).
"""

from __future__ import annotations

import re
from collections.abc import Container, Mapping, Sequence
from typing import Any

from fieldapp.sync.changes import WIRE_FIELDS
from fieldapp.sync.protocol import ROLES

_INT64 = 2**63
# The stamp a device's clock takes over from a pulled change (eff, or hlc
# where there is none): a hub bounds it near its own clock, far below this;
# one near 2**63 would overflow the device's every later edit.
MAX_STAMP = 2**62
_TEXTS = ("device_id", "action_id", "action", "actor", "at", "tbl", "row_id", "op", "fields")
_OPS = frozenset({"insert", "update", "delete"})
_REQUIRED = tuple(name for name in WIRE_FIELDS if name not in ("seen", "eff"))


class Malformed(ValueError):
    """The answer is not what a FieldApp hub sends; the message names what is wrong, in English."""


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else f"{text[:30]}... ({len(text)} characters)"


def whole(value: object, name: str, low: int = 0, high: int = _INT64) -> int:
    """``value`` if it is a whole number in ``low``..``high``-1 (a float or bool is not one)."""
    if type(value) is not int or not low <= value < high:
        raise Malformed(f"{name} is {_shown(value)}, not a whole number from {low} to {high - 1}")
    return value


def _dict(value: object, name: str) -> dict[str, Any]:
    if type(value) is not dict:
        raise Malformed(f"{name} is {_shown(value)}, not an object")
    return value


def _sound(data: object) -> bool:
    """Whether ``data`` is a change of the right shape: the common case in one expression (a pull checks
    115,000 changes; the message of one that is not is :func:`_said`'s)."""
    if type(data) is not dict:
        return False
    try:
        seq, hlc, seen, eff = data["device_seq"], data["hlc"], data.get("seen", 0), data.get("eff", 0)
        return (type(seq) is int and type(hlc) is int and type(seen) is int and type(eff) is int
                and 1 <= seq < _INT64 and 0 <= hlc < _INT64 and 0 <= seen < _INT64 and 0 <= eff < _INT64
                and (eff or hlc) < MAX_STAMP and data["op"] in _OPS and bool(data["device_id"])
                and type(data["device_id"]) is str and type(data["action_id"]) is str
                and type(data["action"]) is str and type(data["actor"]) is str and type(data["at"]) is str
                and type(data["tbl"]) is str and type(data["row_id"]) is str and type(data["op"]) is str
                and type(data["fields"]) is str)  # _TEXTS, unrolled: a generator costs as much again
    except (KeyError, TypeError):
        return False


def change(data: object, n: int) -> None:
    """One change as the hub serves it (or a bundle carries it); ``n`` names it."""
    if not _sound(data):
        _said(data, n)
        raise Malformed(f"change {n} is not one FieldApp writes")  # _said names every case; this is a guard


def _said(data: object, n: int) -> None:
    """Raise what is wrong with change ``n``."""
    name = f"change {n}"
    found = _dict(data, name)
    missing = [key for key in _REQUIRED if key not in found]
    if missing:
        raise Malformed(f"{name} lacks {', '.join(missing)}")
    for key in _TEXTS:
        if type(found[key]) is not str:
            raise Malformed(f"{name}: {key} is {_shown(found[key])}, not text")
    if not found["device_id"] or found["op"] not in _OPS:
        raise Malformed(f"{name}: device {_shown(found['device_id'])} or operation {_shown(found['op'])} "
                        "is not one FieldApp writes")
    whole(found["device_seq"], f"{name}: device_seq", 1)
    hlc = whole(found["hlc"], f"{name}: hlc")
    whole(found.get("seen", 0), f"{name}: seen")
    eff = whole(found.get("eff", 0), f"{name}: eff")
    whole(eff or hlc, f"{name}: its stamp", 0, MAX_STAMP)


def changes(value: object, name: str = "changes") -> list[dict[str, Any]]:
    if type(value) is not list:
        raise Malformed(f"{name} is {_shown(value)}, not a list")
    for n, data in enumerate(value, 1):
        change(data, n)
    return value


def pull(answer: object, cursor: int) -> dict[str, Any]:
    """A pull's answer to a request from ``cursor``: its changes, a cursor that
    never goes back (and moves on when ``more`` is set), the hub's record of the
    replica and, when asked, the photo files it lacks."""
    found = _dict(answer, "the answer")
    changes(found.get("changes"))
    after = whole(found.get("cursor"), "cursor", cursor)
    if type(found.get("more")) is not bool:
        raise Malformed(f"more is {_shown(found.get('more'))}, not true or false")
    if found["more"] and after == cursor:
        raise Malformed(f"more is true, but the cursor stays at {cursor}")
    held = found.get("replica")
    if held is not None:
        _dict(held, "replica")
        whole(held.get("seq"), "replica.seq")
        receipt = held.get("receipt")
        if type(held.get("hash")) is not str or (receipt is not None and type(receipt) is not dict):
            raise Malformed("replica names no hash, or a receipt that is not an object")
    if found.get("lacking") is not None:
        lacking(found["lacking"])
    return found


def lacking(value: object) -> list[dict[str, Any]]:
    """The photo files a hub lacks: each a hash and the bytes it holds of it."""
    if type(value) is not list:
        raise Malformed(f"lacking is {_shown(value)}, not a list")
    for n, held in enumerate(value, 1):
        _dict(held, f"lacking {n}")
        if type(held.get("sha256")) is not str:
            raise Malformed(f"lacking {n} names no photo hash")
        whole(held.get("offset"), f"lacking {n}: offset")
    return value


def push(answer: object, sent: Sequence[int]) -> dict[str, Any]:
    """A push's answer for the changes numbered ``sent``: it may confirm and
    bound only those (an ``upto`` beyond them would mark unsent edits as sent)."""
    found = _dict(answer, "the answer")
    for key in ("accepted", "duplicates"):
        whole(found.get(key), key)
    whole(found.get("upto"), "upto", 0, max(sent, default=0) + 1)
    whole(found.get("clock_offset_ms"), "clock_offset_ms", -_INT64)
    if type(found.get("clock_flagged")) is not bool:
        raise Malformed(f"clock_flagged is {_shown(found.get('clock_flagged'))}, not true or false")
    bounded = found.get("bounded")
    numbers = set(sent)
    if type(bounded) is not list or not all(
            type(pair) is list and len(pair) == 2 and type(pair[0]) is int and pair[0] in numbers
            for pair in bounded):
        raise Malformed(f"bounded is {_shown(bounded)}, not pairs of a change sent and its stamp")
    for seq, eff in bounded:
        whole(eff, f"the bounded stamp of change {seq}", 0, MAX_STAMP)
    if found.get("receipt") is not None:
        _dict(found["receipt"], "receipt")
    return found


def enrolled(answer: object) -> dict[str, Any]:
    """An enrolment's answer: a token and a role."""
    found = _dict(answer, "the answer")
    token = found.get("token")
    if type(token) is not str or not token or not token.isascii() or not token.isprintable():
        raise Malformed("it gives no usable token")
    if found.get("role") not in ROLES:
        raise Malformed(f"role is {_shown(found.get('role'))}, not one of {', '.join(ROLES)}")
    return found


_CONFLICT_TEXTS = ("id", "tbl", "row_id", "field", "kind", "loser_device", "winner_device")
_CONFLICT_ID = re.compile(r"[0-9A-Za-z_-]{1,64}")  # it goes into the URL that resolves it


def conflicts(value: object, fields: Mapping[str, Container[str]]) -> list[dict[str, Any]]:
    """The hub's open conflicts, each naming a synced table and one of its ``fields``: a coordinator's "take
    the other value" writes the value back into that table and field, so a name that is none could reach
    the SQL that writes it."""
    if type(value) is not list:
        raise Malformed(f"the conflicts are {_shown(value)}, not a list")
    for n, data in enumerate(value, 1):
        found = _dict(data, f"conflict {n}")
        for key in _CONFLICT_TEXTS:
            if type(found.get(key)) is not str:
                raise Malformed(f"conflict {n}: {key} is {_shown(found.get(key))}, not text")
        if not _CONFLICT_ID.fullmatch(found["id"]):
            raise Malformed(f"conflict {n}: its id {_shown(found['id'])} is not one a hub gives")
        if found["field"] not in fields.get(found["tbl"], ()):
            raise Malformed(f"conflict {n} names {_shown(found['tbl'])}.{_shown(found['field'])}, which is no "
                            "field FieldApp syncs")
        if found.get("value") is not None and type(found["value"]) is not str:
            raise Malformed(f"conflict {n}: its value is {_shown(found['value'])}, not JSON text")
        for key in ("loser_hlc", "winner_hlc"):
            whole(found.get(key), f"conflict {n}: {key}", 0, MAX_STAMP)
    return value
