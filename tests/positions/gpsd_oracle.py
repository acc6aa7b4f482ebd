"""Read gpsd's expected-output files (``.chk``) as an independent oracle.

A ``.chk`` repeats every sentence gpsd accepted, each followed by the JSON
reports it produced. The TPV reports after the sentences of one receiver
cycle (same NMEA time of day) are gpsd's view of that epoch.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import time
from pathlib import Path

from fieldapp.positions.sentences import parse_time

_TIMED = {"GGA": 0, "RMC": 0, "GNS": 0, "GST": 0, "GLL": 4}


@dataclass
class GpsdEpoch:
    tod: time
    occurrence: int  # how many earlier epochs had the same time of day
    modes: list[int] = field(default_factory=list)
    statuses: list[int] = field(default_factory=list)
    position: tuple[float, float] | None = None  # of the last TPV with a 2D/3D fix

    @property
    def has_fix(self) -> bool:
        return any(m >= 2 for m in self.modes)


def _tod(sentence: str) -> time | None:
    body = sentence.strip().lstrip("$").split("*", 1)[0]
    fields = body.split(",")
    kind = fields[0][2:]
    if kind not in _TIMED:
        return None
    i = _TIMED[kind] + 1
    try:
        return parse_time(fields[i]) if i < len(fields) else None
    except ValueError:
        return None


_FRAME = re.compile(rb"\$[^$*\r\n]*\*[0-9A-Fa-f]{2}")


def read_chk(path: Path, log: Path) -> list[GpsdEpoch]:
    """gpsd's epochs, from the sentences of ``log`` only.

    gpsd also decodes UBX binary and echoes sentences it made from it; the
    reports after those are about data FieldApp does not read (it takes
    NMEA only), so they are attached to no epoch.
    """
    in_log = {m.decode("latin-1") for m in _FRAME.findall(log.read_bytes())}
    epochs: list[GpsdEpoch] = []
    seen: dict[time, int] = {}
    last: GpsdEpoch | None = None
    current: GpsdEpoch | None = None
    for line in path.read_text(encoding="latin-1").splitlines():
        if line.startswith("$"):
            if line.strip() not in in_log:
                current = None
                continue
            tod = _tod(line)
            if tod is not None and (last is None or last.tod != tod):
                last = GpsdEpoch(tod, seen.get(tod, 0))
                seen[tod] = seen.get(tod, 0) + 1
                epochs.append(last)
            current = last
        elif line.startswith('{"class":"TPV"') and current is not None:
            tpv = json.loads(line)
            mode = int(tpv.get("mode", 0))
            current.modes.append(mode)
            current.statuses.append(int(tpv.get("status", 1)))
            if mode >= 2 and "lat" in tpv and "lon" in tpv:
                current.position = (float(tpv["lat"]), float(tpv["lon"]))
    return epochs
