"""The BRO SAD registration request: a SIKB0101 14.9.0 investigation wrapped for the soil-quality register.

A SAD ``registrationRequest`` (``issad-messages.xsd``, SAD 1.1) carries the
delivery (request reference, the accountable party's KvK number, the quality
regime) and one ``SAD_CompleteReport`` with the report date, the delivery
context, the accountable party's own id for it, and the whole
``FeatureCollectionIMSIKB0101`` unchanged. :func:`wrap` takes any such
collection (FieldApp's export or another program's), checks the delivery
fields and the result against the SAD schema, and gives the bytes; nothing
invalid leaves it.

Which delivery context goes with which quality regime is the BRO's list
``KaderAanlevering`` (``resources/bro/sad-1.1``): IMBRO/A is the archive
regime (``archiefoverdracht``), IMBRO is for work under the Omgevingswet.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Literal

from lxml import etree

from fieldapp.domain.project import kvk_number
from fieldapp.errors import ExportError
from fieldapp.runtime import resource_path
from fieldapp.sikb import validate
from fieldapp.sikb.names import IMSIKB0101

ISSAD = "http://www.broservices.nl/xsd/issad/1.1"
SADCOM = "http://www.broservices.nl/xsd/sadcommon/1.1"
Regime = Literal["IMBRO/A", "IMBRO"]
_COLLECTION = f"{{{IMSIKB0101}}}FeatureCollectionIMSIKB0101"
_TEXT_MAX = 200  # requestReference / objectIdAccountableParty: BRO's limit for free identifiers


@dataclass(frozen=True)
class SadDelivery:
    """What the SAD request says of the delivery besides the investigation itself."""

    kvk: str  # the accountable party's KvK number
    request_reference: str  # the deliverer's name for this request
    object_id: str  # objectIdAccountableParty: the deliverer's id of the investigation (the project code)
    report_date: date | None = None  # the investigation report's date
    quality_regime: Regime = "IMBRO/A"
    delivery_context: str | None = None  # default: the one context the regime allows


@cache
def delivery_contexts() -> dict[str, frozenset[str]]:
    """Quality regime -> the KaderAanlevering values it allows (the BRO's list, resources/bro/sad-1.1)."""
    tree = etree.parse(str(resource_path("bro", "sad-1.1", "KaderAanlevering.xml")),
                       etree.XMLParser(no_network=True, resolve_entities=False))
    out: dict[str, set[str]] = {"IMBRO": set(), "IMBRO/A": set()}
    for entry in tree.getroot().iter("KaderAanlevering"):
        value = entry.findtext("Waarde") or ""
        if (entry.findtext("IMBRO") or "").strip() == "v":
            out["IMBRO"].add(value)
        if (entry.findtext("IMBROA") or "").strip() == "v":
            out["IMBRO/A"].add(value)
    return {k: frozenset(v) for k, v in out.items()}


def _context(delivery: SadDelivery) -> str:
    allowed = delivery_contexts().get(delivery.quality_regime)
    if allowed is None:
        raise ExportError(f"{delivery.quality_regime!r} is not a BRO quality regime.", hint="Use IMBRO/A or IMBRO.")
    if delivery.delivery_context is None:
        if len(allowed) != 1:
            raise ExportError(f"Quality regime {delivery.quality_regime} needs a delivery context.",
                              hint=f"Give one of {', '.join(sorted(allowed))}.")
        return next(iter(allowed))
    if delivery.delivery_context not in allowed:
        raise ExportError(
            f"The delivery context {delivery.delivery_context!r} is not allowed under quality regime "
            f"{delivery.quality_regime} (BRO list KaderAanlevering).",
            hint=f"Use {', '.join(sorted(allowed))}.")
    return delivery.delivery_context


def _text(value: str, what: str) -> str:
    text = value.strip()
    if not text or len(text) > _TEXT_MAX:
        raise ExportError(f"The SAD {what} must be 1 to {_TEXT_MAX} characters; it is {len(text)}.",
                          hint=f"Give a shorter {what}.")
    return text


def wrap(collection: etree._Element | etree._ElementTree | bytes, delivery: SadDelivery) -> bytes:
    """The SAD registrationRequest around ``collection`` (a FeatureCollectionIMSIKB0101), XSD-valid."""
    kvk = kvk_number(delivery.kvk)
    if kvk is None:
        raise ExportError("A SAD request names the KvK number of the accountable party, and there is none.",
                          hint="Give --kvk, or fill in the contractor's KvK number in the project.")
    context = _context(delivery)
    if isinstance(collection, bytes):
        collection = validate.parse(collection)
    inner = collection.getroot() if isinstance(collection, etree._ElementTree) else collection
    if inner.tag != _COLLECTION:
        raise ExportError(f"A SAD request wraps a SIKB0101 FeatureCollectionIMSIKB0101, not a "
                          f"{etree.QName(inner).localname}.", hint="Give the whole SIKB0101 document.")

    root = etree.Element(f"{{{ISSAD}}}registrationRequest", nsmap={None: ISSAD, "sadcom": SADCOM})  # type: ignore[dict-item]
    etree.SubElement(root, f"{{{SADCOM}}}requestReference").text = _text(delivery.request_reference,
                                                                          "request reference")
    etree.SubElement(root, f"{{{SADCOM}}}deliveryAccountableParty").text = kvk
    etree.SubElement(root, f"{{{SADCOM}}}qualityRegime").text = delivery.quality_regime
    report = etree.SubElement(etree.SubElement(root, f"{{{ISSAD}}}sourceDocument"), f"{{{ISSAD}}}SAD_CompleteReport")
    if delivery.report_date is not None:
        etree.SubElement(report, f"{{{ISSAD}}}reportDate").text = delivery.report_date.isoformat()
    etree.SubElement(report, f"{{{ISSAD}}}deliveryContext", codeSpace="urn:bro:sad:DeliveryContext").text = context
    etree.SubElement(report, f"{{{ISSAD}}}objectIdAccountableParty").text = _text(delivery.object_id,
                                                                                  "object id")
    # a copy: the caller's tree stays its own; its namespace declarations travel with it
    etree.SubElement(report, f"{{{ISSAD}}}featureCollection").append(copy.deepcopy(inner))
    tree = etree.ElementTree(root)
    errors = validate.xsd_findings(tree, "issad")
    if errors:
        raise ExportError(f"The SAD request is not valid against issad-messages.xsd: {errors[0].message}",
                          hint="Nothing was written. Run the export with --check to see every finding.")
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def collection_of(request: bytes | etree._ElementTree) -> etree._Element:
    """The FeatureCollectionIMSIKB0101 inside a SAD request (for tests and for reading a delivery back)."""
    tree = validate.parse(request) if isinstance(request, bytes) else request
    found = tree.getroot().find(f".//{_COLLECTION}")
    if found is None:
        raise ExportError("This SAD request holds no SIKB0101 investigation (FeatureCollectionIMSIKB0101).")
    return found


__all__ = ["SadDelivery", "collection_of", "delivery_contexts", "wrap"]
