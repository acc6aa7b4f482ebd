"""The core's errors in the user's language, for the command line and the window alike.

The core raises its errors in English (:mod:`fieldapp.errors`); a refusal of the rules or message
tables (:class:`~fieldapp.rules.RuleError`) carries its own Dutch. For the others,
``resources/messages/errors.json`` holds each known message as an English and a Dutch template with
``{placeholders}``, and the regular expression of the English the core writes (``match``; by default
the English template with each placeholder standing for any text); ``resources/messages/intake.json``
holds the lab intake's messages, the deviations found on receipt and the receipt report's words in the
same form, ``resources/messages/gnss.json`` why a receiver's epoch is no fix and
``resources/messages/notes.json`` what an export reports when it is done and ``resources/messages/bro.json``
why a borehole cannot be described for the BRO; all are read as one table.
``fieldapp/cli/base.py`` prints an error through it, and ``ui/field_errors.py`` and ``ui/intake/words.py``
show one through it: one table, one Dutch text per message. A message without a row is said as the core
wrote it, never hidden.

The values a message names are said in the language too: a form field (``{f}``: "lower depth" /
"onderkant"), a soil word (``{w}``), grades ("h1 to h5"), a reason (``{why}``: "the disk is full"),
a word of the table (``{term}``: a seal's state), and in Dutch a number with its decimal comma (what
the user typed, ``{v}``, is quoted as typed).
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass

from fieldapp.errors import FieldAppError, IncompleteError
from fieldapp.messages import Count
from fieldapp.rules import MESSAGES_DIR, Lang, RuleError

TABLE = MESSAGES_DIR / "errors.json"
#: the tables read as one, in this order (a row of the first is found first)
TABLES = (TABLE, MESSAGES_DIR / "intake.json", MESSAGES_DIR / "gnss.json", MESSAGES_DIR / "notes.json",
          MESSAGES_DIR / "bro.json")


@dataclass(frozen=True)
class Wording:
    """One known message (or hint) of the core: the English it matches, said in either language."""

    id: str
    match: re.Pattern[str]
    en: str
    nl: str
    hint: bool = False

    def template(self, lang: Lang) -> str:
        return self.nl if lang == "nl" else self.en


@dataclass(frozen=True)
class Table:
    messages: tuple[Wording, ...]
    hints: tuple[Wording, ...]
    #: English word or phrase -> Dutch: the field names, soil words and reasons said inside a message
    words: Mapping[str, str]


def pattern_of(template: str) -> str:
    """The regular expression of a template's English: each ``{name}`` any text."""
    parts = re.split(r"\{(\w+)\}", template)
    return "".join(re.escape(p) if i % 2 == 0 else f"(?P<{p}>.+)" for i, p in enumerate(parts))


@functools.cache
def table() -> Table:
    """The shipped tables, read once per process."""
    rows: list[Wording] = []
    words: dict[str, str] = {}
    for path in TABLES:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            rows += [Wording(id=str(r["id"]), match=re.compile(r.get("match") or pattern_of(r["en"])),
                             en=str(r["en"]), nl=str(r["nl"]), hint=r.get("part") == "hint") for r in data["messages"]]
            words.update({str(k): str(v) for k, v in data["words"].items()})
        except (OSError, ValueError, KeyError, TypeError, re.error) as exc:
            raise FieldAppError(f"The messages table {path.name} cannot be read ({exc}).",
                                hint="Reinstall FieldApp or restore resources/messages.") from exc
    return Table(tuple(r for r in rows if not r.hint), tuple(r for r in rows if r.hint), words)


def word(text: str, lang: Lang) -> str:
    """A word of the table (a field name, a reason) in ``lang``; any other text as it is."""
    return table().words.get(text, text) if lang == "nl" else text


def field_name(name: str, lang: Lang) -> str:
    """A form field the core names ("lower depth", "part 2 upper depth") in ``lang``."""
    m = re.fullmatch(r"part (\d+) (.+)", name)
    if m and lang == "nl":
        return word("part {n} {field}", lang).format(n=m[1], field=field_name(m[2], lang))
    return word(name, lang)


#: the soil words the soil-code messages name (fieldapp/soil.py: main types and admixtures, in English)
SOIL_WORDS = ("sand", "clay", "loam", "peat", "gravel", "silt", "mineral", "humus")


def soil_word(text: str, lang: Lang) -> str:
    """A soil word in ``lang``, capitalised as it came."""
    low = text.lower()
    if low not in SOIL_WORDS:
        return text
    said = word(low, lang)
    return said[:1].upper() + said[1:] if text[:1].isupper() else said


