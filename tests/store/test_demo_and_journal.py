"""The demo project is realistic and deterministic; the journal records every
change with what sync and audit need."""

from __future__ import annotations

import itertools
import json
import sys
from pathlib import Path
from typing import Any

import pytest

from fieldapp import demo
from fieldapp.domain import borehole, layer, project
from fieldapp.errors import FieldAppError
from fieldapp.ids import HybridLogicalClock, hlc_unpack
from fieldapp.session import Session
from fieldapp.settings import Settings
from fieldapp.soil import parse_soil_code
from fieldapp.store.verify import verify
from ui.main import main as fieldapp

CONTENT = {
    "borehole": "code, planned_x_rd, planned_y_rd, lat, lon, final_depth_cm",
    "layer": "upper_cm, lower_cm, soil_code, colour, admixtures",
    "sample": "code, kind, matrix, analyses",
    "sample_part": "upper_cm, lower_cm",
    "container": "container_type, material, volume_ml",
    "shipment": "code, seal_number",
}


def content(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    with Session.open(db) as s:
        return {t: [tuple(r.values()) for r in s.store.query(f"SELECT {cols} FROM {t} ORDER BY {cols}")]
                for t, cols in CONTENT.items()}


def test_demo_data_is_deterministic_per_seed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for name, seed in (("a", 5), ("b", 5), ("c", 6)):
        assert fieldapp(["demo-data", "--db", str(tmp_path / f"{name}.sqlite"), "--boreholes", "6",
                         "--seed", str(seed)]) == 0
    assert "6 boreholes" in capsys.readouterr().out
    a, b, c = (content(tmp_path / f"{n}.sqlite") for n in "abc")
    assert a == b
    assert a != c


def test_demo_made_in_a_second_process_is_the_same_project(tmp_path: Path) -> None:
    # a large demo is made and checked by a child process; the boreholes must
    # not depend on which process drew them
    for name, parallel in (("here", False), ("child", True)):
        with Session.open(tmp_path / f"{name}.sqlite") as s:
            summary = demo.create(s, boreholes=45, seed=9, parallel=parallel)
            assert (summary.boreholes, summary.shipments) == (45, 3)
            verify(s.store)
    assert content(tmp_path / "here.sqlite") == content(tmp_path / "child.sqlite")


def test_a_generator_that_dies_leaves_nothing_half_written(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "executable", "/bin/false")  # the child exits at once, saying nothing
    with Session.open(tmp_path / "demo.sqlite") as s:
        with pytest.raises(FieldAppError, match="demo generator stopped") as caught:
            demo.create(s, boreholes=40, seed=1, parallel=True)
        assert caught.value.hint
        assert s.store.count("project") == 0 and s.store.count("journal") == 0


def test_demo_project_is_realistic(tmp_path: Path) -> None:
    with Session.open(tmp_path / "demo.sqlite", settings=Settings(user="J. de Vries")) as s:
        summary = demo.create(s, boreholes=25, seed=2)
        proj = project.by_code(s.store, summary.project_code)
        holes = [h for h in borehole.of_project(s.store, proj.id) if h.kind == "boring"]
        assert len(holes) == 25
        wells = [h for h in borehole.of_project(s.store, proj.id) if h.kind == "peilbuis"]
        assert [h.code for h in wells] == ["PB01", "PB02", "PB03"] and summary.wells == 3
        for hole in holes:
            layers = layer.of_borehole(s.store, hole.id)
            assert 3 <= len(layers) <= 8
            assert layers[0].upper_cm == 0
            assert all(a.lower_cm == b.upper_cm for a, b in itertools.pairwise(layers))
            assert hole.final_depth_cm == layers[-1].lower_cm
            for lay in layers:
                parse_soil_code(lay.soil_code, s.lists)  # valid NEN 5104
            assert 51.9 < (hole.lat or 0) < 52.2 and 5.0 < (hole.lon or 0) < 5.2  # Utrecht
            samples = s.store.query("SELECT s.id FROM sample s JOIN sample_part p ON p.sample_id = s.id "
                                    "WHERE p.borehole_id = ?", (hole.id,))
            assert 2 <= len(samples) <= 4
            for smp in samples:
                jars = s.store.query("SELECT id FROM container WHERE sample_id = ?", (smp["id"],))
                assert 1 <= len(jars) <= 3
                for jar in jars:
                    kinds = [e["kind"] for e in s.store.query(
                        "SELECT kind FROM custody_event WHERE container_id = ? ORDER BY at_laptop", (jar["id"],))]
                    assert kinds[:2] == ["collected", "packed"]
        relinquished = s.store.query("SELECT COUNT(*) AS n FROM shipment WHERE relinquished_at IS NOT NULL")
        assert relinquished[0]["n"] == summary.shipments >= 1
        verify(s.store)


def test_journal_records_each_change_for_sync_and_audit(session: Session) -> None:
    proj = project.create(session, code="P1", name="x")
    hole = borehole.create(session, proj.id, code="B01")
    new = layer.add(session, hole.id, upper="0", lower="0.3", soil="Zs1")
    layer.update(session, new.id, soil="Kz2", colour="grijs")
    entries = session.store.query("SELECT * FROM journal_entry ORDER BY seq")
    assert [(e["tbl"], e["op"]) for e in entries] == [
        ("project", "insert"), ("borehole", "insert"), ("layer", "insert"), ("layer", "update")]
    last = entries[-1]
    assert last["row_id"] == new.id
    assert json.loads(last["fields"]) == {"soil_code": "Kz2", "colour": "grijs"}  # only what changed
    assert last["device_id"] == session.store.device_id
    assert [e["device_seq"] for e in entries] == [1, 2, 3, 4]
    assert all(a["hlc"] < b["hlc"] for a, b in itertools.pairwise(entries))
    assert last["actor"] == "J. de Vries" and last["action"] == "Change layer"
    # an insert leaves its text to its row until the row changes: then the entry keeps it
    assert [e["fields"] is None for e in entries] == [True, True, False, False]
    assert json.loads(entries[2]["fields"])["soil_code"] == "Zs1"
    assert all(len(e["hash"]) == 32 and len(e["row_hash"]) == 32 for e in entries)
    audit = session.store.query("SELECT * FROM audit_log ORDER BY seq")
    assert len(audit) == 4 and audit[-1]["actor"] == "J. de Vries"


def test_hlc_never_runs_backwards_when_the_wall_clock_does() -> None:
    wall = iter([1_000, 2_000, 1_500, 1_500, 900, 3_000, 3_001])
    clock = HybridLogicalClock(wall_ms=lambda: next(wall))
    stamps = [clock.now() for _ in range(6)]
    assert stamps == sorted(set(stamps))
    assert hlc_unpack(stamps[2]) == (2_000, 1)  # the clock stepped back: logical part advances
    clock.observe(stamps[-1] + 10)
    assert clock.now() > stamps[-1] + 10


def test_hlc_reserves_a_block_of_stamps_for_a_batch() -> None:
    wall = iter([5_000, 5_000, 4_000])
    clock = HybridLogicalClock(wall_ms=lambda: next(wall))
    before = clock.now()
    first = clock.reserve(70_000)  # more than one millisecond's logical counter holds
    assert first > before
    after = clock.now()  # the wall clock went back; stamps still only rise
    assert after == first + 70_000
    assert hlc_unpack(first + 69_999)[0] == 5_001  # the block carried into the next millisecond


def test_device_identity_survives_reopening(tmp_path: Path) -> None:
    with Session.open(tmp_path / "x.sqlite") as s:
        first = s.store.device_id
        project.create(s, code="P1", name="x")
    with Session.open(tmp_path / "x.sqlite") as s:
        assert s.store.device_id == first
        project.create(s, code="P2", name="y")
        seqs = [r["device_seq"] for r in s.store.query("SELECT device_seq FROM journal ORDER BY seq")]
        assert seqs == [1, 2]


def test_settings_survive_a_damaged_file(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    Settings(user="A. Bakker", theme="sunlight").save(path)
    assert Settings.load(path).theme == "sunlight"
    path.write_text("{not json", encoding="utf-8")
    assert Settings.load(path) == Settings(user=Settings.load(path).user)


def test_numbers_keep_their_hash_through_sqlite_affinity(session: Session) -> None:
    """An int written to a REAL column comes back as a float: verify must not call that tampering."""
    proj = project.create(session, code="P1", name="x")
    borehole.create(session, proj.id, code="B01", planned_x_rd=135900, planned_y_rd=455300.0)
    borehole.create(session, proj.id, code="B02", planned_x_rd=135900.5, planned_y_rd=455300.25,
                    remarks="rooster 0.0 m verschoven")
    assert verify(session.store).rows == 3
