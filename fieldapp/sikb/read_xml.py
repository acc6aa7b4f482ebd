"""Reading a SIKB0101 14.x file: the FeatureCollection, alone or inside a SAD request.

The reader keeps the XML elements and indexes them (by ``gml:id``, by the
object an observation describes, by relation); turning them into FieldApp
rows is :mod:`fieldapp.sikb.import_plan`'s work. Real files are not
schema-clean (mixed-case code-list names, versions 14.2 to 14.9, references to
objects that are not in the file), so nothing here insists on the schema.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from fieldapp.errors import ValidationError

GML = "http://www.opengis.net/gml/3.2"
XLINK = "http://www.w3.org/1999/xlink"
SAM = "http://www.opengis.net/sampling/2.0"
OM = "http://www.opengis.net/om/2.0"
SPEC = "http://www.opengis.net/samplingSpecimen/2.0"
IMSIKB = "http://www.sikb.nl/imsikb0101"
IMMETINGEN = "http://www.sikb.nl/immetingen"

GML_ID = f"{{{GML}}}id"
HREF = f"{{{XLINK}}}href"
_COLLECTION = f"{{{IMSIKB}}}FeatureCollectionIMSIKB0101"
_URN = re.compile(r"^\s*urn:(i+msikb0101|i+mmetingen):([A-Za-z_]+):id:(-?\d+)\s*$", re.I)
FIELD = "file"


@dataclass(frozen=True)
class Code:
    """A code-list value as the file names it: the list (case as written) and its id."""

    list_name: str
    id: int

    @property
    def key(self) -> str:
        return self.list_name.casefold()

    def __str__(self) -> str:
        return f"{self.list_name}:{self.id}"


def parse_urn(text: str | None) -> Code | None:
    """``urn:immetingen:MonsterType:id:10`` -> Code("MonsterType", 10); None if there is no URN."""
    match = _URN.match(text or "")
    return Code(match.group(2), int(match.group(3))) if match else None


def local(el: ET.Element) -> str:
    return el.tag.rsplit("}", 1)[-1]


@dataclass
class SikbFile:
    """One SIKB0101 FeatureCollection, indexed."""

    path: Path
    version: str
    members: list[ET.Element]
    by_id: dict[str, ET.Element]
    # observations (Characteristic, Analysis) by the gml:id of the object they describe
    observations: dict[str, list[ET.Element]] = field(default_factory=lambda: defaultdict(list))

    def of_kind(self, *kinds: str) -> list[ET.Element]:
        return [m for m in self.members if local(m) in kinds]

    def target(self, href: str | None) -> ET.Element | None:
        return self.by_id.get((href or "").lstrip("#"))


def read(path: Path) -> SikbFile:
    """Parse ``path``; refuse what is not one SIKB0101 14.x FeatureCollection."""
    try:
        root = ET.parse(path).getroot()
    except OSError as exc:
        raise ValidationError(FIELD, f"{path.name} cannot be read: {exc.strerror or exc}.",
                              hint="Check the path and that the file may be read.") from None
    except ET.ParseError as exc:
        raise ValidationError(FIELD, f"{path.name} is not well-formed XML ({exc}).",
                              hint="Export the file again from the program that made it.") from None
    collections = [root] if root.tag == _COLLECTION else list(root.iter(_COLLECTION))
    if not collections:
        raise ValidationError(FIELD, f"{path.name} holds no SIKB0101 FeatureCollection.",
                              hint="Choose a SIKB0101 file (or a SAD request that carries one).")
    if len(collections) > 1:
        raise ValidationError(FIELD, f"{path.name} holds {len(collections)} SIKB0101 FeatureCollections.",
                              hint="Import one investigation per file: split the file.")
    collection = collections[0]
    version = (collection.findtext(f"{{{IMSIKB}}}metaData/{{{IMSIKB}}}version") or "").strip()
    if not re.match(r"^14\.\d+(\.\d+)?$", version):
        raise ValidationError(FIELD, f"{path.name} is SIKB0101 version {version or '(none given)'}; "
                              "FieldApp reads versions 14.0 to 14.9.",
                              hint="Export it as SIKB0101 14.x from the program that made it.")
    members = [child for fm in collection if local(fm) == "featureMember" for child in fm]
    out = SikbFile(path, version, members, {})
    for m in members:
        gml_id = m.get(GML_ID)
        if gml_id:
            out.by_id[gml_id] = m
        if local(m) in ("Characteristic", "Analysis", "CalculatedAnalysis"):
            foi = m.find(f"{{{OM}}}featureOfInterest")
            if foi is not None and foi.get(HREF):
                out.observations[foi.get(HREF, "").lstrip("#")].append(m)
    return out


def text(el: ET.Element, *path: str) -> str | None:
    """The stripped text at ``path`` (local names, any of the two SIKB namespaces), or None."""
    node: ET.Element | None = el
    for step in path:
        node = _child(node, step) if node is not None else None
    value = (node.text or "").strip() if node is not None else ""
    return value or None


def child(el: ET.Element, *path: str) -> ET.Element | None:
    node: ET.Element | None = el
    for step in path:
        node = _child(node, step) if node is not None else None
    return node


def _child(el: ET.Element, name: str) -> ET.Element | None:
    for c in el:
        if local(c) == name:
            return c
    return None


def relations(el: ET.Element) -> list[tuple[int, str]]:
    """(role id, target gml:id) of each sam:relatedSamplingFeature."""
    out = []
    for rel in el.iterfind(f"{{{SAM}}}relatedSamplingFeature/{{{SAM}}}SamplingFeatureComplex"):
        role_el = rel.find(f"{{{SAM}}}role")
        role = parse_urn(role_el.get(HREF)) if role_el is not None else None
        tgt = rel.find(f"{{{SAM}}}relatedSamplingFeature")
        if role is not None and tgt is not None and tgt.get(HREF):
            out.append((role.id, tgt.get(HREF, "").lstrip("#")))
    return out


def href(el: ET.Element, *path: str) -> str | None:
    node = child(el, *path)
    value = node.get(HREF) if node is not None else None
    return value.lstrip("#") if value else None
