"""Which cooler a typed COC number or a scanned COC form names, when that takes a choice.

COC numbers repeat across projects (every project has its COC-0001), so at a
lab desk that receives for several projects the number alone may name more
than one shipment. The command line narrows it with ``--project``; a window
offers the shipments instead (:class:`Ambiguous`), each with its project, and
the clerk picks the one whose form came with the cooler. A scanned form names
its shipment by its containers (:func:`~fieldapp.intake.receipt.open_manifest`):
only when several projects' shipments of that number hold them is it a choice.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from fieldapp.intake import expected as expected_mod
from fieldapp.intake.receipt import Receipt, open_manifest, open_shipment
from fieldapp.labels.manifest import Manifest

if TYPE_CHECKING:
    from fieldapp.session import Session


@dataclass(frozen=True, slots=True)
class Candidate:
    """One shipment a COC number may name: what the clerk compares with the form in the cooler."""

    coc: str
    project_code: str
    project_name: str
    lab: str
    containers: int
    relinquished_at: str | None = None
    received_at: str | None = None


@dataclass(frozen=True, slots=True)
class Ambiguous:
    """A COC number that several projects' shipments carry: the clerk picks one of ``candidates``."""

    coc: str
    candidates: tuple[Candidate, ...]
    manifest: Manifest | None = None  # the form scanned, when the number came from it

    def open(self, session: Session, project_code: str) -> Receipt:
        """The receipt of the candidate of ``project_code``."""
        if self.manifest is not None:
            return open_manifest(session, self.manifest, project_code)
        return open_shipment(session, self.coc, project_code)


def _candidate(r: dict[str, Any]) -> Candidate:
    return Candidate(str(r["code"]), str(r["project"]), str(r["project_name"] or ""), str(r["lab"] or ""),
                     int(r["containers"]), r["relinquished_at"], r["received_at"])


def _ambiguous(coc: str, rows: list[dict[str, Any]], manifest: Manifest | None = None) -> Ambiguous:
    # coolers still to be received first: that is what a desk opens
    ordered = sorted(rows, key=lambda r: (r["received_at"] is not None, str(r["project"])))
    return Ambiguous(coc, tuple(_candidate(r) for r in ordered), manifest)


def by_number(session: Session, coc_number: str) -> Receipt | Ambiguous:
    """The receipt of the shipment a typed COC number names, or the choice when several projects use it."""
    coc = coc_number.strip()
    rows = expected_mod.numbered(session.store, coc)
    if len(rows) > 1:
        return _ambiguous(coc, rows)
    return open_shipment(session, coc)


def by_manifest(session: Session, manifest: Manifest) -> Receipt | Ambiguous:
    """The receipt of the shipment a scanned COC form names, or the choice when the shipments of several
    projects with its number hold its containers."""
    rows = expected_mod.holding(session.store, expected_mod.numbered(session.store, manifest.coc_number),
                                set(manifest.codes))
    if len(rows) > 1:
        return _ambiguous(manifest.coc_number, rows, manifest)
    return open_manifest(session, manifest)
