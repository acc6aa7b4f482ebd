"""A Dutch user of the command line reads what a command did in Dutch, not only its errors: the field
report, an export and its note, verify, demo-data and the GNSS ports (resources/messages/cli.json and
notes.json, fieldapp.cli.base.said). An English user keeps today's English, word for word. Every case
runs the real `fieldapp` program in its own process against real files."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from fieldapp import error_text
from fieldapp.rules import message_book

FIELDAPP = Path(sys.executable).parent / "fieldapp"
PROJECT = "2026-0142"
ENGLISH = {"LANG": "C.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}
DUTCH = {"LANG": "nl_NL.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}
MESSAGES = Path(__file__).resolve().parents[2] / "resources" / "messages"


def fieldapp(config: Path, *argv: str, locale: dict[str, str]) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FIELDAPP_CRASH", "FIELDAPP_DEBUG"))}
    env.update(locale, FIELDAPP_CONFIG_DIR=str(config))
    run = subprocess.run([str(FIELDAPP), *argv], capture_output=True, text=True, env=env, timeout=300)
    assert run.returncode == 0, (run.stdout, run.stderr)
    return run


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("dutch-output")
    db = folder / "field.sqlite"
    run = fieldapp(folder / "config", "demo-data", "--db", str(db), "--boreholes", "3", locale=DUTCH)
    # demo-data said what it wrote, in Dutch, each noun in its number ("1 zending", not "1 zendingen"); the demo
    # is the same for a seed, and the file holds what it says (its samples are the field samples, not the
    # mengmonsters)
    assert run.stdout.splitlines() == [f"demoproject {PROJECT} geschreven naar {db}: 3 boringen, 14 lagen, "
                                       "8 monsters, 13 potjes, 1 zending"]
    with sqlite3.connect(db) as conn:
        assert [conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("borehole", "layer", "container",
                                                                                   "shipment")] == [3, 14, 13, 1]
    return db


@pytest.fixture
def config(tmp_path: Path) -> Path:
    folder = tmp_path / "config"
    folder.mkdir()
    (folder / "settings.json").write_text(json.dumps({"user": "J. de Vries", "sikb_application_id": 424242,
                                                      "sikb_supplier_id": 17}), encoding="utf-8")
    return folder


def test_the_field_report_says_what_it_wrote(demo_db: Path, config: Path, tmp_path: Path) -> None:
    out = tmp_path / "veldwerkrapportage.pdf"
    argv = ("report", "--db", str(demo_db), "--project", PROJECT, "--out", str(out))
    nl = fieldapp(config, *argv, locale=DUTCH).stdout.splitlines()
    assert nl == [f"veldwerkrapportage van {PROJECT} geschreven naar {out}: 4 veldwerkers, 2 dagen, 2 afwijkingen"]
    en = fieldapp(config, *argv, locale=ENGLISH).stdout.splitlines()
    assert en == [f"field report of {PROJECT}: 4 fieldworkers, 2 days, 2 deviations written to {out}"]


def test_verify_says_the_chain_is_intact_in_the_users_language(demo_db: Path, config: Path) -> None:
    nl = fieldapp(config, "verify", "--db", str(demo_db), locale=DUTCH).stdout
    assert nl.startswith("gecontroleerd: bestand en schema intact; auditketen van ")
    assert " ertegen gecontroleerd: " in nl and nl.rstrip().endswith(" tabellen")
    en = fieldapp(config, "verify", "--db", str(demo_db), locale=ENGLISH).stdout
    assert en.startswith("verified: file and schema intact; audit chain of ")
    # the same figures either way
    assert [w for w in nl.split() if w.isdigit()] == [w for w in en.split() if w.isdigit()]


def test_an_export_and_its_note_in_dutch(demo_db: Path, config: Path, tmp_path: Path) -> None:
    db = tmp_path / "field.sqlite"
    shutil.copy(demo_db, db)  # an export records itself in the file
    out = tmp_path / "sikb"
    run = fieldapp(config, "export", "--db", str(db), "--project", PROJECT, "--format", "sikb0101", "--out",
                   str(out), locale=DUTCH)
    lines = run.stdout.splitlines()
    assert lines[0] == f"sikb0101 geschreven naar {out}: 3 boringen"
    assert lines[-1] == ("SIKB0101 14.9.0, geldig volgens de XSD: 3 boringen, 1 inspectiegat, 14 lagen, "
                         "0 filters, 10 monsters, 13 verpakkingen. Voeg --check toe om de controleregels van SIKB "
                         "toe te passen.")
    english = tmp_path / "sikb-en"
    run = fieldapp(config, "export", "--db", str(db), "--project", PROJECT, "--format", "sikb0101", "--out",
                   str(english), locale=ENGLISH)
    assert run.stdout.splitlines()[0] == f"sikb0101: 3 boreholes written to {english}"
    assert run.stdout.splitlines()[-1].endswith("valid against the XSD. Add --check to run SIKB's control rules.")


def test_a_note_inside_a_note_is_said_whole() -> None:
    """The SAD delivery's note wraps the SIKB0101 one: both parts in Dutch."""
    inner = ("SIKB0101 14.9.0: 12 boreholes, 0 inspection pits, 69 layers, 1 filter, 37 samples, 74 packages; "
             "valid against the XSD. Add --check to run SIKB's control rules.")
    said = error_text.said(f"SAD registration request (IMBRO/A, KvK 12345678) around the {inner}", "nl")
    assert said == ("SAD-registratieverzoek (IMBRO/A, KvK 12345678) rond de SIKB0101 14.9.0, geldig volgens de XSD: "
                    "12 boringen, 0 inspectiegaten, 69 lagen, 1 filter, 37 monsters, 74 verpakkingen. "
                    "Voeg --check toe om de controleregels van SIKB toe te passen.")


def test_gps_ports_in_dutch(config: Path, tmp_path: Path) -> None:
    missing = tmp_path / "ttyNONE"
    nl = fieldapp(config, "gps", "ports", str(missing), locale=DUTCH).stdout.splitlines()
    assert nl[-1].startswith(f"{missing}\tkan niet openen: ")
    en = fieldapp(config, "gps", "ports", str(missing), locale=ENGLISH).stdout.splitlines()
    assert en[-1].startswith(f"{missing}\tcannot open: ")


def test_every_line_a_command_says_has_both_languages_with_the_same_values() -> None:
    book = message_book()
    for name in ("cli.json", "notes.json"):
        for row in json.loads((MESSAGES / name).read_text(encoding="utf-8"))["messages"]:
            rule = book[row["id"]]
            assert rule.nl.strip() and rule.en.strip() and rule.nl != rule.en, row["id"]
            assert error_text.placeholders(rule.nl) == error_text.placeholders(rule.en), row["id"]
