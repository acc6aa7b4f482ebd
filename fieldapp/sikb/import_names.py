"""Ids and names of imported objects.

Ids: an object whose ``gml:id`` is ``_`` + a UUID keeps that UUID as its row
id, so a FieldApp file comes back onto the same rows and a re-import merges;
any other gml:id becomes a UUID5 of the project code and that gml:id, the
same on every import. A row FieldApp keeps that the file has no object for (a
sample's part, a container's custody event) takes a UUID5 of its owner's id
and its role.

Names: SIKB0101 allows 24 characters; a longer one is refused. One that is
not a usable FieldApp code (a space, an accent) or that another object of the
project already uses is kept under a new name and reported, never dropped.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from collections.abc import Iterable

from fieldapp.domain.common import human_code
from fieldapp.messages import named, refused, term
from fieldapp.sikb.import_report import ImportReport

MAX_NAME = 24  # SIKB0101 immetingen:name
_NOT_CODE = re.compile(r"[^A-Za-z0-9._/-]+")
_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")


def row_id(gml_id: str | None, project_code: str) -> str:
    raw = (gml_id or "").strip()
    if raw.startswith("_") and _UUID.fullmatch(raw, 1):
        return raw[1:].lower()
    if not raw:
        raise refused("file", "refuse_no_gml_id")
    return _uuid5(f"sikb0101:{project_code}/{raw}")


def derived_id(owner_id: str, role: str) -> str:
    return _uuid5(f"{owner_id}/{role}")


_URL = uuid.NAMESPACE_URL.bytes


def _uuid5(name: str) -> str:
    """``str(uuid.uuid5(uuid.NAMESPACE_URL, name))`` without building a UUID object (an import makes
    a dozen per borehole, and the object's checks cost three times the hash)."""
    digest = bytearray(hashlib.sha1(_URL + name.encode()).digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x50  # version 5
    digest[8] = (digest[8] & 0x3F) | 0x80  # RFC 4122 variant
    h = digest.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


class Names:
    """The codes of one kind of object in one project: who holds which."""

    def __init__(self, kind: str, report: ImportReport, held: Iterable[tuple[str, str]] = ()) -> None:
        self.kind = kind
        self.report = report
        self._holder: dict[str, str] = {code.casefold(): ident for code, ident in held}  # code -> row id

    def claim(self, name: str | None, ident: str, kind: str) -> str:
        """The code the object with ``ident`` gets for ``name`` (``kind``: how the report names it, "trench")."""
        text = (name or "").strip()
        what = named(kind)
        if not text:
            text = f"{self.kind[:2].upper()}{len(self._holder) + 1}"
            self.report.defaulted("name_missing", named(kind, text), what=what)
        if len(text) > MAX_NAME:
            raise refused("name", "refuse_name_length", what=what, name=text, length=len(text), limit=MAX_NAME)
        code = _NOT_CODE.sub("-", text).strip("-._/") or self.kind[:2].upper()
        if code != text:
            self.report.renamed("name_unusable", named(kind, code), what=what, name=text)
        base, n = code, 2
        while (holder := self._holder.get(code.casefold())) is not None and holder != ident:
            code = f"{base[:MAX_NAME - 1 - len(str(n))]}-{n}"
            n += 1
        if code != base:
            self.report.renamed("name_taken", named(kind, code), what=what, name=text, kind=term(self.kind))
        self._holder[code.casefold()] = ident
        return human_code(code, "name", kind)  # cleaned above: it passes (a refusal would be English)
