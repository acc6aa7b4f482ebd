"""NEN 5104 soil codes: parse, validate against the code lists, describe in words.

A code is a main type (Z K L V G, uppercase), at most one main admixture with
its grade as NEN 5104 allows it for that main type (``Zs1``, ``Kz2``, ``Zk``,
``Vm``), then optionally a humus grade ``h1``-``h3`` and a gravel grade
``g1``-``g3``: ``Zs1h2g1``. Which combinations exist is data (the
``soil_admixture`` list taken from SIKB0101 and BRO), not code here.

A bare main type (``Z``, ``K``, ``L``, ``V``, ``G``) names no NEN 5104 soil:
none of the 24 SIKB0101 ``Grondsoort`` values nor the 31 BRO
``GrondsoortNEN5104`` values is one (the 7 BRO values without a letter
code, such as ``gyttjaNietGespecificeerd``, have no code to type). A new
layer must name its main admixture; records written before this rule keep
their bare codes, which ``legacy=True`` reads.

Case is significant, as in the standard, so ``zs1`` is refused with a hint
rather than silently corrected: a code that reaches the record must be the
code the sampler meant.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from fieldapp.codelists import CodeEntry, CodeLists, Lang
from fieldapp.errors import SoilCodeError

FIELD = "soil"

_SHAPE = re.compile(r"[A-Za-z](?:[A-Za-z][0-9]*)*")
_PART = re.compile(r"([A-Za-z])([0-9]*)")
# The two modifiers that may follow the main admixture, in canonical order,
# with the code list that grades each and its English noun for messages.
_MODIFIERS = {"h": ("humus_grade", "humus"), "g": ("gravel_grade", "gravel")}


@dataclass(frozen=True)
class SoilCode:
    """A parsed, valid NEN 5104 soil code."""

    main_type: str
    admixtures: tuple[tuple[str, int | None], ...]
    humus: int | None
    gravel: int | None
    code: str
    _words_nl: tuple[str, ...] = field(repr=False, compare=False, default=())
    _words_en: tuple[str, ...] = field(repr=False, compare=False, default=())

    def describe(self, lang: Lang = "nl") -> str:
        """The code in words, e.g. ``"zand, zwak siltig, matig humeus"``."""
        return ", ".join(self.words(lang))

    def words(self, lang: Lang = "nl") -> tuple[str, ...]:
        """The words one by one: main type, main admixture, humus, gravel."""
        if lang == "nl":
            return self._words_nl
        if lang == "en":
            return self._words_en
        raise ValueError(f"unknown language {lang!r}; use 'nl' or 'en'")

    def __str__(self) -> str:
        return self.code


def parse_soil_code(text: str, codelists: CodeLists, *, legacy: bool = False) -> SoilCode:
    """Parse ``text`` (surrounding whitespace allowed) into a :class:`SoilCode`.

    Raises :class:`SoilCodeError` (field ``"soil"``) naming what is wrong and
    how to put it right. ``legacy`` also reads what older records may carry
    (a bare main type), for showing and exporting them, never for new entries.
    """
    # an import parses the same few dozen codes thousands of times
    key = ("soil-legacy" if legacy else "soil", text)
    known = codelists.derived.get(key)
    if isinstance(known, SoilCode):
        return known
    parsed = _Parser(codelists, legacy).parse(text)
    codelists.derived[key] = parsed
    return parsed


def is_valid_soil_code(text: str, codelists: CodeLists, *, legacy: bool = True) -> bool:
    """Whether a record may carry ``text``; by default also a code written before the bare-type rule."""
    try:
        parse_soil_code(text, codelists, legacy=legacy)
    except SoilCodeError:
        return False
    return True


def _grade_range(letter: str, grades: list[int]) -> str:
    grades = sorted(grades)
    if len(grades) == 1:
        return f"{letter}{grades[0]}"
    if grades == list(range(grades[0], grades[-1] + 1)) and len(grades) > 2:
        return f"{letter}{grades[0]} to {letter}{grades[-1]}"
    return ", ".join(f"{letter}{g}" for g in grades[:-1]) + f" or {letter}{grades[-1]}"


def _error(text: str, message: str, hint: str) -> SoilCodeError:
    return SoilCodeError(field=FIELD, message=f"{text!r}: {message}", hint=hint)


class _Parser:
    def __init__(self, codelists: CodeLists, legacy: bool = False) -> None:
        self._cl = codelists
        self._legacy = legacy

    def parse(self, text: str) -> SoilCode:
        raw = text.strip()
        if not raw:
            raise _error(text, "the soil code is empty.", "Enter a NEN 5104 code such as 'Zs1h2'.")
        if raw[0].isupper() and not self._cl.has("soil_main_type", raw[0]):
            self._main(raw, raw[0])
        if not _SHAPE.fullmatch(raw):
            raise _error(
                raw,
                "is not a NEN 5104 soil code: a code is letters each followed by an optional "
                "grade digit, with no spaces or punctuation.",
                self._suggestion_or(raw, "Example: 'Zs1h2' (zand, zwak siltig, matig humeus)."),
            )
        main, rest = raw[0], raw[1:]
        parts = [(m.group(1), m.group(2)) for m in _PART.finditer(rest)]
        if not main.isupper() or any(letter.isupper() for letter, _ in parts):
            raise _error(
                raw,
                "NEN 5104 codes are case-sensitive: the main type is an uppercase letter "
                "and admixtures are lowercase.",
                self._suggestion_or(raw, "Write e.g. 'Zs1', not 'ZS1' or 'zs1'."),
            )
        main_entry = self._main(raw, main)
        return self._build(raw, main_entry, parts)

    def _suggestion_or(self, raw: str, fallback: str) -> str:
        # Try the fixes a sampler most likely needs: stray spaces and case.
        squeezed = re.sub(r"\s+", "", raw)
        for candidate in (squeezed, squeezed[:1].upper() + squeezed[1:].lower()):
            if candidate != raw and _SHAPE.fullmatch(candidate):
                try:
                    return f"Did you mean {self.parse(candidate).code!r}?"
                except SoilCodeError:
                    continue
        return fallback

    def _main(self, raw: str, main: str) -> CodeEntry:
        if self._cl.has("soil_main_type", main):
            return self._cl.get("soil_main_type", main)
        options = ", ".join(f"{e.code} ({e.nl})" for e in self._cl.entries("soil_main_type"))
        raise _error(
            raw, f"{main!r} is not a NEN 5104 main soil type.", f"Start with one of {options}."
        )

    def _build(self, raw: str, main: CodeEntry, parts: list[tuple[str, str]]) -> SoilCode:
        admixture: CodeEntry | None = None
        modifiers: dict[str, CodeEntry] = {}
        for letter, digits in parts:
            if len(digits) > 1:
                raise _error(
                    raw,
                    f"grade {digits!r} of {letter!r} is not a NEN 5104 grade; "
                    "grades are one digit.",
                    self._allowed_hint(main),
                )
            grade = int(digits) if digits else None
            if letter in _MODIFIERS:
                if letter in modifiers:
                    raise _error(
                        raw,
                        f"the {_MODIFIERS[letter][1]} admixture {letter!r} is repeated.",
                        f"Give {letter!r} once, with one grade.",
                    )
                modifiers[letter] = self._modifier(raw, main, letter, grade)
                continue
            self._known_letter(raw, main, letter)
            if admixture is not None:
                if admixture.extra["letter"] == letter:
                    raise _error(
                        raw,
                        f"the admixture {letter!r} is repeated.",
                        f"Give {letter!r} once, with one grade.",
                    )
                other = main.code + letter + digits
                raise _error(
                    raw,
                    f"NEN 5104 names one main admixture per soil, but this code has both "
                    f"{admixture.extra['letter']!r} and {letter!r}.",
                    # offer the other reading only where it is a NEN 5104 name itself
                    f"Keep the dominant one: {admixture.code!r} or {other!r}."
                    if self._cl.has("soil_admixture", other)
                    else f"Write {admixture.code!r}.",
                )
            admixture = self._admixture(raw, main, letter, grade)
        if admixture is None and not self._legacy:
            raise _error(
                raw,
                f"{main.en} ({main.nl}) alone is not a NEN 5104 soil name; "
                "the code names its main admixture too.",
                self._allowed_hint(main),
            )

        # Canonical order: main type, main admixture, humus, gravel.
        code = main.code + (admixture.code[1:] if admixture else "")
        code += "".join(modifiers[k].code for k in _MODIFIERS if k in modifiers)
        chosen = [e for e in (admixture, modifiers.get("h"), modifiers.get("g")) if e is not None]
        humus, gravel = modifiers.get("h"), modifiers.get("g")
        return SoilCode(
            main_type=main.code,
            admixtures=(
                ((str(admixture.extra["letter"]), _opt_int(admixture.extra["grade"])),)
                if admixture
                else ()
            ),
            humus=_opt_int(humus.extra["grade"]) if humus else None,
            gravel=_opt_int(gravel.extra["grade"]) if gravel else None,
            code=code,
            _words_nl=(main.nl, *(e.nl for e in chosen)),
            _words_en=(main.en, *(e.en for e in chosen)),
        )

    def _known_letter(self, raw: str, main: CodeEntry, letter: str) -> None:
        known = {str(e.extra["letter"]) for e in self._cl.entries("soil_admixture")}
        if letter not in known | set(_MODIFIERS):
            letters = ", ".join(sorted(known | set(_MODIFIERS)))
            raise _error(
                raw,
                f"{letter!r} is not a NEN 5104 admixture letter.",
                f"Admixture letters are {letters}. {self._allowed_hint(main)}",
            )

    def _admixture(self, raw: str, main: CodeEntry, letter: str, grade: int | None) -> CodeEntry:
        allowed = [
            e for e in self._cl.entries("soil_admixture") if e.extra["main_type"] == main.code
        ]
        for_letter = [e for e in allowed if e.extra["letter"] == letter]
        if not for_letter:
            raise _error(
                raw,
                f"admixture {letter!r} is not allowed for {main.en} ({main.nl}) in NEN 5104.",
                self._allowed_hint(main),
            )
        noun = str(for_letter[0].extra["admixture_en"])
        grades = [g for g in (_opt_int(e.extra["grade"]) for e in for_letter) if g is not None]
        if not grades:
            if grade is not None:
                raise _error(
                    raw,
                    f"the {noun} admixture of {main.en} takes no grade in NEN 5104.",
                    f"Write {for_letter[0].code!r}.",
                )
            return for_letter[0]
        if grade is None:
            raise _error(
                raw,
                f"the {noun} admixture {letter!r} needs a grade.",
                f"{main.en.capitalize()} takes {_grade_range(letter, grades)}.",
            )
        for entry in for_letter:
            if entry.extra["grade"] == grade:
                return entry
        raise _error(
            raw,
            f"grade {grade} of {noun} admixture is not in NEN 5104; {main.en} takes "
            f"{_grade_range(letter, grades)}.",
            "Use one of " + ", ".join(repr(e.code) for e in for_letter) + ".",
        )

    def _modifier(self, raw: str, main: CodeEntry, letter: str, grade: int | None) -> CodeEntry:
        list_name, noun = _MODIFIERS[letter]
        entries = self._cl.entries(list_name)
        grades = [_opt_int(e.extra["grade"]) or 0 for e in entries]
        if grade is None:
            raise _error(
                raw,
                f"the {noun} admixture {letter!r} needs a grade.",
                f"Write {_grade_range(letter, grades)}.",
            )
        code = f"{letter}{grade}"
        if not self._cl.has(list_name, code):
            raise _error(
                raw,
                f"grade {grade} of {noun} is not in NEN 5104; {noun} takes "
                f"{_grade_range(letter, grades)}.",
                f"Use {_grade_range(letter, grades)}.",
            )
        entry = self._cl.get(list_name, code)
        applies_to = entry.extra.get("applies_to")
        if applies_to is not None and main.code not in applies_to:
            names = ", ".join(self._cl.label("soil_main_type", m, "en") for m in applies_to)
            raise _error(
                raw,
                f"a {noun} grade does not apply to {main.en} ({main.nl}) in NEN 5104.",
                f"{noun.capitalize()} grades apply to {names}; remove {code!r}.",
            )
        return entry

    def _allowed_hint(self, main: CodeEntry) -> str:
        allowed = [
            e.code for e in self._cl.entries("soil_admixture") if e.extra["main_type"] == main.code
        ]
        listing = ", ".join(allowed)
        return f"{main.en.capitalize()} ({main.nl}) is written as one of {listing}."


def _opt_int(value: object) -> int | None:
    # Grades come from JSON as int or null; anything else is a list-file fault.
    if value is None:
        return None
    if isinstance(value, int):
        return value
    raise TypeError(f"grade must be an integer or null, not {value!r}")
