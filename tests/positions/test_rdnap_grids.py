"""The RDNAPTRANS2018 grids kept in the user's cache (fieldapp/positions/rdnap_grids.py): a
transformation from the cache equals one from NSGI's text grids bit for bit, and a damaged cache
file is never used. Each case runs in a fresh process: the grids are read once per process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
POINTS = ROOT / "tests" / "data" / "rdnap" / "Z001_ETRS89andRDNAP_part1.txt"

_TRANSFORM = """
import json, sys
from fieldapp.positions import rdnap_grids
from_cache = rdnap_grids.preload()
from fieldapp.positions.rdnap import RdNap
t = RdNap()
out = []
for line in open(sys.argv[1]).read().splitlines()[1:400:7]:
    _, lat, lon, h = line.split()[:4]
    p = t.to_rd(float(lat), float(lon), float(h), strict=False)
    q = t.from_rd(p.x, p.y, p.nap, strict=False)
    out.append([p.x, p.y, p.nap, q.lat, q.lon, q.h])
print(json.dumps({"from_cache": from_cache, "points": out}))
"""


def _run(cache: Path) -> dict[str, object]:
    env = {**os.environ, "FIELDAPP_CACHE_DIR": str(cache), "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", _TRANSFORM, str(POINTS)], env=env, capture_output=True,
                          text=True, timeout=120, check=True)
    return dict(json.loads(done.stdout))


def test_the_cached_grids_give_the_same_coordinates_bit_for_bit(tmp_path: Path) -> None:
    first = _run(tmp_path)  # parses NSGI's text grids and writes the cache
    [cached] = list(tmp_path.iterdir())
    again = _run(tmp_path)
    assert first["from_cache"] is False and again["from_cache"] is True
    assert again["points"] == first["points"] and len(first["points"]) > 50  # type: ignore[arg-type]
    assert cached.stat().st_size > 1_000_000


def test_a_damaged_cache_is_not_used_and_is_written_anew(tmp_path: Path) -> None:
    truth = _run(tmp_path)
    [cached] = list(tmp_path.iterdir())
    data = bytearray(cached.read_bytes())
    data[len(data) // 2] ^= 0x40  # one float in the middle of a grid
    cached.write_bytes(bytes(data))
    damaged = _run(tmp_path)
    assert damaged["from_cache"] is False and damaged["points"] == truth["points"]
    assert _run(tmp_path)["from_cache"] is True  # the new file is whole again
    cached.write_bytes(b"not a grid")
    assert _run(tmp_path) == {**truth, "from_cache": False}
