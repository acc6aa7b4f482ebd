"""The scan loop of one receipt: every scan matched against the expected list at once.

A scan of an expected container is a custody event written in its own
transaction at the moment of the scan: custody is physical, the scan is when
the lab took the jar out of the cooler, and a crash half-way through a cooler
loses nothing (opening the receipt again picks up the scans already made).
A container in the cooler that is not on its COC is recorded the same way,
as a ``rejected`` event of the shipment naming its code (it may be no
container of this database), so a close refused and run again still reports
it. A scan that is no container (garbage, a keyboard-layout garble) writes
nothing. The deviations are recorded when the receipt is closed
(:mod:`fieldapp.intake.closing`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from fieldapp.domain import custody
from fieldapp.domain import shipment as shipment_mod
from fieldapp.domain.container import normalise_barcode
from fieldapp.domain.shipment import Shipment
from fieldapp.errors import ManifestError, NotFoundError
from fieldapp.intake import expected as expected_mod
from fieldapp.intake.expected import Expected
from fieldapp.intake.header import ReceiptHeader
from fieldapp.intake.rules import LabRules, lab_rules, ungarble
from fieldapp.intake.scan import Outcome, ScanResult, check, is_manifest, shown
from fieldapp.labels.manifest import Manifest, ManifestAnalysis, ManifestPart, combine, decode_part
from fieldapp.labels.order_from_store import shipment_order
from fieldapp.messages import Count

if TYPE_CHECKING:
    from fieldapp.session import Session

_CODE_RE = re.compile(r"^[A-Z0-9][A-Z0-9-]{3,31}$")  # as container.check_barcode
DAMAGED = "damaged"
MISSING = "missing"


def now_local() -> str:
    return datetime.now(UTC).astimezone().isoformat(timespec="seconds")


def clock(stamp: str) -> str:
    """A stored time as the desk's clock shows it (HH:MM:SS)."""
    try:
        return datetime.fromisoformat(stamp).astimezone().strftime("%H:%M:%S")
    except ValueError:
        return stamp


