"""What an import did besides copying: everything skipped, renamed or defaulted.

A coordinator reads it to know what FieldApp did not take from the file, and on a
merge what the file changed and what it contradicted. Many
of one kind (21 lab results, 10,000 boreholes' ground levels) are counted on
one line with a few names, so the report stays readable at any size.

The report is data: each note is a message key of ``resources/messages/import.json``
with its values and the objects it is about, said in Dutch or English only when it
is shown (:meth:`ImportReport.lines`), as `fieldapp check` says its findings. A
refusal of the file is a :class:`~fieldapp.rules.RuleError` of the same table
(:func:`fieldapp.messages.refused`), so the window and `fieldapp import` show it in the user's language.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from fieldapp.messages import Count, Metres, Named, Term
from fieldapp.rules import Lang, message_book

_SHOWN = 5
#: conflicts first: a merge kept a stored value the file contradicts (a GNSS-measured position), for the
#: coordinator to look at; then what the file changed in rows already stored (import_merge)
SECTIONS = ("conflicts", "changed", "renamed", "defaulted", "skipped")


def _said(value: Any, lang: Lang) -> str:
    return value.said(lang) if isinstance(value, (Named, Term, Metres)) else str(value)


def _objects(about: list[Named | str], lang: Lang) -> list[str]:
    """The objects of one note in ``lang``; a run of one kind names the kind once: "Boring B01, B02, B03"."""
    out: list[str] = []
    before = None
    for item in about:
        if isinstance(item, Named) and len(item.parts) == 1:
            kind, name = item.parts[0]
            if kind == before:
                out.append(name.said(lang) if isinstance(name, Metres) else name)
                continue
            before = kind
        else:
            before = None
        out.append(_said(item, lang))
    return out


Note = tuple[str, str, tuple[tuple[str, Any], ...]]  # section, message key, its values


@dataclass
class ImportReport:
    """Counts of what was written (by kind of row), and the notes: (section, key, values) -> objects."""

    counts: Counter[str] = field(default_factory=Counter)
    notes: dict[Note, list[Named | str]] = field(default_factory=dict)
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    project_code: str = ""
    merged: bool = False

    def note(self, section: str, key: str, about: Named | str = "", **values: Any) -> None:
        message_book()[key]  # a key the table lacks fails here, where it is made, not when shown
        self.notes.setdefault((section, key, tuple(values.items())), []).append(about)

    def skipped(self, key: str, about: Named | str = "", **values: Any) -> None:
        self.note("skipped", key, about, **values)

    def renamed(self, key: str, about: Named | str = "", **values: Any) -> None:
        self.note("renamed", key, about, **values)

    def defaulted(self, key: str, about: Named | str = "", **values: Any) -> None:
        self.note("defaulted", key, about, **values)

    @property
    def to_check(self) -> int:
        """How many stored values the file contradicts and the merge kept: the coordinator must look at them."""
        return sum(len(about) for (section, _key, _values), about in self.notes.items() if section == "conflicts")

    def of(self, section: str, lang: Lang = "nl") -> list[tuple[str, list[str]]]:
        """The notes of ``section``: (text, the objects it is about) in ``lang``."""
        book = message_book()
        return [(book[key].text(lang, **dict(values)), _objects(about, lang))
                for (sec, key, values), about in self.notes.items() if sec == section]

    def lines(self, lang: Lang = "nl") -> list[str]:
        book = message_book()
        counted = ", ".join(Count(n, k).said(lang) for k, n in self.counts.items() if n)
        head = book["report_merged" if self.merged else "report_imported"]
        out = [head.text(lang, project=self.project_code, counted=counted or book["report_nothing"].text(lang)),
               book["report_rows"].text(lang, new=self.inserted, changed=self.updated, unchanged=self.unchanged)]
        for section in SECTIONS:
            items = self.of(section, lang)
            if not items:
                continue
            out.append(book[f"report_{section}"].text(lang))
            for text, names in items:
                shown_names = [n for n in names if n]
                # objects named in parts ("Boring B01, filter 1") are told apart by semicolons
                shown = ("; " if any(", " in n for n in shown_names) else ", ").join(shown_names[:_SHOWN])
                if len(shown_names) > _SHOWN:
                    shown += book["report_more"].text(lang, n=len(shown_names) - _SHOWN)
                count = f"{len(names)} x " if len(names) > 1 else ""
                out.append(f"  {count}{text}" + (f" ({shown})" if shown else ""))
        return out
