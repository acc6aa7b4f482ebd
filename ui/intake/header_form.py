"""The receipt header form: received by, when (with a reason if changed), temperature, seal, remarks."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDateTime, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from fieldapp.errors import FieldAppError
from fieldapp.intake.header import SEAL_STATES, ReceiptHeader, parse_reading
from fieldapp.intake.rules import LabRules
from ui.i18n import decimal, tr
from ui.intake.words import error_text, seal_state


class HeaderForm(QGroupBox):
    changed = Signal()

    def __init__(self, header: ReceiptHeader, rules: LabRules, coc_seal: str | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(tr("Cooler"), parent)
        self.header, self.rules = header, rules
        form = QFormLayout(self)
        self.received_by = QLineEdit(header.received_by)
        form.addRow(tr("Received by"), self.received_by)
        self._opened_text = header.received_at
        self._opened = QDateTime.fromString(header.received_at[:19], "yyyy-MM-ddTHH:mm:ss")
        self.received_at = QDateTimeEdit(self._opened)
        self.received_at.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.received_at.setCalendarPopup(True)
        form.addRow(tr("Received at"), self.received_at)
        self.time_reason = QLineEdit()
        self.time_reason.setPlaceholderText(tr("only when the time is changed: why"))
        self.time_reason.setEnabled(False)
        form.addRow(tr("Reason for the time"), self.time_reason)
        row = QHBoxLayout()
        self.reading = QLineEdit()
        self.reading.setPlaceholderText(tr("°C, e.g. 4,2"))
        self.reading.setMinimumWidth(self.reading.fontMetrics().horizontalAdvance(self.reading.placeholderText()) + 24)
        self.add_reading = QPushButton(tr("Add reading"))
        self.clear_readings = QPushButton(tr("Clear"))
        row.addWidget(self.reading, 1)
        row.addWidget(self.add_reading)
        row.addWidget(self.clear_readings)
        form.addRow(tr("Temperature"), row)
        self.temperature = QLabel()
        self.temperature.setWordWrap(True)
        form.addRow("", self.temperature)
        self.seal_number = QLineEdit(header.seal_number)
        self.seal_number.setPlaceholderText(tr("COC says {seal}").format(seal=coc_seal) if coc_seal
                                            else tr("number on the seal"))
        form.addRow(tr("Seal number"), self.seal_number)
        self.seal_state = QComboBox()
        for state in SEAL_STATES:
            self.seal_state.addItem(seal_state(state), state)
        form.addRow(tr("Seal as found"), self.seal_state)
        self.remarks = QLineEdit(header.remarks)
        form.addRow(tr("Remarks"), self.remarks)
        self.consulted = QLineEdit(header.consulted)
        self.consulted.setPlaceholderText(tr("name, when, what they decided"))
        form.addRow(tr("Customer consulted"), self.consulted)
        self.error = QLabel()
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        form.addRow("", self.error)
        self.received_at.dateTimeChanged.connect(self._time_changed)
        self.reading.returnPressed.connect(self._add_reading)
        self.add_reading.clicked.connect(self._add_reading)
        self.clear_readings.clicked.connect(self._clear_readings)
        for field in (self.received_by, self.time_reason, self.seal_number, self.remarks, self.consulted):
            field.textChanged.connect(self.store)
        self.seal_state.currentIndexChanged.connect(self.store)
        self._show_temperature()

    def _time_changed(self) -> None:
        changed = self.received_at.dateTime() != self._opened
        self.time_reason.setEnabled(changed)
        self.store()

    def _add_reading(self) -> None:
        try:
            value = parse_reading(self.reading.text())
        except FieldAppError as exc:
            self.error.setText(" ".join(filter(None, error_text(exc))))
            return
        self.error.setText("")
        self.header.readings.append(value)
        self.reading.clear()
        self._show_temperature()
        self.changed.emit()

    def _clear_readings(self) -> None:
        self.header.readings.clear()
        self._show_temperature()
        self.changed.emit()

    def _show_temperature(self) -> None:
        h, rules = self.header, self.rules
        accepted = tr("lab accepts {lo} to {hi} °C").format(lo=f"{rules.temperature_min:g}",
                                                            hi=f"{rules.temperature_max:g}")
        if not h.readings:
            self.temperature.setText(tr("No reading yet ({accepted}).").format(accepted=accepted))
            self.temperature.setProperty("role", "warning")
        else:
            flag = h.temperature_flag(rules)
            readings = "; ".join(decimal(r) for r in h.readings)  # "4,2; 5,0": the comma is the decimal sign
            verdict = tr("OUT OF RANGE") if flag else tr("within range")
            self.temperature.setText(tr("Readings {readings} °C; mean {mean} °C: {verdict} ({accepted}).").format(
                readings=readings, mean=decimal(h.mean_temperature), verdict=verdict, accepted=accepted))
            self.temperature.setProperty("role", "error" if flag else "")
        self.temperature.style().polish(self.temperature)

    def store(self) -> None:
        """Copy the form into the receipt's header (called on every edit)."""
        h = self.header
        h.received_by = self.received_by.text().strip()
        when = self.received_at.dateTime().toPython()
        if self.received_at.dateTime() != self._opened and isinstance(when, datetime):
            h.received_at = when.astimezone().isoformat(timespec="seconds")
        else:
            h.received_at = self._opened_text
        h.time_reason = self.time_reason.text().strip() if self.time_reason.isEnabled() else ""
        h.seal_number = self.seal_number.text().strip()
        h.seal_state = str(self.seal_state.currentData())
        h.remarks = self.remarks.text().strip()
        h.consulted = self.consulted.text().strip()
        self.changed.emit()