@dataclass
class Receipt:
    """One cooler being received. Open it with :func:`open_shipment` or :func:`open_manifest`."""

    session: Session
    coc_number: str
    lab: str
    expected: dict[str, Expected]
    shipment: Shipment | None = None  # None: received from the COC manifest alone
    header: ReceiptHeader = field(default_factory=ReceiptHeader)
    opened_at: str = field(default_factory=now_local)
    received: dict[str, str] = field(default_factory=dict)  # barcode -> when scanned
    damaged: dict[str, str] = field(default_factory=dict)  # barcode -> reason
    late: dict[str, str] = field(default_factory=dict)  # barcode -> holding-time finding
    unexpected: dict[str, ScanResult] = field(default_factory=dict)
    duplicates: int = 0
    log: list[ScanResult] = field(default_factory=list)
    manifest_notes: list[str] = field(default_factory=list)
    # the lab order's analysis samples: what the jars are combined into; from the database when the
    # shipment is there (:func:`open_shipment`), from a version 2 COC manifest when the form carries them
    analyses: tuple[ManifestAnalysis, ...] = ()
    _parts: dict[int, ManifestPart] = field(default_factory=dict)
    closed: bool = False

    def __post_init__(self) -> None:
        self.header.received_at = self.header.received_at or self.opened_at
        self.header.received_by = self.header.received_by or self.session.actor
        if self.shipment is not None and not self.shipment.seal_number and self.header.seal_state == "intact":
            # a cooler the field never sealed has no seal to find intact: the form starts from what the
            # record says, and the clerk changes it if a seal is there after all
            self.header.seal_state = "absent"
        self.rules: LabRules = lab_rules(self.lab)

    @property
    def offline(self) -> bool:
        """Received from the manifest alone: nothing of it can be written to this database."""
        return self.shipment is None

    # the loop --------------------------------------------------------------
    def scan(self, raw: str, *, length: int | None = None) -> ScanResult:
        """Match one scan; ``length``: how long the scan was when ``raw`` is only its start (a runaway line)."""
        result = self._scan(raw, length)
        self.log.append(result)
        return result

    def _scan(self, raw: str, length: int | None = None) -> ScanResult:
        if self.closed:
            return ScanResult(Outcome.RECEIPT_CLOSED, shown(normalise_barcode(raw[:64])),
                              f"COC {self.coc_number} was closed on receipt; nothing recorded.",
                              hint="Open the next cooler; a change to a closed receipt is a correction.")
        checked = check(raw, length)
        if isinstance(checked, ScanResult):
            return checked
        if is_manifest(checked):
            return self._manifest(checked)
        code = normalise_barcode(checked)
        item = self.expected.get(code)
        if item is not None:
            return self._receive(item)
        if code in self.unexpected:
            self.duplicates += 1
            return ScanResult(Outcome.DUPLICATE, code, f"{code} was scanned before: not on this COC, counted once.",
                              hint="Put it with the items to report.")
        return self._not_expected(checked, code)

    def accept(self, suggestion: str) -> ScanResult:
        """The clerk takes a keyboard-layout suggestion after comparing it with the label."""
        return self.scan(suggestion)

    def _receive(self, item: Expected) -> ScanResult:
        code = item.barcode
        if code in self.received:
            self.duplicates += 1
            return ScanResult(Outcome.DUPLICATE, code, f"{code} was already received at "
                              f"{clock(self.received[code])}; counted once.", sample_code=item.sample_code,
                              hint="Nothing new recorded.")
        late = self._late(item)
        when = datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
        recorded = False
        if self.shipment is not None and item.container_id is not None:
            with self.session.store.action("Custody: received"):
                # another window or command on the same cooler may have received it since this receipt was
                # opened: the file is asked inside the write, so two receipts never record one container twice
                earlier = custody.latest(self.session.store, "received", container_id=item.container_id,
                                         shipment_id=self.shipment.id)
                if earlier is None:
                    custody.record(self.session, "received", container_id=item.container_id,
                                   shipment_id=self.shipment.id, actor=self.header.received_by or None,
                                   remarks=f"{_LATE}{late}" if late else None, at_laptop=when)
                    recorded = True
            if earlier is not None:
                self.received[code] = earlier.at_laptop
                if (earlier.remarks or "").startswith(_LATE):
                    self.late[code] = (earlier.remarks or "").removeprefix(_LATE)
                return self._receive(item)  # now a duplicate, said as one
        self.received[code] = when
        if late:
            self.late[code] = late
            return ScanResult(Outcome.HOLDING_TIME, code, f"{code} received, but out of holding time: {late}.",
                              hint="Set it apart and consult the customer before analysing.",
                              sample_code=item.sample_code, recorded=recorded)
        return ScanResult(Outcome.RECEIVED, code, f"{code} received ({len(self.received)} of "
                          f"{len(self.expected)}).", sample_code=item.sample_code, recorded=recorded)

    def _late(self, item: Expected) -> str:
        """The holding-time finding of a container received now, from the one table (as when it was packed)."""
        if not item.sampled_at:
            return ""
        try:
            sampled = datetime.fromisoformat(item.sampled_at)
            received = datetime.fromisoformat(self.header.received_at)
        except ValueError:
            return ""
        if sampled.tzinfo is None:
            sampled = sampled.astimezone()
        from fieldapp.domain import holding

        known = holding.of_containers(self.session.store.conn, [item.container_id], self.rules) \
            if item.container_id else []
        hours, analysis = (known[0].hours, known[0].analysis) if known else (
            (term := self.rules.term("", (), item.analyses)).hours, term.what)
        taken = received - sampled
        if hours is None or taken <= timedelta(hours=hours):
            return ""
        return f"sampled {taken.total_seconds() / 3600:.0f} h before receipt, {analysis} allows {hours} h"

    def _not_expected(self, text: str, code: str) -> ScanResult:
        store = self.session.store
        where = expected_mod.elsewhere(store, code, self.shipment.id if self.shipment else None)
        if where is None:
            guesses = [(c, titles) for c, titles in ungarble(text)
                       if c in self.expected or expected_mod.exists(store, c)]
            if guesses:
                code_meant, titles = guesses[0]
                return ScanResult(
                    Outcome.KEYBOARD_LAYOUT, code, f"'{text}' looks like {code_meant} typed through a "
                    f"{' or '.join(titles)} keyboard layout.", suggestion=code_meant,
                    hint="Set the scanner (or this computer) to the same keyboard layout, then scan again; "
                         f"or take {code_meant} if the label says so. Nothing was recorded.")
            if not _CODE_RE.match(code):
                return ScanResult(Outcome.INVALID, code, f"'{text}' is not a container code.",
                                  hint="Scan the container's barcode label. Nothing was recorded.")
            result = ScanResult(Outcome.UNKNOWN, code, f"{code} is not known here and not on this COC.",
                                hint="Set it apart as unexpected; it goes into the receipt report.")
        elif where.open_shipment:
            result = ScanResult(Outcome.OTHER_SHIPMENT, code,
                                f"{code} belongs to another shipment, COC {where.open_shipment}.",
                                hint="Set it apart: it travelled in the wrong cooler. It goes into the report.",
                                details={"shipment": where.open_shipment})
        elif where.closed_shipment:
            result = ScanResult(Outcome.CLOSED_SHIPMENT, code,
                                f"{code} was already received with COC {where.closed_shipment} "
                                f"({where.closed_at[:16].replace('T', ' ')}).",
                                hint="Check the label; it goes into the report.",
                                details={"shipment": where.closed_shipment})
        else:
            result = ScanResult(Outcome.NOT_ON_COC, code, f"{code} is a known container but not on this COC.",
                                hint="Set it apart as unexpected; it goes into the receipt report.")
        if self.shipment is not None:
            if not self._set_apart(result):
                return self._scan(code)  # set apart at another desk since this receipt opened: a duplicate
            result = replace(result, recorded=True)
        self.unexpected[code] = result
        return result

    def _set_apart(self, result: ScanResult) -> bool:
        """Record a container that is in the cooler but not on its COC, as a scan of an expected one is: at
        once, as a shipment event (its code in the remarks: it may be no container of this database), so
        that a receipt opened again, and its report, still name it. False: another desk recorded it."""
        assert self.shipment is not None
        remarks = f"{UNEXPECTED}{result.code} ({result.outcome}): {result.message}"
        with self.session.store.action("Custody: rejected"):
            if self.session.store.query(
                    "SELECT 1 FROM custody_event WHERE shipment_id = ? AND container_id IS NULL AND kind = 'rejected' "
                    "AND remarks LIKE ? LIMIT 1", (self.shipment.id, f"{UNEXPECTED}{result.code} (%")):
                self.unexpected[result.code] = result
                return False
            custody.record(self.session, "rejected", shipment_id=self.shipment.id,
                           actor=self.header.received_by or None, remarks=remarks)
        return True

    def _manifest(self, text: str) -> ScanResult:
        try:
            part = decode_part(text)
        except ManifestError as exc:
            return ScanResult(Outcome.INVALID, text[:16] + "…", exc.message, hint=exc.hint)
        if part.coc_number != self.coc_number:
            return ScanResult(Outcome.INVALID, part.coc_number, f"That manifest is of COC {part.coc_number}, "
                              f"not {self.coc_number}.", hint="Scan the COC form that came with this cooler.")
        self._parts[part.part] = part
        if len(self._parts) < part.parts:
            return ScanResult(Outcome.MANIFEST, part.coc_number,
                              f"Manifest part {part.part} of {part.parts} read; scan the other pages.")
        manifest = combine(self._parts.values())
        self.analyses = manifest.analyses or self.analyses  # a form printed before the order keeps the record's
        listed, held = set(manifest.codes), set(self.expected)
        self.manifest_notes = [f"on the COC, not in the shipment record: {c}" for c in sorted(listed - held)]
        self.manifest_notes += [f"in the shipment record, not on the COC: {c}" for c in sorted(held - listed)]
        agrees = "agrees with" if not self.manifest_notes else "DIFFERS from"
        return ScanResult(Outcome.MANIFEST, part.coc_number,
                          f"The COC manifest ({Count(len(listed), 'jar')}) {agrees} the shipment record.")

    # damage ------------------------------------------------------------------
    def mark_damaged(self, code: str | None = None, reason: str = "") -> ScanResult:
        """Mark a received container damaged (the last one received when no code is given)."""
        target = normalise_barcode(code) if code else next(reversed(self.received), "")
        if self.closed or target not in self.received:
            return ScanResult(Outcome.INVALID, target, "Scan the damaged container first, then mark it damaged.",
                              hint="Only a container received from this cooler can be marked.")
        if target in self.damaged:
            return ScanResult(Outcome.DUPLICATE, target, f"{target} is already marked damaged.")
        why = reason.strip() or "damaged on receipt"
        item = self.expected[target]
        recorded = False
        if self.shipment is not None and item.container_id is not None:
            with self.session.store.action("Custody: rejected"):
                # marked damaged at another desk since this receipt opened: one rejection, not two
                earlier = custody.latest(self.session.store, "rejected", container_id=item.container_id,
                                         shipment_id=self.shipment.id)
                if earlier is not None and (earlier.remarks or "").startswith(f"{DAMAGED}: "):
                    self.damaged[target] = (earlier.remarks or "").removeprefix(f"{DAMAGED}: ")
                    return self.mark_damaged(target, reason)  # now a duplicate, said as one
                custody.record(self.session, "rejected", container_id=item.container_id,
                               shipment_id=self.shipment.id, actor=self.header.received_by or None,
                               remarks=f"{DAMAGED}: {why}")
            recorded = True
        self.damaged[target] = why
        result = ScanResult(Outcome.DAMAGED, target, f"{target} marked damaged and rejected: {why}.",
                            sample_code=item.sample_code, recorded=recorded,
                            hint="Set it apart; it goes into the receipt report.")
        self.log.append(result)
        return result

    def missing(self) -> list[str]:
        return [code for code in self.expected if code not in self.received]

    def incomplete(self) -> list[tuple[ManifestAnalysis, list[str]]]:
        """The lab order's analysis samples that miss a jar, with the jars not received."""
        out = []
        for a in self.analyses:
            absent = [b for b in a.barcodes if b not in self.received]
            if absent:
                out.append((a, absent))
        return out

    def reserve(self) -> list[str]:
        """Jars received that no analysis sample of the lab order uses: kept by the lab as reserve
        (a later phase, a second opinion); not a deviation. A jar not on the order at all is
        :data:`~fieldapp.intake.scan.UNEXPECTED` and is."""
        if not self.analyses:
            return []
        used = {b for a in self.analyses for b in a.barcodes}
        return [code for code in self.received if code not in used]


