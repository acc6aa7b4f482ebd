"""A number of things says its noun in the number it takes: "1 borehole", "2 boreholes", "1 boring".

The nouns are rows of resources/messages/counts.json (:class:`fieldapp.messages.Count`); the window says
them through ``ui.i18n.counted``, the core's English errors through ``{count_<noun>}`` placeholders of
the error tables. The last test keeps new texts from writing a number before a plural noun again.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

from fieldapp import error_text
from fieldapp.messages import Count
from fieldapp.rules import MESSAGES_DIR, message_book

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
import i18n as i18n_tool  # noqa: E402  (tools/i18n.py)

COUNTS = json.loads((MESSAGES_DIR / "counts.json").read_text(encoding="utf-8"))["messages"]
NOUNS = sorted({row["id"].removeprefix("count_").removesuffix("_one") for row in COUNTS})


@pytest.mark.parametrize("noun", NOUNS)
def test_every_noun_has_one_and_many_in_both_languages(noun: str) -> None:
    book = message_book()
    for lang in ("nl", "en"):
        one, many = Count(1, noun).said(lang), Count(3, noun).said(lang)
        assert one.startswith("1 ") and many.startswith("3 ")
        assert one[2:] != many[2:] or (noun in ("fix", "filter") and lang == "nl") or noun == "fix", (noun, lang)
    assert book[f"count_{noun}"].text("en", n=0).startswith("0 ")


def test_one_and_many() -> None:
    assert [Count(n, "borehole").said("en") for n in (0, 1, 2)] == ["0 boreholes", "1 borehole", "2 boreholes"]
    assert [Count(n, "borehole").said("nl") for n in (0, 1, 2)] == ["0 boringen", "1 boring", "2 boringen"]
    assert Count(50003, "borehole", "50.003").said("nl") == "50.003 boringen"


def test_the_core_english_said_in_dutch_with_its_noun_in_number() -> None:
    one = "The COC manifest (1 container) agrees with the shipment record."
    many = "The COC manifest (12 containers) agrees with the shipment record."
    assert error_text.said(one, "nl") == "Het COC-manifest (1 pot/fles) klopt met de zending."
    assert error_text.said(many, "nl") == "Het COC-manifest (12 potten/flessen) klopt met de zending."
    assert error_text.said(one, "en") == one
    assert error_text.said("1 satellites", "en") == "only 1 satellite in use"
    assert error_text.said("1 satellites", "nl") == "maar 1 satelliet in gebruik"
    assert error_text.said("3 satellites", "nl") == "maar 3 satellieten in gebruik"


def _plural_words() -> dict[str, str]:
    """Each plural noun of the counts table (English and Dutch) and its row."""
    words: dict[str, str] = {}
    for row in COUNTS:
        if not row["id"].endswith("_one"):
            for lang in ("en", "nl"):
                words[row[lang].removeprefix("{n} ")] = row["id"]
    return words


# the window's texts whose number is never one: the code says one otherwise
_UI_MANY = {
    "{n} pages; the first {k} are shown.",  # more pages than shown
    "{n} changes pending",  # beside "1 change pending"
    "{n} containers",  # taking two or more out of a shipment; one is named by its barcode
    "The project has {n} boreholes with a position, not three or more off one line.",  # beside its "1 borehole"
}


def test_no_text_puts_a_number_before_a_plural_noun() -> None:
    """A ``{placeholder}`` followed by a plural noun of counts.json reads "1 boreholes" when it is one."""
    words = _plural_words()
    pattern = re.compile(r"\{(\w+)\} (" + "|".join(sorted(map(re.escape, words), key=len, reverse=True)) + r")\b")
    found: list[str] = []
    for path in sorted(MESSAGES_DIR.glob("*.json")):
        if path.name == "counts.json":
            continue
        rows = json.loads(path.read_text(encoding="utf-8"))["messages"]
        ones = {row["id"] for row in rows if row["id"].endswith("_one")}
        for row in rows:
            if f"{row['id']}_one" in ones:  # the text for one is beside it
                continue
            for lang in ("en", "nl"):
                found += [f"{path.name} {row['id']} ({lang}): {m.group(0)}" for m in pattern.finditer(row[lang])]
    found += [f"ui: {m.group(0)} in {text!r}" for text in i18n_tool.collect() if text not in _UI_MANY
              for m in pattern.finditer(text)]
    assert not found, "\n".join(found)
