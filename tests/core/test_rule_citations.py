"""What a user or auditor is shown as a rule's source: the documents to look it up in, the same in Dutch
and English, apart from the maintainers' note of how the rule was read (resources/rules, ``cite``)."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from fieldapp.rules import Rule, RuleBook, load_rules

# words of English prose; a citation names documents, paragraphs, elements and code lists
PROSE = {"the", "a", "an", "and", "is", "of", "its", "each", "every", "not", "by", "from", "with", "which"}


def test_every_rule_cites_its_documents_without_prose() -> None:
    rules = list(load_rules().rules.values())
    assert len(rules) >= 79
    for rule in rules:
        assert rule.cite, f"{rule.table}: {rule.id} has no cite"
        assert len(rule.cite) <= 120, rule.id
        assert not set(re.findall(r"[a-z]+", rule.cite)) & PROSE, f"{rule.id}: {rule.cite!r}"


def test_a_finding_cites_the_rule_and_says_in_its_language_when_the_value_is_unconfirmed() -> None:
    span = load_rules()["soil_sample_max_span"]
    assert not span.confirmed and span.cite != span.source  # 0.5 m: the norm's text was not at hand
    book = RuleBook({"span": span, "sure": replace(span, id="sure", confirmed=True)})
    sample = {"object_kind": "sample", "object_id": "s", "object_code": "M1", "code": "M1", "span": 60,
              "depth": "0,4-1,0 m"}
    found = book.finding("span", **sample)
    assert found.source == span.cite
    assert found.source_in("nl") == f"{span.cite} (waarde niet bevestigd)"
    assert found.source_in("en") == f"{span.cite} (value not confirmed)"
    sure = book.finding("sure", **sample)
    assert sure.source_in("nl") == sure.source_in("en") == span.cite


@pytest.mark.parametrize("cite", ["", "NEN 5740"])
def test_a_table_without_cite_shows_its_source(cite: str) -> None:
    rule = Rule(id="r", severity="error", source="NEN 5740: how it was read", nl="n", en="e", cite=cite)
    assert rule.citation == (cite or rule.source)
