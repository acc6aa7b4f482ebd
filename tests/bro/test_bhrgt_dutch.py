"""Why a borehole cannot be described for the BRO, in Dutch for a Dutch user: on the command line (the note
of a BHR-GT delivery that leaves boreholes out, and the refusal of one that leaves all out) and through the
one table the window reads too (resources/messages/bro.json, fieldapp.error_text). Before, the command line
said every reason in English to a Dutch user. Each of the nine reasons the BHR-GT writer gives is made
here on a real demo file, by the edit that causes it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from fieldapp import demo, error_text
from fieldapp.codelists import CodeLists
from fieldapp.domain import borehole, project
from fieldapp.errors import ExportError
from fieldapp.export import Delivery, export
from fieldapp.session import Session
from fieldapp.settings import Settings

FIELDAPP = Path(sys.executable).parent / "fieldapp"
PROJECT = "2026-0142"
KVK = Delivery(kvk="12345678")

#: borehole -> (the edit that makes it undescribable, its reason in Dutch)
DUTCH = {
    "B01": ("UPDATE borehole SET started_at = NULL WHERE code = 'B01'", "geen begindatum"),
    "B02": ("UPDATE borehole SET final_depth_cm = NULL WHERE code = 'B02'", "geen einddiepte met stopcriterium"),
    "B03": ("DELETE FROM boring_process WHERE borehole_id = (SELECT id FROM borehole WHERE code = 'B03');"
            "UPDATE borehole SET technique = NULL WHERE code = 'B03'", "geen boortechniek"),
    "B04": ("UPDATE layer SET colour = NULL WHERE borehole_id = (SELECT id FROM borehole WHERE code = 'B04')",
            r"laag \d+,\d\d–\d+,\d\d m heeft geen kleur, en de BRO vraagt er een"),
    "PB01": ("UPDATE layer SET soil_code = 'Qx9' WHERE borehole_id = (SELECT id FROM borehole WHERE code = 'PB01')",
             r"laag \d+,\d\d–\d+,\d\d m heeft de grondsoortcode 'Qx9', die geen NEN 5104 is"),
    "PB02": ("UPDATE layer SET soil_code = 'Z' WHERE borehole_id = (SELECT id FROM borehole WHERE code = 'PB02')",
             r"laag \d+,\d\d–\d+,\d\d m heeft alleen de hoofdgrondsoort 'Z', die geen NEN 5104-grondsoort noemt"),
    "PB03": ("UPDATE layer SET colour = 'oranje' WHERE borehole_id = (SELECT id FROM borehole WHERE code = 'PB03')",
             r"laag \d+,\d\d–\d+,\d\d m heeft de kleur 'oranje', waarvoor de kleurenlijst van de BRO geen naam heeft"),
    "B90": ("", re.escape("geen gemeten positie in RD New (meet de boring in, of ze ligt buiten de grids van "
                          "RDNAPTRANS2018)")),
    "B92": ("", "geen lagen"),
}


def _spoil(db: Path, codes: tuple[str, ...]) -> None:
    """The edits of ``codes`` as an older FieldApp or another tool left them (outside the journal: export reads
    the rows as they are)."""
    with Session.open(db, settings=Settings(user="J. de Vries")) as session:
        for code in codes:
            for statement in filter(None, DUTCH[code][0].split(";")):
                session.store.conn.execute(statement)


@pytest.fixture
def site(tmp_path: Path) -> Iterator[Path]:
    db = tmp_path / "field.sqlite"
    with Session.open(db, settings=Settings(user="J. de Vries"), lists=CodeLists.load()) as session:
        demo.create(session, boreholes=4, seed=3, project_code=PROJECT)
        proj = project.by_code(session.store, PROJECT)
        borehole.create(session, proj.id, code="B90", kind="boring", planned_x_rd=135_950.0,
                        planned_y_rd=455_320.0, started_at="2026-12-01T09:00:00+01:00")
        borehole.create(session, proj.id, code="B92", kind="boring", planned_x_rd=135_950.0,
                        planned_y_rd=455_330.0, started_at="2026-12-01T09:00:00+01:00")
        session.store.conn.execute("UPDATE borehole SET x_rd = 135950.0, y_rd = 455330.0 WHERE code = 'B92'")
    return db


def _fieldapp(tmp: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FIELDAPP_CRASH", "FIELDAPP_DEBUG"))}
    env.update(LANG="nl_NL.UTF-8", LC_ALL="", LC_MESSAGES="", FIELDAPP_CONFIG_DIR=str(tmp / "config"))
    return subprocess.run([str(FIELDAPP), *argv], capture_output=True, text=True, env=env, timeout=300)


def test_every_reason_the_writer_gives_has_its_dutch(site: Path, tmp_path: Path) -> None:
    _spoil(site, tuple(DUTCH))
    with Session.open(site, settings=Settings(user="J. de Vries"), lists=CodeLists.load()) as session, \
            pytest.raises(ExportError) as refused:
        export(session, PROJECT, "bhrgt", tmp_path / "bro", delivery=KVK)
    assert not (tmp_path / "bro").exists()
    english = refused.value.message
    parts = dict(p.split(": ", 1) for p in english.split(": ", 1)[1].rstrip(".").split("; "))
    assert sorted(parts) == sorted(DUTCH), english  # every borehole refused, each for the one reason made
    for code, reason in parts.items():  # each English reason is a row of the table, said in Dutch
        assert error_text.find(reason) is not None, reason
        assert re.fullmatch(DUTCH[code][1], error_text.said(reason, "nl")), (code, reason)
    dutch = error_text.message(refused.value, "nl")
    assert dutch.startswith(f"Geen enkele boring van project {PROJECT} is te beschrijven voor de BRO (BHR-GT): ")
    assert dutch.endswith("Vul de posities en boorbeschrijvingen van de boringen aan en exporteer opnieuw.")
    assert not re.search(r"\bit has\b|\blayer\b|\bcolour\b", dutch), dutch
    assert error_text.message(refused.value, "en") == f"{english} {refused.value.hint}"  # English as written


def test_the_command_line_refuses_a_delivery_of_nothing_in_dutch(site: Path, tmp_path: Path) -> None:
    _spoil(site, tuple(DUTCH))
    run = _fieldapp(tmp_path, "export", "--db", str(site), "--project", PROJECT, "--format", "bhrgt",
                    "--kvk", "12345678", "--out", str(tmp_path / "bro"))
    assert run.returncode == 1, run.stderr
    assert run.stderr.startswith(f"fieldapp: fout: Geen enkele boring van project {PROJECT} is te beschrijven "
                                 "voor de BRO (BHR-GT): "), run.stderr
    for code, (_edit, said) in DUTCH.items():
        assert re.search(f"(: |; ){code}: {said}[;.]", run.stderr), (code, run.stderr)
    assert "it has" not in run.stderr and not (tmp_path / "bro").exists()


def test_the_command_line_names_the_boreholes_left_out_in_dutch(site: Path, tmp_path: Path) -> None:
    left_out = ("B03", "PB03", "B90", "B92")
    _spoil(site, left_out)
    run = _fieldapp(tmp_path, "export", "--db", str(site), "--project", PROJECT, "--format", "bhrgt",
                    "--kvk", "12345678", "--out", str(tmp_path / "bro"))
    assert run.returncode == 0, run.stderr
    note = run.stdout.splitlines()[-1]
    assert note.startswith("Niet geleverd, want niet voor de BRO te beschrijven (4 van 9 boringen): "), note
    listed = dict(p.split(": ", 1) for p in note.split("boringen): ", 1)[1].split("; "))
    assert sorted(listed) == sorted(left_out)
    for code in left_out:
        assert re.fullmatch(DUTCH[code][1], listed[code]), (code, listed[code])
    assert sorted(p.stem for p in (tmp_path / "bro").glob("*.xml")) == ["B01", "B02", "B04", "PB01", "PB02"]
