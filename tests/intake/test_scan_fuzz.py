"""Garbage from a scanner at `fieldapp intake scan` and in the intake window: every line gets an answer,
nothing raises, nothing is half-written (`verify` passes afterwards).

What tests/intake/test_intake_bad_input.py does not cover: the bytes before they are text (a byte that is
no UTF-8 under a strict locale or a Windows code page, bare CR line ends, a line that never ends), AIM
symbology identifiers, and any text at all (hypothesis) through the receipt and through the window."""

from __future__ import annotations

import json
import os
import re
import select
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from intake_helpers import cooler, events, received_cooler
from keys import type_text
from pytestqt.qtbot import QtBot

from drivers.scanners import SimulatedScanner
from drivers.scanners.serial_scanner import MAX_LINE
from fieldapp.codelists import CodeLists
from fieldapp.intake.lines import MAX_KEPT, Line, lines
from fieldapp.intake.receipt import open_shipment
from fieldapp.intake.scan import PROBLEMS, UNEXPECTED, Outcome, ScanResult
from fieldapp.session import Session
from fieldapp.settings import Settings
from fieldapp.store.verify import verify
from ui.intake.scan_field import SerialBridge
from ui.intake.window import IntakeWindow

FIELDAPP = [sys.executable, "-m", "ui.main"]


def _lab(tmp: Path) -> tuple[Path, list[str], list[str], list[str]]:
    """A lab database: COC-0001 (3 jars) to receive, COC-0002 still travelling, COC-0009 received before."""
    db = tmp / "lab.sqlite"
    with Session.open(db, settings=Settings(user="lab-clerk"), lists=CodeLists.load()) as session:
        old = received_cooler(session, 2, coc="COC-0009", prefix="FA-OLD")
        box = cooler(session, 3)
        other = cooler(session, 2, coc="COC-0002", prefix="FA-X")
    return db, box.codes, other.codes, old.codes


def _env(tmp: Path, encoding: str) -> dict[str, str]:
    # PYTHONIOENCODING: the stdin Python sets up under a UTF-8 locale (strict) or a Windows code page
    return {"FIELDAPP_CONFIG_DIR": str(tmp / "config"), "FIELDAPP_DATA_DIR": str(tmp / "data"),
            "PATH": "/usr/bin:/bin", "USER": "lab-clerk", "PYTHONIOENCODING": encoding}


def _scan(tmp: Path, db: Path, data: bytes, encoding: str = "utf-8:strict") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([*FIELDAPP, "intake", "scan", "--db", str(db), "--shipment", "COC-0001"], input=data,
                          capture_output=True, env=_env(tmp, encoding), check=False, timeout=120)


def _verified(tmp: Path, db: Path) -> None:
    done = subprocess.run([*FIELDAPP, "verify", "--db", str(db)], capture_output=True, text=True,
                          env=_env(tmp, "utf-8"), check=False, timeout=120)
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("encoding", ["utf-8:strict", "cp1252", "ascii"])
def test_every_garbage_line_gets_its_answer_whatever_the_stdin_encoding(tmp_path: Path, encoding: str) -> None:
    """Under a strict stdin the first byte that was no text stopped the whole loop (exit 70, no answer
    even for the good scans before it, read in the same chunk)."""
    db, codes, others, old = _lab(tmp_path)
    scans = [
        codes[0].encode(),
        b"\xff\xfe\x80garbage",  # no UTF-8 (and 0x81 is not even cp1252)
        b"FA-\x81T",
        b"FA-T00\x0002",  # NUL
        b"]C1\x1d0104012345",  # GS1 with a group separator
        "ФФ-0001".encode(),  # a Russian keyboard layout: letters no code page of the desk has
        b"",
        others[0].encode(),  # travels in another cooler
        old[0].encode(),  # received with COC-0009 before
        codes[0].encode(),  # the same twice, fast
        b"x" * 1_000_000,
        codes[1].encode(),
    ]
    done = _scan(tmp_path, db, b"\n".join(scans) + b"\n", encoding)
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    assert done.stderr == b""
    # the JSON comes in the output's encoding; what that lacks is escaped (\\u0424), never a crash
    answers = [json.loads(line) for line in done.stdout.decode(encoding.split(":")[0]).splitlines()]
    assert [a["outcome"] for a in answers[:-1]] == [
        "received", "invalid", "invalid", "invalid", "invalid", "invalid", "invalid", "other_shipment",
        "closed_shipment", "duplicate", "invalid", "received"]
    assert "byte that is not text (\\xff at position 1)" in answers[1]["message"]
    assert "byte that is not text (\\x81 at position 4)" in answers[2]["message"]
    assert "1,000,000 characters" in answers[10]["message"] and len(answers[10]["code"]) <= 45
    assert answers[5]["code"] == "ФФ-0001"
    assert answers[-1]["reconciliation"]["received"] == 2
    _verified(tmp_path, db)


