"""The project's boreholes as the main window lists them: read a page at a time, searched in SQL.

Natural order (B2 before B10), the count, the search and the row of a
borehole all come from the store's ``borehole_natural`` index
(fieldapp/domain/borehole_page.py); the model (ui/lazy_model.py) reads a
page when the view first shows a row of it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import QWidget

from fieldapp.domain import borehole_page
from fieldapp.domain.borehole import Borehole
from fieldapp.domain.borehole_page import BoreholeCode, Match
from fieldapp.store import Store
from ui.i18n import tr
from ui.lazy_model import LazyTableModel
from ui.models import DASH, Column, position_class_text
from ui.taskman import TaskManager

#: from this many boreholes on, a project's search facts are read by a worker as soon as it is shown
FACTS_AHEAD = 5_000


@dataclass(frozen=True)
class BoreholeSource:
    """One project's boreholes, with or without a search."""

    store: Store
    project_id: str
    match: Match | None = None
    known: int | None = None  # the count, when the caller has just read it

    def count(self) -> int:
        if self.known is not None:
            return self.known
        return borehole_page.count(self.store, self.project_id, self.match)

    def page(self, offset: int, limit: int, after: Borehole | None) -> list[Borehole]:
        return borehole_page.page(self.store, self.project_id, self.match, offset, limit,
                                  None if after is None else after.code)

    def locate(self, borehole_id: str) -> tuple[int, str] | None:
        return borehole_page.locate(self.store, self.project_id, self.match, borehole_id)

    def page_around(self, key: str, before: int, limit: int) -> list[Borehole]:
        return borehole_page.page_around(self.store, self.project_id, self.match, key, before, limit)


@dataclass(frozen=True)
class ProjectFacts:
    """What a search needs to know of the project beside the text: read once per project shown."""

    classes: tuple[str, ...]
    deepest_cm: int | None

    @classmethod
    def read(cls, store: Store, project_id: str) -> ProjectFacts:
        return cls.of(borehole_page.summary(store, project_id))

    @classmethod
    def of(cls, summary: borehole_page.Summary) -> ProjectFacts:
        return cls(summary.classes, summary.deepest_cm)


def search_match(facts: ProjectFacts, text: str) -> Match | None:
    """What the stored columns must hold for a row to have a shown cell containing ``text`` (any case)."""
    needle = text.strip().casefold()
    if not needle:
        return None
    return Match(
        text=needle,
        depths=borehole_page.depths_shown_with(needle, facts.deepest_cm),
        measured=needle in tr("measured").casefold(),
        planned=needle in tr("planned").casefold(),
        classes=tuple(c for c in facts.classes if needle in position_class_text(c).casefold()),
        no_depth=needle in DASH,
        no_class=needle in DASH,
    )


class BoreholeListModel(LazyTableModel[Borehole]):
    """The borehole list; :meth:`show_project` and :meth:`set_search` choose what it reads."""

    def __init__(self, columns: Sequence[Column[Borehole]], parent: QWidget | None = None) -> None:
        super().__init__(columns, parent)
        self._store: Store | None = None
        self._project_id: str | None = None
        self._counts: tuple[int, int] | None = None  # (boreholes, measured ones)
        self._facts: ProjectFacts | None = None  # read at the project's first search
        self._counted: tuple[Store, str, tuple[int, int]] | None = None  # what the two above were read from
        self._search = ""

    def show_project(self, store: Store, project_id: str | None) -> None:
        """The project's boreholes (None: none), read afresh, with the search kept."""
        self._store, self._project_id = store, project_id
        if project_id is None:
            self._counts, self._facts, self._counted = None, None, None
        else:
            # the count and the title's figures are kept by the file (one row, fieldapp.store.tally); what a
            # search needs besides (the deepest depth, the position classes) takes a scan of the index: read at
            # the first search, or by a worker before it, and kept while nothing is written
            self._counts = borehole_page.counts(store, project_id)
            if self._counted != (counted := (store, project_id, borehole_page.stamp(store))):
                self._facts, self._counted = None, counted
        self._read()

    def facts_wanted(self) -> tuple[str, tuple[int, int]] | None:
        """(project id, stamp) of a project of :data:`FACTS_AHEAD` boreholes or more whose search facts are
        not read yet: a worker can read them (:func:`borehole_page.read_summary`) before the first search
        needs them, where they would take a scan of the index on the GUI thread. None otherwise."""
        if self._counted is None or self._facts is not None or self._counts is None:
            return None
        if self._counts[0] < FACTS_AHEAD:
            return None  # a small project's are read at its first search in no time
        _store, project_id, stamp = self._counted
        return project_id, stamp

    def take_facts(self, wanted: tuple[str, tuple[int, int]], summary: borehole_page.Summary) -> None:
        """The facts a worker read for ``wanted`` (:meth:`facts_wanted`): kept if nothing was written since
        and the same project is shown, else dropped (the first search reads them itself)."""
        if self._counted is None or self._facts is not None:
            return
        store, project_id, stamp = self._counted
        if wanted == (project_id, stamp) and borehole_page.stamp(store) == stamp:
            self._facts = ProjectFacts.of(summary)

    def reload(self) -> None:
        """Read the project afresh (after a write): its count too."""
        if self._store is None:
            self.set_source(None)
            return
        self.show_project(self._store, self._project_id)

    @property
    def search(self) -> str:
        return self._search

    def set_search(self, text: str, keep: str | None = None) -> int | None:
        """Show only the boreholes with a cell containing ``text`` (any case); "" shows all. Returns the row
        the borehole ``keep`` (an id) is shown at then, None when it is not shown: for a search, counted
        in the same pass over the index as the rows (a search of 50,000 boreholes reads it once, not twice)."""
        text = text.strip().casefold()
        if text == self._search:
            return None if keep is None else self.row_of(keep)
        self._search = text
        return self._read(keep)

    def _read(self, keep: str | None = None) -> int | None:
        if self._store is None or self._project_id is None:
            self.set_source(None)
            return None
        if not self._search:
            if self._counts is None:
                self._counts = borehole_page.counts(self._store, self._project_id)
            self.set_source(BoreholeSource(self._store, self._project_id, None, self._counts[0]))
            return None if keep is None else self.row_of(keep)
        if self._facts is None:
            self._facts = ProjectFacts.read(self._store, self._project_id)
        match = search_match(self._facts, self._search)
        if keep is None:
            self.set_source(BoreholeSource(self._store, self._project_id, match))
            return None
        n, found = borehole_page.count_and_locate(self._store, self._project_id, match, keep)
        self.set_source(BoreholeSource(self._store, self._project_id, match, n))
        if found is None:
            return None
        self.anchor(*found)
        return found[0]

    def row_of(self, borehole_id: str) -> int | None:
        """The row the borehole is shown at, None when it is not shown (its page is then read from it)."""
        source = self.source
        found = source.locate(borehole_id) if isinstance(source, BoreholeSource) else None
        if found is None:
            return None
        self.anchor(*found)
        return found[0]

    def hidden_by_search(self, borehole_id: str) -> bool:
        """Whether the borehole is in the project but the search hides it."""
        if not self._search or self._store is None or self._project_id is None:
            return False
        return (self.row_of(borehole_id) is None
                and borehole_page.row_of(self._store, self._project_id, None, borehole_id) is not None)

    def total(self) -> tuple[int, int]:
        """(boreholes, measured ones) of the project, whatever the search."""
        if self._counts is None:
            return 0, 0
        return self._counts


