"""Switching the language of open windows without a restart.

Every window builds its texts once with ``tr()``; rather than teach each
window (and every window added later) to rebuild them, the texts on screen
are looked up in the catalogue: a text that is the translation of a
catalogue string in the old language becomes its translation in the new
one, a filled-in template (``Boreholes of {p} ({n}, {m} measured)``) keeps
its values, and a code-list label becomes the same entry's label. Texts
that are data (codes, names, numbers) match nothing and stay as they are;
the few that change all the time (the GNSS indicator, the sync state) are
written anew by their owners within a second.
"""

from __future__ import annotations

import contextlib
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from dataclasses import replace
from functools import lru_cache

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QTabWidget,
    QWidget,
)

from fieldapp.codelists import CodeLists
from ui.i18n import I18N_DIR, Lang

_FIELD = re.compile(r"\\\{(\w+)\\\}")


@lru_cache(maxsize=1)
def catalogue() -> tuple[tuple[str, str], ...]:
    """(English, Dutch) of every finished translation in resources/i18n/fieldapp_nl.ts."""
    out = []
    for msg in ET.parse(I18N_DIR / "fieldapp_nl.ts").getroot().iter("message"):
        source, el = msg.findtext("source") or "", msg.find("translation")
        if el is not None and el.get("type") != "unfinished" and el.text:
            out.append((source, el.text))
    return tuple(out)


class Translator:
    """Maps a text shown in one language to the same text in the other."""

    def __init__(self, old: Lang, new: Lang, lists: CodeLists | None = None) -> None:
        self.old, self.new = old, new
        pairs = catalogue()
        side = {"en": 0, "nl": 1}
        a, b = side[old], side[new]
        self._exact: dict[str, str] = {}
        self._templates: list[tuple[re.Pattern[str], str]] = []
        for pair in pairs:
            source, target = pair[a], pair[b]
            if "{" in source and _FIELD.search(re.escape(source)):
                pattern = "^" + _FIELD.sub(r"(?P<\1>.+?)", re.escape(source)) + "$"
                # a name used twice in one template does not compile: such a text stays as it is
                with contextlib.suppress(re.error):
                    self._templates.append((re.compile(pattern, re.DOTALL), target))
            else:
                self._exact.setdefault(source, target)
        if lists is not None:
            for name in lists.names():
                for entry in lists.entries(name):
                    self._exact.setdefault(entry.label(old), entry.label(new))
                    # "Zs – zand, zwak siltig": a pick list showing the code beside its words
                    self._exact.setdefault(f"{entry.code} – {entry.label(old)}", f"{entry.code} – {entry.label(new)}")
        # the longest template first: "Boreholes of {p} ({n}, {m} measured)" before "{f} is empty."
        self._templates.sort(key=lambda t: -len(t[0].pattern))

    def __call__(self, text: str) -> str:
        if not text or self.old == self.new:
            return text
        if text in self._exact:
            return self._exact[text]
        stripped = text.strip()
        if stripped != text and stripped in self._exact:
            return text.replace(stripped, self._exact[stripped])
        for pattern, target in self._templates:
            m = pattern.match(text)
            if m:
                try:
                    return target.format(**m.groupdict())
                except (KeyError, IndexError, ValueError):
                    return text
        return text


def retranslate(roots: Iterable[QWidget], translate: Callable[[str], str]) -> None:
    """Every text of ``roots`` and their children through ``translate``."""
    for root in roots:
        for w in [root, *root.findChildren(QWidget)]:
            _widget(w, translate)
        for action in root.findChildren(QAction):
            if action.text():
                action.setText(translate(action.text()))
            if action.toolTip():
                action.setToolTip(translate(action.toolTip()))


def _widget(w: QWidget, translate: Callable[[str], str]) -> None:
    if w.isWindow() and w.windowTitle():
        w.setWindowTitle(translate(w.windowTitle()))
    if w.toolTip():
        w.setToolTip(translate(w.toolTip()))
    if isinstance(w, QLabel | QAbstractButton) and w.text():
        w.setText(translate(w.text()))
    elif isinstance(w, QLineEdit) and w.placeholderText():
        w.setPlaceholderText(translate(w.placeholderText()))
    elif (isinstance(w, QGroupBox) and w.title()) or (isinstance(w, QMenu) and w.title()):
        w.setTitle(translate(w.title()))
    elif isinstance(w, QTabWidget):
        for i in range(w.count()):
            w.setTabText(i, translate(w.tabText(i)))
    elif isinstance(w, QComboBox):
        if not isinstance(w.model(), QStandardItemModel):
            return  # its items are data from a model of its own (borehole codes), not texts of the program
        blocked = w.blockSignals(True)  # a new item text is no new choice
        try:
            for i in range(w.count()):
                w.setItemText(i, translate(w.itemText(i)))
        finally:
            w.blockSignals(blocked)
    elif isinstance(w, QListWidget):
        for i in range(w.count()):
            item = w.item(i)
            item.setText(translate(item.text()))
    elif isinstance(w, QAbstractItemView):
        _model(w, translate)


def _model(view: QAbstractItemView, translate: Callable[[str], str]) -> None:
    from ui.lazy_model import LazyTableModel
    from ui.models import RecordTableModel

    model = view.model()
    if isinstance(model, LazyTableModel):
        model.retranslate(translate)
    elif isinstance(model, RecordTableModel):
        # the column titles were translated when the model was made; its cells are cached texts
        model._columns = [replace(c, header=translate(c.header)) for c in model._columns]
        model._cells = [None] * len(model._cells)
        if model.columnCount():
            model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, model.columnCount() - 1)
        if model.rowCount():
            model.dataChanged.emit(model.index(0, 0), model.index(model.rowCount() - 1,
                                                                  model.columnCount() - 1, QModelIndex()))
