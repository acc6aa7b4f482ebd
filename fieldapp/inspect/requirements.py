"""The inspector's requirements, as data, and the verdict on one of them.

``resources/inspect/requirements.json`` lists the essential requirements of
BRL SIKB 2000 / SIKB document 8821 that ``fieldapp inspect`` reports on: for
each its wording, its source, whether that source was checked against the
norm text, which check judges it (a key of :data:`fieldapp.inspect.run.CHECKS`)
and that check's parameters (a tolerance, the rules tables it reads).
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from fieldapp.errors import FieldAppError
from fieldapp.rules import Lang
from fieldapp.runtime import resource_path

REQUIREMENTS_FILE = resource_path("inspect", "requirements.json")

Status = Literal["pass", "fail", "not_assessed"]
STATUS_WORDS: dict[str, tuple[str, str]] = {
    "pass": ("voldoet", "pass"), "fail": ("VOLDOET NIET", "FAIL"), "not_assessed": ("niet beoordeeld", "not assessed"),
}
UNCONFIRMED = ("bron niet bevestigd", "source not confirmed")


@dataclass(frozen=True)
class Requirement:
    id: str
    check: str
    nl: str
    en: str
    source: str
    confirmed: bool
    params: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)

    def title(self, lang: Lang = "nl") -> str:
        return self.nl if lang == "nl" else self.en

    def number(self, name: str) -> float:
        """A numeric parameter of the requirement (a tolerance)."""
        try:
            return float(self.params[name])
        except (KeyError, TypeError, ValueError):
            raise FieldAppError(f"The requirement {self.id} in {REQUIREMENTS_FILE.name} has no number {name!r}.",
                                hint="Reinstall FieldApp or restore resources/inspect.") from None


@dataclass(frozen=True)
class Note:
    """One thing a check says about the record, in both languages."""

    nl: str
    en: str

    def text(self, lang: Lang = "nl") -> str:
        return self.nl if lang == "nl" else self.en


@dataclass(frozen=True)
class Outcome:
    """A check's verdict: pass, fail or not assessed, with what it found (failures first)."""

    status: Status
    notes: tuple[Note, ...] = ()
    summary: Note | None = None

    @staticmethod
    def judged(failures: list[Note], summary: Note) -> Outcome:
        return Outcome("fail" if failures else "pass", tuple(failures), summary)


@dataclass(frozen=True)
class Line:
    """One row of the inspection table."""

    requirement: Requirement
    outcome: Outcome

    def as_json(self, lang: Lang = "nl") -> dict[str, Any]:
        r, o = self.requirement, self.outcome
        return {"id": r.id, "requirement": r.title(lang), "status": o.status,
                "verdict": STATUS_WORDS[o.status][0 if lang == "nl" else 1], "source": r.source,
                "source_confirmed": r.confirmed, "summary": o.summary.text(lang) if o.summary else "",
                "findings": [n.text(lang) for n in o.notes]}


@functools.cache
def load(path: Path = REQUIREMENTS_FILE) -> tuple[Requirement, ...]:
    try:
        rows = json.loads(path.read_text(encoding="utf-8"))["requirements"]
        found = tuple(Requirement(id=str(r["id"]), check=str(r["check"]), nl=str(r["nl"]), en=str(r["en"]),
                                  source=str(r["source"]), confirmed=bool(r.get("confirmed", False)),
                                  params={k: v for k, v in r.items()
                                          if k not in ("id", "check", "nl", "en", "source", "confirmed")})
                      for r in rows)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise FieldAppError(f"The inspection requirements in {path.name} cannot be read ({exc}).",
                            hint="Reinstall FieldApp or restore resources/inspect.") from exc
    if len({r.id for r in found}) != len(found):
        raise FieldAppError(f"The inspection requirements in {path.name} repeat an id.",
                            hint="Every requirement has its own id.")
    return found
