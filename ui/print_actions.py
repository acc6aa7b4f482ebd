"""The main window's "Print labels…" and "Print COC…": what to print, then the print dialog.

Labels are for the selected sample's containers when a sample is selected,
otherwise for every container of the project. The COC is for a shipment of
the project; with several, the sampler picks one. Kept out of the main
window's module, and imported only when a print action is used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog

from fieldapp.domain import container as container_mod
from fieldapp.domain import shipment as shipment_mod
from fieldapp.errors import FieldAppError
from ui.field_errors import message
from ui.i18n import tr
from ui.print_dialog import PrintDialog
from ui.print_jobs import CocRequest, LabelRequest

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def print_labels(window: MainWindow) -> PrintDialog | None:
    proj = window.current_project()
    if proj is None:
        window.statusBar().showMessage(tr("Select a project first."), 10_000)
        return None
    sample = window.current_sample()
    barcodes = None
    if sample is not None:
        barcodes = tuple(c.barcode for c in container_mod.of_sample(window.session.store, sample.id))
        if not barcodes:
            window.statusBar().showMessage(tr("Sample {s} has no containers yet.").format(s=sample.code), 10_000)
            return None
    return _open(window, LabelRequest(proj.code, barcodes))


def print_coc(window: MainWindow) -> QInputDialog | PrintDialog | None:
    proj = window.current_project()
    if proj is None:
        window.statusBar().showMessage(tr("Select a project first."), 10_000)
        return None
    codes = [s.code for s in shipment_mod.of_project(window.session.store, proj.id)]
    if not codes:
        window.statusBar().showMessage(tr("Project {p} has no shipments yet.").format(p=proj.code), 10_000)
        return None
    if len(codes) == 1:
        return _open(window, CocRequest(codes[0], proj.code))
    chooser = QInputDialog(window)
    chooser.setWindowTitle(tr("Print COC"))
    chooser.setLabelText(tr("Shipment (COC number)"))
    chooser.setComboBoxItems(codes)
    chooser.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    chooser.textValueSelected.connect(lambda code: _open(window, CocRequest(code, proj.code)))
    chooser.open()  # not exec(): no nested event loop
    return chooser


def _open(window: MainWindow, request: LabelRequest | CocRequest) -> PrintDialog | None:
    try:
        dialog = PrintDialog(window.session, window.tasks, request, window)
    except FieldAppError as exc:
        window.statusBar().showMessage(message(exc), 15_000)
        return None
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.job_done.connect(lambda text: window.statusBar().showMessage(text, 10_000))
    dialog.open()
    return dialog
