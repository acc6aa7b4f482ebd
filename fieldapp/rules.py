"""Rules from norms and protocols, kept as data, and the findings checked against them.

Every threshold a veldwerker is audited on (a soil sample spans at most 0.5 m, a well
waits N days before sampling, a holding time ...) is a row in a JSON table under
``resources/rules/``. Each file is::

    {"name": "...", "source": "what the table was transcribed from",
     "rules": [{"id": "soil_sample_max_span", "value": 50, "unit": "cm",
                "severity": "error", "source": "NEN 5740:2009+A1:2016 par. 5.3: ... why and how it was read",
                "cite": "NEN 5740:2009+A1:2016 par. 5.3",
                "confirmed": true,
                "nl": "Een grondmonster beslaat ten hoogste {value} cm.",
                "en": "A soil sample spans at most {value} cm.",
                "hint_nl": "Verdeel het over meer monsters.",
                "hint_en": "Split it into more samples."}]}

``source`` is the maintainers' note of where the rule comes from and how it was read; ``cite`` is what a
user or an auditor is shown to look it up: the documents by their own (Dutch) names, no prose, so that it
reads the same in both languages (a table without it shows ``source``).
``hint_nl``/``hint_en`` (optional) say what to do; a finding's message is the text and the hint.

``confirmed: false`` marks a value that could not be checked against the norm text;
the check output says so. Rule ids are unique across all files.

The core checks a rule before anything is written and raises :class:`RuleError`;
``fieldapp check`` lists :class:`Finding` records for a whole project. An override is a
recorded deviation (afwijking), never a bypass.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal, Protocol, runtime_checkable

from fieldapp.domain.depth import DecimalText
from fieldapp.errors import FieldAppError, ValidationError
from fieldapp.runtime import resource_path

Severity = Literal["error", "warning"]
Lang = Literal["nl", "en"]

DEFAULT_DIR = resource_path("rules")
MESSAGES_DIR = resource_path("messages")
_REQUIRED = ("id", "severity", "source", "nl", "en")


@runtime_checkable
class Said(Protocol):
    """A value a message names that reads differently per language (an object named by its kind:
    "Boring B01" / "Borehole B01"); a plain value is the same in both."""

    def said(self, lang: Lang) -> str: ...


_PLAIN = frozenset({str, int, type(None)})


def _in(lang: Lang, value: Any) -> Any:
    if hasattr(value, "said"):
        return value.said(lang)
    if type(value) is float and lang == "nl":
        return DecimalText(str(value)).said(lang)  # Dutch writes the decimal comma
    return value


def said(lang: Lang, values: Mapping[str, Any]) -> Mapping[str, Any]:
    """``values`` with each :class:`Said` one in ``lang``, and a number with a fraction in Dutch with its
    decimal comma (``fieldapp check`` words thousands of findings: plain values, the usual case, are passed
    through untouched)."""
    for v in values.values():
        if type(v) not in _PLAIN:
            return {k: _in(lang, v) for k, v in values.items()}
    return values


@dataclass(frozen=True)
class Rule:
    """One rule: its threshold (if it has one), its wording and where it comes from."""

    id: str
    severity: Severity
    source: str
    nl: str
    en: str
    value: Any = None
    #: the documents a user or auditor looks the rule up in (see the module's docstring)
    cite: str = ""
    unit: str = ""
    confirmed: bool = True
    table: str = ""
    hint_nl: str = ""
    hint_en: str = ""
    #: a protocol rule a projectleider may deviate from with a recorded deviation (afwijking),
    #: table column ``"overridable": true``; never an impossibility (an end before its start)
    overridable: bool = False

    @property
    def citation(self) -> str:
        return self.cite or self.source

    def text(self, lang: Lang = "nl", **values: Any) -> str:
        template = self.nl if lang == "nl" else self.en
        return template.format(value=_in(lang, self.value), unit=self.unit, **said(lang, values))

    def hint(self, lang: Lang = "nl", **values: Any) -> str:
        template = self.hint_nl if lang == "nl" else self.hint_en
        return template.format(value=_in(lang, self.value), unit=self.unit, **said(lang, values))

    def full_text(self, lang: Lang = "nl", **values: Any) -> str:
        """What is wrong and what to do."""
        return " ".join(t for t in (self.text(lang, **values), self.hint(lang, **values)) if t)


@dataclass(frozen=True)
class Finding:
    """What a check found on one object of a project."""

    object_kind: str  # project, borehole, layer, sample, analysis_sample, container, ...
    object_id: str
    object_code: str  # what the user sees: "B03", "B03 30-80 cm", "MM1"
    rule_id: str
    severity: Severity
    message_nl: str
    message_en: str
    source: str  # the rule's citation (Rule.citation)
    field: str = ""  # the form field to jump to, when there is one
    deviation_id: str = ""  # a recorded deviation that covers this finding
    confirmed: bool = True  # False: the rule's value could not be checked against the norm's text

    def message(self, lang: Lang = "nl") -> str:
        return self.message_nl if lang == "nl" else self.message_en

    def source_in(self, lang: Lang = "nl") -> str:
        """The citation, saying so when the value could not be confirmed."""
        return self.source if self.confirmed else f"{self.source} ({UNCONFIRMED[lang]})"


#: what an unconfirmed rule's citation adds
UNCONFIRMED: dict[Lang, str] = {"nl": "waarde niet bevestigd", "en": "value not confirmed"}


#: what a refused overridable rule adds to its hint (fieldapp.domain.deviation.Overrides.guard)
DEVIATION_HINT: dict[Lang, str] = {
    "en": "Or record a deviation (afwijking): part of the protocol, reason, consequences and who decided.",
    "nl": "Of leg een afwijking vast: onderdeel van het protocol, motivatie, gevolgen en wie besloot.",
}


class RuleError(ValidationError):
    """A rule from the rules tables is broken; nothing was written."""

    def __init__(self, field: str, rule: Rule, *, hint: str = "", **values: Any) -> None:
        super().__init__(field, rule.text("en", **values), hint=hint or rule.hint("en", **values))
        self.rule = rule
        self.values = values
        #: set when a deviation would let the write pass (the GUI then offers to record one)
        self.deviation_possible = False

    def offer_deviation(self) -> None:
        """Say in the hint that a recorded deviation lets this pass (an overridable rule)."""
        if not self.deviation_possible:
            self.deviation_possible = True
            self.hint = " ".join(t for t in (self.hint, DEVIATION_HINT["en"]) if t)

    def message_in(self, lang: Lang) -> str:
        return self.rule.text(lang, **self.values)

    def hint_in(self, lang: Lang) -> str:
        hint = self.rule.hint(lang, **self.values)
        if self.deviation_possible:
            hint = " ".join(t for t in (hint, DEVIATION_HINT[lang]) if t)
        return hint


@dataclass(frozen=True)
class RuleBook:
    rules: Mapping[str, Rule]

    def __getitem__(self, rule_id: str) -> Rule:
        try:
            return self.rules[rule_id]
        except KeyError:
            raise FieldAppError(
                f"No rule {rule_id!r} in the rules tables.",
                hint="Reinstall FieldApp or restore resources/rules.",
            ) from None

    def value(self, rule_id: str) -> Any:
        return self[rule_id].value

    def finding(
        self,
        rule_id: str,
        *,
        object_kind: str,
        object_id: str,
        object_code: str,
        field: str = "",
        **values: Any,
    ) -> Finding:
        rule = self[rule_id]
        return Finding(
            object_kind=object_kind,
            object_id=object_id,
            object_code=object_code,
            rule_id=rule.id,
            severity=rule.severity,
            message_nl=rule.full_text("nl", **values),
            message_en=rule.full_text("en", **values),
            source=rule.citation,
            confirmed=rule.confirmed,
            field=field,
        )


def _load_file(path: Path, messages: bool = False) -> list[Rule]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        rows = data["messages" if messages else "rules"]
        table = str(data.get("name", path.stem))
        table_source = str(data["source"]) if messages else ""
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise FieldAppError(
            f"The {'messages' if messages else 'rules'} table {path.name} cannot be read ({exc}).",
            hint=f"Reinstall FieldApp or restore resources/{'messages' if messages else 'rules'}.",
        ) from exc
    rules = []
    for row in rows:
        if messages:  # a message is no rule of a norm: the table names its source, a refusal says "error"
            row = {"severity": "warning", "source": table_source, **row}
        missing = [k for k in _REQUIRED if not row.get(k)]
        if missing or row["severity"] not in ("error", "warning"):
            raise FieldAppError(
                f"The rules table {path.name} has a row without {', '.join(missing) or 'a valid severity'}"
                f" ({row.get('id', '?')}).",
                hint="Every rule names its id, severity, source and its Dutch and English text.",
            )
        rules.append(
            Rule(
                id=row["id"],
                severity=row["severity"],
                source=row["source"],
                cite=row.get("cite", ""),
                nl=row["nl"],
                en=row["en"],
                value=row.get("value"),
                unit=row.get("unit", ""),
                confirmed=bool(row.get("confirmed", True)),
                table=table,
                hint_nl=row.get("hint_nl", ""),
                hint_en=row.get("hint_en", ""),
                overridable=bool(row.get("overridable", False)),
            )
        )
    return rules


def load_rules(directory: Path | None = None, *, messages: bool = False) -> RuleBook:
    """Every rule of every table in ``directory`` (default ``resources/rules``); with ``messages``, every
    message of the tables of ``resources/messages`` (the words of reports and refusals that no norm sets,
    in the same form: ``{"name", "source", "messages": [{"id", "nl", "en", "hint_nl", "hint_en"}]}``)."""
    folder = directory or (MESSAGES_DIR if messages else DEFAULT_DIR)
    found: dict[str, Rule] = {}
    for path in sorted(folder.glob("*.json")):
        for rule in _load_file(path, messages):
            if rule.id in found:
                raise FieldAppError(
                    f"Rule {rule.id!r} is in both {found[rule.id].table} and {rule.table}.",
                    hint="Rule ids are unique across resources/rules.",
                )
            found[rule.id] = rule
    return RuleBook(MappingProxyType(found))


@functools.cache
def default_book() -> RuleBook:
    """The shipped tables, read once per process: they are data of the installation, like the
    code lists, and a write path checks them many times (an import of thousands of samples)."""
    return load_rules()


@functools.cache
def message_book() -> RuleBook:
    """The shipped message tables (resources/messages), read once per process."""
    return load_rules(messages=True)
