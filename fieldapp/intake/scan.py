"""What a scanned text is, before anything is looked up: a container code, a
manifest part, or garbage that must be named clearly and never stored.

A scanner (or a clerk at the keyboard) can send nothing but the suffix key,
kilobytes of a wrongly aimed 2D code, or control characters (GS1 group
separators, a function key); each gets its own message so the clerk knows
whether to rescan, fix the scanner's settings or put the item aside.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum

MAX_CODE = 64  # container barcodes have at most 32 characters; leave room for a garbled one
MAX_MANIFEST = 3000  # one manifest part fits a QR code of about 2,000 characters
SHOWN = 40  # characters of a bad scan echoed back to the clerk


class Outcome(StrEnum):
    RECEIVED = "received"
    HOLDING_TIME = "holding_time_exceeded"  # received, but out of holding time
    DUPLICATE = "duplicate"
    UNKNOWN = "unknown"
    OTHER_SHIPMENT = "other_shipment"
    NOT_ON_COC = "not_on_coc"  # a known container packed in no open shipment
    CLOSED_SHIPMENT = "closed_shipment"  # a container already received with another shipment
    RECEIPT_CLOSED = "receipt_closed"
    KEYBOARD_LAYOUT = "keyboard_layout"
    INVALID = "invalid"
    MANIFEST = "manifest"
    DAMAGED = "damaged"


#: Outcomes of a container that is physically in the cooler but not on its COC.
UNEXPECTED = frozenset({Outcome.UNKNOWN, Outcome.OTHER_SHIPMENT, Outcome.NOT_ON_COC, Outcome.CLOSED_SHIPMENT})
#: Outcomes that mean "look at this": shown in warning colours, sounded differently.
PROBLEMS = frozenset({*UNEXPECTED, Outcome.HOLDING_TIME, Outcome.KEYBOARD_LAYOUT, Outcome.INVALID,
                      Outcome.RECEIPT_CLOSED, Outcome.DAMAGED})


@dataclass(frozen=True, slots=True)
class ScanResult:
    """The outcome of one scan, as the screen and ``fieldapp intake scan`` show it."""

    outcome: Outcome
    code: str  # as stored (upper case), or the shortened raw text of a bad scan
    message: str
    hint: str = ""
    suggestion: str = ""  # a keyboard-layout result: the code it probably is (never taken without the clerk)
    sample_code: str = ""
    recorded: bool = False  # a custody event was written for this scan
    details: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {"outcome": str(self.outcome), "code": self.code, "message": self.message,
                                  "recorded": self.recorded}
        for name in ("hint", "suggestion", "sample_code"):
            if getattr(self, name):
                out[name] = getattr(self, name)
        out.update(self.details)
        return out


def shown(text: str) -> str:
    """A bad scan as it can be shown: control characters escaped, long text cut."""
    safe = "".join(ch if ch.isprintable() else f"\\x{_byte(ch):02x}" for ch in text[:SHOWN])
    return safe + ("…" if len(text) > SHOWN else "")


_EMPTY = ScanResult(Outcome.INVALID, "", "Empty scan: nothing was read.",
                    hint="Scan the label again. If this repeats, the scanner sends only its suffix key.")


def _byte(ch: str) -> int:
    """A character's code, or the byte a lone surrogate of ``surrogateescape`` stands for."""
    code = ord(ch)
    return code - 0xDC00 if _UNDECODED[0] <= code <= _UNDECODED[1] else code


def check(raw: str, length: int | None = None) -> ScanResult | str:
    """The scanned text, trimmed and without a symbology identifier, or a result naming why it cannot be
    a code. ``length``: how long the scan was when ``raw`` holds only its start."""
    text = raw.strip(" \t\r\n")
    if not text:
        return _EMPTY
    size = len(text) + max(0, (length or 0) - len(raw))
    # a scanner set to send AIM symbology identifiers puts "]C0" (Code 128), "]Q1" (QR), "]d1" (DataMatrix)
    # before the code; no code starts with "]", so the identifier is dropped rather than refused
    code = without_symbology(text)
    limit = MAX_MANIFEST if is_manifest(code) else MAX_CODE
    if size > limit:
        return ScanResult(Outcome.INVALID, shown(text), f"A scan of {size:,} characters is not a container code.",
                          hint="Aim at the container's own label (codes have at most 32 characters); "
                               "nothing was recorded.")
    bad = [(i, ch) for i, ch in enumerate(text) if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn")]
    if bad:
        pos, ch = bad[0]
        if _UNDECODED[0] <= ord(ch) <= _UNDECODED[1]:  # a byte that is no UTF-8, kept by the stdin reader
            return ScanResult(Outcome.INVALID, shown(text),
                              f"The scan contains a byte that is not text (\\x{_byte(ch):02x} at position "
                              f"{pos + 1}).",
                              hint="The scanner sends another character set: set it to plain Code 128 text "
                                   "(ASCII, or UTF-8), then scan again. Nothing was recorded.")
        return ScanResult(Outcome.INVALID, shown(text),
                          f"The scan contains a control character (\\x{ord(ch):02x} at position {pos + 1}).",
                          hint="The scanner sends GS1 separators or function keys: set it to plain Code 128 "
                               "text, then scan again. Nothing was recorded.")
    return code or _EMPTY


def is_manifest(text: str) -> bool:
    """Whether a scan is a part of a COC form's manifest ("FAM2|COC=..."), by its whole head: a
    container code may start with FAM too (FAM-0001), but never holds the '|' after the version."""
    return _MANIFEST.match(text) is not None


def without_symbology(text: str) -> str:
    """``text`` trimmed, without the AIM symbology identifier a scanner may send before it ("]Q1" before a
    QR code such as the COC's manifest, "]C0" before a Code 128 COC number)."""
    text = text.strip()
    aim = _AIM.match(text)
    return text[aim.end():].strip() if aim else text


#: the head of a manifest part, any version: "FAM", its number, the field separator
_MANIFEST = re.compile(r"FAM[0-9]+\|")
#: an AIM symbology identifier: "]", the symbology's letter, its modifier
_AIM = re.compile(r"\][A-Za-z][0-9A-Za-z]")
#: the lone surrogates of surrogateescape: the bytes 0x80-0xff that were no UTF-8
_UNDECODED = (0xDC80, 0xDCFF)
