"""Text forms of fixes for the command line (one line per fix)."""

from __future__ import annotations

import json
from datetime import datetime

from fieldapp.positions.model import Fix


def iso_utc(t: datetime) -> str:
    """ISO 8601 in UTC with a 'Z', milliseconds only when the receiver sent them."""
    base = t.strftime("%Y-%m-%dT%H:%M:%S")
    if t.microsecond:
        frac = f"{t.microsecond:06d}".rstrip("0")
        base += "." + frac.ljust(3, "0")
    return base + "Z"


def fix_json(fix: Fix) -> str:
    record = fix.as_json()
    record["time"] = iso_utc(fix.time)
    return json.dumps(record, separators=(",", ":"))


def fix_text(fix: Fix) -> str:
    alt = "-" if fix.alt_msl is None else f"{fix.alt_msl:.3f}"
    sats = "-" if fix.sats is None else str(fix.sats)
    hdop = "-" if fix.hdop is None else f"{fix.hdop:g}"
    acc = fix.accuracy
    sigma = "-" if acc.sigma_m is None else f"{acc.sigma_m:.3f}"
    flag = "" if fix.date_flag in ("ok", "unchecked") else f" date:{fix.date_flag}"
    return (
        f"{iso_utc(fix.time)} {fix.lat:.9f} {fix.lon:.9f} alt_msl {alt} {fix.fix_type} "
        f"sats {sats} hdop {hdop} sigma {sigma} ({acc.source}) {fix.bro_class or '-'}{flag}"
    )
