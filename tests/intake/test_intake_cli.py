"""`fieldapp intake scan`: one JSON line per scan, then the reconciliation; errors are one line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from intake_helpers import cooler
from pypdf import PdfReader

from fieldapp.codelists import CodeLists
from fieldapp.session import Session
from fieldapp.settings import Settings


def run(args: list[str], stdin: str, tmp: Path) -> subprocess.CompletedProcess[str]:
    env = {"FIELDAPP_CONFIG_DIR": str(tmp / "config"), "PATH": "/usr/bin:/bin", "USER": "lab-clerk"}
    return subprocess.run([sys.executable, "-m", "ui.main", *args], input=stdin, capture_output=True, text=True,
                          env=env, check=False, timeout=120)


def test_scans_from_stdin_give_outcomes_and_a_reconciliation_then_close_with_a_report(tmp_path: Path) -> None:
    db = tmp_path / "lab.sqlite"
    with Session.open(db, settings=Settings(user="lab-clerk"), lists=CodeLists.load()) as session:
        box = cooler(session, 6)
    scans = [*box.codes[:4], box.codes[1], "", "FA-NOTHERE", "\x1b[A"]
    done = run(["intake", "scan", "--db", str(db), "--shipment", "COC-0001", "--temperature", "4,1",
                "--temperature", "4.9", "--damaged", box.codes[2], "--consulted", "P. Jansen: go ahead",
                "--close", "--report", str(tmp_path / "receipt.pdf")], "\n".join(scans) + "\n", tmp_path)
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert [line["outcome"] for line in lines[:8]] == [
        "received", "received", "received", "received", "duplicate", "invalid", "unknown", "invalid"]
    assert lines[8]["outcome"] == "damaged"
    assert lines[9]["reconciliation"] == {
        "expected": 6, "received": 4, "missing": box.codes[4:], "unexpected": ["FA-NOTHERE"],
        "duplicate_scans": 1, "damaged": [box.codes[2]], "holding_time_exceeded": [],
        "analysis_samples_incomplete": {}, "reserve": []}  # no lab order scanned: nothing to reconcile against
    assert lines[10]["closed"] is True and lines[10]["report"].endswith("receipt.pdf")
    # the JSON is for programs and stays English; the report goes to the lab, in Dutch
    assert {"subject": box.codes[4], "kind": "missing", "detail": "on the COC, not in the cooler"} in (
        lines[10]["deviations"])
    assert "FA-NOTHERE is not known here and not on this COC." in lines[6]["message"]
    text = "".join(page.extract_text() for page in PdfReader(tmp_path / "receipt.pdf").pages)
    for needle in ("Ontvangstrapport monsters", "COC-0001", "P. Jansen: go ahead", "FA-NOTHERE", box.codes[4],
                   "4,5 °C", "lab-clerk", "op de COC, niet in de koelbox", "is hier onbekend"):
        assert needle in text, needle

    again = run(["intake", "scan", "--db", str(db), "--shipment", "COC-0001"], box.codes[5] + "\n", tmp_path)
    assert json.loads(again.stdout.splitlines()[0])["outcome"] == "receipt_closed"


def test_the_report_is_english_with_lang_en_and_the_json_stays_english(tmp_path: Path) -> None:
    db = tmp_path / "lab.sqlite"
    with Session.open(db, settings=Settings(user="lab-clerk"), lists=CodeLists.load()) as session:
        box = cooler(session, 2)
    done = run(["intake", "scan", "--db", str(db), "--shipment", "COC-0001", "--temperature", "4,2", "--lang", "en",
                "--seal-state", "broken", "--consulted", "P. Jansen", "--close", "--report",
                str(tmp_path / "receipt.pdf")], box.codes[0] + "\nFA-NOTHERE\n", tmp_path)
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert lines[1]["message"] == "FA-NOTHERE is not known here and not on this COC."
    assert {"subject": "seal", "kind": "seal", "detail": "seal broken"} in lines[-1]["deviations"]
    text = " ".join("".join(page.extract_text() for page in PdfReader(tmp_path / "receipt.pdf").pages).split())
    for needle in ("Sample receipt report", "4.2 °C", "seal broken", "on the COC, not in the cooler"):
        assert needle in text, needle
    assert "koelbox" not in text and "4,2" not in text


def test_bad_arguments_are_one_line_errors(tmp_path: Path) -> None:
    missing = run(["intake", "scan", "--db", str(tmp_path / "none.sqlite"), "--shipment", "X", "--lang", "en"], "",
                  tmp_path)
    assert missing.returncode == 1 and missing.stderr.count("\n") == 1 and "does not exist" in missing.stderr
    db = tmp_path / "lab.sqlite"
    Session.open(db, settings=Settings(user="x"), lists=CodeLists.load()).close()
    unknown = run(["intake", "scan", "--db", str(db), "--shipment", "NOPE", "--lang", "en"], "", tmp_path)
    assert unknown.returncode == 1 and "no shipment with COC number 'NOPE'" in unknown.stderr
    bad_temp = run(["intake", "scan", "--db", str(db), "--shipment", "NOPE", "--temperature", "warm", "--lang", "en"],
                   "", tmp_path)
    assert bad_temp.returncode == 1 and "'warm' is not a temperature" in bad_temp.stderr
