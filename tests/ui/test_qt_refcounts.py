"""A sampler's or lab clerk's session lasts all day: the Qt binding must not
leak or over-release references on every call (PySide6 6.12 on Python 3.11
over-releases None and True until the interpreter aborts)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot


class _Emitter(QObject):
    changed = Signal(bool)


def test_void_calls_and_signals_keep_reference_counts(qtbot: QtBot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    emitter = _Emitter()
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for n in range(2_000):
        label.setText(str(n))
        label.clear()
        emitter.changed.emit(True)
    # a few references may come and go elsewhere; thousands lost would abort the program
    assert abs(sys.getrefcount(None) - none_before) < 100
    assert abs(sys.getrefcount(True) - true_before) < 100
