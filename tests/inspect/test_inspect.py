"""`fieldapp inspect` (issue 15 item 7): the demo project passes every line; a copy of it with one
defect fails exactly the line that defect belongs to, naming the object."""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from fieldapp import demo
from fieldapp.cli import CommandLine, inspect_commands, run_handler
from fieldapp.codelists import CodeLists
from fieldapp.domain import borehole, field_day, sampling_round, well
from fieldapp.inspect import position_child, positions
from fieldapp.inspect.run import Inspection, inspect
from fieldapp.positions.rdnap import RdNap
from fieldapp.session import Session
from fieldapp.settings import Settings

PROJECT = "2026-0142"
#: every line the demo is judged on; each defect below must fail exactly one of them
ALL = {"audit_chain", "position_evidence", "custody", "staffing", "holding_time", "pfas", "asbestos", "deviations"}


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    with Session.open(path, settings=Settings(user="J. de Vries"), lists=CodeLists.load()) as session:
        demo.create(session, boreholes=12, seed=1, project_code=PROJECT)
    return path


@pytest.fixture
def copy(demo_file: Path, tmp_path: Path) -> Path:
    target = tmp_path / "copy.sqlite"
    shutil.copy(demo_file, target)
    # the photos are part of the record: verify (inspect's first line) hashes each file
    shutil.copytree(demo_file.with_name("demo.photos"), target.with_name("copy.photos"))
    return target


def _edit(path: Path, change: Callable[[Session], None]) -> None:
    """A change made through FieldApp's store (journalled), below the domain's checks."""
    with Session.open(path, settings=Settings(user="iemand"), lists=CodeLists.load()) as session:
        change(session)


def _status(result: Inspection) -> dict[str, str]:
    return {line.requirement.id: line.outcome.status for line in result.lines}


def _failed(result: Inspection) -> dict[str, list[str]]:
    return {line.requirement.id: [n.text("en") for n in line.outcome.notes]
            for line in result.lines if line.outcome.status == "fail"}


def _rounds(path: Path) -> list[str]:
    """The sampling rounds with a deviation, named as the round's form names them."""
    conn = sqlite3.connect(path)
    try:
        return [sampling_round.round_code(well.well_code(code, tube), started) for code, tube, started in conn.execute(
            "SELECT b.code, w.tube_number, r.started_at FROM sampling_round r JOIN well w ON w.id = r.well_id "
            "JOIN borehole b ON b.id = w.borehole_id WHERE r.id IN (SELECT object_id FROM deviation)")]
    finally:
        conn.close()


