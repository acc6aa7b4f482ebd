"""Closing a receipt: the reconciliation, the deviations, and the custody record.

ISO/IEC 17025 7.4.3 asks that any deviation found on receipt is recorded and,
when an item's suitability is in doubt, that the customer is consulted and
the outcome recorded; so a receipt with deviations cannot be closed without
saying who was consulted (or that nobody could be reached, and when).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from fieldapp.domain import custody
from fieldapp.errors import CustodyError, RequiredFieldError
from fieldapp.intake.receipt import MISSING, Receipt
from fieldapp.intake.scan import Outcome
from fieldapp.messages import Count

MISSING_REASON = f"{MISSING}: not in the cooler on receipt"
ANALYSIS_SAMPLE = "analysis sample"
HAND_OVER = "hand-over"
NEVER_SEALED = "never sealed: no seal on the shipment record"
NEVER_HANDED_OVER = "never handed over: no hand-over on the shipment record"


@dataclass(frozen=True, slots=True)
class Reconciliation:
    expected: int
    received: int
    missing: tuple[str, ...]
    unexpected: tuple[str, ...]
    duplicates: int
    damaged: tuple[str, ...]
    late: tuple[str, ...]
    # against the lab order (a version 2 manifest): analysis sample -> its jars not received,
    # and jars received that no analysis sample uses (reserve; a jar not on the order is unexpected)
    incomplete: tuple[tuple[str, tuple[str, ...]], ...] = ()
    reserve: tuple[str, ...] = ()

    def to_json(self) -> dict[str, object]:
        return {"expected": self.expected, "received": self.received, "missing": list(self.missing),
                "unexpected": list(self.unexpected), "duplicate_scans": self.duplicates,
                "damaged": list(self.damaged), "holding_time_exceeded": list(self.late),
                "analysis_samples_incomplete": {code: list(jars) for code, jars in self.incomplete},
                "reserve": list(self.reserve)}


@dataclass(frozen=True, slots=True)
class Deviation:
    subject: str  # a barcode, or 'temperature', 'seal', 'manifest'
    kind: str
    detail: str


def reconcile(receipt: Receipt) -> Reconciliation:
    return Reconciliation(
        expected=len(receipt.expected), received=len(receipt.received), missing=tuple(receipt.missing()),
        unexpected=tuple(receipt.unexpected), duplicates=receipt.duplicates,
        damaged=tuple(receipt.damaged), late=tuple(receipt.late),
        incomplete=tuple((a.code, tuple(jars)) for a, jars in receipt.incomplete()),
        reserve=tuple(receipt.reserve()),
    )


def deviations(receipt: Receipt) -> list[Deviation]:
    coc_seal = receipt.shipment.seal_number if receipt.shipment else None
    out = [Deviation(subject, subject, text) for subject, text in receipt.header.deviations(receipt.rules, coc_seal)]
    # the field's side of custody as the lab finds it: a cooler nobody sealed or handed over is received,
    # and the receipt says so, as a lab's intake notes a cooler that came without its custody seal
    if receipt.shipment is not None and not receipt.shipment.seal_number:
        out.append(Deviation("seal", "seal", NEVER_SEALED))
    if receipt.shipment is not None and not receipt.shipment.relinquished_at:
        out.append(Deviation(HAND_OVER, HAND_OVER, NEVER_HANDED_OVER))
    out += [Deviation("manifest", "manifest", note) for note in receipt.manifest_notes]
    out += [Deviation(code, "missing", "on the COC, not in the cooler") for code in receipt.missing()]
    for code, result in receipt.unexpected.items():
        out.append(Deviation(code, "unexpected", result.message))
    out += [Deviation(code, "damaged", why) for code, why in receipt.damaged.items()]
    out += [Deviation(code, "holding time", why) for code, why in receipt.late.items()]
    for a, jars in receipt.incomplete():
        out.append(Deviation(a.code, ANALYSIS_SAMPLE, f"jar{'s' if len(jars) > 1 else ''} {', '.join(jars)} of "
                             f"{a.code} ({a.package_code}) not received: it cannot be composed as ordered"))
    return out


def condition(receipt: Receipt) -> str:
    """The one line the shipment's ``condition`` field keeps."""
    r = reconcile(receipt)
    mean = receipt.header.mean_temperature
    parts = [f"seal {receipt.header.seal_state}"]
    if mean is not None:
        flag = " (out of range)" if receipt.header.temperature_flag(receipt.rules) else ""
        parts.append(f"{mean:.1f} °C{flag}")
    parts.append(f"{r.received} of {r.expected} received")
    for count, name in ((len(r.missing), "missing"), (len(r.unexpected), "unexpected"),
                        (len(r.damaged), "damaged"), (len(r.late), "out of holding time"),
                        (len(r.incomplete), "analysis samples incomplete")):
        if count:
            parts.append(f"{count} {name}")
    return ", ".join(parts)


