"""GNSS and display settings: port or auto-detect, baud, required class, averaging
target, a recorded log for training; language and theme; the SIKB codes of the
SIKB0101 export. Saved to the user's settings file; GNSS changes restart the
receiver at once."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from drivers.gnss.detect import list_serial_ports
from drivers.gnss.sources import COMMON_BAUDS
from fieldapp.session import Session
from fieldapp.settings import Reading, config_dir
from ui.field_errors import FieldErrors
from ui.forms import add_row, code_combo, set_combo_code
from ui.gnss_sources import DEMO_LOG, REPLAY_PREFIX
from ui.i18n import language, tr, tr_noop
from ui.screen import fit_dialog
from ui.taskman import TaskManager


class SettingsDialog(QDialog):
    def __init__(self, session: Session, tasks: TaskManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.tasks = tasks
        st = session.settings
        lang = language(st)
        self.setWindowTitle(tr("Settings"))
        self.errors = FieldErrors(QLabel())
        self.port_combo = QComboBox()
        self.port_combo.setEditable(True)
        self.port_combo.addItem(tr("auto-detect"), "auto")
        for port in list_serial_ports():
            self.port_combo.addItem(f"{port.device} – {port.description}", port.device)
        self.port_combo.addItem(tr("training: replay a recorded log"), f"{REPLAY_PREFIX}{DEMO_LOG}")
        index = self.port_combo.findData(st.gnss_port)
        if index >= 0:
            self.port_combo.setCurrentIndex(index)
        else:
            self.port_combo.setEditText(st.gnss_port)
        self.log_button = QPushButton(tr("Choose a log…"))
        self.log_button.clicked.connect(self._choose_log)
        self.baud_combo = QComboBox()
        self.baud_combo.addItem(tr("auto-detect"), "auto")
        for b in COMMON_BAUDS:
            self.baud_combo.addItem(str(b), str(b))
        self.baud_combo.setCurrentIndex(max(0, self.baud_combo.findData(st.gnss_baud)))
        self.class_combo = code_combo(session, "horizontal_positioning_method", lang, empty=tr("(none)"))
        set_combo_code(self.class_combo, st.required_position_class)
        self.count_spin = QSpinBox()
        self.count_spin.setRange(1, 3600)
        self.count_spin.setValue(st.averaging_count or 30)
        self.seconds_spin = QSpinBox()
        self.seconds_spin.setRange(0, 3600)
        self.seconds_spin.setValue(st.averaging_seconds)
        # the receiver profile: taken off the GNSS height for a surface level (fieldapp/domain/borehole_closing.py)
        self.antenna_spin = QDoubleSpinBox()
        self.antenna_spin.setRange(0.0, 5.0)
        self.antenna_spin.setDecimals(2)
        self.antenna_spin.setSingleStep(0.05)
        self.antenna_spin.setSuffix(" m")
        self.antenna_spin.setSpecialValueText(tr("not set"))
        self.antenna_spin.setValue(st.antenna_height_m)
        # the codes SIKB assigns to FieldApp's supplier for a SIKB0101 file (README, "SIKB0101 export"); 0 = not set
        self.sikb_spins: dict[str, QSpinBox] = {}
        for key in ("sikb_application_id", "sikb_supplier_id"):
            spin = QSpinBox()
            spin.setRange(0, 99_999)
            spin.setSpecialValueText(tr("not set"))
            value = getattr(st, key)
            spin.setValue(value if isinstance(value, int) and 0 <= value <= 99_999 else 0)
            self.sikb_spins[key] = spin
        self.language_combo = QComboBox()
        self.language_combo.addItem(tr("system language"), "")
        self.language_combo.addItem("Nederlands", "nl")
        self.language_combo.addItem("English", "en")
        self.language_combo.setCurrentIndex(max(0, self.language_combo.findData(st.language)))
        self.theme_combo = QComboBox()
        self.theme_combo.addItem(tr("normal"), "normal")
        self.theme_combo.addItem(tr("sunlight (high contrast)"), "sunlight")
        self.theme_combo.setCurrentIndex(max(0, self.theme_combo.findData(st.theme)))

        grid = QGridLayout()
        port_row = QWidget()
        port_box = QHBoxLayout(port_row)
        port_box.setContentsMargins(0, 0, 0, 0)
        port_box.addWidget(self.port_combo, 1)
        port_box.addWidget(self.log_button)
        add_row(grid, tr("GNSS port"), port_row, self.errors, "port")
        add_row(grid, tr("Baud rate"), self.baud_combo, self.errors, "baud")
        add_row(grid, tr("Required positioning class"), self.class_combo, self.errors, "class")
        add_row(grid, tr("Average at most (fixes)"), self.count_spin, self.errors, "count")
        add_row(grid, tr("Average at most (seconds, 0 = no limit)"), self.seconds_spin, self.errors, "seconds")
        add_row(grid, tr("Antenna height above ground"), self.antenna_spin, self.errors, "antenna height")
        add_row(grid, tr("SIKB application code"), self.sikb_spins["sikb_application_id"], self.errors, "sikb app")
        add_row(grid, tr("SIKB supplier code"), self.sikb_spins["sikb_supplier_id"], self.errors, "sikb supplier")
        add_row(grid, tr("Language"), self.language_combo, self.errors, "language")
        add_row(grid, tr("Theme"), self.theme_combo, self.errors, "theme")
        note = QLabel(tr("Language and theme change as soon as the settings are saved."))
        note.setWordWrap(True)
        save = QPushButton(tr("Save settings"))
        save.setDefault(True)
        save.clicked.connect(self.save)
        cancel = QPushButton(tr("Cancel"))
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(save)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(note)
        layout.addLayout(buttons)
        fit_dialog(self)  # pick lists no wider than needed, the dialog within the screen

    def _choose_log(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("Recorded NMEA log"), str(DEMO_LOG.parent))
        if path:
            self.port_combo.setEditText(f"{REPLAY_PREFIX}{path}")

    def port_value(self) -> str:
        data = self.port_combo.currentData()
        text = self.port_combo.currentText().strip()
        if isinstance(data, str) and self.port_combo.itemText(self.port_combo.currentIndex()) == text:
            return data
        return text or "auto"

    def save(self) -> None:
        st = self.session.settings
        st.gnss_port = self.port_value()
        st.gnss_baud = str(self.baud_combo.currentData())
        st.required_position_class = self.class_combo.currentData() or ""
        st.averaging_count = self.count_spin.value()
        st.averaging_seconds = self.seconds_spin.value()
        st.antenna_height_m = round(self.antenna_spin.value(), 2)
        st.language = str(self.language_combo.currentData())
        st.theme = str(self.theme_combo.currentData())
        st.sikb_application_id = self.sikb_spins["sikb_application_id"].value()
        st.sikb_supplier_id = self.sikb_spins["sikb_supplier_id"].value()
        st.save(config_dir() / "settings.json")
        parent = self.parent()
        restart = getattr(parent, "restart_gnss", None)
        if callable(restart):
            restart()
        self.accept()
        look = getattr(parent, "apply_look_now", None)
        if callable(look):
            look()  # theme and language at once, no restart


# each setting as this dialog's rows name it (the others by their name in the file)
_LABELS = {"gnss_port": tr_noop("GNSS port"), "gnss_baud": tr_noop("Baud rate"),
           "required_position_class": tr_noop("Required positioning class"),
           "averaging_count": tr_noop("Average at most (fixes)"),
           "averaging_seconds": tr_noop("Average at most (seconds, 0 = no limit)"),
           "antenna_height_m": tr_noop("Antenna height above ground"),
           "sikb_application_id": tr_noop("SIKB application code"), "sikb_supplier_id": tr_noop("SIKB supplier code"),
           "language": tr_noop("Language"), "theme": tr_noop("Theme")}


def tell_unread(reading: Reading, path: Path, parent: QWidget) -> QMessageBox | None:
    """Say, window-modal and without a nested event loop, which settings the file could not give: the
    sampler must know that the antenna height or the name on the COC is back at its default."""
    if reading.damaged_copy is None and not reading.reset:
        return None
    if reading.reset:
        names = ", ".join(tr(_LABELS[n]) if n in _LABELS else n for n in reading.reset)
        text = tr("Some settings in {file} could not be read and are back at their defaults: {names}.").format(
            file=path, names=names)
    else:
        text = tr("The settings file {file} is damaged: FieldApp starts with its default settings. The damaged "
                  "file is kept as {copy}.").format(file=path, copy=reading.damaged_copy)
    box = QMessageBox(QMessageBox.Icon.Warning, tr("Settings"), text, QMessageBox.StandardButton.Ok, parent)
    box.setInformativeText(tr("Check them under Settings before you record anything."))
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.open()
    return box
