"""Reading a SIKB0101 14.x file: the FeatureCollection, alone or inside a SAD request.

The reader keeps the XML elements and indexes them (by ``gml:id``, by the
object an observation describes, by relation); turning them into FieldApp
rows is :mod:`fieldapp.sikb.import_plan`'s work. Real files are not
schema-clean (mixed-case code-list names, versions 14.2 to 14.9, references to
objects that are not in the file), so nothing here insists on the schema.
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TypeAlias

from lxml import etree

from fieldapp.errors import ValidationError
from fieldapp.messages import Term, refused
from fieldapp.progress import Progress
from fieldapp.sikb import names
from fieldapp.sikb.names import GML, IMSIKB0101, OM, SAM, XLINK

Element: TypeAlias = etree._Element
# no DTDs, entities or network: a file from another program is data, never instructions. ns_clean drops a
# namespace declaration that repeats one in scope (writers that serialise each featureMember on its own
# declare all namespaces again on every one): the names are the same, and each declaration left out is
# three allocations fewer to make while parsing and to free after the import (on the 10,000-borehole
# bench's file, six or seven on every featureMember: parsing 0.4 s and freeing the tree 1 s faster)
def _parser() -> etree.XMLParser:
    # fed in pieces, a parser holds the file's state: one per file
    return etree.XMLParser(remove_comments=True, remove_pis=True, huge_tree=True, resolve_entities=False,
                           no_network=True, load_dtd=False, ns_clean=True)


# fed in pieces of this size, so that a file of 600 MB (10,000 boreholes, seconds to parse) reports how far
# it is; as fast as libxml2 reading the file itself (measured on the bench's file)
_PIECE = 4 << 20

IMSIKB = IMSIKB0101

GML_ID = f"{{{GML}}}id"
_RELATED, _COMPLEX, _ROLE = f"{{{SAM}}}relatedSamplingFeature", f"{{{SAM}}}SamplingFeatureComplex", f"{{{SAM}}}role"
HREF = f"{{{XLINK}}}href"
_COLLECTION = f"{{{IMSIKB}}}FeatureCollectionIMSIKB0101"
FIELD = "file"
_OBSERVATIONS = frozenset({"Characteristic", "Analysis", "CalculatedAnalysis"})


@dataclass(frozen=True)
class Code:
    """A code-list value as the file names it: the list (case as written) and its id."""

    list_name: str
    id: int
    key: str = field(init=False, compare=False, repr=False)  # the list's name case-folded

    def __post_init__(self) -> None:
        object.__setattr__(self, "key", self.list_name.casefold())

    def __str__(self) -> str:
        return f"{self.list_name}:{self.id}"


@lru_cache(maxsize=4096)
def parse_urn(text: str | None) -> Code | None:
    """``urn:immetingen:Monstertype:id:10`` -> Code("MonsterType", 10) (:func:`fieldapp.sikb.names.parse_urn`,
    kept per text: a file repeats a few hundred codes a million times); None if there is no URN."""
    ref = names.parse_urn(text)
    return Code(ref.table, ref.id) if ref is not None else None


def local(el: Element) -> str:
    return _local(el.tag)


@lru_cache(maxsize=1024)
def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


@dataclass
class SikbFile:
    """One SIKB0101 FeatureCollection, indexed."""

    path: Path
    version: str
    members: list[Element]
    by_id: dict[str, Element]
    # observations (Characteristic, Analysis) by the gml:id of the object they describe
    observations: dict[str, list[Element]] = field(default_factory=lambda: defaultdict(list))
    # each object's sam:relatedSamplingFeature as (role id, target gml:id), read once
    related: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    # the members by local name, in file order (the import asks for each kind several times)
    kinds: dict[str, list[Element]] = field(default_factory=lambda: defaultdict(list))

    def of_kind(self, *kinds: str) -> list[Element]:
        present = [k for k in kinds if self.kinds.get(k)]
        if len(present) > 1:  # interleaved kinds keep the file's order
            return [m for m in self.members if local(m) in kinds]
        return list(self.kinds[present[0]]) if present else []

    def relations(self, el: Element) -> list[tuple[int, str]]:
        found = self.related.get(el.get(GML_ID, ""))
        return found if found is not None else relations(el)

    def pointing_at(self, role: int) -> dict[str, list[str]]:
        """gml:id -> the gml:ids of the objects whose relation of ``role`` names it (one pass over the file)."""
        out: dict[str, list[str]] = defaultdict(list)
        for source, pairs in self.related.items():
            for r, target in pairs:
                if r == role:
                    out[target].append(source)
        return out

    def target(self, href: str | None) -> Element | None:
        return self.by_id.get((href or "").lstrip("#"))


def read(path: Path, progress: Progress | None = None) -> SikbFile:
    """Parse ``path``; refuse what is not one SIKB0101 14.x FeatureCollection.
    ``progress(bytes parsed, file size)`` hears of each piece (it may raise to stop the read)."""
    parser = _parser()
    try:
        with path.open("rb") as fh:
            size, done = os.fstat(fh.fileno()).st_size, 0
            while piece := fh.read(_PIECE):
                if not done:
                    _no_doctype(piece, path.name)
                parser.feed(piece)
                done += len(piece)
                if progress is not None:
                    progress(done, size)
        root = parser.close()
    except OSError as exc:
        raise refused(FIELD, "refuse_unreadable", file=path.name, why=exc.strerror or str(exc)) from None
    except etree.XMLSyntaxError as exc:
        raise refused(FIELD, "refuse_not_xml", file=path.name, why=str(exc)) from None
    if root.getroottree().docinfo.internalDTD is not None:  # one behind a prolog longer than the head _no_doctype reads
        raise _doctype(path.name)
    collections = [root] if root.tag == _COLLECTION else list(root.iter(_COLLECTION))
    if not collections:
        raise refused(FIELD, "refuse_no_collection", file=path.name)
    if len(collections) > 1:
        raise refused(FIELD, "refuse_collections", file=path.name, n=len(collections))
    collection = collections[0]
    version = (collection.findtext(f"{{{IMSIKB}}}metaData/{{{IMSIKB}}}version") or "").strip()
    if not re.match(r"^14\.\d+(\.\d+)?$", version):
        raise refused(FIELD, "refuse_version", file=path.name, version=version or Term("version_none"))
    members = [child for fm in collection if local(fm) == "featureMember" for child in fm]
    out = SikbFile(path, version, members, {})
    for m in members:
        gml_id = m.get(GML_ID)
        kind = local(m)
        out.kinds[kind].append(m)
        if gml_id:
            out.by_id[gml_id] = m
            # observations relate to observations only (om:relatedObservation), never to sampling features
            out.related[gml_id] = [] if kind in _OBSERVATIONS else relations(m)
        if kind in _OBSERVATIONS:
            foi = next(m.iterchildren(f"{{{OM}}}featureOfInterest"), None)
            if foi is not None and foi.get(HREF):
                out.observations[foi.get(HREF, "").lstrip("#")].append(m)
    return out


#: what may stand before the root element: the XML declaration, processing instructions, comments, blanks
_PROLOG = re.compile(r"(?:\s+|<\?.*?\?>|<!--.*?-->)*", re.S)
_HEAD = 64 << 10  # bytes of the file's start searched for a DOCTYPE
_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
         (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"), (b"<\x00?\x00", "utf-16-le"),
         (b"\x00<\x00?", "utf-16-be"))


def _no_doctype(head: bytes, name: str) -> None:
    """Refuse a file that declares a DTD before libxml2 sees a byte of it.

    A SIKB0101 file has no DOCTYPE; one in a file from another program can only declare entities: an
    "XML bomb" that expands a few lines into gigabytes, or external entities that read local files or
    the network. The parser is told to expand and fetch nothing, but a file that asks for it is refused
    outright rather than read with its entities silently dropped (the text they stand for would be lost)."""
    codec = next((c for bom, c in _BOMS if head.startswith(bom)), "utf-8")
    start = head[:_HEAD].decode(codec, errors="replace").lstrip("\ufeff")
    prolog = _PROLOG.match(start)
    if start.startswith("<!DOCTYPE", prolog.end() if prolog else 0):
        raise _doctype(name)


def _doctype(name: str) -> ValidationError:
    return ValidationError(
        FIELD, f"{name} declares a DTD (<!DOCTYPE ...>): FieldApp reads no DTDs or entities in a file "
        "from another program, so nothing of it was read.",
        hint="Export the file again from the program that made it (a SIKB0101 file has no DOCTYPE).")


def text(el: Element, *path: str) -> str | None:
    """The stripped text at ``path`` (local names, in any namespace), or None."""
    # child()'s loop inlined: an import asks this a million times
    node: Element = el
    for step in path:
        found = next(node.iterchildren(_ANY.get(step) or _any(step)), None)
        if found is None:
            return None
        node = found
    value = (node.text or "").strip()
    return value or None


def child(el: Element, *path: str) -> Element | None:
    # iterchildren matches "{*}name" in C; find() would run lxml's ElementPath in Python
    node: Element = el
    for step in path:
        found = next(node.iterchildren(_ANY.get(step) or _any(step)), None)
        if found is None:
            return None
        node = found
    return node


_ANY: dict[str, str] = {}


def _any(step: str) -> str:
    _ANY[step] = "{*}" + step
    return _ANY[step]


def relations(el: Element) -> list[tuple[int, str]]:
    """(role id, target gml:id) of each sam:relatedSamplingFeature."""
    out = []
    for wrapper in el.iterchildren(_RELATED):
        for rel in wrapper.iterchildren(_COMPLEX):
            # one pass over the complex's few children: the first role and the first target count
            role_href = target = None
            for part in rel:
                tag = part.tag
                if tag == _ROLE and role_href is None:
                    role_href = part.get(HREF) or ""
                elif tag == _RELATED and target is None:
                    target = part.get(HREF) or ""
            role = parse_urn(role_href) if role_href else None
            if role is not None and target:
                out.append((role.id, target.lstrip("#")))
    return out


def href(el: Element, *path: str) -> str | None:
    node = child(el, *path)
    value = node.get(HREF) if node is not None else None
    return value.lstrip("#") if value else None
