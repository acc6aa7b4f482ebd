"""Small helpers shared by the domain modules."""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Protocol, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from fieldapp.errors import CodeListError, NotFoundError, RequiredFieldError, ValidationError
from fieldapp.store import natural

if TYPE_CHECKING:
    from fieldapp.codelists import CodeLists
    from fieldapp.store import Store

T = TypeVar("T")


@lru_cache(maxsize=1)
def dutch_time() -> ZoneInfo | None:
    """The zone a Dutch investigation is dated in: its field days, logs and reports go to Dutch authorities.
    None where the system has no time zone data (Windows without the tzdata package): then the computer's
    own clock zone, which on a Dutch laptop is the same."""
    try:
        return ZoneInfo("Europe/Amsterdam")
    except ZoneInfoNotFoundError:
        return None


def dutch_day(stamp: str | None) -> str:
    """The Dutch calendar date ('YYYY-MM-DD') of an ISO timestamp.

    Imported and demo records keep their moments in UTC: 23:30 UTC on 15 January is 00:30 on the 16th on
    site, and the 16th is the day the sampler worked. A stamp without an offset is the sampler's own clock
    and keeps its date; text that is no timestamp keeps its first ten characters, as it was shown before.
    """
    if not stamp:
        return ""
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return stamp[:10]
    return on_dutch_clock(moment).date().isoformat()


def on_dutch_clock(moment: datetime) -> datetime:
    """``moment`` as a Dutch clock shows it; one without an offset is the sampler's own clock already. A moment
    at the very edge of the calendar (9999-12-31 at -14:00, from a file) that has no Dutch time stays as given."""
    if moment.tzinfo is None:
        return moment
    try:
        return moment.astimezone(dutch_time())
    except OverflowError:
        return moment


class Recording(Protocol):
    """What checking a record's own fields needs: the code lists it is held
    to and who records it. A :class:`~fieldapp.session.Session` is one; an
    import prepared away from the database uses :class:`Recorder`."""

    @property
    def lists(self) -> CodeLists: ...

    @property
    def actor(self) -> str: ...


@dataclass(frozen=True)
class Recorder:
    lists: CodeLists
    actor: str

_CODE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]{0,31}$")


def from_row(cls: type[T], row: Mapping[str, Any]) -> T:
    """Build a dataclass from a row, ignoring columns it does not know."""
    names = {f.name for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
    return cls(**{k: v for k, v in row.items() if k in names})


def fetch(store: Store, cls: type[T], table: str, row_id: str) -> T:
    """The record with this id as ``cls``, or NotFoundError naming it."""
    row = store.get(table, row_id)
    if row is None:
        raise NotFoundError(f"{table.replace('_', ' ').capitalize()} {row_id} does not exist.")
    return from_row(cls, row)


def required_text(value: str | None, field: str, what: str) -> str:
    text = (value or "").strip()
    if not text:
        raise RequiredFieldError(field, f"{what}: {field} is empty.", hint=f"Fill in the {field}.")
    return text


def human_code(value: str | None, field: str, what: str) -> str:
    """A code people write on forms and labels (B01, PB03, M12): short, no spaces."""
    text = required_text(value, field, what)
    if not _CODE_RE.match(text):
        raise ValidationError(
            field,
            f"{what}: '{text}' is not a usable {field}.",
            hint="Use at most 32 letters, digits, '.', '-', '_' or '/', starting with a letter or digit.",
        )
    return text


def optional_text(value: str | None) -> str | None:
    text = (value or "").strip()
    return text or None


def dumps_list(values: Sequence[Any] | None) -> str | None:
    return json.dumps(list(values), ensure_ascii=False) if values else None


def loads_list(text: str | None) -> list[Any]:
    return list(json.loads(text)) if text else []


def check_choice(value: str | None, allowed: Sequence[str], field: str, what: str) -> str:
    text = required_text(value, field, what)
    if text not in allowed:
        raise CodeListError(
            field,
            f"{what}: '{text}' is not a valid {field}.",
            hint=f"Choose one of: {', '.join(allowed)}.",
        )
    return text


#: tables with an index on (project_id, fieldapp_natural(code)) of the codes that end in their number
#: (schema step 0018_natural_order): ``code NOT GLOB`` below is its WHERE, word for word
NATURAL_CODES = frozenset({"borehole", "sample"})
_ENDS_IN_NUMBER = "code NOT GLOB '*[0-9][^0-9]*'"


def next_code(store: Store, table: str, project_id: str, prefix: str) -> str:
    """The code after the highest of the form B01, B02, ... (or M01, ...) in a
    project's ``table`` (one indexed query)."""
    bounds = natural.number_range(prefix) if table in NATURAL_CODES else None
    if bounds is not None:
        # the highest prefix+number code is the last in natural order: a few index entries, not every code
        last = 20
        codes = [r[0] for r in store.conn.execute(
            f"SELECT code FROM {table} INDEXED BY {table}_next_code WHERE project_id = ? AND {_ENDS_IN_NUMBER} "
            f"AND {natural.FUNCTION}(code) >= ? AND {natural.FUNCTION}(code) < ? "
            f"ORDER BY {natural.FUNCTION}(code) DESC LIMIT {last}", (project_id, *bounds))]
        for code in codes:
            number = code[len(prefix):]
            if code.startswith(prefix) and number.isdigit() and number.isascii():
                return f"{prefix}{int(number) + 1:02d}"
        if len(codes) < last:  # every candidate seen (other case, other digits): there is none
            return f"{prefix}01"
    row = store.conn.execute(
        f"SELECT MAX(CAST(substr(code, ?) AS INTEGER)) FROM {table} "
        "WHERE project_id = ? AND code GLOB ? AND code NOT GLOB ?",
        (len(prefix) + 1, project_id, f"{prefix}[0-9]*", f"{prefix}*[^0-9]*"),
    ).fetchone()
    return f"{prefix}{(row[0] or 0) + 1:02d}"