def grades(text: str, lang: Lang) -> str:
    """"h1 to h5", "g1 or g2" in ``lang``."""
    return re.sub(r" (to|or) ", lambda m: f" {word(m[1], lang)} ", text)


def reason(text: str, lang: Lang) -> str:
    """Why a file or a connection failed ("the disk is full", "[Errno 111] Connection refused") in ``lang``."""
    head, _, tail = text.rpartition("] ")
    if head:
        return f"{head}] {word(tail, lang)}"
    known = word(text, lang)
    # not a word: a sentence of its own, as what is wrong with a hub's answer is ("cursor is -1, not ...")
    return said(text, lang) if known == text else known


# a depth, interval or other number the core wrote with a decimal point ("0.50", "0.50–1.50")
_NUMBER = re.compile(r"-?\d+\.\d+(?:[–-]-?\d+\.\d+)?")


def values_in(found: Mapping[str, str | None], lang: Lang) -> dict[str, str]:
    """The values a pattern found in the core's English, each said in ``lang`` by its placeholder's kind."""
    out: dict[str, str] = {}
    for key, value in found.items():
        if value is None:
            continue
        if key == "f":
            value = field_name(value, lang)
        elif key == "ws":
            value = ", ".join(soil_word(w, lang) for w in value.split(", "))
        elif key == "what":  # "Borehole B01"
            kind, _, name = value.partition(" ")
            value = f"{word(kind, lang)} {name}".strip()
        elif key.startswith("w") and key != "why":
            value = soil_word(value, lang)
        elif key == "r":
            value = grades(value, lang)
        elif key == "why":
            value = reason(value, lang)
        elif key == "term":  # a word of the table: a seal's state, a lab's title
            value = word(value, lang)
        elif key == "said":  # a message of the table inside another (the SIKB0101 note inside the SAD one)
            value = said(value, lang)
        elif key == "reasons":  # "B01: it has no layers; B02: ...", the boreholes a BRO delivery leaves out
            value = "; ".join(left_out_said(part, lang) for part in value.split("; "))
        elif key.startswith("count_"):  # "1 borehole", "3 boreholes": the noun in the number it takes
            value = _counted(key, value, lang)

        if lang == "nl" and key != "v" and _NUMBER.fullmatch(value):  # Dutch writes the decimal comma
            value = value.replace(".", ",")
        out[key] = value
    return out


def _counted(key: str, value: str, lang: Lang) -> str:
    """``{count_<noun>}`` (``{count_<noun>_2}`` for a second one): the number the core wrote, with its noun."""
    digits = re.match(r"\d+", value)
    if digits is None:
        return value
    return Count(int(digits.group()), key.removeprefix("count_").rstrip("_0123456789")).said(lang)


def left_out_said(text: str, lang: Lang) -> str:
    """``B01: it has no layers`` (a borehole a delivery leaves out, and why) in ``lang``; a reason alone too."""
    code, sep, why = text.partition(": ")
    return f"{code}: {said(why, lang)}" if sep else said(text, lang)


def find(text: str, *, hint: bool = False) -> tuple[Wording, re.Match[str]] | None:
    """The row the core's English ``text`` is, and what it found; a hint is looked for among the hints
    only, a message among the messages and then the hints."""
    t = table()
    stripped = text.strip()
    for row in t.hints if hint else (*t.messages, *t.hints):
        m = row.match.fullmatch(stripped)
        if m:
            return row, m
    return None


def said(text: str, lang: Lang, *, hint: bool = False) -> str:
    """The core's English ``text`` in ``lang`` by the first row it matches; else as it is (never hidden)."""
    found = find(text, hint=hint)
    if found is None:
        return text
    row, m = found
    return row.template(lang).format(**values_in(m.groupdict(), lang))


def message(exc: FieldAppError, lang: Lang) -> str:
    """The error's message and what to do about it, in ``lang``."""
    if isinstance(exc, RuleError):  # a rule of the tables carries its own Dutch
        return f"{exc.message_in(lang)} {exc.hint_in(lang)}".strip()
    if isinstance(exc, IncompleteError):  # what is missing comes in both languages from the rules
        text = f"{said(f'{exc.what} cannot be closed:', lang)} {' '.join(exc.items(lang))}"
    else:
        text = said(exc.message, lang)
    hint = said(exc.hint, lang, hint=True) if exc.hint else ""
    return f"{text} {hint}".strip()


def placeholders(template: str) -> set[str]:
    """The ``{names}`` a template says."""
    return set(re.findall(r"\{(\w+)\}", template))
