"""What an import did besides copying: everything skipped, renamed or defaulted.

A coordinator reads it to know what FieldApp did not take from the file. Many
of one kind (21 lab results, 10,000 boreholes' ground levels) are counted on
one line with a few names, so the report stays readable at any size.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

_SHOWN = 5


@dataclass
class ImportReport:
    """Counts of what was written, and the notes by kind: (section, text) -> names."""

    counts: Counter[str] = field(default_factory=Counter)
    notes: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    project_code: str = ""
    merged: bool = False

    def note(self, section: str, text: str, name: str = "") -> None:
        self.notes.setdefault((section, text), []).append(name)

    def skipped(self, text: str, name: str = "") -> None:
        self.note("skipped", text, name)

    def renamed(self, text: str, name: str = "") -> None:
        self.note("renamed", text, name)

    def defaulted(self, text: str, name: str = "") -> None:
        self.note("defaulted", text, name)

    def of(self, section: str) -> list[tuple[str, list[str]]]:
        return [(text, names) for (sec, text), names in self.notes.items() if sec == section]

    def lines(self) -> list[str]:
        what = "merged into" if self.merged else "imported as"
        counted = ", ".join(f"{n} {k}" for k, n in self.counts.items() if n)
        out = [f"{what} project {self.project_code}: {counted or 'nothing'}",
               f"rows: {self.inserted} new, {self.updated} changed, {self.unchanged} unchanged"]
        for section in ("renamed", "defaulted", "skipped"):
            items = self.of(section)
            if not items:
                continue
            out.append(f"{section}:")
            for text, names in items:
                named = [n for n in names if n]
                shown = ", ".join(named[:_SHOWN]) + (f" and {len(named) - _SHOWN} more" if len(named) > _SHOWN else "")
                count = f"{len(names)} x " if len(names) > 1 else ""
                out.append(f"  {count}{text}" + (f" ({shown})" if shown else ""))
        return out