def test_bare_cr_line_ends_are_scans_of_their_own(tmp_path: Path) -> None:
    """A scanner's default suffix is CR: the scans were glued into one line and refused together."""
    db, codes, _others, _old = _lab(tmp_path)
    done = _scan(tmp_path, db, f"{codes[0]}\r{codes[1]}\r\n{codes[2]}\r".encode())
    answers = [json.loads(line) for line in done.stdout.decode().splitlines()]
    assert [a["outcome"] for a in answers[:-1]] == ["received"] * 3, answers
    assert answers[-1]["reconciliation"]["missing"] == []


def test_a_scan_ended_by_cr_is_answered_before_the_next_one_comes(tmp_path: Path) -> None:
    """Each scan is answered as it arrives: a CR alone ends it, with nothing after it yet."""
    db, codes, _others, _old = _lab(tmp_path)
    with subprocess.Popen([*FIELDAPP, "intake", "scan", "--db", str(db), "--shipment", "COC-0001"],
                          stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          env=_env(tmp_path, "utf-8:strict")) as proc:
        assert proc.stdin is not None and proc.stdout is not None
        try:
            proc.stdin.write(codes[0].encode() + b"\r")
            proc.stdin.flush()
            ready, _, _ = select.select([proc.stdout], [], [], 60)
            assert ready, "no answer to a scan ended by CR"
            assert json.loads(proc.stdout.readline())["outcome"] == "received"
        finally:
            proc.stdin.close()
            proc.wait(timeout=60)
    assert proc.returncode == 0


def test_an_aim_symbology_identifier_is_dropped(session: Session) -> None:
    """A scanner set to send AIM identifiers puts ]C0 (Code 128), ]Q1 (QR), ]d2 (DataMatrix) first;
    that was refused as 'not a container code' although the clerk had scanned the right label."""
    box = cooler(session, 3)
    receipt = open_shipment(session, "COC-0001")
    assert [receipt.scan(p + c).outcome for p, c in zip(("]C0", "]Q1", "]d2"), box.codes, strict=True)] == [
        Outcome.RECEIVED] * 3
    assert receipt.scan("]C0").outcome is Outcome.INVALID and "Empty scan" in receipt.log[-1].message
    assert [e["barcode"] for e in events(session, box.shipment.id)] == box.codes


# --- the line reader: against a reference split, in any chunking ----------------------------------------


class _Chunked:
    """A byte stream that hands out its bytes in the pieces given (as a pipe does)."""

    def __init__(self, pieces: list[bytes]) -> None:
        self.pieces = list(pieces)

    def read1(self, _n: int) -> bytes:
        return self.pieces.pop(0) if self.pieces else b""


@settings(max_examples=300, deadline=None)
@given(st.lists(st.binary(max_size=12) | st.sampled_from([b"\r", b"\n", b"\r\n", b"\x00", b"\x1d"]), max_size=30),
       st.data())
