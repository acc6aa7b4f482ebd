"""The project-metadata code lists hold the BRO SAD values with their SIKB0101 ids;
withdrawn ones are read, not offered."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from fieldapp.codelists import CodeLists

SAD = Path(__file__).parents[1] / "data" / "sad"


@pytest.mark.parametrize(("name", "upstream"), [
    ("investigation_type", "OnderzoekType"),
    ("investigation_reason", "OnderzoekAanleidingen"),
    ("asbestos_presence", "AsbestAanwezigheid"),
])
def test_sad_lists_are_transcribed_with_their_ids(lists: CodeLists, name: str, upstream: str) -> None:
    rows = {el.findtext("Waarde"): el for el in ET.parse(SAD / f"{upstream}.xml").getroot()}
    entries = lists.entries(name)
    assert {e.code for e in entries} == set(rows)
    for entry in entries:
        row = rows[entry.code]
        assert entry.extra["sikb0101_id"] == int(row.findtext("SIKB0101ID") or "")
        # IMBRO/A only: BRO takes it for old data, so a new project is not offered it
        assert entry.withdrawn == (row.findtext("IMBRO") != "v")
    assert "BROprogramma/SAD" in lists.source(name)


def test_withdrawn_values_stay_readable_but_are_not_offered(lists: CodeLists) -> None:
    offered = {e.code for e in lists.offered("investigation_type")}
    assert "verkennendOnderzoekNEN5740" in offered
    assert "fax" not in offered and "verkennendOnderzoekNVN5740" not in offered
    assert lists.label("investigation_type", "fax") == "fax"  # still readable in an old record
    phases = {e.code: e for e in lists.entries("investigation_phase")}
    assert phases["ZORG"].withdrawn and phases["ZORG"].extra["sikb0101_id"] == 10
    assert "ZORG" not in {e.code for e in lists.offered("investigation_phase")}


def test_strategies_are_the_nen5740_hypotheses(lists: CodeLists) -> None:
    strategies = {e.code: e for e in lists.entries("investigation_strategy")}
    assert len(strategies) == 15
    assert strategies["ONV-NL"].extra["sikb0101_id"] == 1
    assert strategies["VEP-OO"].nl.startswith("Verdachte locatie met één of meerdere")
    assert "HN" not in strategies  # NEN 5720 water-bed strategies are left out


def test_competent_authorities_carry_their_kvk_numbers(lists: CodeLists) -> None:
    authority = lists.get("competent_authority", "Gemeente Utrecht")
    assert len(str(authority.extra["kvk"])) == 8 and str(authority.extra["kvk"]).isdigit()
    assert len(lists.entries("competent_authority")) == 399
    assert all(len(str(e.extra.get("kvk", "00000000"))) == 8 for e in lists.entries("competent_authority"))
