"""Kwalibo evidence in every export (issue 15 items 1, 2): deviations, field days and the staff register
as tables in CSV, Excel and GeoPackage; who did each borehole and sample; the deviation under its
borehole's log; `fieldapp deviations` listing them per project."""

from __future__ import annotations

import csv
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from openpyxl import load_workbook
from pypdf import PdfReader

from fieldapp.domain import deviation, project
from fieldapp.export import export
from fieldapp.session import Session

PROJECT = "2026-0142"  # as in conftest.py
FIELDAPP = Path(sys.executable).parent / "fieldapp"


def _demo_deviation(session: Session) -> deviation.Deviation:
    found = deviation.for_project(session.store.conn, project.by_code(session.store, PROJECT).id)
    assert found, "the demo records a deviation"
    return next(d for d in found if d.object_kind == "sample")  # (the other is a well's round: fieldapp.demo_wells)


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_csv_has_the_deviation_field_days_staff_and_who_did_the_work(export_session: Session,
                                                                      tmp_path: Path) -> None:
    dev = _demo_deviation(export_session)
    export(export_session, PROJECT, "csv", tmp_path / "csv")
    rows = _csv(tmp_path / "csv" / "deviation.csv")
    row = next(r for r in rows if r["id"] == dev.id)
    assert (row["object_code"], row["rule_id"], row["reason"], row["consequences"], row["decided_by"]) == (
        dev.object_code, dev.rule_id, dev.reason, dev.consequences, "M. Jansen")
    days = _csv(tmp_path / "csv" / "field_day.csv")
    assert days and all(d["weather"] and "J. de Vries" in d["staff"] for d in days)
    staff = {r["name"]: r for r in _csv(tmp_path / "csv" / "staff.csv")}
    assert staff["J. de Vries"]["registration_number"] and staff["J. de Vries"]["protocols"] == "2001; 2002"
    assert staff["S. Yilmaz"]["role"] == "assistant"
    holes = [r for r in _csv(tmp_path / "csv" / "borehole.csv") if r["code"].startswith("B0")]
    assert holes and {h["staff_name"] for h in holes} == {"J. de Vries", "A. Bakker"}
    samples = {r["code"]: r for r in _csv(tmp_path / "csv" / "sample.csv")}
    assert samples[dev.object_code]["staff_name"] in ("J. de Vries", "A. Bakker")


def test_excel_and_geopackage_carry_the_same_tables(export_session: Session, tmp_path: Path) -> None:
    dev = _demo_deviation(export_session)
    export(export_session, PROJECT, "xlsx", tmp_path / "x")
    wb = load_workbook(tmp_path / "x" / "x.xlsx")
    assert {"deviation", "field_day", "staff"} <= set(wb.sheetnames)
    header = [c.value for c in wb["deviation"][1]]
    reasons = [dict(zip(header, [c.value for c in r], strict=True))["reason"]
               for r in wb["deviation"].iter_rows(min_row=2)]
    assert dev.reason in reasons
    export(export_session, PROJECT, "gpkg", tmp_path / "g")
    gpkg = next((tmp_path / "g").glob("*.gpkg"))
    conn = sqlite3.connect(gpkg)
    try:
        assert conn.execute("SELECT reason FROM deviation WHERE id = ?", (dev.id,)).fetchone() == (dev.reason,)
        assert conn.execute("SELECT COUNT(*) FROM field_day").fetchone()[0] >= 1
        assert conn.execute("SELECT COUNT(*) FROM staff WHERE registration_number IS NOT NULL").fetchone()[0] >= 2
    finally:
        conn.close()


def test_the_deviation_is_under_its_boreholes_log(export_session: Session, tmp_path: Path) -> None:
    dev = _demo_deviation(export_session)
    export(export_session, PROJECT, "borelogs", tmp_path / "logs")
    pdf = next((tmp_path / "logs").glob("*.pdf"))
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(pdf).pages)
    assert f"Afwijking {dev.object_code}" in text
    assert "Motivatie: Samenhangende grond" in text and "(M. Jansen," in text
    every = deviation.for_project(export_session.store.conn, project.by_code(export_session.store, PROJECT).id)
    assert text.count("Afwijking ") == len(every)  # each once, under the borehole it applies to
    # the kept-back jar's (on a container of B01's sample) and the slow well's round (under PB03's log)
    jar = next(d for d in every if d.object_kind == "container")
    assert f"Afwijking {jar.object_code} " in text and "indicatie van de bovengrond bij B01" in text
    assert "Afwijking PB03-1 " in text and "Slecht lopende peilbuis" in text
    assert "veldwerker(s) J. de Vries" in text and "veldwerker(s) A. Bakker" in text


def test_fieldapp_deviations_lists_them_per_project(export_db: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FIELDAPP_CRASH")}
    run = subprocess.run([str(FIELDAPP), "deviations", "--db", str(export_db), "--project", PROJECT],
                         capture_output=True, text=True, timeout=120, env=env)
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert lines[-1] == f"Project {PROJECT}: 1 afwijking." or lines[-1].endswith(" afwijkingen.")
    assert any(line.startswith("  motivatie: Samenhangende grond") for line in lines)
    assert any(line.startswith("  besloten door: M. Jansen") for line in lines)
    run = subprocess.run([str(FIELDAPP), "deviations", "--db", str(export_db), "--project", PROJECT, "--json"],
                         capture_output=True, text=True, timeout=120, env=env)
    data = json.loads(run.stdout)
    assert data["project"] == PROJECT and data["deviations"][0]["staff_name"] == "M. Jansen"
    bad = subprocess.run([str(FIELDAPP), "deviations", "--db", str(export_db), "--project", "NOPE"],
                         capture_output=True, text=True, timeout=120, env=env)
    assert bad.returncode != 0 and "Traceback" not in bad.stderr and "NOPE" in bad.stderr
