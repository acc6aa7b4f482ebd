"""What a print dialog prints: container labels or a COC form, read from the store.

The store is read on the GUI thread (one query per table); rendering the PDF
is a plain function of plain data and runs on a worker. Recording that labels
were printed reuses the core's :func:`~fieldapp.labels.from_store.record_printed`,
the same function the ``fieldapp labels`` command calls.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtGui import QImage

from fieldapp.cli.label_commands import write_atomic
from fieldapp.labels.data import CocData, LabelData
from fieldapp.labels.from_store import project_labels, record_printed, save_labels, shipment_coc
from fieldapp.labels.layouts import Layout
from fieldapp.progress import Cancelled, Progress
from fieldapp.session import Session
from ui.printing import PREVIEW_DPI, PageSize, page_count, rasterise

#: the preview shows at most this many pages (a COC of 500 containers has 25)
PREVIEW_PAGES = 12


@dataclass(frozen=True)
class LabelRequest:
    """Labels of a project's containers; ``barcodes`` None means all of them."""

    project_code: str
    barcodes: tuple[str, ...] | None = None


@dataclass(frozen=True)
class CocRequest:
    """The COC form of a shipment."""

    coc_number: str
    project_code: str | None = None


@dataclass(frozen=True)
class Rendered:
    """A finished PDF with its preview pages (made on a worker)."""

    pdf: bytes
    preview: list[QImage]
    pages: int


class PrintJob:
    """The data behind one print dialog, read once from the store."""

    def __init__(self, session: Session, request: LabelRequest | CocRequest) -> None:
        self.session = session
        self.request = request
        self.labels: list[tuple[str, LabelData]] = []
        self.coc: CocData | None = None
        if isinstance(request, LabelRequest):
            self.labels = project_labels(session.store, request.project_code, request.barcodes, session.lists)
        else:
            self.coc = shipment_coc(session.store, request.coc_number, request.project_code, session.lists)

    @property
    def is_labels(self) -> bool:
        return self.coc is None

    @property
    def container_ids(self) -> list[str]:
        return [cid for cid, _label in self.labels]

    @property
    def count(self) -> int:
        return len(self.labels) if self.coc is None else len(self.coc.rows)

    def page_size(self, layout: Layout | None) -> PageSize:
        if self.coc is not None or layout is None:
            from fieldapp.labels.coc import PAGE_H, PAGE_W

            return PageSize.from_points(PAGE_W, PAGE_H)
        return PageSize.from_points(*layout.page_size_pt)

    def render_args(self, layout: Layout | None, start: int) -> tuple[object, ...]:
        """Arguments for :func:`render` on a worker: plain frozen data only."""
        return (layout, tuple(label for _cid, label in self.labels), self.coc, start)

    def record_printed(self, layout: Layout) -> None:
        """A ``label_printed`` event per container, as the command line records it."""
        if self.labels:
            record_printed(self.session, self.container_ids, layout.name)

    def save_pdf(self, path: Path, pdf: bytes, layout: Layout | None) -> None:
        """Write the PDF whole or not at all; labels are recorded in the same action."""
        if self.coc is not None or layout is None:
            write_atomic(path, pdf)
            return
        save_labels(self.session, self.container_ids, layout.name, path, pdf)


def render(layout: Layout | None, labels: Sequence[LabelData], coc: CocData | None, start: int,
           progress: Progress | None = None, cancelled: Cancelled | None = None) -> Rendered:
    """The job's PDF and its first pages as preview images (runs on a worker, cancellable)."""
    if coc is not None:
        from fieldapp.labels.coc import render_coc_pdf

        pdf = render_coc_pdf(coc, progress, cancelled)
    else:
        from fieldapp.labels.pdf import render_labels_pdf

        assert layout is not None
        pdf = render_labels_pdf(layout, labels, start=start, progress=progress, cancelled=cancelled)
    return Rendered(pdf, rasterise(pdf, PREVIEW_DPI, mono=False, max_pages=PREVIEW_PAGES), page_count(pdf))


def render_zpl(layout: Layout, labels: Sequence[LabelData]) -> bytes:
    from fieldapp.labels.zpl import render_labels_zpl

    return render_labels_zpl(layout, labels).encode("utf-8")


def send_zpl(spec: str, data: bytes, progress: Progress | None = None) -> int:
    """Send ZPL to the printer ``spec`` names (runs on a worker); returns the label count.
    ``progress(labels sent, labels)``: minutes of them on a serial line."""
    from drivers.printers.base import in_labels, open_printer

    open_printer(spec).send(data, in_labels(data, progress) if progress is not None else None)
    return data.count(b"^XA")
