"""`fieldapp inspect`: one pass/fail line per essential requirement, each with its source.

The requirements come from ``resources/inspect/requirements.json``; each names
the check that judges it, a key of :data:`CHECKS`. A feature that brings a new
kind of evidence adds one function here; one whose rules live in a table of
``resources/rules/`` needs none (the ``rules`` check reads `fieldapp check`'s
findings of the tables the requirement names).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fieldapp import check as rule_check
from fieldapp import error_text
from fieldapp.errors import IntegrityError
from fieldapp.inspect import custody, deviations, position_child, positions, rule_lines
from fieldapp.inspect.requirements import STATUS_WORDS, UNCONFIRMED, Line, Note, Outcome, Requirement, load
from fieldapp.progress import Progress
from fieldapp.rules import Finding, Lang
from fieldapp.store.database import Store
from fieldapp.store.verify import verify


@dataclass
class Context:
    """What every check reads: the open (read-only) store and the project."""

    store: Store
    project_id: str
    project_code: str
    progress: Progress | None = None
    _findings: list[Finding] | None = field(default=None, repr=False)

    def findings(self) -> list[Finding]:
        """`fieldapp check`'s findings of the project, computed once for every line that needs them."""
        if self._findings is None:
            self._findings = rule_check.run(self.store.conn, self.project_id)
        return self._findings


LineCheck = Callable[[Context, Requirement], Outcome]


def _chain(ctx: Context, _requirement: Requirement) -> Outcome:
    try:
        report = verify(ctx.store, progress=ctx.progress)
    except IntegrityError as exc:
        # the inspection goes to an authority in Dutch: verify's finding too (fieldapp.error_text)
        return Outcome("fail", (Note(error_text.message(exc, "nl"), str(exc)),),
                       Note("de database is buiten FieldApp om gewijzigd", "the database was changed outside FieldApp"))
    return Outcome("pass", (), Note(
        f"bestand en schema intact; auditketen van {report.entries} regels sluit; {report.rows} rijen in "
        f"{report.tables} tabellen kloppen ermee; {report.receipts} ontvangstbewijzen van de hub",
        f"file and schema intact; audit chain of {report.entries} entries holds; {report.rows} rows in "
        f"{report.tables} tables match it; {report.receipts} hub receipts"))


#: every kind of check a requirement can name
CHECKS: dict[str, LineCheck] = {
    "audit_chain": _chain,
    "positions": lambda ctx, req: positions.check(ctx.store.conn, ctx.project_id, req),
    "custody": lambda ctx, req: custody.check(ctx.store.conn, ctx.project_id, req),
    "rules": lambda ctx, req: rule_lines.judge(ctx.findings(), req),
    "deviations": lambda ctx, req: deviations.check(ctx.store.conn, ctx.project_id, req),
}


@dataclass(frozen=True)
class Inspection:
    project_code: str
    database: str
    lines: tuple[Line, ...]

    def count(self, status: str) -> int:
        return sum(line.outcome.status == status for line in self.lines)

    @property
    def passed(self) -> bool:
        return self.count("fail") == 0

    def as_json(self, lang: Lang = "nl") -> dict[str, Any]:
        return {"project": self.project_code, "database": self.database, "language": lang,
                "passed": self.passed, "failed": self.count("fail"), "not_assessed": self.count("not_assessed"),
                "requirements": [line.as_json(lang) for line in self.lines]}

    def text(self, lang: Lang = "nl", limit: int = 20) -> list[str]:
        """The table: per requirement its verdict, wording, source, summary and up to ``limit`` findings."""
        i = 0 if lang == "nl" else 1
        head = (f"Inspectie project {self.project_code} ({self.database})" if lang == "nl"
                else f"Inspection of project {self.project_code} ({self.database})")
        out = [head, ""]
        for n, line in enumerate(self.lines, start=1):
            r, o = line.requirement, line.outcome
            out.append(f"{n:>2}. {STATUS_WORDS[o.status][i]:<16} {r.title(lang)}")
            source = r.source + ("" if r.confirmed else f" ({UNCONFIRMED[i]})")
            out.append(f"{'':20}{'bron' if lang == 'nl' else 'source'}: {source}")
            if o.summary is not None:
                out.append(f"{'':20}{o.summary.text(lang)}")
            for note in o.notes[:limit]:
                out.append(f"{'':20}- {note.text(lang)}")
            if len(o.notes) > limit:
                more = len(o.notes) - limit
                out.append(f"{'':20}- ... " + (f"en {more} meer (--json geeft alles)" if lang == "nl"
                                                 else f"and {more} more (--json gives all)"))
        p, f, a = self.count("pass"), self.count("fail"), self.count("not_assessed")
        out.append("")
        out.append(f"Uitslag: {p} voldoet, {f} voldoet niet, {a} niet beoordeeld." if lang == "nl"
                   else f"Result: {p} pass, {f} fail, {a} not assessed.")
        return out


#: checks judged in this process whatever the size of the project: the audit chain is the longest line
#: and reports the progress the caller shows; custody follows it here, so that each process has about
#: half the work (a laptop has two cores); every other line may go to the second process
HERE = frozenset({"audit_chain", "custody"})


def judge(ctx: Context, requirement: Requirement) -> Outcome:
    """One requirement's verdict, by the check it names."""
    check = CHECKS.get(requirement.check)
    if check is None:
        return Outcome("not_assessed", (), Note(
            f"niet beoordeeld: deze installatie kent de toets '{requirement.check}' niet",
            f"not assessed: this installation has no check '{requirement.check}'"))
    return check(ctx, requirement)


def judge_here(ctx: Context, requirements: tuple[Requirement, ...]) -> dict[str, Outcome]:
    return {r.id: judge(ctx, r) for r in requirements}


def run(ctx: Context, requirements: tuple[Requirement, ...] | None = None) -> tuple[Line, ...]:
    chosen = requirements or load()
    away = tuple(r for r in chosen if r.check in CHECKS and r.check not in HERE)
    elsewhere, cancel = position_child.start(str(ctx.store.path), ctx.store.conn, ctx.project_id,
                                             ctx.project_code, away, lambda: judge_here(ctx, away))
    # the chain is verified here while the second process judges the rest
    sent = {r.id for r in away}
    try:
        outcomes = {r.id: judge(ctx, r) for r in chosen if r.id not in sent}
    except BaseException:  # a damaged file or Ctrl-C: the second process's verdicts are not wanted
        cancel()
        raise
    outcomes.update(elsewhere())
    return tuple(Line(r, outcomes[r.id]) for r in chosen)


def inspect(db: Path | str, project_code: str | None = None, progress: Progress | None = None) -> Inspection:
    """Open ``db`` read-only and judge every requirement for the project (the only one when no code
    is given). Plain data in and out, so the GUI can run it on a worker."""
    from fieldapp.domain import project

    with Store.open(db, actor="inspect", read_only=True) as store:
        proj = project.by_code(store, project_code) if project_code else _only_project(store)
        ctx = Context(store, proj.id, proj.code, progress)
        return Inspection(proj.code, str(db), run(ctx))


def _only_project(store: Store) -> Any:
    from fieldapp.domain import project
    from fieldapp.errors import NotFoundError

    codes = [str(r[0]) for r in store.conn.execute("SELECT code FROM project ORDER BY code")]
    if len(codes) != 1:
        raise NotFoundError(
            "The database holds no project." if not codes else
            f"The database holds {len(codes)} projects ({', '.join(codes[:5])}{' ...' if len(codes) > 5 else ''}).",
            hint="Name one with --project CODE." if codes else "Open the database the field work was recorded in.")
    return project.by_code(store, codes[0])
