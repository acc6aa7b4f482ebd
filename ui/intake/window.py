"""The intake window: scan a cooler's containers against its COC and close the receipt.

Everything the clerk needs stays on one screen: the last outcome in large
coloured words (with what to do), the reconciliation counts, the containers
still missing, and the header. The scan field keeps the focus after every
button, because a keyboard-wedge scanner types wherever the focus is.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QMainWindow,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from fieldapp.errors import ExportError, FieldAppError
from fieldapp.intake import closing
from fieldapp.intake.receipt import Receipt
from fieldapp.intake.report import file_name, render_receipt_pdf
from fieldapp.intake.scan import UNEXPECTED, Outcome, ScanResult
from fieldapp.outputs import write_failure
from fieldapp.session import Session
from ui.i18n import counted, tr, tr_noop
from ui.intake.header_form import HeaderForm
from ui.intake.models import GREEN, GREY, LOOK, RED, MissingModel, ScanLogModel
from ui.intake.scan_field import DAMAGED_KEY, ScanField
from ui.intake.sound import Sound
from ui.intake.upkeep import Upkeep
from ui.intake.words import deviation_kind, error_text, outcome_words, say
from ui.screen import Scroller, fit_to_screen
from ui.taskman import TaskManager

COUNTS = (("expected", tr_noop("Expected")), ("received", tr_noop("Received")), ("missing", tr_noop("Missing")),
          ("unexpected", tr_noop("Unexpected")), ("damaged", tr_noop("Damaged")),
          ("late", tr_noop("Out of holding time")), ("duplicates", tr_noop("Scanned twice")))


class IntakeWindow(QMainWindow):
    def __init__(self, session: Session, receipt: Receipt, *, reports: Path, sound: Sound | None = None,
                 tasks: TaskManager | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if parent is not None:
            self.setWindowFlag(Qt.WindowType.Window)  # its own window beside the workbench, not inside it
        self.session, self.receipt, self.reports = session, receipt, reports
        self.sound = sound or Sound()
        self.report_path: Path | None = None
        self.setWindowTitle(tr("FieldApp intake - COC {coc}").format(coc=receipt.coc_number))
        central = QWidget()
        root = QVBoxLayout(central)
        self.title = QLabel(self._title())
        self.title.setWordWrap(True)
        root.addWidget(self.title)
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setMinimumHeight(96)
        self.banner.setTextFormat(Qt.TextFormat.RichText)
        root.addWidget(self.banner)
        scan_row = QHBoxLayout()
        self.field = ScanField()
        self.damaged = QPushButton(tr("Damaged (F2)"))
        self.damaged.setToolTip(tr("Mark the container scanned last as damaged: it is rejected with that reason"))
        self.take = QPushButton()
        self.take.hide()
        scan_row.addWidget(self.field, 1)
        scan_row.addWidget(self.take)
        scan_row.addWidget(self.damaged)
        root.addLayout(scan_row)
        tiles = QHBoxLayout()
        self.counts: dict[str, QLabel] = {}
        for key, text in COUNTS:
            tile = QLabel()
            tile.setAlignment(Qt.AlignmentFlag.AlignCenter)
            tile.setProperty("caption", text)
            tile.setFrameShape(QLabel.Shape.StyledPanel)
            tile.setMinimumHeight(58)
            self.counts[key] = tile
            tiles.addWidget(tile)
        root.addLayout(tiles)
        split = QSplitter()
        coc_seal = receipt.shipment.seal_number if receipt.shipment else None
        self.form = HeaderForm(receipt.header, receipt.rules, coc_seal)
        split.addWidget(Scroller(self.form))  # the header scrolls on a short screen
        self.tabs = QTabWidget()
        self.missing_model = MissingModel([(c, e.sample_code) for c, e in receipt.expected.items()
                                           if c not in receipt.received])
        self.missing = _missing_view(self.missing_model)
        self.unexpected = QListWidget()
        for result in receipt.unexpected.values():  # set apart before this window opened (a rerun, a crash)
            self.unexpected.addItem(f"{result.code}: {say(result.message)}")
        self.log_model = ScanLogModel()
        self.log = QTableView()
        self.log.setModel(self.log_model)
        self.log.horizontalHeader().setStretchLastSection(True)
        self.log.verticalHeader().hide()
        self.tabs.addTab(self.missing, tr("Still missing"))
        self.tabs.addTab(self.unexpected, tr("Set apart"))
        self.tabs.addTab(self.log, tr("Scan log"))
        # every tab title whole, never behind scroll arrows: the splitter leaves the tabs that width
        self.tabs.setElideMode(Qt.TextElideMode.ElideNone)
        self.tabs.tabBar().setUsesScrollButtons(False)
        split.addWidget(self.tabs)
        split.setStretchFactor(1, 1)
        root.addWidget(split, 1)
        bottom = QHBoxLayout()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.close_button = QPushButton(tr("Close receipt and write report"))
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.close_button)
        root.addLayout(bottom)
        self.setCentralWidget(central)
        self.field.scanned.connect(self.handle_scan)
        self.damaged.clicked.connect(self.mark_damaged)
        # F2 in the scan field, and anywhere in the window while the clerk is in the header form
        self.field.damaged.connect(self.mark_damaged)
        self.damaged_shortcut = QShortcut(QKeySequence(DAMAGED_KEY), self)
        self.damaged_shortcut.activated.connect(self.mark_damaged)
        self.take.clicked.connect(self._take_suggestion)
        self.close_button.clicked.connect(self.close_receipt)
        self._own_tasks: TaskManager | None = None
        if tasks is None:  # opened on its own (fieldapp intake, the bench): a manager of its own
            tasks = self._own_tasks = TaskManager(self)
        self.upkeep = Upkeep(session.store, tasks, self)
        self.form.changed.connect(self._refresh_counts)
        self._suggestion = ""
        self._banner(tr("Ready"), tr("Scan the first container. Fill in the cooler's temperature and seal on the "
                                     "left."), GREY)
        if receipt.closed:
            when = receipt.header.received_at[:16].replace("T", " ")
            self._banner(tr("RECEIPT IS CLOSED"), tr("COC {coc} was received on {when}; scans are not recorded.")
                         .format(coc=receipt.coc_number, when=when), GREY)
        self._refresh_counts()
        self.field.setFocus()
        self.upkeep.start()
        fit_to_screen(self, 1200, 800)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.upkeep.stop()
        if self._own_tasks is not None:
            self._own_tasks.wait()  # a checkpoint still running must not outlive its manager
        super().closeEvent(event)

    def _title(self) -> str:
        r = self.receipt
        source = tr("from the COC manifest (not in this database)") if r.offline else (r.lab or "")
        head = tr("Receive cooler {coc}").format(coc=r.coc_number)
        line = tr("{n} expected · {source}").format(n=counted(len(r.expected), "jar"), source=source)
        return f"<span style='font-size:16pt; font-weight:bold'>{_esc(head)}</span><br>{_esc(line)}"

    def _banner(self, words: str, text: str, colour: str) -> None:
        self.banner.setText(f"<span style='font-size:18pt; font-weight:bold'>{words}</span><br>{text}")
        style = f"background: {colour}; color: white; padding: 8px; border-radius: 4px;"
        if self.banner.styleSheet() != style:  # a restyle re-polishes the widget: only when it changes
            self.banner.setStyleSheet(style)

    # scanning -----------------------------------------------------------------
    def handle_scan(self, text: str) -> ScanResult | None:
        """The scan's result as shown; None when the store refused to record it (the banner says why, and
        the scan is not counted: scanning it again once the cause is gone records it)."""
        try:
            result = self.receipt.scan(text)
        except FieldAppError as exc:  # a full disk, a file another program holds: said here, not raised
            text, hint = error_text(exc)  # out of a slot, where it would end as "unexpected error"
            self._banner(tr("NOT SAVED"), f"{_esc(text)} {_esc(hint)}", RED)
            self.sound.play(Outcome.INVALID)
            self.field.setFocus()
            return None
        self.show_result(result)
        return result

    def show_result(self, result: ScanResult) -> None:
        colour = LOOK[result.outcome][1]
        words = outcome_words(result.outcome)
        detail = _esc(say(result.message)) + (f"<br><b>{_esc(say(result.hint, hint=True))}</b>" if result.hint else "")
        # a bad or garbled scan is quoted as read in the message, never upper-cased into the headline
        shown = result.code if result.outcome not in (Outcome.INVALID, Outcome.KEYBOARD_LAYOUT) else ""
        self._banner(f"{words}  {_esc(shown)}", detail, colour)
        self.log_model.add(result)
        if result.recorded:
            self.upkeep.wrote()
        if result.outcome in (Outcome.RECEIVED, Outcome.HOLDING_TIME, Outcome.DUPLICATE):  # a duplicate may
            self.missing_model.remove(result.code)  # have been received at another desk since this one opened
        if result.outcome in UNEXPECTED:
            self.unexpected.addItem(f"{result.code}: {say(result.message)}")
        self._suggestion = result.suggestion
        self.take.setVisible(bool(result.suggestion))
        self.take.setText(tr("Take {code}").format(code=result.suggestion) if result.suggestion else "")
        self.sound.play(result.outcome)
        self._refresh_counts()
        self.field.setFocus()

    def scanner_stopped(self, said: str) -> None:
        """The serial scanner stopped (unplugged, a port that went away): its jars reach nothing now, which the
        clerk must see before scanning on into the void. ``said`` is rich text."""
        todo = tr("Plug it in and open the intake again, or scan into the field with a keyboard scanner.")
        self._banner(tr("SCANNER STOPPED"), f"{said}<br><b>{_esc(todo)}</b>", RED)
        self.sound.play(Outcome.INVALID)
        self.field.setFocus()

    def _take_suggestion(self) -> None:
        if self._suggestion:
            self.show_result(self.receipt.accept(self._suggestion))

    def mark_damaged(self) -> None:
        self.show_result(self.receipt.mark_damaged())

    def _refresh_counts(self) -> None:
        rec = closing.reconcile(self.receipt)
        values = {"expected": rec.expected, "received": rec.received, "missing": len(rec.missing),
                  "unexpected": len(rec.unexpected), "damaged": len(rec.damaged), "late": len(rec.late),
                  "duplicates": rec.duplicates}
        for key, tile in self.counts.items():
            n = values[key]
            bad = n and key not in ("expected", "received", "duplicates")  # a second scan harms nothing
            text = f"<span style='font-size:20pt; font-weight:bold'>{n}</span><br>{tr(tile.property('caption'))}"
            if tile.text() != text:  # an unchanged tile is neither laid out nor painted again
                tile.setText(text)
            style = f"color: {RED};" if bad else (f"color: {GREEN};" if key == "received" and n else "")
            if tile.styleSheet() != style:
                tile.setStyleSheet(style)
        # The missing count is on its tile; in the tab title it changed with every scan, and a new tab
        # title lays out the tab bar and the window again (2 ms a scan). Set apart changes rarely.
        text = tr("Set apart ({n})").format(n=len(rec.unexpected)) if rec.unexpected else tr("Set apart")
        if self.tabs.tabText(1) != text:
            self.tabs.setTabText(1, text)
        found = closing.deviations(self.receipt)
        kinds: dict[str, int] = {}
        for d in found:
            kinds[d.kind] = kinds.get(d.kind, 0) + 1
        listed = ", ".join(f"{n} {deviation_kind(kind)}" for kind, n in kinds.items())
        status = (tr("Closed now, the receipt would record {n} ({listed}).").format(
            n=counted(len(found), "deviation"), listed=listed) if found else tr("No deviations so far."))
        if self.status.text() != status:
            self.status.setText(status)

    # closing ---------------------------------------------------------------------
    def close_receipt(self) -> bool:
        self.form.store()
        path = self.reports / file_name(self.receipt.coc_number)
        try:
            from fieldapp.cli.label_commands import write_atomic

            # the lab's document: not the desk's language; written before the close is committed, so a
            # report that cannot be written leaves the receipt open, never closed without its report
            pdf = render_receipt_pdf(self.receipt, closing.ready(self.receipt), lang="nl")

            def write(_found: list[closing.Deviation]) -> None:
                try:
                    self.reports.mkdir(parents=True, exist_ok=True)
                except OSError as exc:
                    message, hint = write_failure(self.reports, exc)
                    raise ExportError(message, hint=hint) from None
                write_atomic(path, pdf)

            found = closing.close(self.receipt, write)
        except FieldAppError as exc:
            text, hint = error_text(exc)
            self._banner(tr("NOT CLOSED"), f"{_esc(text)}<br><b>{_esc(hint)}</b>", RED)
            self.form.error.setText(f"{text} {hint}".strip())
            return False
        self.report_path = path
        self._banner(tr("RECEIPT CLOSED"), _esc(tr("{n} recorded. Report: {path}").format(
            n=counted(len(found), "deviation"), path=path)), GREEN)
        self.close_button.setEnabled(False)
        return True


def _esc(text: str) -> str:
    """Plain text for the rich-text banner (a scanned code may hold '<' or '&')."""
    return escape(text, quote=False)


def _missing_view(model: MissingModel) -> QTableView:
    """The missing list as a one-column table with fixed row heights.

    A QListView lays out every item again after any change to its model, even
    one row's data (measured: 4 ms at 1,000 rows, 20 ms at 10,000, most of it
    calls from C++ into the Python model). A table's rows are positions in its
    header, so removing a row costs the repaint of the visible rows only.
    """
    view = QTableView()
    view.setModel(model)
    view.horizontalHeader().hide()
    view.horizontalHeader().setStretchLastSection(True)
    view.verticalHeader().hide()
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.setShowGrid(False)
    view.setWordWrap(False)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    return view
