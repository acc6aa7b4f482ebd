"""Opening the intake window: on a given COC number, or on the COC scanned at the desk.

Without ``--shipment`` the first thing scanned is the COC form itself: its
manifest code (all pages, in any order) or its COC number. A shipment in the
database is received against the database; one known only from its manifest
is received offline against the manifest.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from fieldapp.errors import FieldAppError
from fieldapp.intake.receipt import Receipt, open_shipment
from fieldapp.intake.scan import is_manifest, without_symbology
from fieldapp.intake.which import Ambiguous, by_manifest, by_number
from fieldapp.labels.manifest import ManifestPart, combine, decode_part
from fieldapp.session import Session
from ui.i18n import tr
from ui.intake.choices import ProjectChoice
from ui.intake.scan_field import ScanField, SerialBridge
from ui.intake.window import IntakeWindow
from ui.intake.words import error_text, say
from ui.screen import fit_to_screen


class ChooseCooler(QWidget):
    """'Scan the COC': collects manifest parts or takes a typed COC number."""

    def __init__(self, session: Session, opened: object) -> None:
        super().__init__()
        self.session = session
        self._opened = opened  # callable taking the Receipt
        self._parts: dict[int, ManifestPart] = {}
        self.setWindowTitle(tr("FieldApp intake - which cooler?"))
        layout = QVBoxLayout(self)
        intro = QLabel(f"<span style='font-size:16pt; font-weight:bold'>{tr('Receive a cooler')}</span><br>"
                       + tr("Scan the square code on the COC form (every page), or type the COC number and "
                            "press Enter."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.field = ScanField()
        self.field.setPlaceholderText(tr("COC manifest code or COC number"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout.addWidget(self.field)
        layout.addWidget(self.message)
        # a COC number several projects use: their shipments, to pick the cooler's
        self.choice = ProjectChoice(session, self.message)
        layout.addWidget(self.choice)
        layout.addStretch(1)
        self.field.scanned.connect(self.take)
        self.choice.chosen.connect(self._opened)
        fit_to_screen(self, 700, 240)

    def take(self, text: str) -> Receipt | None:
        got = take_coc_scan(self.session, self._parts, text, self.message, self.choice)
        if got is not None:
            self._opened(got)  # type: ignore[operator]
        return got


def take_coc_scan(session: Session, parts: dict[int, ManifestPart], text: str, message: QLabel,
                  choice: ProjectChoice) -> Receipt | None:
    """One scan or typed line at a "which cooler?" prompt: the receipt once the COC
    is known, else None with what happened (an error, or the pages still to scan) in ``message``;
    a COC number that several projects use offers their shipments in ``choice``."""
    choice.clear()
    try:
        got = read_coc(session, parts, text)
    except FieldAppError as exc:
        text, hint = error_text(exc)
        message.setText(f"<b>{escape(text, quote=False)}</b> {escape(hint, quote=False)}")
        return None
    if isinstance(got, ManifestPart):
        read = ", ".join(str(n) for n in sorted(parts))
        message.setText(tr("COC {coc}: manifest page(s) {read} of {n} read; scan the other pages.").format(
            coc=got.coc_number, read=read, n=got.parts))
        return None
    if isinstance(got, Ambiguous):
        choice.offer(got)
        return None
    return got


def read_coc(session: Session, parts: dict[int, ManifestPart],
             text: str) -> Receipt | ManifestPart | Ambiguous | None:
    """What was scanned or typed to say which cooler: a receipt once the COC is known.

    A manifest page is kept in ``parts`` and returned while other pages are
    still to be scanned; empty text gives None. A COC number (typed, or the
    form's) that names shipments of several projects gives the choice
    (:class:`~fieldapp.intake.which.Ambiguous`), never a hint to a command-line
    option. A :class:`FieldAppError` (unreadable code, unknown COC number)
    clears ``parts``.
    """
    text = without_symbology(text)
    try:
        if is_manifest(text):
            part = decode_part(text)
            parts[part.part] = part
            if len(parts) < part.parts:
                return part
            return by_manifest(session, combine(parts.values()))
        return by_number(session, text) if text else None
    except FieldAppError:
        parts.clear()
        raise


def reports_folder(session: Session) -> Path:
    return session.store.path.parent / "receipts"


class LabDesk(QObject):
    """The desk of ``fieldapp intake``: the "which cooler?" prompt, then the cooler's intake window.

    A serial scanner is opened with the desk, not with a window, and each of its scans goes to what is open
    now: the COC form's code scanned at the prompt opens the cooler, and the jars scanned after it reach its
    window. No scan falls in between: the bridge queues each scan to the GUI thread, and the COC's scan has
    opened the window before the next one is taken. A scanner that stops is said where the clerk looks.
    """

    def __init__(self, session: Session, scanner: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.windows: list[QWidget] = []  # the prompt and the intake windows opened, the one in front last
        self.bridge = SerialBridge(scanner, self) if scanner else None
        if self.bridge is not None:
            self.bridge.scanned.connect(self.take_scan)
            self.bridge.failed.connect(self._scanner_stopped)

    def open(self, shipment: str | None, project: str | None = None) -> QWidget:
        """The intake window of ``shipment`` (of ``project``), or the prompt; a COC number several projects
        use opens the prompt with their shipments to pick from."""
        opened = (open_shipment(self.session, shipment, project) if project else by_number(self.session, shipment)) \
            if shipment else None
        if isinstance(opened, Receipt):
            return self.show(opened)
        chooser = ChooseCooler(self.session, self.show)
        if opened is not None:
            chooser.choice.offer(opened)
        self.windows.append(chooser)
        chooser.show()
        return chooser

    def show(self, receipt: Receipt) -> IntakeWindow:
        window = IntakeWindow(self.session, receipt, reports=reports_folder(self.session))
        self.windows.append(window)
        window.show()
        if len(self.windows) > 1:
            self.windows[0].close()
        return window

    def take_scan(self, text: str) -> None:
        """A serial scan, to the window in front: the prompt takes it as the COC, a window as a jar."""
        front = self.windows[-1] if self.windows else None
        if isinstance(front, IntakeWindow):
            front.handle_scan(text)
        elif isinstance(front, ChooseCooler):
            front.take(text)

    def _scanner_stopped(self, text: str) -> None:
        front = self.windows[-1] if self.windows else None
        said = escape(say(text), quote=False)
        if isinstance(front, IntakeWindow):
            front.scanner_stopped(said)
        elif isinstance(front, ChooseCooler):
            front.message.setText(f"<b>{said}</b>")

    def start(self) -> None:
        if self.bridge is not None:
            self.bridge.start()

    def stop(self) -> None:
        if self.bridge is not None:
            self.bridge.stop()


def run_intake(db: Path | None, shipment: str | None, scanner: str | None, project: str | None = None) -> int:
    from ui.app import application, apply_look, database_path

    session = Session.open_for_user(database_path(db, demo=False))
    try:
        app = application()
        apply_look(app, session)
        desk = LabDesk(session, scanner)
        desk.open(shipment, project)
        desk.start()
        try:
            return int(app.exec())
        finally:
            desk.stop()
    finally:
        session.close()