def test_the_line_reader_splits_as_cr_lf_and_crlf_end_lines(parts: list[bytes], data: st.DataObject) -> None:
    whole = b"".join(parts)
    cuts = sorted(data.draw(st.lists(st.integers(0, len(whole)), max_size=6)))
    pieces = [whole[a:b] for a, b in zip([0, *cuts], [*cuts, len(whole)], strict=True) if whole[a:b]]
    expected = re.split(rb"\r\n|\r|\n", whole)
    if expected and expected[-1] == b"":
        expected.pop()  # the last line end ends a line, it does not start one
    got = list(lines(_Chunked(pieces)))  # type: ignore[arg-type]
    # a line's leading byte order mark is none of its text (a scanner or a pasted file may send one)
    assert [g.text for g in got] == [e.decode("utf-8", "surrogateescape").removeprefix("\ufeff") for e in expected]


def test_a_line_that_never_ends_is_counted_not_kept() -> None:
    got = list(lines(_Chunked([b"y" * 100_000] * 30 + [b"\nFA-T0001"])))  # type: ignore[arg-type]
    assert got == [Line("y" * MAX_KEPT, 3_000_000), Line("FA-T0001", 8)]


# --- any text through the receipt -------------------------------------------------------------------------


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=80) | st.sampled_from(["]C1", "]Q3FAM1|", "FAM", "\udcff", "FA-T0001\x00"]).flatmap(
    lambda head: st.text(max_size=20).map(lambda tail: head + tail)))
def test_any_text_gets_an_answer_and_writes_only_a_receipt(session: Session, raw: str) -> None:
    if not session.store.count("shipment"):
        cooler(session, 3)
    receipt = open_shipment(session, "COC-0001")
    before = session.store.count("journal")
    result = receipt.scan(raw)
    assert result.message and len(result.code) <= 4 * 40 + 1  # 40 characters at most, each escaped at most 4
    # a scan writes only when it is a container in the cooler: received, or set apart as not on the COC
    if result.outcome in PROBLEMS - UNEXPECTED or not result.recorded:
        assert session.store.count("journal") == before
    json.dumps(result.to_json())


# --- the window: wedge keys and a serial scanner's bytes --------------------------------------------------


def test_garbage_into_the_intake_window_is_answered_and_writes_nothing_wrong(
        qtbot: QtBot, session: Session, tmp_path: Path) -> None:
    box = cooler(session, 3)
    window = IntakeWindow(session, open_shipment(session, "COC-0001"), reports=tmp_path / "receipts")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    for text in ("\r", "]C1" + box.codes[0] + "\r", box.codes[0] + "\r", "<b>&amp;</b>\r", "é" * 9000 + "\r",
                 "FAM1|COC=COC-0001|P=1/9\r"):
        before = len(window.log_model.rows)
        type_text(window.field, text)
        qtbot.waitUntil(lambda n=before: len(window.log_model.rows) == n + 1)
    outcomes = [r.outcome for r in window.receipt.log]
    assert outcomes == [Outcome.INVALID, Outcome.RECEIVED, Outcome.DUPLICATE, Outcome.INVALID, Outcome.INVALID,
                        Outcome.INVALID]
    with SimulatedScanner() as sim:
        bridge = SerialBridge(sim.port)
        bridge.scanned.connect(window.handle_scan)
        bridge.start()
        try:
            # the scanner's bytes as they come down the wire, and how many scans they are
            # the long line is one unreadable scan however it arrives: the driver delivers its first MAX_LINE
            # bytes and drops the rest up to the line's end
            for raw, n in ((b"\xff\xfe\x80\r", 1), (b"FA-T00\x0002\r\n", 1), (b"\x1d\x1d\n", 1),
                           (b"]Q1" + box.codes[1].encode() + b"\r", 1), (b"z" * 20_000 + b"\r", 1),
                           (box.codes[2].encode() + b"\r" + box.codes[2].encode() + b"\r", 2)):
                before = len(window.receipt.log)
                os.write(sim._master, raw)
                qtbot.waitUntil(lambda b=before, n=n: len(window.receipt.log) == b + n, timeout=20_000)
                if raw.startswith(b"zzz"):
                    assert window.receipt.log[before].outcome is Outcome.INVALID
                    assert _characters(window.receipt.log[before:]) == MAX_LINE
        finally:
            bridge.stop()
    assert window.receipt.received.keys() == set(box.codes)
    assert sum(r.outcome is Outcome.DUPLICATE for r in window.receipt.log) == 2
    verify(session.store)


