"""The shipment manifest carried in the COC form's 2D code.

A lab without access to the hub scans it to learn exactly which containers
the cooler should hold. One QR code holds about 2,000 characters, so a large
shipment is split into parts, one per COC page; every part says which part
it is, and carries a hash over *all* codes so the lab knows when it has the
complete, unaltered list.

Format, version 1 (fields separated by ``|``, codes by ``,``; ``%``, ``|``
and ``,`` inside a value are percent-encoded)::

    FAM1|COC=<coc number>|P=<part>/<parts>|T=<total>|N=<codes here>|<codes>|ALL=<h>|H=<h>

``ALL`` is the first 16 hex digits of SHA-256 over all codes of the shipment
joined by ``\\n`` in COC order; ``H`` the same over everything in this part
before ``|H=``. Decoding checks both counts and the part hash.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import quote, unquote

from fieldapp.errors import ManifestError

VERSION = "FAM1"
HASH_HEX = 16
_SAFE = "".join(chr(c) for c in range(0x21, 0x7F) if chr(c) not in "%|,")
_PART = re.compile(
    r"^FAM1\|COC=([^|]+)\|P=(\d+)/(\d+)\|T=(\d+)\|N=(\d+)\|([^|]*)\|ALL=([0-9a-f]{16})"
    r"\|H=([0-9a-f]{16})$"
)


@dataclass(frozen=True, slots=True)
class ManifestPart:
    coc_number: str
    part: int
    parts: int
    total: int
    codes: tuple[str, ...]
    all_hash: str


@dataclass(frozen=True, slots=True)
class Manifest:
    coc_number: str
    codes: tuple[str, ...]


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:HASH_HEX]


def codes_hash(codes: Iterable[str]) -> str:
    return _hash("\n".join(codes))


def encode_parts(coc_number: str, pages: Sequence[Sequence[str]]) -> list[str]:
    """One manifest part per page of container codes (a single page gives a single part)."""
    if not coc_number:
        raise ManifestError("A manifest needs the COC number.")
    every = [code for page in pages for code in page]
    if not every:
        raise ManifestError("A manifest needs at least one container.")
    all_hash = codes_hash(every)
    out = []
    for i, page in enumerate(pages, start=1):
        body = (
            f"{VERSION}|COC={quote(coc_number, safe=_SAFE)}|P={i}/{len(pages)}|T={len(every)}"
            f"|N={len(page)}|{','.join(quote(c, safe=_SAFE) for c in page)}|ALL={all_hash}"
        )
        out.append(f"{body}|H={_hash(body)}")
    return out


def encode_manifest(coc_number: str, codes: Sequence[str]) -> str:
    return encode_parts(coc_number, [codes])[0]


def decode_part(text: str) -> ManifestPart:
    """Parse and check one scanned part; any damage is a :class:`ManifestError`."""
    text = text.strip()
    if not text.startswith("FAM"):
        raise ManifestError("This is not a FieldApp shipment manifest.",
                            hint="Scan the square code on the COC form.")
    if not text.startswith(VERSION + "|"):
        raise ManifestError(f"Manifest version {text.split('|', 1)[0]!r} is not known here.",
                            hint="Update FieldApp.")
    m = _PART.match(text)
    if m is None:
        raise ManifestError("The manifest is damaged: its fields are not in order.",
                            hint="Scan it again or type the containers in.")
    coc, part, parts, total, n, codes_text, all_hash, part_hash = m.groups()
    if _hash(text[: text.rindex("|H=")]) != part_hash:
        raise ManifestError("The manifest is damaged: its check hash does not match.",
                            hint="Scan it again or type the containers in.")
    codes = tuple(unquote(c) for c in codes_text.split(",")) if codes_text else ()
    if len(codes) != int(n) or not 1 <= int(part) <= int(parts):
        raise ManifestError("The manifest is damaged: its counts do not match.")
    return ManifestPart(unquote(coc), int(part), int(parts), int(total), codes, all_hash)


def combine(parts: Iterable[ManifestPart]) -> Manifest:
    """The whole manifest from all its parts, in any order; missing or mixed parts are errors."""
    by_number: dict[int, ManifestPart] = {}
    for p in parts:
        by_number[p.part] = p
    if not by_number:
        raise ManifestError("No manifest was scanned.")
    first = next(iter(by_number.values()))
    if any((p.coc_number, p.parts, p.all_hash) != (first.coc_number, first.parts, first.all_hash)
           for p in by_number.values()):
        raise ManifestError("The scanned manifest parts belong to different COC forms.")
    missing = [i for i in range(1, first.parts + 1) if i not in by_number]
    if missing:
        raise ManifestError(
            f"Manifest parts {', '.join(map(str, missing))} of {first.parts} are not scanned yet."
        )
    codes = tuple(c for i in range(1, first.parts + 1) for c in by_number[i].codes)
    if len(codes) != first.total or codes_hash(codes) != first.all_hash:
        raise ManifestError("The manifest parts do not add up to the shipment they claim.")
    return Manifest(first.coc_number, codes)


def decode_manifest(*texts: str) -> Manifest:
    """Decode and check all scanned parts of one shipment's manifest."""
    return combine(decode_part(t) for t in texts)
