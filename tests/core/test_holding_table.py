"""The one holding-time table by parameter and matrix, as the sampler, the lab order and the lab rely on it."""

from __future__ import annotations

import pytest

from fieldapp.domain import analysis_package, holding_table
from fieldapp.intake.rules import lab_rules

TABLE = holding_table.load()


def test_asbestos_package_no_longer_gets_the_pak_time_by_a_substring() -> None:
    # the reported bug: "asbestos pakket" got 336 h because "pakket" contains "pak"
    term = TABLE.term("BS", analyses=["asbestos pakket"])
    assert term.hours == TABLE.default_hours and term.unknown == ("asbestos pakket",) and term.row is None
    assert TABLE.term("BS", analyses=["PAK (10 VROM)"]).hours == 336


def test_asbestos_itself_has_no_holding_time() -> None:
    term = TABLE.term("ASB", [p.code for p in analysis_package.get("ASBEST_NEN5898").parameters])
    assert term.hours is None and term.row is not None and term.row.id == "asbestos"


@pytest.mark.parametrize(("analysis", "hours", "row"), [
    ("cyanide", 168, "water_cyanide"), ("EC", 24, "water_ec"), ("geleidbaarheid", 24, "water_ec"),
    ("minerale olie (C10-C40)", 336, "water_mineral_oil"), ("PFAS", 336, "water_pfas"),
])
def test_cyanide_and_ec_in_water_get_their_own_times(analysis: str, hours: int, row: str) -> None:
    term = TABLE.term("GW", analyses=[analysis])
    assert (term.hours, term.row.id if term.row else None) == (hours, row)


def test_the_matrix_decides_the_row() -> None:
    assert TABLE.term("BS", ["benzo_a_pyreen"]).hours == 336
    assert TABLE.term("GW", ["benzo_a_pyreen"]).hours == 168
    assert TABLE.term("BS", ["cyanide_totaal"]).row.id == "soil_cyanide"  # type: ignore[union-attr]


def test_a_package_takes_its_shortest_parameter_and_names_it() -> None:
    term = TABLE.term("BS", analyses=["NEN 5740 standaardpakket grond"])
    assert term.hours == 96 and term.what == "NEN 5740 standaardpakket grond: droge stof"
    water = TABLE.term("GW", [p.code for p in analysis_package.get("NEN5740_GRONDWATER").parameters])
    assert water.hours == 96 and water.row.id == "water_volatile"  # type: ignore[union-attr]


def test_a_lab_keeps_its_own_time_for_a_row_of_the_same_table() -> None:
    assert lab_rules("Eurofins Analytico, Barneveld").term("BS", ["benzeen"]).hours == 72
    assert lab_rules("SYNLAB Analytics & Services").term("BS", ["benzeen"]).hours == 96


def test_every_package_parameter_has_a_time_in_every_matrix_of_its_package() -> None:
    gaps = [(p.code, m, q.code) for p in analysis_package.load() for m in p.matrices for q in p.parameters
            if not TABLE.rows_for(q.code, m)]
    assert gaps == []


def test_every_row_names_its_source_and_says_whether_it_was_checked() -> None:
    assert all(r.source and isinstance(r.confirmed, bool) and r.preservation for r in TABLE.rows)
    assert not any(r.confirmed for r in TABLE.rows)  # the norm texts were not at hand: none claims to be checked
