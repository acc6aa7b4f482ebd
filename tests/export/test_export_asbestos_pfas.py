"""NEN 5707 and PFAS evidence in every export (issue 15 items 3, 4): the asbestos judgements, the
inspection pits with their sieved fractions and the signed PFAS checklists as tables in CSV, Excel
and GeoPackage, with their columns described; and in GeoJSON each borehole's deviations and photos."""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path

from openpyxl import load_workbook

from fieldapp.domain import asbestos, deviation, inspection_pit, pfas, photo, project
from fieldapp.export import export
from fieldapp.session import Session

PROJECT = "2026-0142"  # as in conftest.py
EVIDENCE = ("asbestos_judgement", "inspection_pit", "inspection_fraction", "pfas_checklist")


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _stored(session: Session) -> tuple[str, list[inspection_pit.Pit], list[pfas.Checklist]]:
    pid = project.by_code(session.store, PROJECT).id
    return pid, inspection_pit.of_project(session.store.conn, pid), pfas.of_project(session.store.conn, pid)


def test_csv_has_the_asbestos_judgements_pits_fractions_and_pfas_checklists(export_session: Session,
                                                                             tmp_path: Path) -> None:
    pid, pits, checklists = _stored(export_session)
    judged = asbestos.latest(export_session.store.conn, project_id=pid)
    assert pits and checklists and judged, "the demo records all three"
    export(export_session, PROJECT, "csv", tmp_path / "csv")
    rows = _csv(tmp_path / "csv" / "asbestos_judgement.csv")
    current = {r["borehole_id"]: r for r in rows if r["current"] == "1"}
    assert set(current) == set(judged)
    for hole_id, j in judged.items():
        assert (current[hole_id]["suspect"], current[hole_id]["reason"]) == (str(int(j.suspect)), j.reason)
    # beside each judgement, the admixture and layer that raised the suspicion (empty: the site's history)
    raised = asbestos.suspicions(export_session.store.conn, project_id=pid)
    assert raised and any(h in raised for h in judged)
    for hole_id, r in current.items():
        found = raised.get(hole_id)
        assert (r["suspect_admixture"], r["suspect_layer"]) == ((found.admixture, found.layer) if found else ("", ""))
    pit_rows = {r["code"]: r for r in _csv(tmp_path / "csv" / "inspection_pit.csv")}
    fractions = _csv(tmp_path / "csv" / "inspection_fraction.csv")
    for pit in pits:
        row = pit_rows[pit.code]
        assert (row["kind"], float(row["length_m"]), float(row["width_m"]), row["id"]) == (
            pit.kind, pit.length_m, pit.width_m, pit.id)
        assert row["sad_meetpunttype"] == "12" and row["borehole_code"]  # an inspectiegat is SAD kind 12
        mine = [f for f in fractions if f["inspection_pit_id"] == pit.id]
        assert [(float(f["sieve_mm"]), float(f["sieved_kg"]), f["inspection_pit_code"]) for f in mine] == [
            (f.sieve_mm, f.sieved_kg, pit.code) for f in pit.fractions]
    signed = _csv(tmp_path / "csv" / "pfas_checklist.csv")
    assert sorted((r["day"], r["fieldworker"]) for r in signed) == sorted((c.day, c.fieldworker) for c in checklists)
    assert all(r["items"].split("; ") == list(checklists[0].items) and "PTFE" in r["items_nl"] for r in signed)
    readme = (tmp_path / "csv" / "README.txt").read_text(encoding="utf-8")
    for name in EVIDENCE:
        assert f"{name}.csv: " in readme, name
    assert "sieved_kg" in readme and "soil sieved, kilograms" in readme


def test_excel_and_geopackage_carry_the_same_evidence(export_session: Session, tmp_path: Path) -> None:
    _pid, pits, checklists = _stored(export_session)
    export(export_session, PROJECT, "xlsx", tmp_path / "x")
    wb = load_workbook(tmp_path / "x" / "x.xlsx")
    assert set(EVIDENCE) <= set(wb.sheetnames)
    header = [c.value for c in wb["inspection_fraction"][1]]
    kg = [dict(zip(header, [c.value for c in r], strict=True))["sieved_kg"]
          for r in wb["inspection_fraction"].iter_rows(min_row=2)]
    assert kg == [f.sieved_kg for p in pits for f in p.fractions]
    assert wb["pfas_checklist"].max_row == len(checklists) + 1
    export(export_session, PROJECT, "gpkg", tmp_path / "g")
    conn = sqlite3.connect(next((tmp_path / "g").glob("*.gpkg")))
    try:
        for pit in pits:
            assert conn.execute("SELECT kind, depth_m FROM inspection_pit WHERE id = ?", (pit.id,)).fetchone() == (
                pit.kind, pit.depth_m)
        assert conn.execute("SELECT COUNT(*) FROM pfas_checklist").fetchone()[0] == len(checklists)
        assert conn.execute("SELECT COUNT(*) FROM asbestos_judgement WHERE current = 1 AND reason <> ''"
                            ).fetchone()[0] >= 1
        described = dict(conn.execute("SELECT table_name, description FROM gpkg_contents"))
        assert all(described.get(name) for name in EVIDENCE)
    finally:
        conn.close()


def test_geojson_lists_deviations_per_borehole_and_photos_by_hash(export_session: Session, tmp_path: Path) -> None:
    pid = project.by_code(export_session.store, PROJECT).id
    devs = deviation.for_project(export_session.store.conn, pid)
    photos = photo.of_project(export_session.store, pid)
    assert devs and photos
    export(export_session, PROJECT, "geojson", tmp_path / "j")
    doc = json.loads(next((tmp_path / "j").glob("*.geojson")).read_text(encoding="utf-8"))
    # the project's whole list beside the features, each with its reason and consequences
    assert {(d["id"], d["reason"], d["consequences"]) for d in doc["deviations"]} == {
        (d.id, d.reason, d.consequences) for d in devs}
    holes = {f["id"]: f["properties"] for f in doc["features"]}
    codes = {r["id"]: r["code"] for r in export_session.store.query(
        "SELECT id, code FROM borehole WHERE project_id = ?", (pid,))}
    for d in devs:
        on = [code for code, props in holes.items() if d.id in {x["id"] for x in props["deviations"]}]
        if d.object_kind == "sample":  # under the borehole(s) the sample was taken from
            parts = export_session.store.query("SELECT borehole_id FROM sample_part WHERE sample_id = ?",
                                               (d.object_id,))
            assert sorted(on) == sorted({codes[p["borehole_id"]] for p in parts})
        elif d.object_kind == "container":
            sample_id = export_session.store.query("SELECT sample_id FROM container WHERE id = ?",
                                                   (d.object_id,))[0]["sample_id"]
            holes_of = {codes[p["borehole_id"]] for p in export_session.store.query(
                "SELECT borehole_id FROM sample_part WHERE sample_id = ?", (sample_id,))}
            assert sorted(on) == sorted(holes_of)
        else:
            assert len(on) == 1, d  # a well's round: its peilbuis
    assert sum(len(p["deviations"]) for p in holes.values()) >= len(devs)
    assert {p["sha256"] for p in doc["photos"]} == {p.sha256 for p in photos}
    for p in photos:
        if p.object_kind == "borehole":
            shown = holes[codes[str(p.object_id)]]["photos"]
            assert [(x["sha256"], x["taken_at"]) for x in shown] == [(p.sha256, p.taken_at)]
            assert "file" not in shown[0]  # named by hash; the file itself travels in the CSV export
