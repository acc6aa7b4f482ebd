"""Deviations (afwijkingen, issue 15 item 2) through the core: an override of an overridable rule
is refused without a recorded deviation (nothing written) and accepted with one; the deviation is
written in the same action as the object, and `fieldapp check` reports it instead of the error.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from tests_store_helpers import refused, snapshot

from fieldapp import check, check_sampling, demo
from fieldapp.domain import borehole, deviation, layer, project, sample
from fieldapp.domain.deviation import DeviationDraft, Overrides
from fieldapp.domain.layer import Admixture
from fieldapp.domain.sample import Part
from fieldapp.errors import ValidationError
from fieldapp.rules import RuleError, default_book
from fieldapp.session import Session
from fieldapp.settings import Settings

FIELDAPP = Path(sys.executable).parent / "fieldapp"

SPAN = DeviationDraft(
    rule_id="soil_sample_max_span", part="Protocol 2001, grondmonsters nemen", nature="",
    reason="Boring in puinverharding: het materiaal tussen 0,5 en 1,1 m viel uit de guts als een geheel.",
    consequences="Gehalten zijn gemiddeld over 0,6 m; een dunne verontreinigde laag kan verdund zijn.")


@pytest.fixture
def site(session: Session) -> dict[str, str]:
    proj = project.create(session, code="P1", name="Gasfabriek", start_date="2026-01-05")
    hole = borehole.create(session, proj.id, code="B01", started_at="2026-01-06T09:00:00+01:00")
    layer.add(session, hole.id, upper="0", lower="0.5", soil="Zs1h2", colour="bruin",
              admixtures=[Admixture("puin", "zwak")])
    layer.add(session, hole.id, upper="0.5", lower="1.5", soil="Kz1", colour="grijs")
    borehole.set_final_depth(session, hole.id, "2")
    return {"project": proj.id, "borehole": hole.id}


def _take(session: Session, site: dict[str, str], upper: str, lower: str,
          overrides: Overrides | None = None) -> sample.Sample:
    return sample.create(session, site["project"], code="M1", kind="field_sample", matrix="BS",
                         parts=[Part(site["borehole"], upper, lower)], sampled_at="2026-01-06T10:00:00+01:00",
                         overrides=overrides)


def test_the_sampling_rules_a_projectleider_may_deviate_from_are_marked_in_the_table() -> None:
    book = default_book()
    assert book["soil_sample_max_span"].overridable and book["soil_sample_layer_boundary"].overridable
    assert not book["borehole_end_before_start"].overridable  # an impossibility, never overridden
    assert not book["soil_sample_matrix"].overridable


def test_an_override_without_a_deviation_is_refused_and_says_how(session: Session, site: dict[str, str]) -> None:
    err = refused(session, RuleError, ("spans 60 cm", "record a deviation (afwijking)"),
                  lambda: _take(session, site, "0.5", "1.1"))
    assert isinstance(err, RuleError) and err.deviation_possible
    assert "leg een afwijking vast" in err.hint_in("nl")
    # a deviation for another rule does not let it pass either
    other = DeviationDraft("soil_sample_layer_boundary", "", "", "reden", "geen")
    refused(session, RuleError, ("spans 60 cm",), lambda: _take(session, site, "0.5", "1.1", Overrides([other])))


def test_an_impossibility_cannot_be_overridden(session: Session, site: dict[str, str]) -> None:
    ov = Overrides([DeviationDraft("soil_sample_matrix", "", "", "reden", "geen")])
    with pytest.raises(RuleError) as info:
        sample.create(session, site["project"], code="M1", kind="field_sample", matrix="GW",
                      parts=[Part(site["borehole"], "0", "0.5")], overrides=ov)
    assert not info.value.deviation_possible and "afwijking" not in str(info.value)


def test_with_a_deviation_the_sample_and_its_deviation_are_written_together(
        session: Session, site: dict[str, str]) -> None:
    smp = _take(session, site, "0.5", "1.1", Overrides([SPAN]))
    rows = session.store.query("SELECT * FROM deviation")
    assert len(rows) == 1
    row = rows[0]
    assert (row["object_kind"], row["object_id"], row["rule_id"]) == ("sample", smp.id, "soil_sample_max_span")
    assert row["project_id"] == site["project"] and row["part"] == SPAN.part
    assert row["reason"] == SPAN.reason and row["consequences"] == SPAN.consequences
    assert "beslaat 60 cm" in row["nature"]  # an empty nature is the broken rule, in Dutch
    assert row["decided_at"]
    # one action: the sample, its part and the deviation share it in the journal
    actions = session.store.query("SELECT DISTINCT action_id, tbl FROM journal_entry WHERE tbl IN "
                                  "('sample', 'sample_part', 'deviation')")
    assert len({a["action_id"] for a in actions}) == 1 and {a["tbl"] for a in actions} == {
        "sample", "sample_part", "deviation"}
    found = deviation.covering(session.store.conn, smp.id, "soil_sample_max_span")
    assert found is not None and found.id == row["id"] and found.object_code == "M1"
    assert [d.id for d in deviation.for_project(session.store.conn, site["project"])] == [row["id"]]


def test_a_deviation_not_needed_is_not_recorded(session: Session, site: dict[str, str]) -> None:
    _take(session, site, "0.5", "1.0", Overrides([SPAN]))
    assert session.store.query("SELECT * FROM deviation") == []


def test_a_refused_write_leaves_no_deviation_behind(session: Session, site: dict[str, str]) -> None:
    """The deviation passes, a later check of the same write fails: nothing of either is written."""
    ov = Overrides([SPAN])
    before = snapshot(session)
    with pytest.raises(ValidationError):  # 1.1-1.7 m: not covered by logged layers below 1.5 m
        sample.create(session, site["project"], code="M1", kind="field_sample", matrix="BS",
                      parts=[Part(site["borehole"], "1.1", "1.7")], overrides=ov)
    assert snapshot(session) == before


@pytest.mark.parametrize(("field", "reason", "consequences"), [("reason", " ", "geen"), ("consequences", "x", "")])
def test_a_deviation_states_its_reason_and_consequences(field: str, reason: str, consequences: str) -> None:
    with pytest.raises(ValidationError) as info:
        DeviationDraft("soil_sample_max_span", "", "", reason, consequences)
    assert info.value.field == field and info.value.hint


def test_check_reports_the_deviation_not_the_error(session: Session, site: dict[str, str]) -> None:
    smp = _take(session, site, "0.3", "0.9",
                Overrides([SPAN, DeviationDraft("soil_sample_layer_boundary", "Protocol 2001", "", "reden",
                                                "gevolgen")]))
    found = check.run(session.store.conn, site["project"], checks=[check_sampling.sample_findings])
    assert {f.rule_id for f in found} == {"soil_sample_max_span", "soil_sample_layer_boundary"}
    assert all(f.object_id == smp.id and f.deviation_id for f in found)
    report = check.CheckReport(site["project"], "P1", tuple(found))
    assert (report.errors, report.deviations) == (0, 2)
    assert report.summary("nl") == "Project P1: 0 fouten, 0 waarschuwingen, 2 afwijkingen."
    assert all(line.startswith("afwijking") for line in report.lines("nl"))
    assert report.as_json()["findings"][0]["deviation_id"]


def test_fieldapp_check_prints_the_deviation(tmp_path: Path) -> None:
    """On a clean demo project, a sample over 0.6 m with its deviation: exit 0, listed as afwijking."""
    path = tmp_path / "demo.sqlite"
    with Session.open(path, settings=Settings(user="J. de Vries")) as session:
        proj = project.by_code(session.store, demo.create(session, boreholes=2, seed=1).project_code)
        hole = session.store.query("SELECT id, started_at, staff_id FROM borehole WHERE project_id = ? "
                                   "ORDER BY code LIMIT 1", (proj.id,))[0]
        top = session.store.query("SELECT MIN(upper_cm) AS u FROM layer WHERE borehole_id = ?", (hole["id"],))[0]["u"]
        both = Overrides([SPAN, DeviationDraft("soil_sample_layer_boundary", "", "", "reden", "gevolgen")])
        sample.create(session, proj.id, code="AFW1", kind="field_sample", matrix="BS", sampled_at=hole["started_at"],
                      parts=[Part(hole["id"], top / 100, (top + 60) / 100)], overrides=both,
                      staff_id=hole["staff_id"])
    run = subprocess.run([str(FIELDAPP), "check", "--db", str(path), "--project", proj.code],
                         capture_output=True, text=True, timeout=120,
                         env={k: v for k, v in os.environ.items() if not k.startswith("FIELDAPP_CRASH")})
    assert run.returncode == 0, run.stdout + run.stderr
    lines = run.stdout.strip().splitlines()
    assert lines[-1].startswith(f"Project {proj.code}: 0 fouten, 0 waarschuwingen, ")
    assert any(line.startswith("afwijking") and "AFW1" in line and "soil_sample_max_span" in line for line in lines)
    assert not any(line.startswith("fout") for line in lines)


def test_a_corrected_depth_over_half_a_metre_needs_its_deviation(session: Session, site: dict[str, str]) -> None:
    smp = _take(session, site, "0.5", "1.0")
    refused(session, RuleError, ("spans 60 cm", "record a deviation"),
            lambda: sample.set_depth(session, smp.id, "0.5", "1.1"))
    part = sample.set_depth(session, smp.id, "0.5", "1.1", overrides=Overrides([SPAN]))
    assert (part.upper_cm, part.lower_cm) == (50, 110)
    assert deviation.covering(session.store.conn, smp.id, "soil_sample_max_span") is not None