def _cli(*args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    cli = CommandLine()
    inspect_commands.register(cli)
    parsed = cli.parser.parse_args(["inspect", *args])
    code = run_handler(parsed.handler, parsed)
    return code, capsys.readouterr().out


def test_the_demo_project_passes_every_line(demo_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = inspect(demo_file, PROJECT)
    assert {line.requirement.id for line in result.lines} == ALL
    assert not _failed(result) and result.passed
    assert set(_status(result).values()) == {"pass"}
    code, out = _cli("--db", str(demo_file), capsys=capsys)  # the only project: no --project needed
    assert code == 0
    assert "voldoet" in out and "bron:" in out and "Uitslag:" in out
    positions_line = next(line for line in result.lines if line.requirement.id == "position_evidence")
    # the 12 boreholes and the 3 peilbuizen PB01-PB03 the wells stand in (fieldapp.demo_wells)
    assert positions_line.outcome.summary is not None and "15 posities" in positions_line.outcome.summary.nl


def test_a_position_typed_over_fails_only_the_position_line(copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def move(session: Session) -> None:
        hole = session.store.query("SELECT id, x_rd FROM borehole WHERE code = 'B03'")[0]
        with session.store.action("Edit position") as tx:
            tx.update("borehole", hole["id"], {"x_rd": hole["x_rd"] + 0.35})

    _edit(copy, move)
    result = inspect(copy, PROJECT)
    failed = _failed(result)
    assert list(failed) == ["position_evidence"]
    assert failed["position_evidence"] == ["B03: RD coordinates are 0.350 m from what the NMEA gives "
                                           "(tolerance 0.01 m)"]
    code, out = _cli("--db", str(copy), "--project", PROJECT, "--json", capsys=capsys)
    assert code == 1
    data = json.loads(out)
    assert data["passed"] is False and data["failed"] == 1
    line = next(r for r in data["requirements"] if r["id"] == "position_evidence")
    assert line["verdict"] == "VOLDOET NIET" and line["findings"][0].startswith("B03: RD-coördinaten liggen")
    assert line["source_confirmed"] is False and "Protocol 2001" in line["source"]


def test_a_large_project_judges_its_positions_in_a_second_process(copy: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    def move(session: Session) -> None:
        hole = session.store.query("SELECT id, y_rd FROM borehole WHERE code = 'B10'")[0]
        with session.store.action("Edit position") as tx:
            tx.update("borehole", hole["id"], {"y_rd": hole["y_rd"] - 2.0})

    _edit(copy, move)
    started: list[object] = []
    real_popen = position_child.subprocess.Popen

    def popen(*args: Any, **kwargs: Any) -> Any:
        started.append(args[0])
        return real_popen(*args, **kwargs)

    monkeypatch.setattr(position_child, "PARALLEL_FROM", 1)
    monkeypatch.setattr(position_child.subprocess, "Popen", popen)
    failed = _failed(inspect(copy, PROJECT))
    assert len(started) == 1 and started[0][-1] == "fieldapp.inspect.position_child"  # type: ignore[index]
    assert failed == {"position_evidence": ["B10: RD coordinates are 2.000 m from what the NMEA gives "
                                            "(tolerance 0.01 m)"]}


def test_an_inspection_interrupted_ends_its_second_process(copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    children: list[Any] = []
    real_popen = position_child.subprocess.Popen

    def popen(*args: Any, **kwargs: Any) -> Any:
        children.append(real_popen(*args, **kwargs))
        return children[-1]

    def interrupt(done: int, total: int) -> None:
        raise KeyboardInterrupt  # Ctrl-C while the chain is verified

    monkeypatch.setattr(position_child, "PARALLEL_FROM", 1)
    monkeypatch.setattr(position_child.subprocess, "Popen", popen)
    with pytest.raises(KeyboardInterrupt):
        inspect(copy, PROJECT, progress=interrupt)
    assert len(children) == 1 and children[0].returncode is not None  # ended and reaped, not left working


def test_a_better_class_and_a_moved_latitude_are_named(copy: Path) -> None:
    def upgrade(session: Session) -> None:
        b05, b07 = (session.store.query("SELECT id, lat FROM borehole WHERE code = ?", (c,))[0] for c in ("B05", "B07"))
        with session.store.action("Edit position") as tx:
            tx.update("borehole", b05["id"], {"position_class": "RTKGPS0tot2cm"})
            tx.update("borehole", b07["id"], {"lat": b07["lat"] + 0.0001})

    _edit(copy, upgrade)
    failed = _failed(inspect(copy, PROJECT))
    assert list(failed) == ["position_evidence"]
    notes = failed["position_evidence"]
    assert notes[0] == "B05: class RTKGPS0tot2cm stored, the NMEA gives DGPS50tot200cm"
    assert notes[1].startswith("B07: stored position is 11.1") and len(notes) == 2


def test_an_edit_behind_fieldapps_back_fails_the_chain_line(copy: Path) -> None:
    conn = sqlite3.connect(copy)
    with conn:
        conn.execute("UPDATE layer SET soil_code = 'Zs4' WHERE id = (SELECT MIN(id) FROM layer)")
    conn.close()
    result = inspect(copy, PROJECT)
    failed = _failed(result)
    assert list(failed) == ["audit_chain"]
    assert "was changed outside FieldApp" in failed["audit_chain"][0]
    # the inspection's own language is Dutch: the finding too, not verify's English inside a Dutch report
    chain = next(line for line in result.lines if line.requirement.id == "audit_chain")
    assert "is buiten FieldApp om gewijzigd" in chain.outcome.notes[0].text("nl")


def test_a_missing_seal_event_is_a_gap_in_custody(copy: Path) -> None:
    def unseal(session: Session) -> None:
        event = session.store.query("SELECT id FROM custody_event WHERE kind = 'sealed'")[0]
        with session.store.action("Lose an event") as tx:
            tx.delete("custody_event", event["id"])

    _edit(copy, unseal)
    failed = _failed(inspect(copy, PROJECT))
    assert list(failed) == ["custody"]
    assert failed["custody"] == ["COC-0001: handed over without a recorded seal"]


def test_a_container_without_its_filling_is_named(copy: Path) -> None:
    lost: list[str] = []

    def forget(session: Session) -> None:
        # a soil jar or a well's bottle, whichever barcode comes first
        row = session.store.query(
            "SELECT e.id, c.barcode, s.code FROM custody_event e JOIN container c ON c.id = e.container_id "
            "JOIN sample s ON s.id = c.sample_id WHERE e.kind = 'collected' ORDER BY c.barcode LIMIT 1")[0]
        with session.store.action("Lose an event") as tx:
            tx.delete("custody_event", row["id"])
        lost.append(f"{row['barcode']} ({row['code']})")

    _edit(copy, forget)
    failed = _failed(inspect(copy, PROJECT))
    assert list(failed) == ["custody"]
    (note,) = failed["custody"]
    assert note == f"container {lost[0]}: filling not recorded"


def test_an_assistant_alone_on_site_fails_only_the_staffing_line(copy: Path) -> None:
    def leave_alone(session: Session) -> None:
        # the day before the field work, S. Yilmaz (assistant) drilled a borehole on his own, and the
        # field day says he was alone
        proj = session.store.query("SELECT id FROM project")[0]["id"]
        first = session.store.query("SELECT MIN(started_at) AS t FROM borehole")[0]["t"]
        when = datetime.fromisoformat(first) - timedelta(days=1)
        assistant = session.store.query("SELECT id FROM staff WHERE role = 'assistant'")[0]["id"]
        borehole.create(session, proj, code="B13", started_at=when.isoformat(), staff_id=assistant)
        field_day.record(session, proj, when.date().isoformat(), weather="regen, 9 °C", staff_ids=[assistant])

    _edit(copy, leave_alone)
    failed = _failed(inspect(copy, PROJECT))
    assert list(failed) == ["staffing"], failed
    notes = failed["staffing"]
    assert len(notes) == 2
    assert any("protocol 2001" in n and "S. Yilmaz (assist" in n for n in notes), notes
    assert any("1 assistant(s) to 0 registered experienced fieldworker(s)" in n for n in notes), notes


def test_a_container_shipped_late_without_a_deviation_fails_only_the_holding_line(copy: Path) -> None:
    def withdraw(session: Session) -> None:
        row = session.store.query("SELECT id FROM deviation WHERE rule_id = 'holding_time_exceeded'")[0]
        with session.store.action("Deviation lost") as tx:
            tx.delete("deviation", row["id"])

    _edit(copy, withdraw)
    result = inspect(copy, PROJECT)
    failed = _failed(result)
    assert list(failed) == ["holding_time"]
    (note,) = failed["holding_time"]
    assert "(M01-1)" in note and "holding time" in note
    listed = next(line for line in result.lines if line.requirement.id == "deviations").outcome
    # the sample's deviation and the one on well PB03's round (named as its form names it) are still there
    notes = [n.text("en") for n in listed.notes]
    assert listed.status == "pass" and len(notes) == 2, notes
    assert any(n.startswith("deviation M") and "(soil_sample_max_span)" in n for n in notes), notes
    rounds = _rounds(copy)
    assert len(rounds) == 1 and any(n.startswith(f"deviation {rounds[0]} (purge_stop_rule_required)")
                                    for n in notes), notes


def test_a_deviation_without_who_decided_fails_the_deviation_line(copy: Path) -> None:
    def anonymous(session: Session) -> None:
        row = session.store.query("SELECT id FROM deviation WHERE rule_id = 'soil_sample_max_span'")[0]
        with session.store.action("Decider forgotten") as tx:
            tx.update("deviation", row["id"], {"staff_id": None})

    _edit(copy, anonymous)
    failed = _failed(inspect(copy, PROJECT))
    assert list(failed) == ["deviations"]
    assert failed["deviations"][0].startswith("deviation M") and "(soil_sample_max_span): without who decided" \
        in failed["deviations"][0]


def test_a_position_follows_from_a_gga_only_log() -> None:
    # a receiver without RMC or ZDA: the live session dated it by the laptop clock
    raw = "$GPGGA,073012.00,5205.17160,N,00506.51017,E,2,12,0.9,1.2,M,44.7,M,,*64\r\n"
    found = positions.rederive(raw)
    assert found is not None and found.count == 1
    assert abs(found.lat - (52 + 5.17160 / 60)) < 1e-9 and str(found.fix_type) == "dgps"
    assert positions.rederive("$GPGGA,073012.00,,,,,0,00,,,M,,M,,*66\r\n") is None


def test_linearised_rd_agrees_with_the_full_transformation() -> None:
    rd = RdNap()
    cells = positions.RdCells(rd)
    worst = 0.0
    for i in range(25):  # across several cells of Utrecht, Groningen and Maastricht
        for lat, lon in ((52.08 + i * 0.00037, 5.10 + i * 0.00051), (53.2 + i * 0.0011, 6.55 - i * 0.0007),
                         (50.85 - i * 0.0003, 5.69 + i * 0.0013)):
            for h in (None, 40.0 + i, 60.0 - i / 2):
                exact = rd.to_rd(lat, lon, h)
                approx = cells.to_rd(lat, lon, h)
                assert approx is not None
                worst = max(worst, abs(approx[0] - exact.x), abs(approx[1] - exact.y))
    assert worst < 0.001
    assert cells.to_rd(48.0, 2.0) is None  # outside the grids


def test_an_unknown_project_gets_one_clear_message(demo_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cli = CommandLine()
    inspect_commands.register(cli)
    parsed = cli.parser.parse_args(["inspect", "--db", str(demo_file), "--project", "1999-0001"])
    assert run_handler(parsed.handler, parsed) == 1
    err = capsys.readouterr().err
    assert err.startswith("fieldapp: error: There is no project with code '1999-0001'") and "Traceback" not in err
