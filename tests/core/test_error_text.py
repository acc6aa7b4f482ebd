"""The one table of the core's errors in Dutch and English (resources/messages/errors.json, fieldapp/error_text.py)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from fieldapp import error_text
from fieldapp.domain.depth import to_cm
from fieldapp.errors import FieldAppError, IncompleteError, StoreError
from fieldapp.outputs import _REASONS, write_failure

ROOT = Path(__file__).resolve().parents[2]


def _rows() -> list[error_text.Wording]:
    table = error_text.table()
    return [*table.messages, *table.hints]


def test_every_row_has_both_languages_with_the_same_placeholders() -> None:
    rows = _rows()
    assert len(rows) > 150
    assert len({r.id for r in rows}) == len(rows)
    for row in rows:
        assert row.en.strip() and row.nl.strip() and row.nl != "", row.id
        assert error_text.placeholders(row.nl) == error_text.placeholders(row.en), row.id
        # what the Dutch says, the pattern finds in the core's English
        assert error_text.placeholders(row.en) <= set(row.match.groupindex), row.id


def test_each_message_written_as_its_template_is_found_by_its_own_row() -> None:
    """No earlier row shadows a later one: the English of each row (placeholders filled in) is said by it."""
    for row in _rows():
        if row.match.pattern != error_text.pattern_of(row.en):
            continue  # a row with its own pattern: the window's tests and the CLI's cover those
        text = row.en.format(**{k: f"X{k}" for k in error_text.placeholders(row.en)})
        found = error_text.find(text, hint=row.hint)
        assert found is not None and found[0] is row, (row.id, found and found[0].id)


def test_every_word_and_every_reason_a_write_gives_has_its_dutch() -> None:
    words = error_text.table().words
    assert all(v.strip() for v in words.values())
    for field in ("upper depth", "lower depth", "final depth", "soil", "barcode"):
        assert field in words
    for reason, hint in _REASONS.values():
        assert reason in words, reason
        assert error_text.find(hint, hint=True) is not None, hint


def test_the_window_keeps_no_second_dutch_text_of_a_message() -> None:
    """One Dutch text per message: the catalogue of the window (tr()) holds none of the table's English."""
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import i18n
    finally:
        sys.path.remove(str(ROOT / "tools"))
    collected = set(i18n.collect())
    assert [r.en for r in _rows() if r.en in collected] == []


def test_an_error_is_said_in_dutch_with_its_values_and_unknown_text_as_written(tmp_path: Path) -> None:
    with pytest.raises(FieldAppError) as depth:
        to_cm("1.5x", "part 2 lower depth")
    assert error_text.message(depth.value, "nl") == (
        "deel 2 onderkant: '1.5x' is geen diepte in meters. Typ meters onder maaiveld, bijv. 0,50.")
    assert error_text.message(depth.value, "en").startswith("part 2 lower depth: '1.5x' is not a depth in metres.")
    full = OSError(28, "No space left on device")
    message, hint = write_failure(tmp_path / "a.csv", full)
    assert error_text.message(StoreError(message, hint=hint), "nl") == (
        f"{tmp_path / 'a.csv'} kan niet worden geschreven: de schijf is vol. "
        "Maak ruimte vrij of schrijf naar een andere schijf.")
    assert error_text.message(FieldAppError("Something new.", hint="Do this."), "nl") == "Something new. Do this."


@pytest.mark.parametrize("text", ["0.50", "0.50–1.50"])
def test_a_number_the_core_wrote_takes_the_decimal_comma_in_dutch_but_typed_text_is_quoted_as_typed(
        text: str) -> None:
    assert error_text.values_in({"a": text, "v": text}, "nl") == {"a": text.replace(".", ","), "v": text}
    assert error_text.values_in({"a": text}, "en") == {"a": text}
    assert re.fullmatch(error_text.pattern_of("{a} m."), f"{text} m.")


def test_a_borehole_that_cannot_be_closed_lists_what_is_missing_in_the_users_language() -> None:
    exc = IncompleteError("Borehole B01", (
        ("final depth", "De einddiepte ontbreekt.", "The final depth is missing."),
        ("surface level", "De maaiveldhoogte ontbreekt.", "The surface level is missing.")))
    assert error_text.message(exc, "nl") == ("Boring B01 kan niet worden afgesloten: De einddiepte ontbreekt. "
                                             "De maaiveldhoogte ontbreekt. Vul aan wat ontbreekt en sluit opnieuw af.")
    assert error_text.message(exc, "en") == ("Borehole B01 cannot be closed: The final depth is missing. "
                                             "The surface level is missing. Fill in what is missing, then close it "
                                             "again.")
