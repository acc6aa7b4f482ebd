"""`fieldapp intake scan --lang` governs what the command says, its default (nl, the lab's) too: on an English
machine with no settings, and with an English setting, its refusals are Dutch unless ``--lang en`` is given.
Run as the clerk runs it: a subprocess with LANG=en_US.UTF-8, on a real SQLite file."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from intake_helpers import cooler

from fieldapp.codelists import CodeLists
from fieldapp.session import Session
from fieldapp.settings import Settings


def _scan(tmp: Path, *args: str, stdin: str = "", language: str | None = None) -> str:
    """The one line `fieldapp intake scan ARGS` refuses with; no settings file unless ``language`` is given."""
    config = tmp / f"config-{language}"
    config.mkdir(exist_ok=True)
    if language is not None:
        (config / "settings.json").write_text(json.dumps({"user": "L. Smit", "language": language}))
    env = {"FIELDAPP_CONFIG_DIR": str(config), "FIELDAPP_DATA_DIR": str(tmp / "data"), "PATH": "/usr/bin:/bin",
           "USER": "lab-clerk", "LANG": "en_US.UTF-8"}
    done = subprocess.run([sys.executable, "-m", "ui.main", "intake", "scan", *args], input=stdin,
                          capture_output=True, text=True, env=env, check=False, timeout=120)
    assert done.returncode == 1 and done.stderr.count("\n") == 1, done.stderr
    return done.stderr.strip()


def test_intake_scan_says_its_refusals_in_its_lang_dutch_by_default(tmp_path: Path) -> None:
    db = tmp_path / "lab.sqlite"
    with Session.open(db, settings=Settings(user="lab-clerk"), lists=CodeLists.load()) as session:
        codes = cooler(session, 2).codes
    base = ("--db", str(db))
    assert _scan(tmp_path, *base, "--shipment", "NOPE") == (
        "fieldapp: fout: Er is geen zending met COC-nummer 'NOPE'. Controleer het nummer.")
    assert _scan(tmp_path, *base, "--shipment", "NOPE", language="en") == (
        "fieldapp: fout: Er is geen zending met COC-nummer 'NOPE'. Controleer het nummer.")
    assert _scan(tmp_path, *base, "--shipment", "COC-0001", "--temperature", "warm") == (
        "fieldapp: fout: temperatuur: 'warm' is geen temperatuur. Typ de meting in °C, bijv. 4,2.")
    assert _scan(tmp_path, *base, stdin=codes[0] + "\n") == (
        "fieldapp: fout: Regel 1: Dit is geen zendingsmanifest van FieldApp. Scan zonder --shipment eerst de "
        "manifestcode(s) van het COC-formulier.")
    assert _scan(tmp_path, "--db", str(tmp_path / "none.sqlite"), "--shipment", "X").startswith("fieldapp: fout: ")
    # --lang en: English, whatever the setting
    assert _scan(tmp_path, *base, "--shipment", "NOPE", "--lang", "en", language="nl") == (
        "fieldapp: error: There is no shipment with COC number 'NOPE'. Check the number.")
    assert _scan(tmp_path, *base, "--shipment", "COC-0001", "--temperature", "warm", "--lang", "en") == (
        "fieldapp: error: temperature: 'warm' is not a temperature. Type the reading in °C, e.g. 4,2.")


def test_a_coc_number_of_several_projects_is_refused_naming_them(tmp_path: Path) -> None:
    """The clerk is told to pass --project: the refusal names the projects' codes to pass, in either language."""
    from fieldapp.domain import project

    db = tmp_path / "lab.sqlite"
    with Session.open(db, settings=Settings(user="lab-clerk"), lists=CodeLists.load()) as session:
        for code, prefix in (("2026-0177", "FA-B"), ("2026-0142", "FA-A")):
            project.create(session, code=code, name=f"Project {code}", lab="SYNLAB")
            cooler(session, 2, project_code=code, prefix=prefix)
    base = ("--db", str(db), "--shipment", "COC-0001")
    assert _scan(tmp_path, *base, "--lang", "en") == (
        "fieldapp: error: COC number 'COC-0001' is used in 2 projects: 2026-0142, 2026-0177. Name the project as "
        "well (--project CODE).")
    assert _scan(tmp_path, *base) == (
        "fieldapp: fout: COC-nummer 'COC-0001' komt voor in 2 projecten: 2026-0142, 2026-0177. Noem ook het project "
        "(--project CODE).")
