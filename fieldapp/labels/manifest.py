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

Version 2 (what the COC prints now) also carries the lab order's analysis
samples, each on the part of the page that lists it::

    FAM2|COC=<coc>|P=<part>/<parts>|T=<total>|N=<codes here>|<codes>|A=<total>|M=<here>|<analysis samples>
        |ALL=<h>|H=<h>

An analysis sample is ``<code>:<package code>:<jar>+<jar>...`` (``:`` and
``+`` inside a value percent-encoded too), samples separated by ``,``; ``ALL``
covers the codes, a blank line, and the analysis samples one per line. A
version 1 part still decodes (with no analysis samples).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import quote, unquote

from fieldapp.errors import ManifestError

VERSION = "FAM2"
KNOWN = ("FAM1", "FAM2")
HASH_HEX = 16
_SAFE = "".join(chr(c) for c in range(0x21, 0x7F) if chr(c) not in "%|,")
_SAFE_FIELD = "".join(c for c in _SAFE if c not in ":+")
_PART = re.compile(
    r"^FAM1\|COC=([^|]+)\|P=(\d+)/(\d+)\|T=(\d+)\|N=(\d+)\|([^|]*)\|ALL=([0-9a-f]{16})"
    r"\|H=([0-9a-f]{16})$"
)
_PART2 = re.compile(
    r"^FAM2\|COC=([^|]+)\|P=(\d+)/(\d+)\|T=(\d+)\|N=(\d+)\|([^|]*)\|A=(\d+)\|M=(\d+)\|([^|]*)"
    r"\|ALL=([0-9a-f]{16})\|H=([0-9a-f]{16})$"
)


@dataclass(frozen=True, slots=True)
class ManifestAnalysis:
    """An analysis sample as the manifest carries it: what the lab combines, for which package."""

    code: str
    package_code: str
    barcodes: tuple[str, ...]

    def text(self) -> str:
        def q(value: str) -> str:
            return quote(value, safe=_SAFE_FIELD)

        return f"{q(self.code)}:{q(self.package_code)}:{'+'.join(q(b) for b in self.barcodes)}"

    @classmethod
    def parse(cls, text: str) -> ManifestAnalysis:
        fields = text.split(":")
        if len(fields) != 3 or not fields[0]:
            raise ManifestError("The manifest is damaged: an analysis sample is not in order.",
                                hint="Scan it again or type the containers in.")
        jars = tuple(unquote(b) for b in fields[2].split("+")) if fields[2] else ()
        return cls(unquote(fields[0]), unquote(fields[1]), jars)


@dataclass(frozen=True, slots=True)
class ManifestPart:
    coc_number: str
    part: int
    parts: int
    total: int
    codes: tuple[str, ...]
    all_hash: str
    analyses: tuple[ManifestAnalysis, ...] = ()
    analysis_total: int = 0
    version: int = 2


@dataclass(frozen=True, slots=True)
class Manifest:
    coc_number: str
    codes: tuple[str, ...]
    analyses: tuple[ManifestAnalysis, ...] = ()
    version: int = 2


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:HASH_HEX]


def codes_hash(codes: Iterable[str]) -> str:
    return _hash("\n".join(codes))


def _all_hash(codes: Sequence[str], analyses: Sequence[ManifestAnalysis]) -> str:
    return _hash("\n".join(codes) + "\n\n" + "\n".join(a.text() for a in analyses))


def encode_parts(coc_number: str, pages: Sequence[Sequence[str]],
                 analyses: Sequence[Sequence[ManifestAnalysis]] | None = None) -> list[str]:
    """One manifest part per page of container codes (a single page gives a single part), with
    the analysis samples listed on each page (version 2)."""
    if not coc_number:
        raise ManifestError("A manifest needs the COC number.")
    every = [code for page in pages for code in page]
    if not every:
        raise ManifestError("A manifest needs at least one container.")
    per_page = list(analyses) if analyses is not None else [()] * len(pages)
    if len(per_page) != len(pages):
        raise ManifestError("A manifest needs the analysis samples of each page.")
    all_analyses = [a for page in per_page for a in page]
    all_hash = _all_hash(every, all_analyses)
    out = []
    for i, (page, mine) in enumerate(zip(pages, per_page, strict=True), start=1):
        body = (
            f"{VERSION}|COC={quote(coc_number, safe=_SAFE)}|P={i}/{len(pages)}|T={len(every)}"
            f"|N={len(page)}|{','.join(quote(c, safe=_SAFE) for c in page)}"
            f"|A={len(all_analyses)}|M={len(mine)}|{','.join(a.text() for a in mine)}|ALL={all_hash}"
        )
        out.append(f"{body}|H={_hash(body)}")
    return out


