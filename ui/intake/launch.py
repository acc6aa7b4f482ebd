"""Opening the intake window: on a given COC number, or on the COC scanned at the desk.

Without ``--shipment`` the first thing scanned is the COC form itself: its
manifest code (all pages, in any order) or its COC number. A shipment in the
database is received against the database; one known only from its manifest
is received offline against the manifest.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

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
from ui.intake.words import error_text
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


def run_intake(db: Path | None, shipment: str | None, scanner: str | None, project: str | None = None) -> int:
    from ui.app import application, apply_look, database_path

    session = Session.open_for_user(database_path(db, demo=False))
    try:
        app = application()
        apply_look(app, session)
        windows: list[QWidget] = []
        bridge = SerialBridge(scanner) if scanner else None

        def show(receipt: Receipt) -> None:
            window = IntakeWindow(session, receipt, reports=reports_folder(session))
            if bridge is not None:
                bridge.scanned.connect(window.handle_scan)
            windows.append(window)
            window.show()
            if len(windows) > 1:
                windows[0].close()

        opened = (open_shipment(session, shipment, project) if project else by_number(session, shipment)) \
            if shipment else None
        if isinstance(opened, Receipt):
            show(opened)
        else:
            chooser = ChooseCooler(session, show)
            if opened is not None:  # a number several projects use: their shipments, to pick from
                chooser.choice.offer(opened)
            windows.append(chooser)
            chooser.show()
        if bridge is not None:
            bridge.start()
        try:
            return int(app.exec())
        finally:
            if bridge is not None:
                bridge.stop()
    finally:
        session.close()
