"""`fieldapp inspect` reads plain NMEA logs without the general pipeline (fieldapp/inspect/plain_replay.py):
for every log it takes, it must give exactly the fixes the pipeline gives, and every other log it must
leave to the pipeline."""

from __future__ import annotations

import random
from datetime import UTC, datetime
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fieldapp import demo_nmea
from fieldapp.inspect import plain_replay, positions
from fieldapp.positions.averaging import Averager
from fieldapp.positions.framing import nmea_checksum
from fieldapp.positions.model import Fix
from fieldapp.positions.pipeline import NmeaPipeline, fixes

LOGS = Path(__file__).resolve().parents[1] / "data" / "nmea"


def _pipeline(raw: str) -> list[Fix]:
    pipeline = NmeaPipeline()
    return fixes(pipeline.feed(raw.encode("ascii", "replace")) + pipeline.flush())


def _demo_log(n: int) -> str:
    rng = random.Random(n)
    return demo_nmea.raw_log(52.0 + rng.random() * 1.2, 4.5 + rng.random() * 2, 40 + rng.random() * 10,
                             datetime(2026, 3, 1, 6, 0, tzinfo=UTC).replace(hour=rng.randrange(24)),
                             sats=rng.randrange(4, 20), hdop=0.5 + rng.random() * 3, sigma_m=rng.random() * 2,
                             rng=rng)


def _windows() -> list[str]:
    """Stretches of real receivers' logs the length of a borehole's evidence and longer."""
    out = []
    for path in sorted(LOGS.iterdir()):
        if path.suffix in (".chk", ".md"):
            continue
        lines = path.read_bytes().decode("ascii", "replace").splitlines(keepends=True)
        for width in (7, 20, 60):
            out += ["".join(lines[i:i + width]) for i in range(0, len(lines), width)]
    return out


def test_the_demo_receivers_logs_give_the_pipelines_fixes() -> None:
    for n in range(200):
        raw = _demo_log(n)
        found = plain_replay.fixes(raw)
        assert found is not None and len(found) == demo_nmea.EPOCHS
        assert found == _pipeline(raw)


def test_real_receivers_logs_give_the_pipelines_fixes_or_are_left_to_it() -> None:
    taken = 0
    for raw in _windows():
        found = plain_replay.fixes(raw)
        if found is not None:
            taken += 1
            assert found == _pipeline(raw), raw
    assert taken >= 150  # u-blox, MTK, SiRF, Trimble ... logs with GSA, GSV, VTG beside GGA/RMC/GST are plain


def test_the_averaged_position_is_the_pipelines() -> None:
    raw = _demo_log(7)
    averager = Averager()
    for fix in _pipeline(raw):
        averager.add(fix)
    assert positions.rederive(raw) == averager.result()


def _reframed(line: str) -> str:
    body = line[1:line.index("*")]
    return f"${body}*{nmea_checksum(body.encode('ascii')):02X}"


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10_000), edits=st.lists(st.tuples(st.integers(0, 10_000), st.sampled_from(
    ["", ",", ".", "-", "0", "9", "60", "99", " ", "A", "V", "S", "N", "W", "P", "*", "$", "\r", "ZDA", "GSA"])),
    min_size=1, max_size=3))
def test_a_log_edited_and_rechecksummed_is_the_pipelines_or_left_to_it(seed: int,
                                                                          edits: list[tuple[int, str]]) -> None:
    """Odd fields with a right checksum (an empty time, a minute of 60, a sign, a second GGA in an
    epoch, a simulator mode, a GSA ...): plain_replay gives what the pipeline gives, or None."""
    lines = _demo_log(seed).splitlines()
    for where, text in edits:
        i = where % len(lines)
        line = lines[i]
        star = line.index("*") if "*" in line else len(line)
        at = 1 + where % max(1, star - 1)
        lines[i] = line[:at] + text + line[at + 1:]
        if "*" in lines[i] and lines[i].startswith("$") and lines[i].count("*") == 1:
            lines[i] = _reframed(lines[i])
    raw = "\r\n".join(lines) + "\r\n"
    found = plain_replay.fixes(raw)
    if found is not None:
        assert found == _pipeline(raw)


def test_a_log_of_another_form_is_left_to_the_pipeline() -> None:
    raw = _demo_log(3)
    assert plain_replay.fixes(raw.replace("\r\n", "", 1)) is None  # two frames on one line
    assert plain_replay.fixes("é" + raw) is None
    gga = next(line for line in raw.splitlines() if "GGA" in line)
    assert plain_replay.fixes(raw + gga[:-1] + "0\r\n") is None  # a bad checksum
    # the pipeline dates a GGA-only log by its first time of day; the plain reading has no date
    assert plain_replay.fixes(gga + "\r\n") == []
    assert positions.rederive(gga + "\r\n") is not None