def encode_manifest(coc_number: str, codes: Sequence[str], analyses: Sequence[ManifestAnalysis] = ()) -> str:
    return encode_parts(coc_number, [codes], [analyses])[0]


def encode_parts_v1(coc_number: str, pages: Sequence[Sequence[str]]) -> list[str]:
    """Version 1 parts, as FieldApp printed them before the lab order: kept so that the
    tests can show that a COC printed then still reads."""
    every = [code for page in pages for code in page]
    all_hash = codes_hash(every)
    out = []
    for i, page in enumerate(pages, start=1):
        body = (
            f"FAM1|COC={quote(coc_number, safe=_SAFE)}|P={i}/{len(pages)}|T={len(every)}"
            f"|N={len(page)}|{','.join(quote(c, safe=_SAFE) for c in page)}|ALL={all_hash}"
        )
        out.append(f"{body}|H={_hash(body)}")
    return out


def decode_part(text: str) -> ManifestPart:
    """Parse and check one scanned part; any damage is a :class:`ManifestError`."""
    text = text.strip()
    if not text.startswith("FAM"):
        raise ManifestError("This is not a FieldApp shipment manifest.",
                            hint="Scan the square code on the COC form.")
    if not text.isascii():  # every value is percent-encoded: a byte the stdin reader could not decode, too
        raise ManifestError("The manifest is damaged: it holds a character that no manifest has.",
                            hint="Scan it again or type the containers in.")
    version = text.split("|", 1)[0]
    if version not in KNOWN:
        raise ManifestError(f"Manifest version {version!r} is not known here.",
                            hint="Update FieldApp.")
    m = (_PART2 if version == "FAM2" else _PART).match(text)
    if m is None:
        raise ManifestError("The manifest is damaged: its fields are not in order.",
                            hint="Scan it again or type the containers in.")
    if version == "FAM2":
        coc, part, parts, total, n, codes_text, a_total, a_n, a_text, all_hash, part_hash = m.groups()
    else:
        coc, part, parts, total, n, codes_text, all_hash, part_hash = m.groups()
        a_total, a_n, a_text = "0", "0", ""
    if _hash(text[: text.rindex("|H=")]) != part_hash:
        raise ManifestError("The manifest is damaged: its check hash does not match.",
                            hint="Scan it again or type the containers in.")
    codes = tuple(unquote(c) for c in codes_text.split(",")) if codes_text else ()
    analyses = tuple(ManifestAnalysis.parse(a) for a in a_text.split(",")) if a_text else ()
    if len(codes) != int(n) or len(analyses) != int(a_n) or not 1 <= int(part) <= int(parts):
        raise ManifestError("The manifest is damaged: its counts do not match.")
    return ManifestPart(unquote(coc), int(part), int(parts), int(total), codes, all_hash, analyses,
                        int(a_total), 1 if version == "FAM1" else 2)


def combine(parts: Iterable[ManifestPart]) -> Manifest:
    """The whole manifest from all its parts, in any order; missing or mixed parts are errors."""
    by_number: dict[int, ManifestPart] = {}
    for p in parts:
        by_number[p.part] = p
    if not by_number:
        raise ManifestError("No manifest was scanned.")
    first = next(iter(by_number.values()))
    if any((p.coc_number, p.parts, p.all_hash, p.version) != (first.coc_number, first.parts, first.all_hash,
                                                              first.version)
           for p in by_number.values()):
        raise ManifestError("The scanned manifest parts belong to different COC forms.")
    missing = [i for i in range(1, first.parts + 1) if i not in by_number]
    if missing:
        raise ManifestError(
            f"Manifest parts {', '.join(map(str, missing))} of {first.parts} are not scanned yet."
        )
    codes = tuple(c for i in range(1, first.parts + 1) for c in by_number[i].codes)
    analyses = tuple(a for i in range(1, first.parts + 1) for a in by_number[i].analyses)
    whole = codes_hash(codes) if first.version == 1 else _all_hash(codes, analyses)
    if len(codes) != first.total or len(analyses) != first.analysis_total or whole != first.all_hash:
        raise ManifestError("The manifest parts do not add up to the shipment they claim.")
    return Manifest(first.coc_number, codes, analyses, first.version)


def decode_manifest(*texts: str) -> Manifest:
    """Decode and check all scanned parts of one shipment's manifest."""
    return combine(decode_part(t) for t in texts)
