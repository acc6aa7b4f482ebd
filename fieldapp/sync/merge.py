"""Merging changes into one row: field-level last-writer-wins with tombstones.

Pure code shared by the device and the hub, so that both compute the same
data from the same set of changes whatever order they arrive in. The data
of a row is a function of the *set* of its changes:

- it exists once an insert is known and no delete is known (a delete is a
  tombstone and wins over every edit, before or after it);
- each field holds the value of the change with the greatest stamp key
  (effective HLC, device id, raw HLC) that set it.

The order-independence is what makes replicas converge. Values that lose are
reported as :class:`Loss` so that no edit silently disappears; whether a
loss is a *conflict* (the two writers had not seen each other's change)
is decided by the caller's ``concurrent`` predicate, because only the hub
knows what each writer had pulled.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Stamp:
    """Who set a value and when, in the order the merge compares them."""

    eff: int  # the HLC bounded by the hub (== hlc unless the author's clock ran ahead)
    device_id: str
    hlc: int
    device_seq: int
    pos: int = 0  # position in the hub's log; 0 on a device, where it is not needed

    @property
    def key(self) -> tuple[int, str, int]:
        # raw hlc last: two edits of one device bounded to the same eff keep their own order
        return (self.eff, self.device_id, self.hlc)

    def as_list(self) -> list[Any]:
        return [self.eff, self.device_id, self.hlc, self.device_seq, self.pos]

    @classmethod
    def from_list(cls, v: list[Any]) -> Stamp:
        return cls(int(v[0]), str(v[1]), int(v[2]), int(v[3]), int(v[4]))


@dataclass(frozen=True)
class Loss:
    """A value that did not make it into the merged row."""

    field: str
    value: Any
    loser: Stamp
    winner: Stamp
    kind: str  # 'edit' (same field), 'deleted' (row deleted over it), 'after_delete' (edit of a deleted row)


Concurrent = Callable[[Stamp, Stamp], bool]


def never(_old: Stamp, _new: Stamp) -> bool:
    return False


@dataclass
class RowState:
    values: dict[str, Any] = field(default_factory=dict)
    stamps: dict[str, Stamp] = field(default_factory=dict)
    inserted: bool = False
    deleted: Stamp | None = None

    @property
    def live(self) -> bool:
        return self.inserted and self.deleted is None

    def row(self, row_id: str) -> dict[str, Any] | None:
        return {**self.values, "id": row_id} if self.live else None

    def to_json(self) -> dict[str, Any]:
        # each distinct stamp once ("t"), and per field, in the order of
        # ``values``, the index of its stamp ("x"; one int when all share it):
        # a row is mostly set by one insert, and a stamp per field made the
        # hub's stored states four times the size of their values
        if list(self.stamps) != list(self.values):  # not made by apply: the plain form
            return {"v": self.values, "s": {k: s.as_list() for k, s in self.stamps.items()}, "i": self.inserted,
                    "d": self.deleted.as_list() if self.deleted else None}
        index: dict[Stamp, int] = {}
        at: list[int] = []
        last, i = None, 0
        for stamp in self.stamps.values():
            if stamp is not last:  # the fields of one change share its stamp object: hash it once
                last, i = stamp, index.setdefault(stamp, len(index))
            at.append(i)
        return {
            "v": self.values,
            "t": [stamp.as_list() for stamp in index],
            "x": at[0] if len(index) == 1 else at,
            "i": self.inserted,
            "d": self.deleted.as_list() if self.deleted else None,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> RowState:
        values = dict(data["v"])
        if "t" in data:
            told = [Stamp.from_list(v) for v in data["t"]]
            at = data["x"]
            stamps = dict.fromkeys(values, told[at]) if isinstance(at, int) else \
                {k: told[i] for k, i in zip(values, at, strict=True)}
        else:  # as stored before the shared form
            stamps = {k: Stamp.from_list(v) for k, v in data["s"].items()}
        return cls(
            values=values,
            stamps=stamps,
            inserted=bool(data["i"]),
            deleted=Stamp.from_list(data["d"]) if data["d"] else None,
        )


def apply(state: RowState, op: str, fields: Mapping[str, Any], stamp: Stamp,
          concurrent: Concurrent = never) -> list[Loss]:
    """Fold one change into ``state`` (in place); return the values that lost
    to a concurrent change (identical values are never a loss)."""
    losses: list[Loss] = []
    if op == "delete":
        if state.deleted is None:
            for name, prior in state.stamps.items():
                value = state.values.get(name)
                if value is not None and prior.device_id != stamp.device_id and concurrent(prior, stamp):
                    losses.append(Loss(name, value, prior, stamp, "deleted"))
        # the smallest tombstone, so that the state does not depend on arrival order
        if state.deleted is None or stamp.key < state.deleted.key:
            state.deleted = stamp
        return losses
    if op == "insert":
        state.inserted = True
    tomb = state.deleted
    if tomb is not None and stamp.device_id != tomb.device_id and concurrent(tomb, stamp):
        losses.extend(Loss(k, v, stamp, tomb, "after_delete")
                      for k, v in fields.items() if k != "id" and v is not None)
    for name, value in fields.items():
        if name == "id":
            continue
        old = state.stamps.get(name)
        if old is None:
            state.values[name], state.stamps[name] = value, stamp
            continue
        old_value = state.values.get(name)
        if stamp.key > old.key:
            state.values[name], state.stamps[name] = value, stamp
            loser, winner, lost = old, stamp, old_value
        else:
            loser, winner, lost = stamp, old, value
        if old_value != value and state.deleted is None and concurrent(old, stamp):
            losses.append(Loss(name, lost, loser, winner, "edit"))
    return losses
