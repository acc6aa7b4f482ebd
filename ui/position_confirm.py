"""The two questions before a borehole's position is saved.

Saving while averaging runs asks whether to take the average so far or keep
averaging: the fixes are never thrown away without a word (they used to be:
at 21 of 30 fixes "Save borehole" stored no position at all). A position
that strays from the plan (:mod:`fieldapp.positions.deviation`) is saved only
with a reason, which the core keeps with the borehole.

Both are window-modal dialogs opened with ``open()`` (no nested event loop);
the answer arrives as a call of ``on_answer``.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.positions.deviation import planned_distance_m, rules, worse_than
from ui.i18n import counted, decimal, tr
from ui.models import position_class_text


class SaveWhileAveraging(QMessageBox):
    """"Take the average so far, or keep averaging?" ``on_answer(True)`` means save now."""

    def __init__(self, count: int, goal: int | None, new_borehole: bool, on_answer: Callable[[bool], None],
                 parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Averaging is running"))
        self.setIcon(QMessageBox.Icon.Question)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self._on_answer = on_answer
        if count:
            self.setText(tr("Averaging is still running: {n} of {goal} taken.").format(
                n=count, goal=counted(goal, "fix") if goal else "–"))
            self.setInformativeText(tr("Save the borehole with the average of {n} taken so far, or keep "
                                       "averaging until the target is met?").format(n=counted(count, "fix")))
            self.save_button = self.addButton(tr("Save with the average so far"),
                                              QMessageBox.ButtonRole.AcceptRole)
        else:
            self.setText(tr("Averaging has not taken a fix yet."))
            self.setInformativeText(tr("Save the borehole without a position (it stays planned), or keep "
                                       "averaging?") if new_borehole else
                                    tr("A planned borehole is saved with its measured position: keep "
                                       "averaging until there is a fix."))
            self.save_button = self.addButton(tr("Save without a position"), QMessageBox.ButtonRole.AcceptRole)
            self.save_button.setEnabled(new_borehole)
        self.keep_button = self.addButton(tr("Keep averaging"), QMessageBox.ButtonRole.RejectRole)
        self.setDefaultButton(self.save_button if self.save_button.isEnabled() else self.keep_button)
        self.setEscapeButton(self.keep_button)
        self.buttonClicked.connect(self._clicked)

    @Slot(object)
    def _clicked(self, button: object) -> None:
        self._on_answer(button is self.save_button)


class DeviationDialog(QDialog):
    """Why this position is accepted: the deviations named, a reason required."""

    def __init__(self, x_rd: float | None, y_rd: float | None, position_class: str | None,
                 planned: tuple[float | None, float | None], required_class: str | None,
                 on_reason: Callable[[str], None], parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Confirm the position"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self._on_reason = on_reason
        limit = rules().planned_distance_m
        lines: list[str] = []
        distance = planned_distance_m(x_rd, y_rd, *planned)
        if distance is not None and distance > limit:
            lines.append(tr("The position is {d} m from the planned location (more than {limit} m).").format(
                d=decimal(distance, 1), limit=decimal(limit, 0 if float(limit).is_integer() else 1)))
        if worse_than(position_class, required_class):
            lines.append(tr("Its positioning class {have} is below the project's required class {need}.").format(
                have=position_class_text(position_class) if position_class else tr("(none fits)"),
                need=position_class_text(required_class)))
        self.what = QLabel("\n".join(lines))
        self.what.setWordWrap(True)
        self.reason_edit = QLineEdit()
        self.reason_edit.setPlaceholderText(tr("e.g. moved 6 m east: cable in the planned spot"))
        ask = QLabel(tr("Save it anyway? Give the reason; it is kept with the borehole."))
        ask.setWordWrap(True)
        ask.setBuddy(self.reason_edit)
        self.save_button = QPushButton(tr("Save with this reason"))
        self.save_button.setDefault(True)
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self._save)
        self.cancel_button = QPushButton(tr("Take the position again"))
        self.cancel_button.clicked.connect(self.reject)
        self.reason_edit.textChanged.connect(lambda text: self.save_button.setEnabled(bool(text.strip())))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.what)
        layout.addWidget(ask)
        layout.addWidget(self.reason_edit)
        layout.addLayout(buttons)
        self.setMinimumWidth(420)

    @Slot()
    def _save(self) -> None:
        reason = self.reason_edit.text().strip()
        if not reason:
            return
        self.accept()
        self._on_reason(reason)