_LATE = "holding time exceeded: "  # the remark a late receipt's event carries, and the finding after it
UNEXPECTED = "unexpected: "  # the remark of a container set apart: "unexpected: CODE (outcome): message"
_SET_APART = re.compile(r"^unexpected: (?P<code>[A-Z0-9][A-Z0-9-]*) \((?P<outcome>[a-z_]+)\): (?P<message>.*)$", re.S)


def open_shipment(session: Session, coc_number: str, project_code: str | None = None) -> Receipt:
    """The receipt of a shipment in the database, with the scans already made on it."""
    project_id = None
    if project_code:
        from fieldapp.domain.project import by_code as project_by_code

        project_id = project_by_code(session.store, project_code).id
    ship = shipment_mod.by_code(session.store, coc_number.strip(), project_id)
    receipt = Receipt(session, ship.code, ship.lab, expected_mod.of_shipment(session.store, ship), ship,
                      analyses=shipment_order(session.store, ship.project_id, ship.id))
    by_id = {e.container_id: e.barcode for e in receipt.expected.values()}
    for ev in custody.of_shipment(session.store, ship.id):
        code = by_id.get(ev.container_id)
        if code and ev.kind == "received":
            receipt.received.setdefault(code, ev.at_laptop)
            if ev.remarks and ev.remarks.startswith(_LATE):
                receipt.late[code] = ev.remarks.removeprefix(_LATE)
        elif code and ev.kind == "rejected" and (ev.remarks or "").startswith(f"{DAMAGED}: "):
            receipt.damaged[code] = (ev.remarks or "").removeprefix(f"{DAMAGED}: ")
        elif ev.container_id is None and ev.kind == "rejected" and (apart := _SET_APART.match(ev.remarks or "")):
            outcome = Outcome(apart["outcome"]) if apart["outcome"] in set(Outcome) else Outcome.UNKNOWN
            receipt.unexpected.setdefault(apart["code"], ScanResult(outcome, apart["code"], apart["message"],
                                                                    recorded=True))
    if ship.received_at:
        receipt.closed = True
        receipt.header.received_at, receipt.header.received_by = ship.received_at, ship.received_by or ""
    return receipt


