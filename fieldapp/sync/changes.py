"""A change as it travels between a device and the hub.

A change is one journal entry without the local parts (the hash chain and
the row hash): its identity ``(device_id, device_seq)`` is unique across all
devices, which is what makes every push and import idempotent.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import orjson

from fieldapp.sync.merge import Stamp

WIRE_FIELDS = (
    "device_id", "device_seq", "hlc", "action_id", "action", "actor", "at",
    "tbl", "row_id", "op", "fields", "seen", "eff",
)


@dataclass(frozen=True)
class Change:
    device_id: str
    device_seq: int
    hlc: int
    action_id: str
    action: str
    actor: str
    at: str
    tbl: str
    row_id: str
    op: str
    fields: str  # the canonical JSON text exactly as journalled by its author
    seen: int = 0  # the hub cursor its author had pulled when the change was made
    eff: int = 0  # the hub's bounded stamp (0: not yet known, take hlc)

    @property
    def change_id(self) -> tuple[str, int]:
        return (self.device_id, self.device_seq)

    @property
    def effective(self) -> int:
        return self.eff or self.hlc

    def stamp(self, pos: int = 0) -> Stamp:
        return Stamp(self.effective, self.device_id, self.hlc, self.device_seq, pos)

    def values(self) -> dict[str, Any]:
        """The fields as a dict; ValueError (naming what is wrong) for anything no store can keep."""
        try:  # orjson first: the hub and a pull read every change's fields
            loaded = orjson.loads(self.fields)
        except orjson.JSONDecodeError:
            loaded = _lenient(self.fields)
        if not isinstance(loaded, dict):
            raise ValueError("fields is not a JSON object")
        return loaded

    def to_wire(self) -> dict[str, Any]:
        # not dataclasses.asdict: it deep-copies every value, and a push sends 100,000s of these
        return {name: getattr(self, name) for name in WIRE_FIELDS}

    @classmethod
    def from_wire(cls, data: Mapping[str, Any]) -> Change:
        if type(data) is dict and ((pushed := data.keys() == _PUSHED_NAMES) or data.keys() == _WIRE_NAMES):
            # as the hub sends it, or as a device pushes it (without the hub's stamp): filled in
            # one step, a third of the frozen __init__'s setattr per field (a pull, and the hub's
            # checked push, make 100,000s of these)
            change = object.__new__(cls)
            change.__dict__.update(data)
            if pushed:
                change.__dict__["eff"] = 0
            return change
        return cls(**{k: data[k] for k in WIRE_FIELDS if k in data})


def _lenient(text: str) -> Any:
    """What only the json module reads (NaN, which the checks then refuse by name), or its error.

    Two things it takes are no values at all: nesting deeper than Python's
    recursion (orjson stops at 1024 levels) and a lone UTF-16 surrogate
    (``"\\ud800"``), which no database can store; both are a ValueError here,
    as a malformed text is, not a crash of the hub or of a pulling device."""
    try:
        loaded = json.loads(text)
        json.dumps(loaded, ensure_ascii=False).encode()  # rare: only what orjson refused comes here
    except RecursionError:
        raise ValueError("fields are nested too deeply") from None
    except UnicodeEncodeError:
        raise ValueError("fields hold a lone UTF-16 surrogate, which is not text") from None
    return loaded


_WIRE_NAMES = frozenset(WIRE_FIELDS)
_PUSHED_NAMES = _WIRE_NAMES - {"eff"}
