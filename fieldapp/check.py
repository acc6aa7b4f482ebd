"""`fieldapp check`: every rule and completeness finding of one project.

Each feature contributes one function to :data:`CHECKS`::

    def findings(conn: sqlite3.Connection, project_id: str, book: RuleBook) -> list[Finding]

that reads the project's rows with set-based queries and reports what breaks the
rules of its table in ``resources/rules/``. :func:`run` calls them all and sorts the
findings by object, then severity; the command line and the GUI's check view
(ui/check_view.py) show the same list.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from fieldapp import check_sampling
from fieldapp.domain import (
    analysis_sample,
    asbestos,
    borehole_closing,
    deviation,
    holding,
    pfas,
    project,
    staffing,
    well_check,
)
from fieldapp.domain.borehole import natural_key
from fieldapp.progress import Progress
from fieldapp.rules import Finding, Lang, RuleBook, default_book

CheckFn = Callable[[sqlite3.Connection, str, RuleBook], list[Finding]]

#: every check of `fieldapp check`, in no particular order (the findings are sorted afterwards)
CHECKS: list[CheckFn] = [
    check_sampling.sample_findings,
    check_sampling.date_findings,
    check_sampling.groundwater_findings,
    project.findings,
    borehole_closing.findings,
    analysis_sample.findings,
    holding.findings,
    pfas.findings,
    asbestos.findings,
    staffing.findings,
    well_check.findings,
]

#: objects in the order a report walks through a project
OBJECT_ORDER = ("project", "field_day", "borehole", "boring_process", "layer", "well", "inspection_pit",
                "sampling_round", "sample", "analysis_sample", "container", "shipment")
_SEVERITY_ORDER = {"error": 0, "warning": 1}

#: the words of the plain-text listing, per language
OBJECT_NAMES: dict[str, tuple[str, str]] = {
    "project": ("project", "project"), "borehole": ("borehole", "boring"),
    "boring_process": ("boring process", "boorproces"), "layer": ("layer", "laag"),
    "sample": ("sample", "monster"), "analysis_sample": ("analysis sample", "analysemonster"),
    "container": ("container", "potje"), "shipment": ("shipment", "zending"),
    "field_day": ("field day", "veldwerkdag"),
    "well": ("well", "peilbuis"), "sampling_round": ("sampling round", "bemonsteringsronde"),
    "inspection_pit": ("inspection pit", "inspectiegat"),
}
SEVERITY_NAMES: dict[str, tuple[str, str]] = {"error": ("error", "fout"), "warning": ("warning", "waarschuwing"),
                                              "deviation": ("deviation", "afwijking")}


def shown_severity(finding: Finding) -> str:
    """"deviation" for a finding a recorded deviation covers, else its severity."""
    return "deviation" if finding.deviation_id else finding.severity


def sort_key(finding: Finding) -> tuple[Any, ...]:
    kind = finding.object_kind
    rank = OBJECT_ORDER.index(kind) if kind in OBJECT_ORDER else len(OBJECT_ORDER)
    return (rank, kind, natural_key(finding.object_code), finding.object_id,
            _SEVERITY_ORDER.get(finding.severity, 9), finding.rule_id, finding.field)


def run(conn: sqlite3.Connection, project_id: str, book: RuleBook | None = None,
        checks: list[CheckFn] | None = None, progress: Progress | None = None) -> list[Finding]:
    """Every finding of every check, sorted by object, then severity. A finding of an
    overridable rule that a recorded deviation covers carries its ``deviation_id``: it is
    reported as a deviation (afwijking), not as an error. ``progress(done, total)`` hears
    of each check done (a project of 50,000 boreholes takes seconds)."""
    book = book or default_book()
    found: list[Finding] = []
    todo = CHECKS if checks is None else checks
    for n, check in enumerate(todo, 1):
        found.extend(check(conn, project_id, book))
        if progress is not None:
            progress(n, len(todo))
    overridable = [f for f in found if f.rule_id in book.rules and book.rules[f.rule_id].overridable]
    if overridable:
        marked = dict(zip(map(id, overridable), deviation.mark_covered(conn, project_id, overridable), strict=True))
        found = [marked.get(id(f), f) for f in found]
    return sorted(found, key=sort_key)


@dataclass(frozen=True)
class CheckReport:
    """The findings of one project, as `fieldapp check` and the check view show them."""

    project_id: str
    project_code: str
    findings: tuple[Finding, ...]

    @property
    def errors(self) -> int:
        return sum(shown_severity(f) == "error" for f in self.findings)

    @property
    def warnings(self) -> int:
        return sum(shown_severity(f) == "warning" for f in self.findings)

    @property
    def deviations(self) -> int:
        """Findings a recorded deviation covers (reported, not counted as errors)."""
        return sum(bool(f.deviation_id) for f in self.findings)

    def summary(self, lang: Lang = "nl") -> str:
        if lang == "nl":
            extra = (f", {self.deviations} {'afwijking' if self.deviations == 1 else 'afwijkingen'}"
                     if self.deviations else "")
            return (f"Project {self.project_code}: {self.errors} "
                    f"{'fout' if self.errors == 1 else 'fouten'}, {self.warnings} "
                    f"{'waarschuwing' if self.warnings == 1 else 'waarschuwingen'}{extra}.")
        extra = f", {self.deviations} deviation{'' if self.deviations == 1 else 's'}" if self.deviations else ""
        return (f"Project {self.project_code}: {self.errors} error{'' if self.errors == 1 else 's'}, "
                f"{self.warnings} warning{'' if self.warnings == 1 else 's'}{extra}.")

    def as_json(self, lang: Lang = "nl") -> dict[str, Any]:
        return {
            "project": self.project_code, "errors": self.errors, "warnings": self.warnings,
            "deviations": self.deviations, "language": lang,
            "findings": [{**{k: v for k, v in asdict(f).items() if not k.startswith("message_") and k != "rule_id"},
                          "rule": f.rule_id, "message": f.message(lang), "source": f.source_in(lang)}
                         for f in self.findings],
        }

    def lines(self, lang: Lang = "nl") -> list[str]:
        """One line per finding: severity, object, message, [rule; source]."""
        i = 1 if lang == "nl" else 0
        out = []
        for f in self.findings:
            what = OBJECT_NAMES.get(f.object_kind, (f.object_kind, f.object_kind))[i]
            severity = SEVERITY_NAMES[shown_severity(f)][i]
            out.append(f"{severity:<12} {what} {f.object_code}: {f.message(lang)}  [{f.rule_id}; {f.source_in(lang)}]")
        return out


def check_project(db: Path | str, project_code: str, book: RuleBook | None = None,
                  progress: Progress | None = None) -> CheckReport:
    """Open ``db`` read-only and check the project with code ``project_code``. Plain data in and
    out, so the GUI runs it on a worker (ui/taskman.py)."""
    from fieldapp.domain import project
    from fieldapp.store import Store

    with Store.open(db, actor="check", read_only=True) as store:
        proj = project.by_code(store, project_code)
        return CheckReport(proj.id, proj.code, tuple(run(store.conn, proj.id, book, progress=progress)))
