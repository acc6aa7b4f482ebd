"""Why there is no fix, in Dutch and English: every reason the acceptor gives on the recorded logs
of real receivers has its words (resources/messages/gnss.json), `gps replay` ends with a tally of
them on stderr, and `gps listen` says them as a receiver sends epochs that are no fix."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from fieldapp import error_text
from fieldapp.positions.pipeline import NmeaPipeline
from fieldapp.positions.replay import log_lines
from fieldapp.positions.why import Tally, reasons_said, telling_first

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "nmea"
LOGS = sorted(p for p in DATA.iterdir() if p.suffix in (".log", ".txt", ".nmea"))


def _tally(log: Path) -> Tally:
    pipeline, tally = NmeaPipeline(), Tally()
    for line in log_lines(log):
        tally.add(pipeline.feed(line))
    tally.add(pipeline.flush())
    return tally


def _fieldapp(*args: str, lang: str, tmp_path: Path, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "FIELDAPP_CONFIG_DIR": str(tmp_path / "config"), "LANG": "nl_NL.UTF-8" if lang == "nl"
           else "en_GB.UTF-8", "LC_ALL": ""}
    return subprocess.run([sys.executable, "-m", "ui.main", *args], capture_output=True, text=True, cwd=ROOT,
                          env=env, timeout=120)


def test_every_reason_the_recorded_receivers_give_has_its_dutch() -> None:
    reasons: Counter[str] = Counter()
    for log in LOGS:
        reasons.update(_tally(log).reasons)
    # the logs hold the reasons a sampler meets: a receiver starting, in simulator mode, under trees
    assert {"fix type none", "fix type simulator", "RMC status void", "3 satellites", "no date"} <= set(reasons)
    for reason in reasons:
        found = error_text.find(reason)
        assert found is not None and found[0].id.startswith("gnss_why_"), reason
        nl, en = error_text.said(reason, "nl"), error_text.said(reason, "en")
        assert nl != en and nl != reason, reason


def test_the_most_telling_reason_comes_first() -> None:
    # the Holux's first epochs: no fix type, void, GSA no fix, and 0 satellites; under trees it is the satellites
    reasons = ("fix type none", "RMC status void", "GSA says no fix", "0 satellites")
    assert telling_first(reasons)[0] == "0 satellites"
    assert reasons_said(("fix type simulator", "RMC status void"), "nl") == (
        "de ontvanger staat in simulatiemodus; de ontvanger meldt de positie ongeldig")
    assert reasons_said(("3 satellites",), "en") == "only 3 satellites in use"
    assert reasons_said((), "nl") == ""


@pytest.mark.parametrize("lang, expected", [
    ("nl", ["fieldapp: gpsd__GPSmap-76S.log: een fix in 0 van 12 meetmomenten.",
            "fieldapp: Geen fix: 12 × de ontvanger meldt de positie ongeldig; "
            "12 × de ontvanger staat in simulatiemodus."]),
    ("en", ["fieldapp: gpsd__GPSmap-76S.log: a fix in 0 of 12 epochs.",
            "fieldapp: No fix: 12 × the receiver marks its position void; 12 × the receiver is in simulator mode."]),
])
def test_a_replayed_log_without_a_fix_says_why(lang: str, expected: list[str], tmp_path: Path) -> None:
    """A Garmin in simulator mode: before, the command printed nothing at all and exited 0."""
    run = _fieldapp("gps", "replay", str(DATA / "gpsd__GPSmap-76S.log"), lang=lang, tmp_path=tmp_path)
    assert run.returncode == 0, run.stderr
    assert run.stdout == ""  # stdout stays the fixes, for a pipe
    assert run.stderr.splitlines() == expected


def test_the_tally_counts_what_stdout_printed(tmp_path: Path) -> None:
    log = DATA / "gpsd__mtk-3301.log"
    run = _fieldapp("gps", "replay", str(DATA / "gpsd__ublox-8.log"), lang="en", tmp_path=tmp_path)
    assert run.stderr.splitlines() == [f"fieldapp: gpsd__ublox-8.log: a fix in {len(run.stdout.splitlines())} of "
                                       f"{_tally(DATA / 'gpsd__ublox-8.log').epochs} epochs."]
    assert len(run.stdout.splitlines()) == 72
    tally = _tally(log)
    assert tally.fixes == 0 and tally.epochs == 11 and tally.reasons["3 satellites"] == 5
    nl = _fieldapp("gps", "replay", str(log), lang="nl", tmp_path=tmp_path).stderr.splitlines()
    assert nl[1].startswith("fieldapp: Geen fix: 7 × de ontvanger heeft nog geen fix; 6 × een onleesbare GGA-zin;")
    assert "5 × maar 3 satellieten in gebruik" in nl[1]


def test_a_file_without_nmea_says_so_and_what_to_give(tmp_path: Path) -> None:
    junk = tmp_path / "photo.jpg"
    junk.write_bytes(bytes(range(256)) * 64)
    run = _fieldapp("gps", "replay", str(junk), lang="nl", tmp_path=tmp_path)
    assert run.returncode == 0 and run.stdout == ""
    assert run.stderr.splitlines() == [
        "fieldapp: photo.jpg: er staat geen NMEA-meetmoment in.",
        "fieldapp: Geef een log van wat een ontvanger stuurde (regels $GPGGA, $GPRMC ...)."]


@pytest.fixture
def receiver_with_three_satellites() -> Iterator[str]:
    """A Septentrio PolaRx2 log (3 satellites in use) sent again and again over TCP, as a network receiver."""
    data = (DATA / "gpsd__polarx2.log").read_bytes()
    lines = b"".join(line for line in data.splitlines(keepends=True) if not line.startswith(b"#"))
    stop = threading.Event()
    server = socket.create_server(("127.0.0.1", 0))

    def serve() -> None:
        conn, _ = server.accept()
        with conn:
            while not stop.wait(0.2):
                try:
                    conn.sendall(lines)
                except OSError:
                    return

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"socket://127.0.0.1:{server.getsockname()[1]}"
    stop.set()
    server.close()


def test_gps_listen_says_in_dutch_why_a_receiver_gives_no_fix(receiver_with_three_satellites: str,
                                                              tmp_path: Path) -> None:
    env = {**os.environ, "FIELDAPP_CONFIG_DIR": str(tmp_path / "config"), "LANG": "nl_NL.UTF-8", "LC_ALL": ""}
    said: list[str] = []
    with subprocess.Popen([sys.executable, "-m", "ui.main", "gps", "listen", receiver_with_three_satellites],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT, env=env) as listen:
        assert listen.stderr is not None
        try:
            for line in listen.stderr:
                said.append(line.rstrip("\n"))
                if "satellieten" in line:
                    break
        finally:
            listen.terminate()
            listen.communicate(timeout=30)
    where = receiver_with_three_satellites
    assert said[-1] == f"fieldapp: {where}: geen fix: maar 3 satellieten in gebruik", said
    assert f"fieldapp: {where}: geen fix: ontvangt van {where}" in said
