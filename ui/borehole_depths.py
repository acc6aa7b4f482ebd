"""The borehole's final depth and groundwater level, on the Layers tab beside the layers.

Both are written at once when the sampler leaves the field or presses Enter
(one core action each, undoable), like every other edit. An empty field
clears the value. The core's errors (not a depth, above the deepest layer)
appear under the field through the form's :class:`~ui.field_errors.FieldErrors`.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QGridLayout, QLineEdit, QWidget

from fieldapp.domain import borehole as borehole_mod
from fieldapp.domain.borehole import Borehole
from fieldapp.errors import FieldAppError
from fieldapp.session import Session
from ui.field_errors import FieldErrors
from ui.forms import add_row
from ui.i18n import in_metres, tr
from ui.undo import Undo


class BoreholeDepths(QObject):
    """Two fields in the layer form's grid; ``saved`` carries the updated borehole."""

    saved = Signal(object)

    def __init__(self, session: Session, undo: Undo, errors: FieldErrors, grid: QGridLayout,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.undo = undo
        self.errors = errors
        self.borehole: Borehole | None = None
        self.final_edit = QLineEdit()
        self.final_edit.setPlaceholderText(tr("m below ground, where drilling stopped"))
        self.water_edit = QLineEdit()
        self.water_edit.setPlaceholderText(tr("m below ground, when measured"))
        add_row(grid, tr("Final depth (m)"), self.final_edit, errors, "final depth", "stop criterion")
        add_row(grid, tr("Groundwater level (m)"), self.water_edit, errors, "groundwater level")
        #: while the window reads the forms again (an undo), a field losing the cursor writes nothing
        self.held = False
        for edit in (self.final_edit, self.water_edit):
            edit.editingFinished.connect(self._left)

    def _left(self) -> None:
        if not self.held:
            self.save()

    def load(self, bh: Borehole | None) -> None:
        # read afresh: the caller's record may predate an edit made here
        bh = borehole_mod.get(self.session.store, bh.id) if bh is not None else None
        self.borehole = bh
        self.final_edit.setText(_text(bh.final_depth_cm if bh else None))
        self.water_edit.setText(_text(bh.groundwater_cm if bh else None))

    @property
    def page(self) -> QWidget:
        """The layer form the two fields are on."""
        form = self.parent()
        assert isinstance(form, QWidget)
        return form

    def _typed(self) -> tuple[str | None, str | None]:
        """The final depth and the level typed and not written (None: the field shows what is stored)."""
        bh = self.borehole
        if bh is None:
            return None, None
        final, water = self.final_edit.text().strip(), self.water_edit.text().strip()
        return (final if final != _text(bh.final_depth_cm) else None,
                water if water != _text(bh.groundwater_cm) else None)

    def unsaved(self) -> str | None:
        """A depth typed and not written (refused by the core, or an undo pressed while typing it), in a
        sentence; None when both fields show what is stored. A field left writes itself: this is what stays."""
        final, water = self._typed()
        if self.borehole is None or (final is None and water is None):
            return None
        code, empty = self.borehole.code, tr("(empty)")
        lines = ([] if final is None else [tr("The final depth {d} m of borehole {c} is not saved yet.").format(
            d=final or empty, c=code)]) + ([] if water is None else [
            tr("The groundwater level {d} m of borehole {c} is not saved yet.").format(d=water or empty, c=code)])
        return "\n".join(lines)

    def forget_typed(self) -> None:
        """The fields show what is stored again (left, a field would write what it shows)."""
        self.load(self.borehole)

    def typed_input(self) -> object:
        return None if self.borehole is None else (self.borehole.id, *self._typed())

    def put_back(self, kept: object) -> bool:
        if not isinstance(kept, tuple) or self.borehole is None or self.undo.now(kept[0]) != self.borehole.id:
            return False
        for edit, text in zip((self.final_edit, self.water_edit), kept[1:], strict=True):
            if text is not None:
                edit.setText(text)
        return True

    def save(self) -> Borehole | None:
        """Write what changed; returns the updated borehole, or None when nothing was written."""
        before = self.borehole
        if before is None:
            return None
        final, water = self.final_edit.text().strip(), self.water_edit.text().strip()
        changed_final = final != _text(before.final_depth_cm)
        changed_water = water != _text(before.groundwater_cm)
        if not (changed_final or changed_water):
            return None
        try:
            after = before
            with self.session.store.action("Set borehole depths"):  # both fields, one action
                if changed_final:
                    after = borehole_mod.set_final_depth(self.session, before.id, final or None,
                                                         before.stop_criterion)
                if changed_water:
                    after = borehole_mod.set_groundwater(self.session, before.id, water or None)
        except FieldAppError as exc:
            self.errors.show(exc)
            return None
        self.errors.clear()
        self.borehole = after
        self.undo.borehole_depths_changed(before, after)
        self.final_edit.setText(_text(after.final_depth_cm))
        self.water_edit.setText(_text(after.groundwater_cm))
        self.saved.emit(after)
        return after


def _text(cm: int | None) -> str:
    return "" if cm is None else in_metres(cm)
