"""Printing labels and COC forms through the system's printers, without scaling.

The core renders the PDF at the exact label (or sheet, or A4) size; this
module only puts those pages on a :class:`QPrinter`. Printer drivers and
print dialogs like to "fit to page" (96 % takes every bar off the printer's
dot grid), so the printer gets a page layout of exactly the PDF's page size,
full-page mode and no margins, and each page is rasterised by PDFium at the
printer's own resolution and drawn one image pixel per printer dot.

Rasterising happens off the GUI thread (see :func:`rasterise`, run through
:class:`ui.taskman.TaskManager`); the results are QImages, which are plain
value objects and safe to hand between threads. Painting on the printer is
done on the GUI thread.

``pypdfium2`` is imported inside the functions that need it: printing is rare
and the import must not slow the start of the window.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QMarginsF, QPoint, QSizeF, Qt
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter

from fieldapp.errors import LabelError

MM_PER_PT = 25.4 / 72.0
#: resolution of the on-screen preview (dots per inch)
PREVIEW_DPI = 110

# PDFium keeps process-wide state and is not thread-safe (pypdfium2 says so):
# the task manager may rasterise a preview and a print job on two workers at
# once, which crashed the process. One lock per process, because the library
# is one per process.
PDFIUM = threading.Lock()


@dataclass(frozen=True, slots=True)
class PageSize:
    """One page of a print job, in millimetres (width x height as drawn, never rotated)."""

    width_mm: float
    height_mm: float

    @classmethod
    def from_points(cls, width_pt: float, height_pt: float) -> PageSize:
        return cls(width_pt * MM_PER_PT, height_pt * MM_PER_PT)


def pdf_page_sizes(pdf: bytes) -> list[PageSize]:
    """The size of each page of ``pdf`` as the PDF states it."""
    import pypdfium2  # type: ignore[import-untyped]

    with PDFIUM:
        doc = pypdfium2.PdfDocument(pdf)
        try:
            sizes = []
            for i in range(len(doc)):
                # closed here, under the lock: a page left to the garbage
                # collector is closed on whatever thread collects it, which
                # may be while another thread renders
                page = doc[i]
                sizes.append(PageSize.from_points(*page.get_size()))
                page.close()
            return sizes
        finally:
            doc.close()


def page_layout(size: PageSize, name: str = "") -> QPageLayout:
    """A page layout of exactly ``size``: no margins, portrait so nothing is turned.

    A label wider than it is high (62 x 29 mm) stays 62 wide: the page size is
    given as drawn, and the orientation does not swap it.
    """
    page = QPageSize(QSizeF(size.width_mm, size.height_mm), QPageSize.Unit.Millimeter, name,
                     QPageSize.SizeMatchPolicy.ExactMatch)
    return QPageLayout(page, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0),
                       QPageLayout.Unit.Millimeter)


def configure_printer(printer: QPrinter, size: PageSize, title: str) -> None:
    """Full page, the exact page size, no margins, one copy per page as drawn."""
    # the page layout carries the mode: full page is set last, or setting the layout clears it
    printer.setPageLayout(page_layout(size, title))
    printer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)
    printer.setFullPage(True)
    printer.setDocName(title)


def printer_page_mm(printer: QPrinter) -> PageSize:
    rect = printer.pageLayout().fullRect(QPageLayout.Unit.Millimeter)
    return PageSize(rect.width(), rect.height())


def rasterise(pdf: bytes, dpi: int, *, mono: bool = True, max_pages: int | None = None) -> list[QImage]:
    """The pages of ``pdf`` as images at ``dpi`` (runs on a worker).

    ``mono`` gives one bit per dot, thresholded rather than dithered: what a
    thermal or laser printer puts down anyway, and a sixth of the memory of
    grey for an A4 page at 600 dpi. Paths are drawn without anti-aliasing so
    a bar edge on the dot grid stays a clean edge.
    """
    import pypdfium2

    if dpi <= 0:
        raise LabelError("printer", f"The printer reports a resolution of {dpi} dpi.")
    with PDFIUM:
        return _rasterise(pypdfium2, pdf, dpi, mono, max_pages)


def _rasterise(pypdfium2: Any, pdf: bytes, dpi: int, mono: bool, max_pages: int | None) -> list[QImage]:
    doc = pypdfium2.PdfDocument(pdf)
    images: list[QImage] = []
    try:
        count = len(doc) if max_pages is None else min(len(doc), max_pages)
        for i in range(count):
            page = doc[i]
            bitmap = page.render(scale=dpi / 72.0, grayscale=True, no_smoothpath=mono,
                                 force_bitmap_format=pypdfium2.raw.FPDFBitmap_Gray)
            grey = QImage(bytes(bitmap.buffer), bitmap.width, bitmap.height, bitmap.stride,
                          QImage.Format.Format_Grayscale8).copy()  # copy: the buffer is PDFium's
            bitmap.close()
            page.close()
            if mono:
                grey = grey.convertToFormat(QImage.Format.Format_Mono, Qt.ImageConversionFlag.ThresholdDither)
            dots_per_metre = round(dpi / 0.0254)
            grey.setDotsPerMeterX(dots_per_metre)
            grey.setDotsPerMeterY(dots_per_metre)
            images.append(grey)
    finally:
        doc.close()
    return images


def page_count(pdf: bytes) -> int:
    """How many pages ``pdf`` has (runs on a worker)."""
    import pypdfium2

    with PDFIUM:
        doc = pypdfium2.PdfDocument(pdf)
        try:
            return len(doc)
        finally:
            doc.close()


def paint_pages(printer: QPrinter, pages: Sequence[QImage]) -> int:
    """Draw ``pages`` on ``printer`` one image pixel per printer dot; returns the page count."""
    if not pages:
        raise LabelError("containers", "There is nothing to print.")
    painter = QPainter()
    if not painter.begin(printer):
        raise LabelError("printer", "The printer could not be opened for printing.")
    try:
        # full-page mode: device (0, 0) is the paper's corner, so the image lands where the PDF put it
        for index, image in enumerate(pages):
            if index:
                printer.newPage()
            painter.drawImage(QPoint(0, 0), image)
    finally:
        painter.end()
    return len(pages)


def print_pdf(printer: QPrinter, pdf: bytes) -> int:
    """Rasterise and print ``pdf`` at once (for tests and small jobs); returns the page count."""
    return paint_pages(printer, rasterise(pdf, printer.resolution()))
