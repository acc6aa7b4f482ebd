"""Plain data the label and COC renderers draw from.

Kept free of the store so the renderers can be tested and benchmarked alone;
the store's queries turn records into these.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class LabelData:
    """What one container label shows."""

    barcode: str
    sample_code: str
    project_code: str
    borehole_code: str = ""
    depth: str = ""  # already formatted, e.g. "0,50-1,00 m" (Dutch)
    sampled: str = ""  # already formatted date, e.g. "2026-11-27"
    container_type: str = ""
    treatment: str = ""  # a bottle's preservation and filtering, e.g. "HNO3 gefiltreerd" (Dutch: for the lab)


@dataclass(frozen=True, slots=True)
class CocRow:
    """One container on the COC form."""

    barcode: str
    sample_code: str
    borehole_code: str = ""
    depth: str = ""
    sampled_at: str = ""  # date and time, e.g. "2026-11-27 10:42"
    deadline: str | None = ""  # end of the holding time, as sampled_at; None: no holding time; "": unknown
    matrix: str = ""
    container_type: str = ""
    preservation: str = ""
    analyses: str = ""
    filtered: bool | None = None  # None: not recorded; the form leaves "ja / nee" to circle


@dataclass(frozen=True, slots=True)
class CocAnalysis:
    """One analysis sample on the lab order: the jars the lab combines and what it analyses."""

    code: str
    package_code: str
    package_name: str = ""
    parameters: str = ""  # a summary, e.g. "metalen (9), PAK (10), minerale olie, PCB (7), lutum, humus"
    matrix: str = ""
    barcodes: tuple[str, ...] = ()  # the jars in this cooler
    sampled_at: str = ""  # the first sampling time of its jars, "YYYY-MM-DD HH:MM"
    # its jars not in this cooler: (barcode, COC number of the cooler it is in, or "" when not shipped)
    elsewhere: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class CustodyTransfer:
    """One relinquished-by / received-by pair; empty fields are left to fill in by hand."""

    relinquished_by: str = ""
    relinquished_at: str = ""  # date and time
    received_by: str = ""
    received_at: str = ""


@dataclass(frozen=True, slots=True)
class CocData:
    """A whole chain-of-custody form and lab order for one shipment."""

    coc_number: str
    project_code: str
    project_name: str = ""
    client: str = ""
    lab: str = ""
    sampler: str = ""
    rows: tuple[CocRow, ...] = ()
    seal_number: str = ""
    temperature_on_receipt: str = ""
    remarks: str = ""
    # At least as many blocks are printed as the form has room for; given ones are pre-filled.
    transfers: tuple[CustodyTransfer, ...] = field(default_factory=tuple)
    # the lab order (opdrachtformulier): see fieldapp.domain.lab_order
    site: str = ""
    client_number: str = ""
    quotation: str = ""
    results_name: str = ""
    results_email: str = ""
    turnaround: str = ""  # 'normal', 'urgent' or '' (not said)
    turnaround_days: int | None = None
    as3000: bool | None = None
    analyses: tuple[CocAnalysis, ...] = ()
