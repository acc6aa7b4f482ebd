"""The words of reports and refusals that no norm sets, in Dutch and English: ``resources/messages``.

A message is a row of a messages table, loaded by :mod:`fieldapp.rules` as the rules are
(:func:`~fieldapp.rules.message_book`), and said with its values in either language, as a
finding of `fieldapp check` is. A refusal is a :class:`~fieldapp.rules.RuleError` of such a row
(:func:`refused`): its ``str()`` is English, :meth:`~fieldapp.rules.RuleError.message_in` gives
Dutch, and the window and the command line show it in the user's language.

The values a message names can themselves read differently per language: an object named by its
kind (:class:`Named`, "Boring B01" / "Borehole B01"), a word of the table (:class:`Term`), a depth in
metres with its decimal sign (:class:`Metres`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fieldapp.errors import FieldAppError
from fieldapp.rules import Lang, RuleError, message_book


@dataclass(frozen=True)
class Term:
    """A word of the messages table (``term_<key>``): an object's kind, a field, a reference."""

    key: str

    def said(self, lang: Lang) -> str:
        return message_book()[f"term_{self.key.replace(' ', '_')}"].text(lang)

    def __str__(self) -> str:
        return self.said("en")


def term(word: str) -> Term | str:
    """``word`` (a field as the code names it: "upper depth") as a term where the table has one, else as is."""
    key = word.replace(" ", "_")
    return Term(key) if f"term_{key}" in message_book().rules else word


@dataclass(frozen=True)
class Count:
    """A number of things with its noun in the number it takes: "1 borehole", "2 boreholes",
    "1 boring", "2 boringen" (rows ``count_<noun>`` and ``count_<noun>_one`` of counts.json)."""

    n: int
    noun: str
    #: the number as it is shown, when not as Python writes it (the window groups its digits: 50.003)
    digits: str = ""

    def said(self, lang: Lang) -> str:
        row = message_book()[f"count_{self.noun}_one" if self.n == 1 else f"count_{self.noun}"]
        return row.text(lang, n=self.digits or self.n)

    def __str__(self) -> str:
        return self.said("en")


def count(n: int, noun: str) -> Count:
    return Count(n, noun)


@dataclass(frozen=True)
class Metres:
    """A depth or an interval in metres from whole cm: "0.50-1.20" / "0,50-1,20"."""

    cms: tuple[int, ...]

    def said(self, lang: Lang) -> str:
        text = "-".join(f"{cm / 100:.2f}" for cm in self.cms)
        return text.replace(".", ",") if lang == "nl" else text

    def __str__(self) -> str:
        return self.said("en")


def metres(*cms: int) -> Metres:
    return Metres(cms)


@dataclass(frozen=True)
class OneOf:
    """Terms joined by "or" / "of"."""

    terms: tuple[Term, ...]

    def said(self, lang: Lang) -> str:
        return f" {Term('or').said(lang)} ".join(t.said(lang) for t in self.terms)


@dataclass(frozen=True)
class Told:
    """What an error of FieldApp's own rules said (its message or hint), in the language its rule has;
    another error as :mod:`fieldapp.error_text` says it (English where it has no Dutch)."""

    error: FieldAppError
    hint: bool = False

    def said(self, lang: Lang) -> str:
        if isinstance(self.error, RuleError):
            return self.error.hint_in(lang) if self.hint else self.error.message_in(lang)
        text = self.error.hint if self.hint else self.error.message
        if lang == "en":
            return text
        from fieldapp import error_text

        return error_text.said(text, lang, hint=self.hint)


def wrapped(what: Named, exc: FieldAppError) -> RuleError:
    """An error of FieldApp's own rules, which name no object, named by the object of the file it is about."""
    field_name = getattr(exc, "field", "")
    return refused(field_name, "refuse_object", what=what, message=Told(exc), advice=Told(exc, hint=True))


@dataclass(frozen=True)
class Named:
    """An object of the file as a message names it, by kind and name from the outside in:
    "Borehole PB01, layer 0.00-0.50 m" / "Boring PB01, laag 0,00-0,50 m"."""

    parts: tuple[tuple[str, str | Metres], ...]

    def part(self, kind: str, name: str | Metres) -> Named:
        return Named((*self.parts, (kind, name)))

    def said(self, lang: Lang) -> str:
        words: list[str] = []
        for kind, name in self.parts:
            shown = f"{name.said(lang)} m" if isinstance(name, Metres) else name
            words.append(f"{Term(kind).said(lang)} {shown}".strip())
        text = ", ".join(words)
        return text[:1].upper() + text[1:]

    def __str__(self) -> str:
        return self.said("en")


def named(kind: str, name: str | Metres = "") -> Named:
    return Named(((kind, name),))


def refused(field_name: str, key: str, **values: Any) -> RuleError:
    """The refusal ``key`` of the messages table, naming what is wrong and what to do, in either language."""
    return RuleError(field_name, message_book()[key], **values)


@dataclass(frozen=True)
class Inner:
    """A name said inside a sentence: "also in row 2" / "ook in rij 2" (a :class:`Named` starts a sentence)."""

    named: Named

    def said(self, lang: Lang) -> str:
        text = self.named.said(lang)
        return text[:1].lower() + text[1:]