def _characters(results: list[ScanResult]) -> int:
    """How many characters the refused scans ``results`` had, as their messages say ("A scan of 8,192 ...")."""
    found = (re.search(r"A scan of ([\d,]+) characters", r.message) for r in results)
    return sum(int(m[1].replace(",", "")) for m in found if m)


def test_a_coc_manifest_scanned_with_its_aim_prefix_opens_the_receipt(tmp_path: Path) -> None:
    """Without --shipment the first scans are the COC's manifest, a QR code: a scanner set to send AIM
    identifiers puts "]Q1" before each page, which was refused as "not a FieldApp shipment manifest"."""
    from fieldapp.labels.manifest import encode_parts

    db, codes, _others, _old = _lab(tmp_path)
    pages = encode_parts("COC-0001", [codes[:2], codes[2:]])
    data = b"\r".join([b"]Q1" + page.encode() for page in pages] + [b"]C0" + codes[0].encode()]) + b"\r"
    done = subprocess.run([*FIELDAPP, "intake", "scan", "--db", str(db)], input=data, capture_output=True,
                          env=_env(tmp_path, "utf-8:strict"), check=False, timeout=120)
    assert done.returncode == 0, done.stderr
    answers = [json.loads(line) for line in done.stdout.decode().splitlines()]
    assert [a.get("outcome") for a in answers[:len(pages) + 1]] == ["manifest"] * len(pages) + ["received"]
    assert answers[len(pages)]["code"] == codes[0]
    _verified(tmp_path, db)


@pytest.mark.parametrize("first", [
    b"FAM2|COC=\xff|P=1/1|T=1|N=1|X|A=0|M=0||ALL=0123456789abcdef|H=0123456789abcdef",  # a byte that is no UTF-8
    b"FAM1|COC=\xc3\x28|P=1/1|T=1|N=1|FA\x81|ALL=0123456789abcdef|H=0123456789abcdef",
    "FAM2|COC=Ф|P=1/1|T=1|N=1|X|A=0|M=0||ALL=0123456789abcdef|H=0123456789abcdef".encode(),  # a wrong layout
    b"FAM2|" + b"A" * 10_240,  # a 10 kB line
    bytes(range(256)),
], ids=["no-utf8", "no-utf8-v1", "cyrillic", "10kB", "binary"])
def test_garbage_where_the_coc_manifest_is_expected_is_one_clear_line(tmp_path: Path, first: bytes) -> None:
    """Without --shipment: a manifest-like line with a byte that is no UTF-8 was an unexpected error (exit 70,
    a traceback in the log: the surrogate the reader keeps for it could not be hashed); now every garbage line
    there is the one-line refusal, exit 1, naming the line, and nothing is written."""
    db, codes, _others, _old = _lab(tmp_path)
    done = subprocess.run([*FIELDAPP, "intake", "scan", "--db", str(db), "--lang", "en"],
                          input=first + b"\n" + codes[0].encode(),
                          capture_output=True, env=_env(tmp_path, "utf-8:strict"), check=False, timeout=120)
    err = done.stderr.decode()
    assert done.returncode == 1 and err.startswith("fieldapp: error: Line 1: ") and err.count("\n") == 1, err
    assert "manifest" in err and done.stdout == b""
    assert not (tmp_path / "data" / "logs").exists()
    _verified(tmp_path, db)