def read_facts_ahead(model: BoreholeListModel, tasks: TaskManager, path: Path) -> None:
    """A big project's search facts (deepest depth, position classes) read on a worker now, not on the
    GUI thread at the first key typed in the search field (a scan of 50,000 index entries)."""
    if (wanted := model.facts_wanted()) is None:
        return
    tasks.run(borehole_page.read_summary, str(path), wanted[0],
              on_done=lambda summary: model.take_facts(wanted, summary),
              on_error=lambda _exc: None)  # the first search reads them itself


@dataclass(frozen=True)
class CodeSource:
    """One project's boreholes as (id, code) choices, in natural order."""

    store: Store
    project_id: str

    def count(self) -> int:
        return borehole_page.count(self.store, self.project_id)

    def page(self, offset: int, limit: int, after: BoreholeCode | None) -> list[BoreholeCode]:
        return borehole_page.code_page(self.store, self.project_id, offset, limit,
                                       None if after is None else after.code)

    def page_around(self, key: str, before: int, limit: int) -> list[BoreholeCode]:
        return borehole_page.code_page_around(self.store, self.project_id, key, before, limit)


class BoreholeCodesModel(LazyTableModel[BoreholeCode]):
    """The boreholes a sample part can be taken from (the sample form's combo boxes): read as the
    list is shown, 50,000 of them as fast as 8."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__([Column(tr("Borehole"), lambda c: c.code)], parent)
        self._counted: tuple[int, int] | None = None

    def show_project(self, store: Store, project_id: str | None) -> None:
        """The project's codes, read afresh unless nothing was written since (the form shows them again
        for each borehole selected: the combo boxes keep their place)."""
        if project_id is None:
            self._counted = None
            self.set_source(None)
            return
        stamp = borehole_page.stamp(store)
        if self.source == CodeSource(store, project_id) and stamp == self._counted:
            return
        self.set_source(CodeSource(store, project_id))
        self._counted = stamp

    def row_of(self, borehole_id: str) -> int | None:
        source = self.source
        if not isinstance(source, CodeSource):
            return None
        found = borehole_page.locate(source.store, source.project_id, None, borehole_id)
        if found is None:
            return None
        self.anchor(*found)  # the combo shows this row next: its page is read from it
        return found[0]

    def choices(self) -> BoreholeChoices:
        """The rows as a read-only sequence of (id, code), each read when asked for."""
        return BoreholeChoices(self)


class BoreholeChoices:
    """A :class:`BoreholeCodesModel` as a sequence. Not the model itself: a QObject with ``__len__``
    is false when empty and asked its length by shiboken while Qt tears it down (a crash at exit)."""

    def __init__(self, model: BoreholeCodesModel) -> None:
        self._model = model

    def __len__(self) -> int:
        return self._model.rowCount()

    def __getitem__(self, row: int) -> BoreholeCode:
        if not 0 <= row < self._model.rowCount():
            raise IndexError(row)
        return self._model.record(row)
