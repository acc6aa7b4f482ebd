"""Asbestos (issue 15 item 3): puin makes a location asbestos-suspect (NEN 5707) unless a written reason
is recorded; the NEN 5707 inspections (surface, pit, trench) with their sieved layers."""

from __future__ import annotations

import pytest

from fieldapp.check import run
from fieldapp.domain import asbestos, borehole, inspection_pit, layer, project
from fieldapp.domain.inspection_pit import Fraction
from fieldapp.domain.layer import Admixture
from fieldapp.errors import DuplicateCodeError, ValidationError
from fieldapp.rules import RuleError
from fieldapp.session import Session


def _hole(s: Session, admixture: str | None = "puin", code: str = "B01") -> tuple[str, str]:
    existing = s.store.query("SELECT id FROM project WHERE code = 'P1'")
    pid = existing[0]["id"] if existing else project.create(s, code="P1", name="Asbest").id
    hole = borehole.create(s, pid, code=code)
    layer.add(s, hole.id, upper="0", lower="0.5", soil="Zs1",
              admixtures=[Admixture(admixture, "zwak")] if admixture else [])
    layer.add(s, hole.id, upper="0.5", lower="1", soil="Zs1")
    return pid, hole.id


def _asbestos(s: Session, pid: str) -> list[tuple[str, str, str]]:
    return [(f.rule_id, f.object_code, f.message("nl")) for f in run(s.store.conn, pid)
            if f.rule_id.startswith(("asbestos_", "inspection_"))]


def test_puin_in_a_layer_makes_the_location_asbestos_suspect_until_judged(session: Session) -> None:
    pid, hole = _hole(session)
    _hole(session, "sintels", code="B02")  # cinders: not an asbestos suspicion
    ((rule, code, text),) = _asbestos(session, pid)
    assert (rule, code) == ("asbestos_suspect_unjudged", "B01")
    assert "puin in laag 0.00-0.50 m" in text and "NEN 5707" in text
    asbestos.judge(session, hole, suspect=True)
    ((rule, code, _text),) = _asbestos(session, pid)
    assert (rule, code) == ("asbestos_suspect_not_investigated", "B01")  # suspect: dig a pit
    inspection_pit.create(session, pid, code="IG01", kind="inspectiegat", length_m=0.3, width_m=0.3, depth_m=0.5,
                          borehole_id=hole, fractions=[Fraction(0, 50, 20, 28.4)])
    assert _asbestos(session, pid) == []


def test_not_suspect_needs_a_written_reason(session: Session) -> None:
    pid, hole = _hole(session, "metselpuin")
    with pytest.raises(RuleError) as caught:
        asbestos.judge(session, hole, suspect=False, reason="  ")
    assert caught.value.rule.id == "asbestos_reason_required" and "metselpuin" in caught.value.message
    assert session.store.query("SELECT COUNT(*) AS n FROM asbestos_judgement")[0]["n"] == 0
    asbestos.judge(session, hole, suspect=False,
                   reason="Metselpuin van de in 1985 gesloopte schuur; vooronderzoek: geen asbesthoudende materialen.")
    assert _asbestos(session, pid) == []
    _pid3, clean = _hole(session, None, code="B03")
    assert asbestos.judge(session, clean, suspect=False).reason is None  # nothing suspect: no reason needed


def test_a_pit_trench_and_surface_inspection_are_recorded_with_their_sieved_layers(session: Session) -> None:
    pid, hole = _hole(session)
    pit = inspection_pit.create(
        session, pid, code="S01", kind="sleuf", length_m=2.0, width_m=0.6, depth_m=1.0, borehole_id=hole,
        inspected_at="2026-12-01T10:00:00+01:00",
        fractions=[Fraction(0, 50, 20, 412.5, 36.0, "golfplaat"), Fraction(50, 100, 20, 398.0)])
    assert pit.suspect_found and pit.suspect_total_g == 36.0 and len(pit.fractions) == 2
    assert pit.fractions[0].suspect_material == "golfplaat"
    walk = inspection_pit.create(session, pid, code="MV01", kind="maaiveld", length_m=50, width_m=5,
                                 suspect_material="vlakke plaat", suspect_weight_g=120)
    assert walk.suspect_found and walk.depth_m is None
    assert [p.code for p in inspection_pit.of_project(session.store.conn, pid)] == ["MV01", "S01"]
    assert asbestos.load().kinds["inspectiegat"].sad_meetpunttype == 12
    assert asbestos.load().kinds["sleuf"].sad_meetpunttype == 18


@pytest.mark.parametrize(("changes", "rule", "words"), [
    ({"length_m": 0.2}, "inspection_pit_min_side", "ten minste 0,3 m"),
    ({"depth_m": None}, "inspection_depth", "diepte ontbreekt"),
    ({"fractions": [Fraction(0, 80, 20, 30.0)]}, "inspection_fraction", "niet binnen de gegraven diepte"),
    ({"fractions": [Fraction(0, 50, 12, 30.0)]}, "inspection_fraction", "geen NEN 5707-zeef"),
    ({"fractions": [Fraction(0, 50, 20, 0.0)]}, "inspection_fraction", "gezeefde gewicht ontbreekt"),
    ({"fractions": [Fraction(0, 50, 20, 30.0, 12.0)]}, "inspection_fraction", "niet omschreven"),
    ({"kind": "maaiveld"}, "inspection_depth", "geen diepte"),
])
def test_each_nen_5707_rule_breaks_through_the_core_with_its_message(
        session: Session, changes: dict[str, object], rule: str, words: str) -> None:
    pid, hole = _hole(session)
    values: dict[str, object] = {"code": "IG01", "kind": "inspectiegat", "length_m": 0.3, "width_m": 0.3,
                                 "depth_m": 0.5, "borehole_id": hole, "fractions": [Fraction(0, 50, 20, 30.0)]}
    values.update(changes)
    with pytest.raises(RuleError) as caught:
        inspection_pit.create(session, pid, **values)  # type: ignore[arg-type]
    assert caught.value.rule.id == rule and words in caught.value.message_in("nl")
    assert session.store.query("SELECT COUNT(*) AS n FROM inspection_pit")[0]["n"] == 0


def test_bad_measures_and_a_repeated_code_get_one_clear_message(session: Session) -> None:
    pid, _hole_id = _hole(session)
    with pytest.raises(ValidationError, match="not a measure"):
        inspection_pit.create(session, pid, code="IG01", kind="inspectiegat", length_m=float("nan"), width_m=0.3,
                              depth_m=0.5)
    with pytest.raises(ValidationError, match="not a NEN 5707 inspection"):
        inspection_pit.create(session, pid, code="IG01", kind="boorgat", length_m=0.3, width_m=0.3, depth_m=0.5)
    inspection_pit.create(session, pid, code="IG01", kind="inspectiegat", length_m=0.3, width_m=0.3, depth_m=0.5)
    with pytest.raises(DuplicateCodeError):
        inspection_pit.create(session, pid, code="IG01", kind="inspectiegat", length_m=0.3, width_m=0.3, depth_m=0.5)
