"""Project metadata through the core API: rules checked before writing, nothing written when one
breaks, the journal and `verify` holding across edits and across the 0007 migration."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from tests_store_helpers import journal_as_before

from fieldapp.codelists import CodeLists
from fieldapp.domain import contour, project
from fieldapp.errors import CodeListError, ValidationError
from fieldapp.rules import RuleError, load_rules
from fieldapp.session import Session
from fieldapp.settings import Settings
from fieldapp.store.migrations import applied
from fieldapp.store.verify import verify

LANDED = Path(__file__).parents[1] / "data" / "db" / "schema-0006.sqlite"
CONTOUR = "POLYGON ((135880 455280, 135990 455275, 136000 455350, 135940 455395, 135875 455370, 135880 455280))"
META: dict[str, Any] = {
    "investigation_type": "verkennendOnderzoekNEN5740", "investigation_reason": "bestemmingswijziging",
    "investigation_strategy": "VEP", "investigation_phase": "OO", "competent_authority": "Gemeente Utrecht",
    "asbestos_presence": "nietOnderzocht", "report_number": "R-2026-0142-v1", "site_contour": CONTOUR,
    "contractor": "Bodemadvies Midden B.V.", "contractor_kvk": "3012 3456", "process_certificate": "K12345/01",
    "end_date": "2026-03-04",
}


def journal_rows(session: Session) -> int:
    return session.store.count("journal")


def test_metadata_is_stored_journalled_and_verifies(session: Session) -> None:
    proj = project.create(session, code="P1", name="Croeselaan", start_date="2026-03-02", metadata=META)
    assert proj.investigation_type == "verkennendOnderzoekNEN5740" and proj.contractor_kvk == "30123456"
    assert proj.site_contour is not None and proj.site_contour.startswith("POLYGON ((135880.000 455280.000,")
    edited = project.edit(session, proj.id, {"report_number": "R-2026-0142-v2", "investigation_phase": "NO"})
    assert (edited.report_number, edited.investigation_phase) == ("R-2026-0142-v2", "NO")
    last = session.store.query("SELECT action, op, fields FROM journal_entry ORDER BY seq DESC LIMIT 1")[0]
    assert last["action"] == "Edit project P1" and last["op"] == "update" and "R-2026-0142-v2" in last["fields"]
    verify(session.store)
    assert project.sikb0101_ids(session, session.store.get("project", proj.id) or {}) == {
        "investigation_type": 5, "investigation_reason": 1, "investigation_strategy": 5, "investigation_phase": 5,
        "competent_authority": session.lists.get("competent_authority", "Gemeente Utrecht").extra["sikb0101_id"],
        "asbestos_presence": 4, "required_position_class": None}


@pytest.mark.parametrize(("changes", "error", "field", "nl"), [
    ({"start_date": (date.today() + timedelta(days=1)).isoformat()}, RuleError, "start date", "in de toekomst"),
    ({"end_date": "2026-03-01"}, RuleError, "end date", "voor de startdatum"),
    ({"report_number": "R" * 41}, RuleError, "report number", "41 tekens"),
    ({"contractor_kvk": "1234567"}, RuleError, "KvK number", "8 cijfers"),
    ({"contractor_kvk": "3012345A"}, RuleError, "KvK number", "8 cijfers"),
    ({"investigation_type": "fax"}, CodeListError, "investigation type", ""),  # withdrawn: not taken anew
    ({"investigation_strategy": "XYZ"}, CodeListError, "strategy", ""),
    ({"start_date": "2-3-2026"}, ValidationError, "start date", ""),
    ({"site_contour": "POLYGON ((1 2, 3 4, 5 7, 1 2))"}, ValidationError, "site contour", ""),
    ({"name": "  "}, ValidationError, "name", ""),
])
def test_each_rule_broken_through_the_core_gets_its_message_and_nothing_is_written(
        session: Session, changes: dict[str, Any], error: type[Exception], field: str, nl: str) -> None:
    proj = project.create(session, code="P1", name="Croeselaan", start_date="2026-03-02")
    before, entries = session.store.get("project", proj.id), journal_rows(session)
    with pytest.raises(error) as caught:
        project.edit(session, proj.id, changes)
    assert isinstance(caught.value, ValidationError) and caught.value.field == field
    if isinstance(caught.value, RuleError):
        assert nl in caught.value.message_in("nl") and caught.value.hint
    assert session.store.get("project", proj.id) == before and journal_rows(session) == entries
    with pytest.raises(error):  # the same on creation: no project row at all
        project.create(session, code="P2", name="Twee", start_date="2026-03-02", metadata=changes)
    assert session.store.query("SELECT code FROM project WHERE code = 'P2'") == []


def test_report_number_of_exactly_40_characters_is_taken(session: Session) -> None:
    proj = project.create(session, code="P1", name="x", metadata={"report_number": "R" * 40})
    assert proj.report_number == "R" * 40


def test_a_withdrawn_value_a_project_holds_may_stay(session: Session) -> None:
    proj = project.create(session, code="P1", name="x")
    with session.store.action("old record") as tx:  # as written by an older list, or synced from one
        tx.update("project", proj.id, {"investigation_type": "fax"})
    kept = project.edit(session, proj.id, {"investigation_type": "fax", "report_number": "R1"})
    assert kept.investigation_type == "fax" and kept.report_number == "R1"


def test_findings_list_each_broken_project_rule(session: Session) -> None:
    proj = project.create(session, code="P1", name="x")
    with session.store.action("synced from an old device") as tx:
        tx.update("project", proj.id, {"start_date": "2099-01-01", "end_date": "2098-01-01",
                                       "report_number": "R" * 45, "contractor_kvk": "123"})
    found = project.findings(session.store.conn, proj.id, load_rules())
    assert [f.rule_id for f in found] == ["project_start_not_future", "project_end_not_before_start",
                                          "project_report_number_length", "project_kvk_number_digits"]
    assert all(f.object_code == "P1" and f.severity == "error" and f.source for f in found)
    assert "(waarde niet bevestigd)" in found[0].source_in("nl") and "(value not confirmed)" in found[0].source_in("en")
    clean = project.create(session, code="P2", name="y", start_date="2026-03-02", metadata=META)
    assert project.findings(session.store.conn, clean.id, load_rules()) == []


def dump(path: Path) -> dict[str, list[dict[str, Any]]]:
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    out = {t: [dict(r) for r in conn.execute(f"SELECT * FROM {t} ORDER BY rowid")]
           for t in ("project", "borehole", "layer", "sample", "sample_part", "container", "shipment",
                     "shipment_item", "custody_event")}
    lean = conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'journal_entry'").fetchone()
    # since 0013 the journal is lean: compared in the shape it had, every hash as it was
    out["journal"] = journal_as_before(conn) if lean else [dict(r) for r in conn.execute(
        "SELECT * FROM journal ORDER BY seq")]
    conn.close()
    return out


def test_a_database_written_by_the_landed_version_migrates_keeping_every_row(tmp_path: Path,
                                                                             lists: CodeLists) -> None:
    db = tmp_path / "landed.sqlite"
    shutil.copy(LANDED, db)  # written by main before issue 12 (tests/data/db/make_schema_0006.py)
    before = dump(db)
    assert len(before["layer"]) > 8 and len(before["journal"]) > 100
    with Session.open(db, settings=Settings(user="A. Bakker"), lists=lists) as new:
        assert any(name.endswith("_project_metadata") for name in applied(new.store.conn))
        verify(new.store)  # the audit chain of the old rows holds after the migration
        after = dump(db)
        for table, rows in before.items():
            kept = after[table][: len(rows)] if table == "journal" else after[table]
            # later schema steps may journal rows they write (0009 adds boring processes): the
            # journal grows, but every entry written before stays as it was
            assert [{k: r[k] for k in rows[0]} for r in kept] == rows, table
        assert all(r["report_number"] is None and r["site_contour"] is None for r in after["project"])
        pid = after["project"][0]["id"]
        edited = project.edit(new, pid, {"report_number": "R-1", "investigation_type": "naderOnderzoek",
                                         "site_contour": contour.from_boreholes(new.store, pid)})
        assert edited.report_number == "R-1" and edited.site_contour
        verify(new.store)


def test_editing_one_field_does_not_fail_on_a_value_held_from_before_the_rules(session: Session) -> None:
    proj = project.create(session, code="P1", name="x")
    with session.store.action("synced from an old device") as tx:
        tx.update("project", proj.id, {"contractor_kvk": "123", "start_date": "2099-01-01"})
    held = session.store.get("project", proj.id) or {}
    # the dialog sends every field back; only the changed one is checked and written
    edited = project.edit(session, proj.id, {**{k: held[k] for k in ("contractor_kvk", "start_date")},
                                             "report_number": "R-9"})
    assert (edited.report_number, edited.contractor_kvk) == ("R-9", "123")
    last = session.store.query("SELECT fields FROM journal ORDER BY seq DESC LIMIT 1")[0]["fields"]
    assert "R-9" in last and "123" not in last
    with pytest.raises(RuleError):  # changing it is checked
        project.edit(session, proj.id, {"contractor_kvk": "1234"})