def _utc(stamp: str) -> str:
    return datetime.fromisoformat(stamp).astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def ready(receipt: Receipt) -> list[Deviation]:
    """The deviations the receipt would be closed with; raises what stops it being closed now."""
    if receipt.closed:
        raise CustodyError("shipment", f"COC {receipt.coc_number} is already closed on receipt.",
                           hint="Record a correction instead.")
    header = receipt.header
    header.check(receipt.opened_at)
    found = deviations(receipt)
    if found and not header.consulted.strip():
        raise RequiredFieldError(
            "consulted", f"Deviations found ({Count(len(found), 'deviation')}): say who was consulted about them.",
            hint="Name the customer's contact and what they decided, or 'not reached' with the time tried.")
    return found


def close(receipt: Receipt, report: Callable[[list[Deviation]], None] | None = None) -> list[Deviation]:
    """Record the receipt as one action; returns its deviations (for the report).

    Missing containers get a ``rejected`` event with the reason; the cooler gets
    a ``received`` event whose remarks hold the header, the deviations that
    have no container of their own (unexpected codes, temperature, seal) and
    who was consulted; the shipment's receipt fields are filled in.

    ``report`` writes the receipt report; it runs after everything is recorded
    and before it is committed, so a report that cannot be written (a full
    disk, a folder that is gone) leaves the receipt open to be closed again,
    never closed without its report. Render the report before (from
    :func:`ready`'s deviations) so the write lock is held only for the write.
    """
    found = ready(receipt)
    header = receipt.header
    ship = receipt.shipment
    if ship is None:  # from the manifest alone: the report is the record until the shipment is synced
        if report is not None:
            report(found)
        receipt.closed = True
        return found
    session = receipt.session
    actor = header.received_by.strip() or None
    with session.store.action(f"Receive shipment {receipt.coc_number}") as tx:
        current = tx.get("shipment", ship.id)
        if current is None or current["received_at"]:
            raise CustodyError("shipment", f"COC {receipt.coc_number} was closed on another desk meanwhile.",
                               hint="Open it again to see that receipt.")
        for code in receipt.missing():
            item = receipt.expected[code]
            if item.container_id is not None:
                custody.record(session, "rejected", container_id=item.container_id, shipment_id=ship.id,
                               actor=actor, remarks=MISSING_REASON)
        extra = [f"{d.kind} {d.subject}: {d.detail}" for d in found
                 if d.kind not in ("missing", "damaged", "holding time")]
        remarks = header.summary(receipt.rules) + "".join(f"; {line}" for line in extra)
        custody.record(session, "received", shipment_id=ship.id, actor=actor, remarks=remarks,
                       at_laptop=_utc(header.received_at))
        tx.update("shipment", ship.id, {
            "received_by": header.received_by.strip(), "received_at": _utc(header.received_at),
            "temperature_c": header.mean_temperature, "condition": condition(receipt),
        })
        if report is not None:
            report(found)
    receipt.closed = True
    return found


def outcome_counts(receipt: Receipt) -> dict[str, int]:
    counts: dict[str, int] = {}
    for result in receipt.log:
        counts[str(result.outcome)] = counts.get(str(result.outcome), 0) + 1
    return counts


__all__ = ["Deviation", "Outcome", "Reconciliation", "close", "condition", "deviations", "ready", "reconcile"]
