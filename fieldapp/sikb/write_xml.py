"""A small, fast XML text writer for the SIKB0101 export.

An investigation of 10,000 boreholes is a few million elements. Building them
as lxml trees and serialising each feature costs several times more than
joining text, and lxml's incremental writer repeats the namespace
declarations on every feature it writes. So the writers append indented text
to an :class:`Out`, which hands full chunks to the file; names are written
with the document's own prefixes (:data:`fieldapp.sikb.names.NSMAP`), declared
once on the root. The same rows always give the same bytes.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from collections.abc import Callable
from typing import IO, Final

_TEXT: Final = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
_ATTR: Final = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\n": "&#10;", "\r": "&#13;",
                              "\t": "&#9;"})
_ESCAPE: Final = re.compile(r"[&<>\r\x00-\x08\x0b\x0c\x0e-\x1f]")  # what text may not hold as it is
_ATTR_ESCAPE: Final = re.compile(r'[&<>"\t\n\r\x00-\x08\x0b\x0c\x0e-\x1f]')
_CONTROL: Final = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # forbidden in XML 1.0: dropped
_CHUNK: Final = 1 << 14  # parts held before they go to the file
_SHA1: Final = hashlib.sha1
# what the contract fixes for objects that have no row of their own (a Depth, a Point, a characteristic)
_SUB_NAMESPACE: Final = uuid.NAMESPACE_URL.bytes


def text(value: object) -> str:
    """A value as element text: escaped, control characters XML 1.0 forbids dropped."""
    s = str(value)
    if _ESCAPE.search(s) is None:  # most values (codes, numbers, words) need nothing
        return s
    return _CONTROL.sub("", s).translate(_TEXT)


def attr(value: object) -> str:
    s = str(value)
    return s if _ATTR_ESCAPE.search(s) is None else _CONTROL.sub("", s).translate(_ATTR)


def gml_id(row_id: str) -> str:
    """A FieldApp row's gml:id: ``_`` and the row id (lokaalID is the row id itself)."""
    return "_" + row_id


def sub_id(row_id: str, role: str) -> str:
    """The id of an object that has no row of its own: ``uuid5(row id + "/" + role)``, never random.

    ``str(uuid.uuid5(uuid.NAMESPACE_URL, ...))`` computed without building UUID objects (a 10,000-borehole
    export makes half a million of them); tests/sikb/test_sikb_names.py holds the two equal."""
    x = _SHA1(_SUB_NAMESPACE + f"{row_id}/{role}".encode()).digest().hex()
    # the version (5) and the variant (10xx) written into the hex digits themselves: no bytes to edit
    return f"{x[:8]}-{x[8:12]}-5{x[13:16]}-{_VARIANT[x[16]]}{x[17:20]}-{x[20:32]}"


_VARIANT: Final = {d: "89ab"[int(d, 16) & 3] for d in "0123456789abcdef"}


def number(value: float | int) -> str:
    """A measure as SIKB files write it: whole numbers without a decimal point, else Python's shortest form."""
    f = float(value)
    return str(int(f)) if f.is_integer() else repr(f)


class Out:
    """XML text, an element per line, flushed to ``sink`` in chunks. The parts are not indented: a
    10,000-borehole investigation is a few million lines, and the spaces would be a fifth of the file."""

    def __init__(self, sink: IO[str]) -> None:
        self.sink = sink
        self.parts: list[str] = []
        self.add: Callable[[str], None] = self.parts.append
        self.listener: Callable[[str], None] | None = None  # sees every chunk written (the XSD check)
        self.ids: set[str] = set()  # the features' ids: unique in the file, as xs:ID requires
        self.duplicates: list[str] = []

    def claim(self, ident: str) -> None:
        if ident in self.ids:
            self.duplicates.append(ident)
        self.ids.add(ident)

    def open(self, name: str, attrs: str = "") -> None:
        self.add(f"\n<{name}{attrs}>")

    def close(self, name: str) -> None:
        self.add(f"\n</{name}>")

    def leaf(self, name: str, value: object, attrs: str = "") -> None:
        """``<name attrs>value</name>``; nothing when the value is None or empty."""
        if value is None or value == "":
            return
        self.add(f"\n<{name}{attrs}>{text(value)}</{name}>")

    def empty(self, name: str, attrs: str = "") -> None:
        self.add(f"\n<{name}{attrs}/>")

    def href(self, name: str, target_gml_id: str) -> None:
        """A reference by xlink to an object in the file: ``<name xlink:href="#_id"/>`` (ids need no escaping:
        they are ``_`` and a UUID)."""
        self.add(f'\n<{name} xlink:href="#{target_gml_id}"/>')

    def code_href(self, name: str, urn: str) -> None:
        """A code given by xlink (``<spec:specimenType xlink:href="urn:..."/>``)."""
        self.add(f'\n<{name} xlink:href="{urn}"/>')

    def feature_done(self) -> None:
        if len(self.parts) > _CHUNK:
            self.flush()

    def flush(self) -> None:
        chunk = "".join(self.parts)
        self.parts.clear()
        self.sink.write(chunk)
        if self.listener is not None and chunk:
            self.listener(chunk)
