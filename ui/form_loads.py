"""The workbench forms load the selected borehole when they are in view (issue 18, 50,000 boreholes).

A form on a tab out of view is not loaded for every borehole selected (the sample form alone reads
the project's borehole codes, the borehole's samples and its next sample code): its load waits until
its tab is shown or the form is asked for through the window, whichever comes first. A later load for
the same form replaces the one waiting, so a form shown after ten clicks loads once, with the last.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtWidgets import QTabWidget, QWidget

F = TypeVar("F", bound=QWidget)


class LoadsWhenShown:
    """Per form, the load waiting for it to be shown."""

    def __init__(self, tabs: QTabWidget) -> None:
        self._tabs = tabs
        self._waiting: dict[QWidget, Callable[[], object]] = {}

    def load(self, form: QWidget, load: Callable[[], object]) -> None:
        """Run ``load`` now if ``form`` is the tab in view, else when it is shown or asked for."""
        self._waiting[form] = load
        if self._tabs.currentWidget() is form:
            self.done(form)

    def done(self, form: F) -> F:
        """``form`` with the load it was waiting for run."""
        if (load := self._waiting.pop(form, None)) is not None:
            load()
        return form

    def shown(self) -> None:
        """The tab in view changed: its form's load runs."""
        if isinstance(form := self._tabs.currentWidget(), QWidget):
            self.done(form)
