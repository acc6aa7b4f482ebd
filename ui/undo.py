"""Undo and redo of recent actions (QUndoStack), each step a core action.

Every redo and undo is one call into the core, hence one transaction with its
own journal entry. Undoing a saved action does not rewrite history: it is the
compensating action (an added layer is deleted again, a deleted layer is
logged again, a scanned container is voided, a seal is broken), written and
journalled like any other. When the core refuses (for instance a layer that
a sample now depends on), the error is reported whole and the step stays on
the stack where it was: the core is asked first, and the stack moves only
when the core has done it.

A record an undo deleted and a redo wrote again (or the reverse) has a new id: the stack keeps
which id each record has now (:meth:`Undo.now`), so the steps before and after it still reach it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QWidget

from fieldapp.domain import borehole as borehole_mod
from fieldapp.errors import FieldAppError
from fieldapp.session import Session
from ui.i18n import decimal, tr

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox

    from fieldapp.domain import sample as sample_mod
    from fieldapp.domain.container import Container
    from fieldapp.domain.lab_order import LabOrder
    from fieldapp.domain.layer import Admixture, Layer
    from fieldapp.domain.purge import Reading
    from fieldapp.domain.shipment import Shipment

ErrorSink = Callable[[FieldAppError], None]


def layer_fields(layer: Layer) -> dict[str, Any]:
    return {
        "upper": layer.upper_cm / 100, "lower": layer.lower_cm / 100, "soil": layer.soil_code,
        "colour": layer.colour, "sand_median": layer.sand_median, "smell": layer.smell,
        "oil_water": layer.oil_water, "admixtures": layer.admixture_list(), "remarks": layer.remarks,
        "secondary_colour": layer.secondary_colour, "colour_shade": layer.colour_shade,
        "gravel_median": layer.gravel_median, "components": layer.component_list(),
    }


@dataclass
class _Step:
    do: Callable[[], None]
    undo: Callable[[], None]
    done_once: bool = field(default=False)


class ActionCommand(QUndoCommand):
    """A command whose first redo() is the action already saved by the form.

    :meth:`Undo.undo` and :meth:`Undo.redo` run the core action themselves
    and move the stack only when it succeeded; the stack's own call is then
    a no-op (``ran``)."""

    def __init__(self, text: str, redo: Callable[[], None], undo: Callable[[], None],
                 on_error: ErrorSink, changed: Callable[[], None]) -> None:
        super().__init__(text)
        self._step = _Step(redo, undo)
        self._on_error = on_error
        self._changed = changed
        self.ran = False
        #: the borehole (its first id) an undo of this step deletes: typed input in it is asked about first
        self.undo_removes: str | None = None

    def redo(self) -> None:
        if not self._step.done_once:
            self._step.done_once = True  # the form already wrote it
            return
        self._stacked(self._step.do)

    def undo(self) -> None:
        self._stacked(self._step.undo)

    def _stacked(self, fn: Callable[[], None]) -> None:
        if self.ran:
            self.ran = False
            return
        self.attempt(fn)  # called by the stack directly (e.g. setIndex): best effort

    def attempt(self, fn: Callable[[], None]) -> bool:
        try:
            fn()
        except FieldAppError as exc:
            self._on_error(exc)
            return False
        finally:
            self._changed()
        return True

    def try_undo(self) -> bool:
        self.ran = self.attempt(self._step.undo)
        return self.ran

    def try_redo(self) -> bool:
        self.ran = self.attempt(self._step.do)
        return self.ran


class Undo:
    """The window's undo stack and the commands for the sampler's actions."""

    def __init__(self, session: Session, parent: QWidget, on_error: ErrorSink,
                 changed: Callable[[], None]) -> None:
        self.session = session
        self.stack = QUndoStack(parent)
        self.stack.setUndoLimit(50)
        self._on_error = on_error
        self._changed = changed
        #: a record deleted and written again by a step has a new id: each old id → the next one
        self._moved: dict[str, str] = {}
        #: the window's question before an undo deletes a borehole (id now, the undo to run after the
        #: answer): False when it asked (ui/unsaved.py)
        self.before_removing: Callable[[str, Callable[[], None]], bool] | None = None

    def now(self, record_id: str) -> str:
        """The id the record first saved as ``record_id`` has now."""
        while record_id in self._moved:
            record_id = self._moved[record_id]
        return record_id

    def rewritten(self, record_id: str, new_id: str) -> None:
        """The record known as ``record_id`` was written again as ``new_id`` (a fresh id, never an old one)."""
        old = self.now(record_id)
        if old != new_id:
            self._moved[old] = new_id

    def _push(self, text: str, redo: Callable[[], None], undo: Callable[[], None]) -> ActionCommand:
        command = ActionCommand(text, redo, undo, self._on_error, self._changed)
        self.stack.push(command)
        return command

    def push(self, text: str, redo: Callable[[], None], undo: Callable[[], None]) -> None:
        """A step whose commands live with the window that makes them (ui/analysis_composer.py);
        ``redo`` and ``undo`` are each one core action, like the steps below."""
        self._push(text, redo, undo)

    # undo and redo that keep a step the core refuses ------------------------------
    def undo(self) -> bool:
        """Undo the last step; if the core refuses, the step stays and the error is reported."""
        index = self.stack.index()
        cmd = self.stack.command(index - 1) if index > 0 else None
        if not isinstance(cmd, ActionCommand):
            return False
        if cmd.undo_removes is not None and self.before_removing is not None \
                and not self.before_removing(self.now(cmd.undo_removes), self.undo):
            return False  # asked first: undone after the answer
        if not cmd.try_undo():
            return False
        self.stack.undo()
        return True

    def redo(self) -> bool:
        index = self.stack.index()
        cmd = self.stack.command(index) if index < self.stack.count() else None
        if not isinstance(cmd, ActionCommand) or not cmd.try_redo():
            return False
        self.stack.redo()
        return True

    def name_steps(self, undo: QAction, redo: QAction) -> None:
        """Keep the window's Undo and Redo actions naming the step they would take (the menu shows it)."""

        def update() -> None:
            if not (shiboken6.isValid(self.stack) and shiboken6.isValid(undo) and shiboken6.isValid(redo)):
                return  # the window is being torn down
            undo.setText(tr("Undo {what}").format(what=self.stack.undoText()) if self.stack.canUndo()
                         else tr("Undo"))
            redo.setText(tr("Redo {what}").format(what=self.stack.redoText()) if self.stack.canRedo()
                         else tr("Redo"))

        self.stack.indexChanged.connect(lambda _i: update())
        update()

    # the layer and sample modules are imported by the forms that call these, not at start
    def layer_added(self, layer: Layer) -> None:
        from fieldapp.domain import layer as layer_mod

        s, now = self.session, self.now
        fields = layer_fields(layer)

        def redo() -> None:
            self.rewritten(layer.id, layer_mod.add(s, now(layer.borehole_id), **fields).id)

        self._push(tr("log layer {d}").format(d=layer.depth_text), redo, lambda: layer_mod.delete(s, now(layer.id)))

    def layer_changed(self, before: Layer, after: Layer) -> None:
        from fieldapp.domain import layer as layer_mod

        s, now = self.session, self.now
        self._push(tr("change layer {d}").format(d=after.depth_text),
                   lambda: _void(layer_mod.update(s, now(after.id), **layer_fields(after))),
                   lambda: _void(layer_mod.update(s, now(before.id), **layer_fields(before))))

    def layer_deleted(self, layer: Layer) -> None:
        from fieldapp.domain import layer as layer_mod

        s, now = self.session, self.now
        fields = layer_fields(layer)

        def undo() -> None:
            self.rewritten(layer.id, layer_mod.add(s, now(layer.borehole_id), **fields, kept=layer.kept()).id)

        self._push(tr("delete layer {d}").format(d=layer.depth_text),
                   lambda: layer_mod.delete(s, now(layer.id)), undo)

    def borehole_added(self, bh: borehole_mod.Borehole, fields: dict[str, Any]) -> None:
        s, now = self.session, self.now

        def redo() -> None:
            self.rewritten(bh.id, borehole_mod.create(s, bh.project_id, **fields).id)

        step = self._push(tr("add borehole {c}").format(c=bh.code), redo, lambda: borehole_mod.delete(s, now(bh.id)))
        step.undo_removes = bh.id

    def sample_added(self, sm: sample_mod.Sample, fields: dict[str, Any]) -> None:
        from fieldapp.domain import sample as sample_mod

        s, now = self.session, self.now

        def redo() -> None:
            parts = [sample_mod.Part(now(p.borehole_id), p.upper, p.lower) for p in fields["parts"]]
            self.rewritten(sm.id, sample_mod.create(s, sm.project_id, **{**fields, "parts": parts}).id)

        self._push(tr("take sample {c}").format(c=sm.code), redo, lambda: sample_mod.delete(s, now(sm.id)))

    def sampled_at_changed(self, sm: sample_mod.Sample, before: str | None, after: str | None) -> None:
        from fieldapp.domain import sample as sample_mod

        s, now = self.session, self.now
        self._push(tr("change sampling time of {c}").format(c=sm.code),
                   lambda: _void(sample_mod.set_sampled_at(s, now(sm.id), after)),
                   lambda: _void(sample_mod.set_sampled_at(s, now(sm.id), before)))

    # containers and shipments: undone by a correcting custody event, never a delete
    def container_added(self, jar: Container) -> None:
        from fieldapp.domain import container as container_mod

        s = self.session
        self._push(tr("scan container {b}").format(b=jar.barcode),
                   lambda: _void(container_mod.restore(s, jar.id, "scan redone")),
                   lambda: _void(container_mod.void(s, jar.id, "scan undone")))

    def container_voided(self, jar: Container, reason: str) -> None:
        from fieldapp.domain import container as container_mod

        s = self.session
        self._push(tr("void container {b}").format(b=jar.barcode),
                   lambda: _void(container_mod.void(s, jar.id, reason)),
                   lambda: _void(container_mod.restore(s, jar.id, "void undone")))

    def shipment_created(self, ship: Shipment) -> None:
        from fieldapp.domain import shipment as shipment_mod

        s, now = self.session, self.now

        def redo() -> None:
            self.rewritten(ship.id, shipment_mod.create(s, ship.project_id, code=ship.code, lab=ship.lab).id)

        self._push(tr("new shipment {c}").format(c=ship.code), redo,
                   lambda: shipment_mod.delete_empty(s, now(ship.id)))

    def containers_packed(self, ship: Shipment, jars: list[Container]) -> None:
        from fieldapp.domain import shipment as shipment_mod

        s, now, ids = self.session, self.now, [j.id for j in jars]
        what = jars[0].barcode if len(jars) == 1 else tr("{n} containers").format(n=len(jars))
        self._push(tr("pack {what} in {c}").format(what=what, c=ship.code),
                   lambda: shipment_mod.add_containers(s, now(ship.id), ids),
                   lambda: shipment_mod.remove_containers(s, now(ship.id), ids, "packing undone"))

    def containers_taken_out(self, ship: Shipment, jars: list[Container], reason: str) -> None:
        from fieldapp.domain import shipment as shipment_mod

        s, now, ids = self.session, self.now, [j.id for j in jars]
        what = jars[0].barcode if len(jars) == 1 else tr("{n} containers").format(n=len(jars))
        self._push(tr("take {what} out of {c}").format(what=what, c=ship.code),
                   lambda: shipment_mod.remove_containers(s, now(ship.id), ids, reason),
                   lambda: shipment_mod.add_containers(s, now(ship.id), ids))

    def shipment_sealed(self, ship: Shipment, seal_number: str) -> None:
        from fieldapp.domain import shipment as shipment_mod

        s, now = self.session, self.now
        self._push(tr("seal {c}").format(c=ship.code),
                   lambda: _void(shipment_mod.seal(s, now(ship.id), seal_number)),
                   lambda: _void(shipment_mod.unseal(s, now(ship.id), "sealing undone")))

    def shipment_handed_over(self, ship: Shipment) -> None:
        from fieldapp.domain import shipment as shipment_mod

        s, now = self.session, self.now
        self._push(tr("hand over {c}").format(c=ship.code),
                   lambda: _void(shipment_mod.relinquish(s, now(ship.id), by=ship.relinquished_by,
                                                         to=ship.relinquished_to, at=ship.relinquished_at)),
                   lambda: _void(shipment_mod.undo_handover(s, now(ship.id), "hand-over undone")))


    def lab_order_set(self, ship: Shipment, before: LabOrder, after: LabOrder) -> None:
        from fieldapp.domain import lab_order

        s, now = self.session, self.now
        self._push(tr("lab order of {c}").format(c=ship.code),
                   lambda: _void(lab_order.set_order(s, now(ship.id), after)),
                   lambda: _void(lab_order.set_order(s, now(ship.id), before)))

    def reading_removed(self, well_code: str, reading: Reading) -> ActionCommand:
        """A field reading removed from a sampling round (ui/well_round.py): undo records it again."""
        from fieldapp.domain import sampling_round as round_mod

        s, now = self.session, self.now

        def undo() -> None:
            self.rewritten(reading.id, round_mod.add_reading(s, reading.round_id, reading).id)

        return self._push(tr("remove reading at {v} l of {c}").format(v=decimal(reading.volume_l, 1), c=well_code),
                          lambda: round_mod.delete_reading(s, now(reading.id)), undo)

    def borehole_depths_changed(self, before: borehole_mod.Borehole, after: borehole_mod.Borehole) -> None:
        """Final depth or groundwater level changed: undo writes the old values back."""
        s = self.session

        def put(bh: borehole_mod.Borehole) -> None:
            borehole_mod.set_final_depth(s, self.now(bh.id), _metres(bh.final_depth_cm), bh.stop_criterion)
            # without a level, its status (not encountered / not measured) comes back too
            borehole_mod.set_groundwater(s, self.now(bh.id), _metres(bh.groundwater_cm),
                                         None if bh.groundwater_cm is not None else bh.groundwater_status)

        self._push(tr("change depths of {c}").format(c=after.code), lambda: put(after), lambda: put(before))


    def borehole_details_changed(self, code: str, borehole_id: str, before: Any, after: Any) -> None:
        """The closing dialog saved (ui/borehole_closing.py): undo writes the details as they were."""
        from fieldapp.domain import borehole_closing

        s, now = self.session, self.now
        self._push(tr("change details of {c}").format(c=code),
                   lambda: _void(borehole_closing.restore(s, now(borehole_id), after)),
                   lambda: _void(borehole_closing.restore(s, now(borehole_id), before)))


def show_failure(parent: QWidget, exc: FieldAppError) -> QMessageBox:
    """A refused undo or redo, in full (what went wrong and what to do), in a box
    that wraps rather than a status line that clips."""
    from PySide6.QtWidgets import QMessageBox  # only when something went wrong: its type costs the first window

    from ui.field_errors import message

    box = QMessageBox(QMessageBox.Icon.Warning, tr("Could not undo or redo"), message(exc),
                      QMessageBox.StandardButton.Ok, parent)
    box.setInformativeText(tr("The step is still in the undo history."))
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()  # not exec(): no nested event loop
    return box


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
