"""The names of a SIKB0101 14.x document: XML namespaces and the code URNs.

A coded value in SIKB0101 is a URN naming the domain table and the code's id,
``urn:immetingen:MonsterType:id:10`` or ``urn:imsikb0101:AfwerkingType:id:3``.
Real files spell the table name in mixed case (``MonsterType``,
``Monstertype``, ``monstertype``) and one program even writes the prefix
``urn:iimsikb0101``, so :func:`parse_urn` reads them case-insensitively and
gives the table name as SIKB's lookup files spell it where it knows it. What
FieldApp writes uses :func:`urn`, always in one spelling, so that the same
database gives the same bytes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

IMSIKB0101: Final = "http://www.sikb.nl/imsikb0101"
IMMETINGEN: Final = "http://www.sikb.nl/immetingen"
GML: Final = "http://www.opengis.net/gml/3.2"
OM: Final = "http://www.opengis.net/om/2.0"
SAM: Final = "http://www.opengis.net/sampling/2.0"
SAMS: Final = "http://www.opengis.net/samplingSpatial/2.0"
SPEC: Final = "http://www.opengis.net/samplingSpecimen/2.0"
XLINK: Final = "http://www.w3.org/1999/xlink"
XSI: Final = "http://www.w3.org/2001/XMLSchema-instance"
GMD: Final = "http://www.isotc211.org/2005/gmd"
GCO: Final = "http://www.isotc211.org/2005/gco"

#: the prefixes FieldApp writes (the examples' own), for lxml's ``nsmap``
NSMAP: Final[dict[str | None, str]] = {
    "imsikb0101": IMSIKB0101, "immetingen": IMMETINGEN, "gml": GML, "om": OM, "sam": SAM, "sams": SAMS,
    "spec": SPEC, "xlink": XLINK, "xsi": XSI,
}

#: the version of SIKB0101 FieldApp writes and the one profile it validates against
VERSION: Final = "14.9.0"

# borehole.sigma_source of a position read from a SIKB0101 file, followed by the id of the Meetapparaat the file
# named as its positioning method (GeoReferenceProcess): written back as given, never taken for a GNSS fix
POSITION_FROM_FILE: Final = "SIKB0101 Meetapparaat "

# the CRS names the examples use; EPSG:4326 is latitude first
SRS_RD: Final = "urn:ogc:def:crs:EPSG::28992"
SRS_WGS84: Final = "urn:ogc:def:crs:EPSG::4326"

# The domain tables FieldApp writes, in the spelling of SIKB's lookup files (resources/sikb/control-xslt).
# A table not named here is still parsed; it keeps the spelling the file used.
_CANONICAL: Final = (
    "Eenheid", "Hoedanigheid", "RelatedSamplingFeatureRollen", "RelatedObservationRollen", "RelatedSubjectRollen",
    "KenmerkBodemlaag", "KenmerkMonstername", "MonsterType", "MonsterVerpakking", "MeetObjectSoort",
    "Compartiment", "Kleur", "Kleursterkte", "BemonsteringsApparaat", "AfwerkingType", "BodemlaagType",
    "Bodemsoort", "BodemsoortMediaan", "OliewaterReactieMate", "BodemlaagBijzonderheden",
    "BodemlaagBijzonderhedenGradatie", "BodemlaagBijzonderhedenOorsprong", "BodemlaagBodemkenmerken",
    "BodemlaagBodemkenmerkenGradatie", "Parameter", "Waardebepalingsmethode", "WaardebepalingsTechniek",
    "Waardebewerkingsmethode", "Monsterbewerkingsmethode", "MonsterVoorbehandeling", "OnderzoekType",
    "OnderzoekAanleidingen", "OnderzoeksfaseType", "DatastroomType", "Applicaties", "Leveranciers", "MaaiveldType",
    "SituatieBeschrijving", "Afwerking", "Afdichting", "Aanvulling", "AsbestAanwezigheid", "Staat",
    "Kwaliteitsoordeel", "Certificeringscode", "RolBetrokkene", "GrindGehalte", "OrganischeStofGehalte",
    "Meetinstantie", "LimietSymboolReferentie", "PlaatsbepalingsMethode", "Boortechniek", "Boormethode",
    "BemonsteringsMethode", "Conditie",
)
_BY_LOWER: Final = {name.lower(): name for name in _CANONICAL}

# "urn:immetingen:Monstertype:id:10"; the prefix doubled "ii" is a typo seen in real files
# an id of up to 18 digits: SIKB's ids have a few; int() refuses a number of thousands of digits
_URN = re.compile(r"^\s*urn:(i?imsikb0101|immetingen):([A-Za-z0-9_]+):id:(-?\d{1,18})\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class CodeRef:
    """A parsed code URN: the model (``imsikb0101`` or ``immetingen``), the table and the id."""

    model: str
    table: str
    id: int

    def __str__(self) -> str:
        return urn(self.table, self.id, model=self.model)


def urn(table: str, ident: int, *, model: str = "immetingen") -> str:
    """``urn("MonsterType", 10)`` -> ``"urn:immetingen:MonsterType:id:10"``."""
    if model not in ("immetingen", "imsikb0101"):
        raise ValueError(f"unknown SIKB0101 model {model!r}")
    return f"urn:{model}:{table}:id:{int(ident)}"


def sikb_urn(table: str, ident: int) -> str:
    """A code of an ``imsikb0101`` table (``AfwerkingType``, ``DatastroomType``, ...)."""
    return urn(table, ident, model="imsikb0101")


def parse_urn(text: str | None) -> CodeRef | None:
    """The model, table and id of a code URN, or None if ``text`` is not one.

    The model is lower case; the table is SIKB's spelling where FieldApp knows
    the table, else the file's own.
    """
    if not text:
        return None
    m = _URN.match(text)
    if m is None:
        return None
    model = m.group(1).lower().removeprefix("i") if m.group(1).lower().startswith("ii") else m.group(1).lower()
    table = _BY_LOWER.get(m.group(2).lower(), m.group(2))
    return CodeRef(model, table, int(m.group(3)))


def urn_id(text: str | None, table: str) -> int | None:
    """The id of ``text`` if it is a URN of ``table`` (any case), else None."""
    ref = parse_urn(text)
    return ref.id if ref is not None and ref.table.lower() == table.lower() else None


def q(ns: str, local: str) -> str:
    """Clark notation for lxml: ``q(GML, "id")`` -> ``"{http://www.opengis.net/gml/3.2}id"``."""
    return f"{{{ns}}}{local}"


GML_ID: Final = q(GML, "id")
XLINK_HREF: Final = q(XLINK, "href")
