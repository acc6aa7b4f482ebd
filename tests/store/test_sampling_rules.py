"""The sampling rules of resources/rules/sampling.json through the core API (issue 12, item 3).

Each rule broken as a sampler would break it: the RuleError names the field and
says what to do, in English and in Dutch, and nothing is written (every domain
table and the journal are compared before and after).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from tests_store_helpers import refused

from fieldapp.domain import borehole, layer, project, sample
from fieldapp.domain.importer import BoreholeRecord, LayerRecord, SampleRecord, import_boreholes
from fieldapp.domain.layer import Admixture
from fieldapp.domain.sample import Part
from fieldapp.rules import RuleError, default_book, load_rules
from fieldapp.session import Session

TOMORROW = (datetime.now(UTC) + timedelta(days=1)).isoformat(timespec="seconds")


@pytest.fixture
def site(session: Session) -> dict[str, str]:
    """Zs1h2 with puin over Kz1 (the issue's case), a colour-only boundary, and a well."""
    proj = project.create(session, code="P1", name="Gasfabriek", start_date="2026-01-05")
    hole = borehole.create(session, proj.id, code="B01", started_at="2026-01-06T09:00:00+01:00")
    layer.add(session, hole.id, upper="0", lower="0.5", soil="Zs1h2", colour="bruin",
              admixtures=[Admixture("puin", "zwak")])
    layer.add(session, hole.id, upper="0.5", lower="1.0", soil="Kz1", colour="grijs")
    layer.add(session, hole.id, upper="1.0", lower="1.4", soil="Kz1", colour="bruin")  # colour alone differs
    layer.add(session, hole.id, upper="1.4", lower="1.8", soil="Kz1", colour="bruin", smell="olie_zwak")
    layer.add(session, hole.id, upper="1.8", lower="2.2", soil="Kz1", colour="bruin", smell="olie_zwak",
              oil_water="matig")
    borehole.set_final_depth(session, hole.id, "6")
    well = borehole.create(session, proj.id, code="PB01", kind="peilbuis")
    return {"project": proj.id, "borehole": hole.id, "well": well.id}


def _take(session: Session, site: dict[str, str], upper: str, lower: str, *, kind: str = "field_sample",
          matrix: str = "BS", hole: str = "borehole", sampled_at: str | None = None) -> sample.Sample:
    return sample.create(session, site["project"], code="M1", kind=kind, matrix=matrix,
                         parts=[Part(site[hole], upper, lower)], sampled_at=sampled_at)


def _rule(error: object, rule_id: str, field: str) -> RuleError:
    assert isinstance(error, RuleError)
    assert error.rule.id == rule_id
    assert error.field == field
    assert error.message_in("nl") and error.hint_in("nl")  # a Dutch sampler reads it in Dutch
    return error


def test_a_soil_sample_spans_at_most_half_a_metre(session: Session, site: dict[str, str]) -> None:
    err = refused(session, RuleError, ("M1", "spans 60 cm", "at most 50 cm", "0.50-1.10 m"),
                  lambda: _take(session, site, "0.5", "1.1"))
    _rule(err, "soil_sample_max_span", "part 1 lower depth")
    assert "ten hoogste 50 cm" in err.message_in("nl")  # type: ignore[attr-defined]
    assert _take(session, site, "0.5", "1.0").code == "M1"  # exactly 0.5 m is fine


def test_the_maximum_span_comes_from_the_table(tmp_path: object) -> None:
    from pathlib import Path

    from fieldapp.domain.sample_rules import check_span
    from fieldapp.runtime import resource_path

    folder = Path(str(tmp_path))
    text = (resource_path("rules") / "sampling.json").read_text(encoding="utf-8")
    (folder / "sampling.json").write_text(text.replace('"value": 50', '"value": 30'), encoding="utf-8")
    book = load_rules(folder)
    with pytest.raises(RuleError, match="at most 30 cm"):
        check_span("M1", 0, 40, "part 1 lower depth", book)
    check_span("M1", 0, 40, "part 1 lower depth", default_book())


@pytest.mark.parametrize(
    ("upper", "lower", "what_en", "what_nl"),
    [
        ("0.3", "0.7", "soil type and anthropogenic admixture", "grondsoort en bijmenging"),  # the case
        ("1.2", "1.6", "smell", "geur"),
        ("1.6", "2.0", "oil-water reaction", "olie-waterreactie"),
    ],
)
def test_a_soil_sample_does_not_cross_a_boundary_where_layers_differ(
        session: Session, site: dict[str, str], upper: str, lower: str, what_en: str, what_nl: str) -> None:
    err = refused(session, RuleError, ("M1", "B01", f"differ in {what_en}"),
                  lambda: _take(session, site, upper, lower))
    _rule(err, "soil_sample_layer_boundary", "part 1 lower depth")
    assert what_nl in err.message_in("nl")  # type: ignore[attr-defined]


def test_a_boundary_of_colour_alone_may_be_crossed(session: Session, site: dict[str, str]) -> None:
    assert _take(session, site, "0.8", "1.2").code == "M1"


def test_matrix_fits_the_sample_kind(session: Session, site: dict[str, str]) -> None:
    err = refused(session, RuleError, ("M1", "matrix GW", "not soil"),
                  lambda: _take(session, site, "0", "0.5", matrix="GW"))
    _rule(err, "soil_sample_matrix", "matrix")
    err = refused(session, RuleError, ("M1", "matrix BS"),
                  lambda: _take(session, site, "1", "2", kind="groundwater", matrix="BS", hole="well"))
    _rule(err, "groundwater_sample_matrix", "matrix")


def test_groundwater_is_sampled_from_a_well_only(session: Session, site: dict[str, str]) -> None:
    err = refused(session, RuleError, ("M1", "B01", "without a well"),
                  lambda: _take(session, site, "1", "2", kind="groundwater", matrix="GW"))
    _rule(err, "groundwater_sample_in_well", "part 1 borehole")
    assert _take(session, site, "1", "2", kind="groundwater", matrix="GW", hole="well").kind == "groundwater"


def test_sampling_time_neither_in_the_future_nor_before_the_project(session: Session,
                                                                    site: dict[str, str]) -> None:
    err = refused(session, RuleError, ("Sampling time", "2099-06-01", "in the future"),
                  lambda: _take(session, site, "0", "0.5", sampled_at="2099-06-01T10:00:00+02:00"))
    _rule(err, "date_not_in_future", "sampled at")
    err = refused(session, RuleError, ("Sampling time", "2025-12-31", "before the project's start date (2026-01-05)"),
                  lambda: _take(session, site, "0", "0.5", sampled_at="2025-12-31T10:00:00+01:00"))
    _rule(err, "date_not_before_project", "sampled at")
    assert "Monstername" in err.message_in("nl")  # type: ignore[attr-defined]
    smp = _take(session, site, "0", "0.5", sampled_at="2026-01-06T10:00:00+01:00")
    err = refused(session, RuleError, ("before the project's start date",),
                  lambda: sample.set_sampled_at(session, smp.id, "2026-01-01 10:00"))
    _rule(err, "date_not_before_project", "sampled at")


def test_borehole_start_neither_in_the_future_nor_before_the_project(session: Session,
                                                                      site: dict[str, str]) -> None:
    err = refused(session, RuleError, ("Borehole start", "in the future"),
                  lambda: borehole.create(session, site["project"], code="B02", started_at=TOMORROW))
    _rule(err, "date_not_in_future", "started at")
    err = refused(session, RuleError, ("Borehole start", "2025-11-30", "before the project's start date"),
                  lambda: borehole.create(session, site["project"], code="B02", started_at="2025-11-30T08:00"))
    _rule(err, "date_not_before_project", "started at")


def test_the_groundwater_level_lies_within_the_hole(session: Session, site: dict[str, str]) -> None:
    err = refused(session, RuleError, ("25.00 m", "deeper than the borehole (6.00 m)"),
                  lambda: borehole.set_groundwater(session, site["borehole"], "25"))
    _rule(err, "groundwater_level_within_hole", "groundwater level")
    borehole.set_groundwater(session, site["borehole"], "2.5")
    err = refused(session, RuleError, ("2.50 m", "deeper than the borehole (2.20 m)"),
                  lambda: borehole.set_final_depth(session, site["borehole"], "2.2"))
    _rule(err, "groundwater_level_within_hole", "groundwater level")


def test_measured_needs_a_depth_and_the_others_none() -> None:
    from fieldapp.domain.sample_rules import check_status

    for status, level in (("measured", None), ("not_encountered", 120), ("not_measured", 80)):
        with pytest.raises(RuleError) as info:
            check_status(status, level)
        _rule(info.value, "groundwater_status_level", "groundwater level")
    for status, level in (("measured", 120), ("not_encountered", None), ("not_measured", None), (None, None)):
        check_status(status, level)


def test_an_import_is_held_to_the_same_rules(session: Session, site: dict[str, str]) -> None:
    def record(upper: float, lower: float, matrix: str = "BS") -> BoreholeRecord:
        layers = [LayerRecord(upper=0, lower=0.6, soil="Zs1"), LayerRecord(upper=0.6, lower=1.5, soil="Kz1")]
        return BoreholeRecord(code="B09", layers=layers,
                              samples=[SampleRecord(code="M9", matrix=matrix, upper=upper, lower=lower)])

    for rec, rule_id in ((record(0.6, 1.4), "soil_sample_max_span"), (record(0.4, 0.8), "soil_sample_layer_boundary"),
                         (record(0, 0.5, "GW"), "soil_sample_matrix")):
        err = refused(session, RuleError, ("M9",), lambda rec=rec: import_boreholes(session, site["project"], [rec]))
        assert err.rule.id == rule_id  # type: ignore[attr-defined]


def test_every_rule_of_the_table_has_a_source_and_both_languages() -> None:
    book = load_rules()
    ours = [r for r in book.rules.values() if r.table == "sampling"]
    assert len(ours) >= 10
    for rule in ours:
        assert rule.source and rule.nl and rule.en and rule.hint_nl and rule.hint_en
