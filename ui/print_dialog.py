"""The print dialog for labels and COC forms: layout, start position, preview, and where to.

Choose the layout (and, for A4 sheets, the first free position on a part-used
sheet); the pages are rendered on a worker and shown. Then:

- "Print…" opens the Qt print dialog on a printer set to the exact page
  size, full page, no margins; the pages are rasterised at the printer's
  resolution and drawn one pixel per dot (see :mod:`ui.printing`);
- "Save PDF…" writes the PDF whole or not at all;
- "Send to Zebra" sends ZPL raw to ``tcp:HOST[:PORT]`` or ``serial:PORT[@BAUD]``.

Every way of printing labels records a ``label_printed`` custody event per
container, once, after the job was handed over.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from fieldapp.errors import FieldAppError
from fieldapp.labels.layouts import Layout, load_layouts
from fieldapp.session import Session
from ui.field_errors import message
from ui.i18n import counted, grouped, tr
from ui.print_jobs import CocRequest, LabelRequest, PrintJob, Rendered, render, render_zpl, send_zpl
from ui.printing import configure_printer, paint_pages, rasterise
from ui.taskman import TaskManager


def _text(exc: BaseException) -> str:
    return message(exc) if isinstance(exc, FieldAppError) else str(exc)


class PrintDialog(QDialog):
    """One job (labels of some containers, or a COC) to a printer, a PDF file or a Zebra."""

    #: the pages were rendered and the preview shows them (page count)
    rendered = Signal(int)
    #: a job was handed to a printer or written (a short description)
    job_done = Signal(str)
    failed = Signal(str)

    def __init__(self, session: Session, tasks: TaskManager, request: LabelRequest | CocRequest,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.job = PrintJob(session, request)
        self.output: Rendered | None = None
        self._token = 0
        self.printer: QPrinter | None = None
        self.layouts: dict[str, Layout] = load_layouts() if self.job.is_labels else {}
        self.setWindowTitle(tr("Print labels") if self.job.is_labels else tr("Print COC"))

        self.layout_combo = QComboBox()
        for layout in self.layouts.values():
            self.layout_combo.addItem(tr(layout.title), layout.name)  # the titles are in the catalogue
        self.start_spin = QSpinBox()
        self.start_spin.setToolTip(tr("First free label on a part-used sheet, counted along the rows"))
        self.zebra_edit = QLineEdit()
        self.zebra_edit.setPlaceholderText(tr("tcp:HOST[:PORT] or serial:PORT[@BAUD]"))
        self.zebra_button = QPushButton(tr("Send to Zebra"))
        self.summary = QLabel()
        self.status = QLabel()
        self.status.setWordWrap(True)
        # long jobs (17,688 labels took 28 s) show how far they are and can be stopped
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.cancel_button = QPushButton(tr("Cancel"))
        self.cancel_button.setVisible(False)
        self.cancel_button.clicked.connect(self.cancel_render)
        self._task: int | None = None
        self.pages = QVBoxLayout()
        self.pages.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        holder = QWidget()
        holder.setLayout(self.pages)
        scroll = QScrollArea()
        scroll.setWidget(holder)
        scroll.setWidgetResizable(True)
        scroll.setMinimumSize(420, 320)

        form = QFormLayout()
        if self.job.is_labels:
            form.addRow(tr("Layout"), self.layout_combo)
            form.addRow(tr("Start at label"), self.start_spin)
            zebra = QHBoxLayout()
            zebra.addWidget(self.zebra_edit, 1)
            zebra.addWidget(self.zebra_button)
            form.addRow(tr("Zebra printer"), zebra)
        buttons = QDialogButtonBox()
        self.print_button = buttons.addButton(tr("Print…"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button = buttons.addButton(tr("Save PDF…"), QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setText(tr("Close"))
        box = QVBoxLayout(self)
        box.addWidget(self.summary)
        box.addLayout(form)
        box.addWidget(scroll, 1)
        box.addWidget(self.status)
        working = QHBoxLayout()
        working.addWidget(self.progress, 1)
        working.addWidget(self.cancel_button)
        box.addLayout(working)
        box.addWidget(buttons)

        # the buttons act without closing: a sampler often prints and then saves a copy
        self.print_button.clicked.connect(self.open_print_dialog)
        self.save_button.clicked.connect(self.ask_pdf_path)
        close.clicked.connect(self.reject)
        self.zebra_button.clicked.connect(lambda: self.send_to_zebra(self.zebra_edit.text().strip()))
        self.layout_combo.currentIndexChanged.connect(self._layout_changed)
        self.start_spin.valueChanged.connect(lambda _v: self.render_pages())
        self._layout_changed()

    # choosing -------------------------------------------------------------------
    @property
    def layout_choice(self) -> Layout | None:
        name = self.layout_combo.currentData()
        return self.layouts.get(name) if isinstance(name, str) else None

    def choose_layout(self, name: str) -> None:
        self.layout_combo.setCurrentIndex(max(0, self.layout_combo.findData(name)))

    def _layout_changed(self) -> None:
        layout = self.layout_choice
        sheet = layout.sheet if layout is not None else None
        self.start_spin.blockSignals(True)
        self.start_spin.setRange(1, sheet.per_page if sheet else 1)
        self.start_spin.setValue(1)
        self.start_spin.blockSignals(False)
        self.start_spin.setEnabled(sheet is not None)
        zpl = layout is not None and layout.zpl and sheet is None
        self.zebra_edit.setEnabled(zpl)
        self.zebra_button.setEnabled(zpl)
        what = counted(self.job.count, "label") if self.job.is_labels else \
            tr("COC {c}: {n}").format(c=self.job.coc.coc_number if self.job.coc else "",
                                      n=counted(self.job.count, "pot"))
        size = self.job.page_size(layout)
        self.summary.setText(tr("{what}, page {w:.1f} × {h:.1f} mm, printed at 100 %").format(
            what=what, w=size.width_mm, h=size.height_mm))
        self.render_pages()

    # rendering --------------------------------------------------------------------
    def render_pages(self) -> None:
        """Render the PDF and its preview on a worker; a newer choice overrides an older one."""
        self._token += 1
        token = self._token
        self.output = None
        self._set_busy(True)
        self.status.setText(tr("Preparing the pages…"))
        if self._task is not None:
            self.tasks.cancel(self._task)  # a newer choice: the older pages are not wanted
        self._task = self.tasks.run(
            render, *self.job.render_args(self.layout_choice, self.start_spin.value()),
            on_done=lambda r: self._rendered(token, r), on_error=lambda e: self._failed(token, e),
            on_cancelled=lambda _e: self._cancelled(token), on_progress=lambda d, t: self._progress(token, d, t),
            cancellable=True)
        self._show_working(True)

    def cancel_render(self) -> None:
        """Stop preparing the pages (nothing is printed or saved)."""
        if self._task is not None:
            self.tasks.cancel(self._task)
            self.status.setText(tr("Cancelling…"))

    def _alive(self) -> bool:
        """False once the dialog was closed and deleted while a worker still reports to it."""
        return isValid(self) and isValid(self.progress)

    def _progress(self, token: int, done: int, total: int) -> None:
        if self._alive() and token == self._token and total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(done)

    def _cancelled(self, token: int) -> None:
        if self._alive() and token == self._token:
            self._task = None
            self._show_working(False)
            self.status.setText(tr("Cancelled: nothing was printed or saved. Change the layout or start "
                                   "position to prepare the pages again."))

    def _show_working(self, working: bool) -> None:
        self.progress.setVisible(working)
        self.cancel_button.setVisible(working)
        if working:
            self.progress.setRange(0, 0)

    @property
    def busy(self) -> bool:
        return self.output is None

    def _rendered(self, token: int, result: object) -> None:
        if not self._alive():
            return  # closed before the pages were ready: nothing to show them in
        if token != self._token or not isinstance(result, Rendered):
            return
        self._task = None
        self._show_working(False)
        self.output = result
        while self.pages.count():
            item = self.pages.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        for image in result.preview:
            page = QLabel()
            page.setPixmap(QPixmap.fromImage(image))
            page.setFrameShape(QLabel.Shape.Box)
            self.pages.addWidget(page)
        self._set_busy(False)
        shown = len(result.preview)
        self.status.setText(tr("{n}.").format(n=counted(result.pages, "page")) if shown == result.pages else
                            tr("{n} pages; the first {k} are shown.").format(n=result.pages, k=shown))
        self.rendered.emit(result.pages)

    def _failed(self, token: int, exc: BaseException) -> None:
        if self._alive() and token == self._token:
            self._task = None
            self._show_working(False)
            self._set_busy(False)
            self.print_button.setEnabled(False)
            self.save_button.setEnabled(False)
            self._error(exc)

    def _error(self, exc: BaseException) -> None:
        text = _text(exc)
        self.status.setText(text)
        self.failed.emit(text)

    def _set_busy(self, busy: bool) -> None:
        self.print_button.setEnabled(not busy)
        self.save_button.setEnabled(not busy)

    # printing ------------------------------------------------------------------------
    def configured_printer(self, printer: QPrinter | None = None) -> QPrinter:
        """A printer (a new high-resolution one by default) set to the job's exact page."""
        target = printer if printer is not None else QPrinter(QPrinter.PrinterMode.HighResolution)
        title = self.layout_choice.name if self.layout_choice else (self.job.coc.coc_number if self.job.coc else "")
        configure_printer(target, self.job.page_size(self.layout_choice), title)
        return target

    def open_print_dialog(self) -> QPrintDialog:
        self.printer = self.configured_printer()
        dialog = QPrintDialog(self.printer, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.print_to(self.configured_printer(self.printer)))
        # window-modal show, as open() does (not exec(): no nested event loop)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.show()
        return dialog

    def print_to(self, printer: QPrinter) -> None:
        """Rasterise at the printer's resolution on a worker, then draw the pages 1:1 and record."""
        if self.output is None:
            return
        self.printer = printer  # kept alive until the pages are drawn
        self._set_busy(True)
        self.status.setText(tr("Printing…"))
        self.tasks.run(rasterise, self.output.pdf, printer.resolution(),
                       on_done=lambda pages: self._paint(printer, pages), on_error=self._print_failed)

    def _paint(self, printer: QPrinter, pages: object) -> None:
        try:
            assert isinstance(pages, list)
            count = paint_pages(printer, pages)
            layout = self.layout_choice
            if layout is not None:
                self.job.record_printed(layout)
        except (FieldAppError, OSError) as exc:
            self._print_failed(exc)
            return
        self._set_busy(False)
        self._finish(tr("{n} sent to {p}.").format(n=counted(count, "page"),
                                                   p=printer.printerName() or printer.outputFileName()))

    def _print_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self._error(exc)

    def _finish(self, text: str) -> None:
        self.status.setText(text)
        self.job_done.emit(text)

    # PDF and ZPL ------------------------------------------------------------------------
    def ask_pdf_path(self) -> None:
        name = (self.job.coc.coc_number if self.job.coc else f"labels-{self.job.request.project_code}")
        dialog = QFileDialog(self, tr("Save PDF"), str(Path.home() / f"{name}.pdf"), tr("PDF files (*.pdf)"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("pdf")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda path: self.save_pdf(Path(path)))
        dialog.open()

    def save_pdf(self, path: Path) -> bool:
        if self.output is None:
            return False
        try:
            self.job.save_pdf(path, self.output.pdf, self.layout_choice)
        except (FieldAppError, OSError) as exc:
            self._error(exc)
            return False
        self._finish(tr("Saved {p}.").format(p=path))
        return True

    def send_to_zebra(self, spec: str) -> None:
        layout = self.layout_choice
        if layout is None or not spec:
            self.status.setText(tr("Give the Zebra printer as tcp:HOST[:PORT] or serial:PORT[@BAUD]."))
            return
        try:
            data = render_zpl(layout, [label for _cid, label in self.job.labels])
        except FieldAppError as exc:
            self._error(exc)
            return
        self.zebra_button.setEnabled(False)
        self.status.setText(tr("Sending to {p}…").format(p=spec))
        self.tasks.run(send_zpl, spec, data, on_done=lambda n: self._zebra_done(layout, spec, n),
                       on_error=self._zebra_failed,
                       on_progress=lambda done, total: self._zebra_sending(spec, done, total))

    def _zebra_sending(self, spec: str, done: int, total: int) -> None:
        # a serial Zebra takes about three labels a second at 9600 baud: how far the job is
        if isValid(self.zebra_button) and not self.zebra_button.isEnabled():
            self.status.setText(tr("Sending to {p}… {done} of {total}").format(p=spec, done=grouped(done),
                                                                               total=counted(total, "label")))

    def _zebra_done(self, layout: Layout, spec: str, count: object) -> None:
        self.zebra_button.setEnabled(True)
        self.job.record_printed(layout)
        assert isinstance(count, int)
        self._finish(tr("{n} sent to {p}.").format(n=counted(count, "label"), p=spec))

    def _zebra_failed(self, exc: BaseException) -> None:
        self.zebra_button.setEnabled(True)
        self._error(exc)
