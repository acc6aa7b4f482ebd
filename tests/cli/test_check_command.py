"""`fieldapp check` (issue 12, item 6): the demo project passes, a database with broken
records lists each of them, in Dutch by default, as text or JSON, with exit code 1.

The broken records are written with raw SQL, as an older FieldApp or an edit behind
its back would have left them: the core refuses to write them.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from fieldapp import demo
from fieldapp.check import CHECKS, OBJECT_ORDER, check_project
from fieldapp.rules import load_rules
from fieldapp.session import Session
from fieldapp.settings import Settings
from fieldapp.store import natural

FIELDAPP = Path(sys.executable).parent / "fieldapp"
PROJECT = "2026-0142"


def fieldapp(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(FIELDAPP), *argv], capture_output=True, text=True, timeout=120,
                          env={k: v for k, v in os.environ.items() if not k.startswith("FIELDAPP_CRASH")})


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("check") / "demo.sqlite"
    with Session.open(path, settings=Settings(user="J. de Vries")) as session:
        demo.create(session, boreholes=12, seed=1)
    return path


def test_the_demo_project_has_no_error(demo_db: Path) -> None:
    run = fieldapp("check", "--db", str(demo_db), "--project", PROJECT)
    assert run.returncode == 0, run.stdout + run.stderr
    last = run.stdout.strip().splitlines()[-1]  # the demo's one recorded deviation is listed, not an error
    assert last.startswith(f"Project {PROJECT}: 0 fouten, 0 waarschuwingen, ") and "afwijking" in last, last
    assert run.stderr == ""


def test_each_check_done_is_reported_and_the_findings_are_the_same(demo_db: Path) -> None:
    steps: list[tuple[int, int]] = []
    told = check_project(demo_db, PROJECT, progress=lambda done, total: steps.append((done, total)))
    assert steps == [(n, len(CHECKS)) for n in range(1, len(CHECKS) + 1)]  # a bar on a terminal (tests/cli)
    assert told == check_project(demo_db, PROJECT) and told.findings


#: (what to break, the SQL, the object code and rule id it must show)
BROKEN = [
    ("a 2 m soil sample", "UPDATE sample_part SET lower_cm = upper_cm + 200 "
     "WHERE sample_id = (SELECT id FROM sample WHERE code = 'M01-1')", "M01-1", "soil_sample_max_span"),
    ("a soil sample with matrix GW", "UPDATE sample SET matrix = 'GW' WHERE code = 'M02-1'", "M02-1",
     "soil_sample_matrix"),
    ("a groundwater sample from a plain borehole", "UPDATE sample SET kind = 'groundwater', matrix = 'GW' "
     "WHERE code = 'M04-1'", "M04-1", "groundwater_sample_in_well"),
    ("a sampling date in 2099", "UPDATE sample SET sampled_at = '2099-01-01T10:00:00+01:00' WHERE code = 'M03-1'",
     "M03-1", "date_not_in_future"),
    ("a sampling time without a zone, in the future", "UPDATE sample SET sampled_at = '2099-01-01 10:00' "
     "WHERE code = 'M05-1'", "M05-1", "date_not_in_future"),
    ("a borehole started before the project", "UPDATE borehole SET started_at = '2001-01-01T10:00:00+01:00' "
     "WHERE code = 'B05'", "B05", "date_not_before_project"),
    ("a borehole that ends before it starts", "UPDATE borehole SET ended_at = '2001-01-02T10:00:00+01:00', "
     "started_at = '2026-01-03T10:00:00+01:00' WHERE code = 'B06'", "B06", "borehole_end_before_start"),
    ("a groundwater level of 25 m in a shallow hole", "UPDATE borehole SET groundwater_cm = 2500 WHERE code = 'B04'",
     "B04", "groundwater_level_within_hole"),
]


@pytest.fixture(scope="module")
def broken_db(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("broken") / "broken.sqlite"
    shutil.copy(demo_db, path)
    conn = sqlite3.connect(path)
    natural.register(conn)  # renaming a sample updates its natural-order index (fieldapp/store/natural.py)
    with conn:
        # a sample over a layer boundary of different soils: two touching layers of B07 that differ in main type
        conn.execute("UPDATE layer SET soil_code = 'Kz1' WHERE id = (SELECT l.id FROM layer l JOIN borehole b "
                     "ON b.id = l.borehole_id WHERE b.code = 'B07' ORDER BY l.upper_cm LIMIT 1 OFFSET 1)")
        conn.execute("UPDATE layer SET soil_code = 'Zs1' WHERE id = (SELECT l.id FROM layer l JOIN borehole b "
                     "ON b.id = l.borehole_id WHERE b.code = 'B07' ORDER BY l.upper_cm LIMIT 1)")
        top, boundary = conn.execute("SELECT b.id, l.lower_cm FROM layer l JOIN borehole b ON b.id = l.borehole_id "
                                     "WHERE b.code = 'B07' ORDER BY l.upper_cm LIMIT 1").fetchone()
        sample_id = conn.execute("SELECT sample_id FROM sample_part WHERE borehole_id = ? LIMIT 1",
                                 (top,)).fetchone()[0]
        conn.execute("UPDATE sample_part SET upper_cm = ?, lower_cm = ? WHERE sample_id = ?",
                     (boundary - 10, boundary + 10, sample_id))
        conn.execute("UPDATE sample SET code = 'M07-X' WHERE id = ?", (sample_id,))
        for _what, sql, _code, _rule in BROKEN:
            conn.execute(sql)
    conn.close()
    return path


def test_each_broken_record_is_listed_in_dutch(broken_db: Path) -> None:
    run = fieldapp("check", "--db", str(broken_db), "--project", PROJECT)
    assert run.returncode == 1, run.stdout + run.stderr
    lines = run.stdout.splitlines()
    for what, _sql, code, rule_id in BROKEN:
        assert any(f" {code}: " in line and f"[{rule_id};" in line for line in lines), what
    assert any(" M07-X: " in line and "soil_sample_layer_boundary" in line and "grondsoort" in line
               for line in lines)
    # besides the errors: the demo's recorded deviations (a soil sample, the kept-back jar, well PB03), and
    # the days the edited start dates moved work to have no field day (staffing)
    covered = ("[soil_sample_", "[holding_time_exceeded;", "[purge_stop_rule_required;")
    assert all(line.startswith("fout ") or (line.startswith("afwijking ") and any(c in line for c in covered))
               or (line.startswith("waarschuwing ") and "[staffing_field_day_recorded;" in line)
               for line in lines[:-1])
    assert "Diepte: het grondmonster M01-1 beslaat 200 cm" in run.stdout
    assert lines[-1].startswith(f"Project {PROJECT}: ") and "fouten" in lines[-1]
    # each line cites the documents of its rule as the rules table names them for users, never the
    # maintainers' English note of how the rule was read
    book = load_rules()
    for line in lines[:-1]:
        rule_id, cited = line.rsplit("[", 1)[1].rstrip("]").split("; ", 1)
        rule = book[rule_id.split(":")[0]]
        assert cited in (rule.cite, f"{rule.cite} (waarde niet bevestigd)") or rule_id.startswith("sikb_"), line
        assert "value not confirmed" not in line


def test_json_lists_object_rule_severity_message_and_source(broken_db: Path) -> None:
    run = fieldapp("check", "--db", str(broken_db), "--project", PROJECT, "--json", "--lang", "en")
    assert run.returncode == 1
    report = json.loads(run.stdout)
    found = {(f["object_code"], f["rule"]) for f in report["findings"]}
    for what, _sql, code, rule_id in BROKEN:
        assert (code, rule_id) in found, what
    assert ("M07-X", "soil_sample_layer_boundary") in found
    errors = [f for f in report["findings"] if f["severity"] == "error" and not f["deviation_id"]]
    assert report["errors"] == len(errors) >= len(BROKEN) + 1
    assert report["deviations"] == sum(bool(f["deviation_id"]) for f in report["findings"]) >= 2
    for f in report["findings"]:
        assert f["object_kind"] and f["object_id"] and f["source"]
        assert f["severity"] == "error" or f["rule"] == "staffing_field_day_recorded"
    span = next(f for f in report["findings"] if f["rule"] == "soil_sample_max_span")
    assert span["message"].startswith("Depth: soil sample M01-1 spans 200 cm")
    assert span["field"] == "part 1 lower depth"
    # the 0.5 m could not be checked against the norm's text: said in the report's language
    assert span["source"] == "BRL SIKB 2000 protocol 2001; NEN 5740:2009+A1:2016 (value not confirmed)"
    order = [(f["object_kind"], f["object_code"]) for f in report["findings"]]
    kinds = [k for k, _ in order]
    assert kinds == sorted(kinds, key=OBJECT_ORDER.index)  # sorted by object


def test_not_measured_and_not_encountered_are_told_apart(broken_db: Path, tmp_path: Path) -> None:
    """A level with "not encountered" contradicts itself, and so does "measured" without one."""
    path = tmp_path / "status.sqlite"
    shutil.copy(broken_db, path)
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE borehole SET groundwater_status = 'not_encountered', groundwater_cm = 120 "
                     "WHERE code = 'B08'")
        conn.execute("UPDATE borehole SET groundwater_status = 'measured', groundwater_cm = NULL WHERE code = 'B09'")
        conn.execute("UPDATE borehole SET groundwater_status = 'not_measured', groundwater_cm = NULL "
                     "WHERE code = 'B10'")
    conn.close()
    report = json.loads(fieldapp("check", "--db", str(path), "--project", PROJECT, "--json").stdout)
    status = {f["object_code"]: f["message"] for f in report["findings"] if f["rule"] == "groundwater_status_level"}
    assert set(status) == {"B08", "B09"}
    assert "niet aangetroffen, maar er is een diepte ingevuld" in status["B08"]
    assert "gemeten, maar er is geen diepte ingevuld" in status["B09"]


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (("--db", "/nonexistent/x.sqlite", "--project", PROJECT), ("does not exist",)),
        (("--project", "NOPE"), ("no project with code 'NOPE'",)),
    ],
)
def test_a_missing_database_or_project_is_one_clear_line(demo_db: Path, argv: tuple[str, ...],
                                                         words: tuple[str, ...]) -> None:
    if "--db" not in argv:
        argv = ("--db", str(demo_db), *argv)
    run = fieldapp("check", *argv)
    assert run.returncode == 1
    assert len(run.stderr.strip().splitlines()) == 1 and "Traceback" not in run.stderr
    for word in words:
        assert word in run.stderr
