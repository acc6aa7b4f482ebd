"""About FieldApp: the version a sampler reads out to support, and where the data is."""

from __future__ import annotations

import platform

from PySide6 import __version__ as pyside_version
from PySide6.QtWidgets import QMessageBox, QWidget

from fieldapp import __version__
from fieldapp.runtime import frozen
from fieldapp.settings import config_dir
from ui.i18n import tr


def about_text(database: str) -> str:
    build = tr("self-contained build") if frozen() else tr("Python {0}").format(platform.python_version())
    return "\n".join((
        tr("FieldApp {0}").format(__version__),
        tr("Field records for soil sampling (Kwalibo, BRL SIKB 2000)."),
        "",
        tr("Database: {path}").format(path=database),
        tr("Settings: {0}").format(config_dir()),
        f"{build}, Qt for Python {pyside_version}",
    ))


def show_about(parent: QWidget, database: str) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.Information, tr("About FieldApp"), about_text(database),
                      QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("about")
    box.open()  # not exec(): no nested event loop
    return box
