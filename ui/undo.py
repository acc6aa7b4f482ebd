"""Undo and redo of recent actions (QUndoStack), each step a core action.

Every redo and undo is one call into the core, hence one transaction with its
own journal entry. Undoing a saved action does not rewrite history: it is the
compensating action (an added layer is deleted again, a deleted layer is
logged again), written and journalled like any other. When the core refuses
(for instance a layer that a sample now depends on), the error is reported
and the stack stays where it was.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QWidget

from fieldapp.domain import borehole as borehole_mod
from fieldapp.errors import FieldAppError
from fieldapp.session import Session
from ui.i18n import tr

if TYPE_CHECKING:
    from fieldapp.domain import sample as sample_mod
    from fieldapp.domain.layer import Admixture, Layer

ErrorSink = Callable[[FieldAppError], None]


def layer_fields(layer: Layer) -> dict[str, Any]:
    return {
        "upper": layer.upper_cm / 100, "lower": layer.lower_cm / 100, "soil": layer.soil_code,
        "colour": layer.colour, "sand_median": layer.sand_median, "smell": layer.smell,
        "oil_water": layer.oil_water, "admixtures": layer.admixture_list(), "remarks": layer.remarks,
    }


@dataclass
class _Step:
    do: Callable[[], None]
    undo: Callable[[], None]
    done_once: bool = field(default=False)


class ActionCommand(QUndoCommand):
    """A command whose first redo() is the action already saved by the form."""

    def __init__(self, text: str, redo: Callable[[], None], undo: Callable[[], None],
                 on_error: ErrorSink, changed: Callable[[], None]) -> None:
        super().__init__(text)
        self._step = _Step(redo, undo)
        self._on_error = on_error
        self._changed = changed

    def redo(self) -> None:
        if not self._step.done_once:
            self._step.done_once = True  # the form already wrote it
            return
        self._run(self._step.do)

    def undo(self) -> None:
        self._run(self._step.undo)

    def _run(self, fn: Callable[[], None]) -> None:
        try:
            fn()
        except FieldAppError as exc:
            self.setObsolete(True)
            self._on_error(exc)
        self._changed()


class Undo:
    """The window's undo stack and the commands for the sampler's actions."""

    def __init__(self, session: Session, parent: QWidget, on_error: ErrorSink,
                 changed: Callable[[], None]) -> None:
        self.session = session
        self.stack = QUndoStack(parent)
        self.stack.setUndoLimit(50)
        self._on_error = on_error
        self._changed = changed

    def _push(self, text: str, redo: Callable[[], None], undo: Callable[[], None]) -> None:
        self.stack.push(ActionCommand(text, redo, undo, self._on_error, self._changed))

    # the layer and sample modules are imported by the forms that call these, not at start
    def layer_added(self, layer: Layer) -> None:
        from fieldapp.domain import layer as layer_mod

        s, ref = self.session, {"id": layer.id}
        fields = layer_fields(layer)

        def redo() -> None:
            ref["id"] = layer_mod.add(s, layer.borehole_id, **fields).id

        self._push(tr("log layer {d}").format(d=layer.depth_text), redo, lambda: layer_mod.delete(s, ref["id"]))

    def layer_changed(self, before: Layer, after: Layer) -> None:
        from fieldapp.domain import layer as layer_mod

        s = self.session
        self._push(tr("change layer {d}").format(d=after.depth_text),
                   lambda: _void(layer_mod.update(s, after.id, **layer_fields(after))),
                   lambda: _void(layer_mod.update(s, before.id, **layer_fields(before))))

    def layer_deleted(self, layer: Layer) -> None:
        from fieldapp.domain import layer as layer_mod

        s, ref = self.session, {"id": layer.id}
        fields = layer_fields(layer)

        def undo() -> None:
            ref["id"] = layer_mod.add(s, layer.borehole_id, **fields).id

        self._push(tr("delete layer {d}").format(d=layer.depth_text),
                   lambda: layer_mod.delete(s, ref["id"]), undo)

    def borehole_added(self, bh: borehole_mod.Borehole, fields: dict[str, Any]) -> None:
        s, ref = self.session, {"id": bh.id}

        def redo() -> None:
            ref["id"] = borehole_mod.create(s, bh.project_id, **fields).id

        self._push(tr("add borehole {c}").format(c=bh.code), redo, lambda: borehole_mod.delete(s, ref["id"]))

    def sample_added(self, sm: sample_mod.Sample, fields: dict[str, Any]) -> None:
        from fieldapp.domain import sample as sample_mod

        s, ref = self.session, {"id": sm.id}

        def redo() -> None:
            ref["id"] = sample_mod.create(s, sm.project_id, **fields).id

        self._push(tr("take sample {c}").format(c=sm.code), redo, lambda: sample_mod.delete(s, ref["id"]))


    def borehole_depths_changed(self, before: borehole_mod.Borehole, after: borehole_mod.Borehole) -> None:
        """Final depth or groundwater level changed: undo writes the old values back."""
        s = self.session

        def put(bh: borehole_mod.Borehole) -> None:
            borehole_mod.set_final_depth(s, bh.id, _metres(bh.final_depth_cm), bh.stop_criterion)
            borehole_mod.set_groundwater(s, bh.id, _metres(bh.groundwater_cm))

        self._push(tr("change depths of {c}").format(c=after.code), lambda: put(after), lambda: put(before))


def _metres(cm: int | None) -> str | None:
    return None if cm is None else f"{cm / 100:.2f}"


def _void(_value: object) -> None:
    return None


def __getattr__(name: str) -> object:
    if name == "Admixture":  # re-exported, imported only when asked for
        from fieldapp.domain.layer import Admixture

        return Admixture
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["Admixture", "Undo"]
