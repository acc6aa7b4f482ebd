"""Code lists (soil types, colours, apparatus, ...) loaded from the JSON files under
``resources/codelists``.

Each file is ``{"name": ..., "source": ..., "entries": [{"code", "nl", "en", ...}]}``;
keys beyond ``code``, ``nl`` and ``en`` are kept in :attr:`CodeEntry.extra`.
The lists are data, not code, so that a new SIKB0101 or BRO release is a file
change and the GUI never hard-codes a value.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal

from fieldapp.errors import CodeListError, FieldAppError
from fieldapp.runtime import resource_path

Lang = Literal["nl", "en"]

DEFAULT_DIR = resource_path("codelists")

_REQUIRED_ENTRY_KEYS = ("code", "nl", "en")
_HINT_CODES = 8


@dataclass(frozen=True)
class CodeEntry:
    """One value of a code list."""

    code: str
    nl: str
    en: str
    extra: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))

    def label(self, lang: Lang = "nl") -> str:
        if lang == "nl":
            return self.nl
        if lang == "en":
            return self.en
        raise ValueError(f"unknown language {lang!r}; use 'nl' or 'en'")

    @property
    def withdrawn(self) -> bool:
        """Withdrawn upstream: still read and shown where a record holds it, never offered for a new one."""
        return self.extra.get("withdrawn") is True


@dataclass(frozen=True)
class CodeList:
    """A named list of entries with its source note, in file order."""

    name: str
    source: str
    entries: tuple[CodeEntry, ...]
    by_code: Mapping[str, CodeEntry]


def _file_error(message: str) -> FieldAppError:
    # A broken list file is a packaging fault, not a user's mistake, so it is
    # the plain base error rather than a ValidationError tied to a form field.
    return FieldAppError(message, hint="Reinstall FieldApp or restore resources/codelists.")


def _freeze(value: Any) -> Any:
    # Extra keys may hold lists and dicts; freeze them so a shared entry
    # cannot be changed by one caller under the feet of another.
    if isinstance(value, dict):
        return MappingProxyType({k: _freeze(v) for k, v in value.items()})
    if isinstance(value, list):
        return tuple(_freeze(v) for v in value)
    return value


def _load_file(path: Path) -> CodeList:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise _file_error(f"code list {path.name}: cannot be read: {exc}") from exc
    if not isinstance(data, dict):
        raise _file_error(f"code list {path.name}: top level must be a JSON object")
    for key in ("name", "source", "entries"):
        if key not in data:
            raise _file_error(f"code list {path.name}: missing key {key!r}")
    name, source, raw_entries = data["name"], data["source"], data["entries"]
    if name != path.stem:
        raise _file_error(
            f"code list {path.name}: 'name' is {name!r} but must match the file name {path.stem!r}"
        )
    if not isinstance(source, str) or not source.strip():
        raise _file_error(f"code list {path.name}: 'source' must name where the values come from")
    if not isinstance(raw_entries, list) or not raw_entries:
        raise _file_error(f"code list {path.name}: 'entries' must be a non-empty list")
    entries: list[CodeEntry] = []
    by_code: dict[str, CodeEntry] = {}
    for i, raw in enumerate(raw_entries):
        if not isinstance(raw, dict):
            raise _file_error(f"code list {path.name}: entry {i} is not an object")
        for key in _REQUIRED_ENTRY_KEYS:
            value = raw.get(key)
            if not isinstance(value, str) or not value:
                raise _file_error(
                    f"code list {path.name}: entry {i} ({raw.get('code', '?')!r}) "
                    f"has no text for key {key!r}"
                )
        code = raw["code"]
        if code in by_code:
            raise _file_error(f"code list {path.name}: code {code!r} appears twice")
        extra = {k: _freeze(v) for k, v in raw.items() if k not in _REQUIRED_ENTRY_KEYS}
        entry = CodeEntry(code=code, nl=raw["nl"], en=raw["en"], extra=MappingProxyType(extra))
        entries.append(entry)
        by_code[code] = entry
    return CodeList(
        name=name, source=source, entries=tuple(entries), by_code=MappingProxyType(by_code)
    )


class CodeLists:
    """All code lists of one directory. Files are read on first use and cached."""

    def __init__(self, directory: Path) -> None:
        self._dir = directory
        self._cache: dict[str, CodeList] = {}
        # Parsed values derived from the lists (e.g. soil codes), keyed by
        # (kind, text). The lists never change after loading, so neither do these.
        self.derived: dict[tuple[str, str], object] = {}
        self._current: set[tuple[str, str]] = set()  # (list, code) pairs check_new passed: still current

    @classmethod
    def load(cls, path: Path | None = None) -> CodeLists:
        """Open the code lists in ``path`` (default: the repository's resources)."""
        directory = DEFAULT_DIR if path is None else path
        if not directory.is_dir():
            raise _file_error(f"code-list directory {directory} does not exist")
        return cls(directory)

    @property
    def directory(self) -> Path:
        return self._dir

    def names(self) -> list[str]:
        """The names of all lists in the directory, sorted."""
        return sorted(p.stem for p in self._dir.glob("*.json"))

    def validate_all(self) -> None:
        """Read every file now, so a malformed one fails at start-up, not in a form."""
        for name in self.names():
            self.codelist(name)

    def codelist(self, name: str) -> CodeList:
        cached = self._cache.get(name)
        if cached is not None:
            return cached
        path = self._dir / f"{name}.json"
        if not path.is_file():
            raise _file_error(
                f"there is no code list {name!r} (looked for {path}); "
                f"known lists: {', '.join(self.names())}"
            )
        loaded = _load_file(path)
        self._cache[name] = loaded
        return loaded

    def entries(self, name: str) -> list[CodeEntry]:
        return list(self.codelist(name).entries)

    def offered(self, name: str) -> list[CodeEntry]:
        """The entries a form offers: all but the withdrawn ones."""
        return [e for e in self.codelist(name).entries if not e.withdrawn]

    def source(self, name: str) -> str:
        return self.codelist(name).source

    def has(self, name: str, code: str) -> bool:
        return code in self.codelist(name).by_code

    def get(self, name: str, code: str, *, field: str | None = None) -> CodeEntry:
        """The entry for ``code``; :class:`CodeListError` if the list lacks it."""
        codes = self.codelist(name)
        entry = codes.by_code.get(code)
        if entry is not None:
            return entry
        raise CodeListError(
            field=field if field is not None else name,
            message=f"{code!r} is not on the code list {name!r}.",
            hint=self._hint(codes, code),
        )

    def label(self, name: str, code: str, lang: Lang = "nl") -> str:
        return self.get(name, code).label(lang)

    def check(self, name: str, code: str, field: str) -> None:
        """Raise :class:`CodeListError` naming the form ``field`` unless ``code`` is on the list."""
        if (name, code) not in self._current:
            self.get(name, code, field=field)

    def check_new(self, name: str, code: str, field: str) -> None:
        """As :meth:`check`, and refuse a withdrawn value: old records keep it, new ones may not take it."""
        if (name, code) in self._current:  # an import checks the same few values 100,000s of times
            return
        entry = self.get(name, code, field=field)
        if entry.withdrawn:
            raise CodeListError(
                field=field,
                message=f"{code!r} is withdrawn from the code list {name!r}.",
                hint="It stays readable in old records; for a new one choose a value the list offers.",
            )
        self._current.add((name, code))

    @staticmethod
    def _hint(codes: CodeList, code: str) -> str:
        # A case slip ("Bruin" for "bruin") is the commonest miss; say so first.
        folded = [e.code for e in codes.entries if e.code.casefold() == code.strip().casefold()]
        if folded:
            return f"Did you mean {folded[0]!r}? Codes are case-sensitive."
        shown = [e.code for e in codes.entries[:_HINT_CODES]]
        more = len(codes.entries) - len(shown)
        listing = ", ".join(repr(c) for c in shown) + (f" and {more} more" if more > 0 else "")
        return f"Choose one of {listing}."