def open_manifest(session: Session, manifest: Manifest, project_code: str | None = None) -> Receipt:
    """The receipt of the cooler a COC manifest lists (of ``project_code``, when given).

    COC numbers repeat across projects (every project has its COC-0001), so the
    number alone names no shipment: the one received is the shipment of that
    number that holds the manifest's containers. A number this database does
    not hold at all is received offline, against the manifest alone (a lab
    without the hub); one it holds only for other containers is refused, since
    receiving it would close another project's cooler.
    """
    rows = expected_mod.numbered(session.store, manifest.coc_number)
    if project_code:
        project = project_code.strip()
        rows = [r for r in rows if r["project"] == project]
        if not rows:
            raise NotFoundError(f"Project {project} has no shipment with COC number '{manifest.coc_number}'.",
                                hint="Check the project code, or scan the COC form that came with this cooler.")
    elif not rows:
        return Receipt(session, manifest.coc_number, "", expected_mod.of_manifest(session.store, manifest),
                       analyses=manifest.analyses)
    listed = set(manifest.codes)
    holding = expected_mod.holding(session.store, rows, listed)
    if not holding:
        projects = ", ".join(str(r["project"]) for r in rows)
        raise NotFoundError(f"This database holds COC {manifest.coc_number} of project {projects}, not the shipment "
                            "on this form: none of its containers is on the form.",
                            hint="Receive this cooler where its project is, or check that the form belongs to it.")
    if len(holding) > 1:  # named, so that the clerk can pass one of them as --project
        codes = ", ".join(sorted(str(r["project"]) for r in holding))
        raise NotFoundError(f"COC number '{manifest.coc_number}' is used in {len(holding)} projects: {codes}.",
                            hint="Name the project as well (--project CODE).")
    receipt = open_shipment(session, manifest.coc_number, str(holding[0]["project"]))
    held = set(receipt.expected)
    receipt.manifest_notes = [f"on the COC, not in the shipment record: {c}" for c in sorted(listed - held)]
    receipt.manifest_notes += [f"in the shipment record, not on the COC: {c}" for c in sorted(held - listed)]
    receipt.analyses = manifest.analyses or receipt.analyses  # a form printed before the order: the record's
    return receipt
