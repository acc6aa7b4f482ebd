"""Analysis samples in the exports: each with its parts (field sample, borehole, interval),
its package and the SIKB0101 ids (MonsterType 1/10, role 10 HeeftDeelmonster)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from fieldapp.domain import analysis_sample as mm
from fieldapp.domain import project
from fieldapp.export import export
from fieldapp.session import Session

PROJECT = "2026-0142"  # as in conftest.py


def _expected(session: Session) -> dict[str, tuple[str | None, list[tuple[str, str | None, int | None]]]]:
    proj = project.by_code(session.store, PROJECT)
    return {a.code: (a.analysis_package, [(m.code, m.borehole_code, m.upper_cm)
                                          for m in mm.members(session.store, a.id)])
            for a in mm.of_project(session.store, proj.id)}


def test_csv_carries_analysis_samples_parts_and_sikb_ids(export_session: Session, tmp_path: Path) -> None:
    want = _expected(export_session)
    assert want, "the demo project has analysis samples"
    export(export_session, PROJECT, "csv", tmp_path / "csv")
    with (tmp_path / "csv" / "sample.csv").open(encoding="utf-8", newline="") as f:
        samples = list(csv.DictReader(f))
    heads = {r["code"]: r for r in samples if r["kind"] == "analysis_sample"}
    assert heads.keys() == want.keys()
    for code, (package, _parts) in want.items():
        assert (heads[code]["sikb0101_monstertype_id"], heads[code]["analysis_package"]) == ("10", package)
    assert {r["sikb0101_monstertype_id"] for r in samples if r["kind"] == "field_sample"} == {"1"}
    assert heads["MM1"]["analysis_package_name"] == "NEN 5740 standaardpakket grond"
    with (tmp_path / "csv" / "analysis_sample_part.csv").open(encoding="utf-8", newline="") as f:
        parts = list(csv.DictReader(f))
    got: dict[str, list[tuple[str, str, int]]] = {}
    for r in parts:
        assert r["sikb0101_role_id"] == "10"
        got.setdefault(r["analysis_sample_code"], []).append(
            (r["field_sample_code"], r["borehole_code"], round(float(r["upper_m"]) * 100)))
    assert {k: sorted(v) for k, v in got.items()} == {k: sorted(v[1]) for k, v in want.items()}  # type: ignore[misc]


def test_geojson_nests_membership_and_lists_analysis_samples(export_session: Session, tmp_path: Path) -> None:
    want = _expected(export_session)
    export(export_session, PROJECT, "geojson", tmp_path / "site")
    doc = json.loads((tmp_path / "site" / "site.geojson").read_text(encoding="utf-8"))
    listed = {a["code"]: a for a in doc["analysis_samples"]}
    assert listed.keys() == want.keys()
    for code, (package, members) in want.items():
        assert listed[code]["analysis_package"] == package and listed[code]["sikb0101_monstertype_id"] == 10
        assert sorted((p["field_sample_code"], p["borehole_code"]) for p in listed[code]["parts"]) == sorted(
            (m, b) for m, b, _u in members)
    mm1 = {m for m, _b, _u in want["MM1"][1]}
    nested = [s for f in doc["features"] for s in f["properties"]["samples"] if s["code"] in mm1]
    assert nested and all(s["analysis_samples"] == ["MM1"] for s in nested)
