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

import uuid
from collections.abc import Callable
from typing import IO, Final

_TEXT: Final = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
_ATTR: Final = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\n": "&#10;", "\r": "&#13;",
                              "\t": "&#9;"})
_CHUNK: Final = 1 << 16  # parts held before they go to the file
# what the contract fixes for objects that have no row of their own (a Depth, a Point, a characteristic)
_SUB_NAMESPACE: Final = uuid.NAMESPACE_URL


def text(value: object) -> str:
    """A value as element text: escaped, control characters XML 1.0 forbids dropped."""
    s = str(value)
    if any(c < " " and c not in "\t\n\r" for c in s):
        s = "".join(c for c in s if c >= " " or c in "\t\n\r")
    return s.translate(_TEXT)


def attr(value: object) -> str:
    return str(value).translate(_ATTR)


def gml_id(row_id: str) -> str:
    """A FieldApp row's gml:id: ``_`` and the row id (lokaalID is the row id itself)."""
    return "_" + row_id


def sub_id(row_id: str, role: str) -> str:
    """The id of an object that has no row of its own: ``uuid5(row id + "/" + role)``, never random."""
    return str(uuid.uuid5(_SUB_NAMESPACE, f"{row_id}/{role}"))


def number(value: float | int) -> str:
    """A measure as SIKB files write it: whole numbers without a decimal point, else Python's shortest form."""
    f = float(value)
    return str(int(f)) if f.is_integer() else repr(f)


class Out:
    """Indented XML text, flushed to ``sink`` in chunks."""

    def __init__(self, sink: IO[str]) -> None:
        self.sink = sink
        self.parts: list[str] = []
        self.depth = 0
        self.add: Callable[[str], None] = self.parts.append

    def _pad(self) -> str:
        return "\n" + "  " * self.depth

    def open(self, name: str, attrs: str = "") -> None:
        self.add(f"{self._pad()}<{name}{attrs}>")
        self.depth += 1

    def close(self, name: str) -> None:
        self.depth -= 1
        self.add(f"{self._pad()}</{name}>")
        if self.depth <= 1 and len(self.parts) > _CHUNK:
            self.flush()

    def leaf(self, name: str, value: object, attrs: str = "") -> None:
        """``<name attrs>value</name>``; nothing when the value is None or empty."""
        if value is None or value == "":
            return
        self.add(f"{self._pad()}<{name}{attrs}>{text(value)}</{name}>")

    def empty(self, name: str, attrs: str = "") -> None:
        self.add(f"{self._pad()}<{name}{attrs}/>")

    def href(self, name: str, target_gml_id: str) -> None:
        """A reference by xlink to an object in the file: ``<name xlink:href="#_id"/>``."""
        self.add(f'{self._pad()}<{name} xlink:href="#{attr(target_gml_id)}"/>')

    def code_href(self, name: str, urn: str) -> None:
        """A code given by xlink (``<spec:specimenType xlink:href="urn:..."/>``)."""
        self.add(f'{self._pad()}<{name} xlink:href="{attr(urn)}"/>')

    def flush(self) -> None:
        self.sink.write("".join(self.parts))
        self.parts.clear()
