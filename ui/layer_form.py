"""Layer logging: depths, NEN 5104 soil (typed code or pick lists), colour with bijkleur and
kleursterkte, sand and gravel median, natural components, smell, oil-water reaction and
admixtures, by keyboard alone.

The colour takes a typed word: "donkerbruin" is understood as kleur bruin with kleursterkte
donker, "grijsbruin" as bruin with bijkleur grijs (the core reads it, fieldapp.domain.layer_words).
Pick lists jump to an entry by its first letters.

Tab moves through a layer; Enter in any field saves it; Ctrl+N ("next layer")
saves it too. After a save the next layer starts where this one ended and the
cursor waits in "to". Each save is one core action, undoable.
"""

from __future__ import annotations

import itertools

from PySide6.QtCore import QModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.domain import depth as depth_mod
from fieldapp.domain import layer as layer_mod
from fieldapp.domain.borehole import Borehole
from fieldapp.domain.layer import Admixture, Component, Layer
from fieldapp.domain.layer_words import colour_words
from fieldapp.errors import FieldAppError
from fieldapp.session import Session
from ui.borehole_depths import BoreholeDepths
from ui.field_errors import FieldErrors
from ui.forms import add_row, code_combo, combo_code, combo_code_at, set_combo_code
from ui.i18n import Lang, in_metres, tr
from ui.keyboard import enter_saves, one_press_per_tap
from ui.models import ALIGN_RIGHT, Column, RecordTableModel, Words, fit, table
from ui.undo import Undo
from ui.unsaved import Typed, field_state, put_fields, shown_values

NEXT_LAYER = "Ctrl+N"
#: the form's width beside the layers' table (px)
FORM_WIDTH = 600


class LayerForm(QWidget):
    saved = Signal(object)

    def __init__(self, session: Session, undo: Undo, words: Words, lang: Lang,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.undo = undo
        self.words = words
        self.borehole: Borehole | None = None
        self.editing: Layer | None = None
        self.heading = QLabel()
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        w = words
        self.model: RecordTableModel[Layer] = RecordTableModel([
            Column(tr("From (m)"), lambda x: in_metres(x.upper_cm), ALIGN_RIGHT),
            Column(tr("To (m)"), lambda x: in_metres(x.lower_cm), ALIGN_RIGHT),
            Column(tr("Soil (NEN 5104)"), lambda x: w.soil(x.soil_code)),
            Column(tr("Colour"), lambda x: colour_words(x.colour, x.secondary_colour, x.colour_shade,
                                                        session.lists) if lang == "nl"
                   else w.label("colour", x.colour)),
            Column(tr("Admixtures"), w.admixtures),
        ], self)
        self.view = table(self.model)
        self.view.clicked.connect(self._edit_row)
        # by keyboard too (gloves): arrows to the layer, Enter opens it in the form, the cursor in "to"
        self.view.activated.connect(self._open_row)

        self.errors = FieldErrors(QLabel())
        self.upper_edit = QLineEdit()
        self.upper_edit.setPlaceholderText(tr("m below ground"))
        self.lower_edit = QLineEdit()
        self.lower_edit.setPlaceholderText(tr("m below ground"))
        self.soil_edit = QLineEdit()
        self.soil_edit.setPlaceholderText(tr("NEN 5104 code, e.g. Zs1h2"))
        self.soil_words = QLabel()
        self.soil_words.setObjectName("soil-words")
        self.main_combo = code_combo(session, "soil_main_type", lang, empty=tr("(main type)"))
        self.mix_combo = QComboBox()
        self.mix_combo.addItem(tr("(admixture)"), None)
        for entry in session.lists.entries("soil_admixture"):
            self.mix_combo.addItem(f"{entry.code} – {entry.label(lang)}", entry.code)
        self.colour_combo = code_combo(session, "colour", lang)
        self.colour_combo.setEditable(True)  # "donkerbruin" typed is read by the core
        self.colour_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.colour_combo.lineEdit().setPlaceholderText(tr("e.g. donkerbruin"))
        self.shade_combo = code_combo(session, "colour_shade", lang, empty=tr("(shade)"))
        self.secondary_combo = code_combo(session, "colour", lang, empty=tr("(secondary colour)"))
        self.sand_combo = code_combo(session, "sand_median_class", lang, empty=tr("(sand median)"))
        self.gravel_combo = code_combo(session, "gravel_median_class", lang, empty=tr("(gravel median)"))
        self.component_combo = code_combo(session, "natural_component", lang)
        self.component_grade_combo = code_combo(session, "component_grade", lang)
        self.smell_combo = code_combo(session, "smell", lang)
        self.oil_combo = code_combo(session, "oil_water_reaction", lang)
        self.admixture_combo = code_combo(session, "anthropogenic_admixture", lang)
        self.grade_combo = code_combo(session, "anthropogenic_grade", lang)
        self.remarks_edit = QLineEdit()

        grid = QGridLayout()
        add_row(grid, tr("From (m)"), self.upper_edit, self.errors, "upper depth", "Layer upper depth")
        add_row(grid, tr("To (m)"), self.lower_edit, self.errors, "lower depth", "Layer lower depth")
        add_row(grid, tr("Soil code"), self.soil_edit, self.errors, "soil", "soil code")
        grid.addWidget(self.soil_words, grid.rowCount(), 1)
        pick = QWidget()
        pick_row = QHBoxLayout(pick)
        pick_row.setContentsMargins(0, 0, 0, 0)
        pick_row.addWidget(self.main_combo)
        pick_row.addWidget(self.mix_combo)
        add_row(grid, tr("Soil from lists"), pick, self.errors)
        add_row(grid, tr("Colour"), _row(self.colour_combo, self.shade_combo, self.secondary_combo), self.errors,
                "colour", "colour shade", "secondary colour")
        add_row(grid, tr("Median"), _row(self.sand_combo, self.gravel_combo), self.errors, "sand median",
                "gravel median")
        add_row(grid, tr("Component"), _row(self.component_combo, self.component_grade_combo, stretch=(2, 1)),
                self.errors, "component", "component grade")
        add_row(grid, tr("Smell"), self.smell_combo, self.errors, "smell")
        add_row(grid, tr("Oil-water reaction"), self.oil_combo, self.errors, "oil-water reaction")
        mixes = QWidget()
        mix_row = QHBoxLayout(mixes)
        mix_row.setContentsMargins(0, 0, 0, 0)
        mix_row.addWidget(self.admixture_combo, 2)
        mix_row.addWidget(self.grade_combo, 1)
        add_row(grid, tr("Admixture"), mixes, self.errors, "admixture", "admixture grade")
        add_row(grid, tr("Remarks"), self.remarks_edit, self.errors, "remarks")
        self.depths = BoreholeDepths(session, undo, self.errors, grid, self)
        self.depths.saved.connect(self.saved.emit)
        # what the sampler typed into the layer (not the borehole's depths below it: saved on their own)
        self.typed = Typed(lambda: shown_values(
            self.upper_edit, self.lower_edit, self.soil_edit, self.colour_combo, self.smell_combo, self.oil_combo,
            self.admixture_combo, self.grade_combo, self.remarks_edit, *self._description_combos()))
        grid.setColumnStretch(1, 1)

        self.save_button = QPushButton(tr("Save layer"))
        self.save_button.setToolTip(tr("Save this layer and start the next one (Enter or Ctrl+N)"))
        self.save_button.clicked.connect(self.save)
        one_press_per_tap(self.save_button)
        self.delete_button = QPushButton(tr("Delete layer"))
        self.delete_button.clicked.connect(self.delete)
        self.new_button = QPushButton(tr("New layer"))
        self.new_button.clicked.connect(self.start_next)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        form = QVBoxLayout()
        form.addWidget(self.heading)
        form.addLayout(grid)
        form.addWidget(self.errors_general)
        form.addLayout(buttons)
        form.addStretch(1)
        form_box = QWidget()
        form_box.setLayout(form)
        # wide enough for two pick lists side by side whole in Dutch sunlight ("(hoofdgrondsoort)"), the
        # layers' table beside it keeping From, To and the soil code; long field names wrap
        form_box.setMaximumWidth(FORM_WIDTH)
        for row in range(grid.rowCount()):
            if isinstance(title := getattr(grid.itemAtPosition(row, 0), "widget", lambda: None)(), QLabel):
                title.setWordWrap(True)
        layout = QHBoxLayout(self)
        layout.addWidget(form_box, 2)
        layout.addWidget(self.view, 3)

        for edit in (self.upper_edit, self.lower_edit, self.soil_edit, self.remarks_edit,
                     self.colour_combo.lineEdit()):
            edit.returnPressed.connect(self.save)
        enter_saves(self, self.save, self.smell_combo, self.oil_combo, self.admixture_combo,
                    self.grade_combo, self.main_combo, self.mix_combo, self.shade_combo, self.secondary_combo,
                    self.sand_combo, self.gravel_combo, self.component_combo, self.component_grade_combo)
        QShortcut(QKeySequence(NEXT_LAYER), self, self.save,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.soil_edit.textChanged.connect(self._soil_typed)
        self.main_combo.activated.connect(self._soil_picked)
        self.mix_combo.activated.connect(self._soil_picked)
        order = [self.upper_edit, self.lower_edit, self.soil_edit, self.colour_combo, self.shade_combo,
                 self.secondary_combo, self.sand_combo, self.gravel_combo, self.component_combo,
                 self.component_grade_combo, self.smell_combo,
                 self.oil_combo, self.admixture_combo, self.grade_combo, self.remarks_edit, self.save_button,
                 self.main_combo, self.mix_combo, self.depths.final_edit, self.depths.water_edit]
        for a, b in itertools.pairwise(order):
            QWidget.setTabOrder(a, b)
        self.load(None)

    @property
    def errors_general(self) -> QLabel:
        return self.errors._general

    def load(self, bh: Borehole | None) -> None:
        self.borehole = bh
        self.setEnabled(bh is not None)
        self.heading.setText(tr("Select or add a borehole to log its layers.") if bh is None
                             else tr("Layers of {c}").format(c=bh.code))
        self.model.set_records([] if bh is None else layer_mod.of_borehole(self.session.store, bh.id))
        self.depths.load(bh)
        fit(self.view)
        self.start_next()

    @Slot()
    def start_next(self) -> None:
        """A new layer starting where the deepest one ends; the cursor in "to"."""
        self.editing = None
        self.errors.clear()
        layers = self.model.records()
        self.upper_edit.setText(in_metres(layers[-1].lower_cm) if layers else in_metres(0))
        for edit in (self.lower_edit, self.soil_edit, self.remarks_edit):
            edit.clear()
        for combo in (self.colour_combo, self.smell_combo, self.oil_combo, self.admixture_combo,
                      self.grade_combo, self.main_combo, self.mix_combo, *self._description_combos()):
            combo.setCurrentIndex(0)
        self.save_button.setText(tr("Save layer"))
        self.delete_button.setEnabled(False)
        self.typed.clean()
        self.lower_edit.setFocus()

    @Slot(QModelIndex)
    def _edit_row(self, index: QModelIndex) -> None:
        layer = self.model.record(index.row())
        self.editing = layer
        self.upper_edit.setText(in_metres(layer.upper_cm))
        self.lower_edit.setText(in_metres(layer.lower_cm))
        self.soil_edit.setText(layer.soil_code)
        set_combo_code(self.colour_combo, layer.colour)
        set_combo_code(self.shade_combo, layer.colour_shade)
        set_combo_code(self.secondary_combo, layer.secondary_colour)
        set_combo_code(self.sand_combo, layer.sand_median)
        set_combo_code(self.gravel_combo, layer.gravel_median)
        parts = layer.component_list()
        set_combo_code(self.component_combo, parts[0].code if parts else None)
        set_combo_code(self.component_grade_combo, parts[0].grade if parts else None)
        set_combo_code(self.smell_combo, layer.smell)
        set_combo_code(self.oil_combo, layer.oil_water)
        mixes = layer.admixture_list()
        set_combo_code(self.admixture_combo, mixes[0].code if mixes else None)
        set_combo_code(self.grade_combo, mixes[0].grade if mixes else None)
        self.remarks_edit.setText(layer.remarks or "")
        self.save_button.setText(tr("Save changes"))
        self.delete_button.setEnabled(True)
        self.typed.clean()

    @Slot(QModelIndex)
    def _open_row(self, index: QModelIndex) -> None:
        self._edit_row(index)
        self.lower_edit.setFocus()
        self.lower_edit.selectAll()

    def _description_combos(self) -> tuple[QComboBox, ...]:
        return (self.shade_combo, self.secondary_combo, self.sand_combo, self.gravel_combo, self.component_combo,
                self.component_grade_combo)

    def _colour(self) -> str | None:
        """The colour's code when a list entry is shown, else the typed word for the core to read."""
        text = self.colour_combo.currentText().strip()
        index = self.colour_combo.findText(text, Qt.MatchFlag.MatchFixedString)
        if index >= 0:
            return combo_code_at(self.colour_combo, index)
        return text or None

    @Slot(str)
    def _soil_typed(self, text: str) -> None:
        words = self.words.soil_words(text.strip(), legacy=False) if text.strip() else ""
        self.soil_words.setText(words or (tr("not a NEN 5104 code yet") if text.strip() else ""))

    @Slot()
    def _soil_picked(self) -> None:
        main = combo_code(self.main_combo) or ""
        mix = combo_code(self.mix_combo) or ""
        if mix and (not main or mix[0] == main):
            self.soil_edit.setText(mix)
        elif main:
            self.soil_edit.setText(main)

    def fields(self) -> dict[str, object]:
        mix = combo_code(self.admixture_combo)
        grade = combo_code(self.grade_combo)
        admixtures = [Admixture(mix, grade or "zwak")] if mix else []
        part = combo_code(self.component_combo)
        components = [Component(part, combo_code(self.component_grade_combo) or "zwak")] if part else []
        if self.editing is not None:  # the form shows one of each; the layer's others stay as they are
            admixtures += self.editing.admixture_list()[1:]
            components += self.editing.component_list()[1:]
        return {
            "upper": self.upper_edit.text(), "lower": self.lower_edit.text(), "soil": self.soil_edit.text(),
            "colour": self._colour(), "smell": combo_code(self.smell_combo),
            "oil_water": combo_code(self.oil_combo), "admixtures": admixtures,
            "remarks": self.remarks_edit.text(), "colour_shade": combo_code(self.shade_combo),
            "secondary_colour": combo_code(self.secondary_combo), "sand_median": combo_code(self.sand_combo),
            "gravel_median": combo_code(self.gravel_combo), "components": components,
        }

    @Slot()
    def save(self) -> Layer | None:
        if self.borehole is None:
            return None
        try:
            if self.editing is None:
                layer = layer_mod.add(self.session, self.borehole.id, **self.fields())  # type: ignore[arg-type]
                self.undo.layer_added(layer)
            else:
                before = self.editing
                layer = layer_mod.update(self.session, before.id, **self.fields())
                self.undo.layer_changed(before, layer)
        except FieldAppError as exc:
            self.errors.show(exc)
            return None
        self.reload()
        self.saved.emit(layer)
        return layer

    @Slot()
    def delete(self) -> None:
        if self.editing is None:
            return
        layer = self.editing
        try:
            layer_mod.delete(self.session, layer.id)
        except FieldAppError as exc:
            self.errors.show(exc)
            return
        self.undo.layer_deleted(layer)
        self.reload()
        self.saved.emit(None)

    def reload(self) -> None:
        depths = self.depths.typed_input()  # a depth typed (refused, say) stays when a layer is saved
        self.load(self.borehole)
        self.depths.put_back(depths)

    def unsaved(self) -> str | None:
        """The layer typed and not saved, in a sentence; None when the form holds what it was given."""
        if self.borehole is None or not self.typed.changed():
            return None
        upper, lower = (_depth(edit.text()) for edit in (self.upper_edit, self.lower_edit))
        what = tr("{a}–{b} m").format(a=upper, b=lower) if upper and lower else \
            tr("from {a} m").format(a=upper) if upper else tr("to {b} m").format(b=lower) if lower else ""
        if self.editing is not None:
            return tr("The changes to layer {what} of borehole {c} are not saved yet.").format(
                what=what, c=self.borehole.code)
        return tr("The layer {what} of borehole {c} is not saved yet.").format(what=what, c=self.borehole.code)

    def forget_typed(self) -> None:
        self.typed.clean()

    @property
    def page(self) -> QWidget:
        return self

    def _fields(self) -> tuple[QWidget, ...]:
        return (self.upper_edit, self.lower_edit, self.soil_edit, self.colour_combo, self.smell_combo,
                self.oil_combo, self.admixture_combo, self.grade_combo, self.remarks_edit, self.main_combo,
                self.mix_combo, *self._description_combos())

    def typed_input(self) -> object:
        return (None if self.borehole is None else self.borehole.id,
                None if self.editing is None else self.editing.id, field_state(*self._fields()))

    def put_back(self, kept: object) -> bool:
        """The layer typed, over the layers read again; the layer it changes, if an undo took that away,
        becomes a new one with what was typed (saved, it is logged again)."""
        if not isinstance(kept, tuple) or self.borehole is None or kept[0] is None \
                or self.undo.now(kept[0]) != self.borehole.id:
            return False
        _hole, editing, state = kept
        rows = [n for n, x in enumerate(self.model.records()) if editing is not None and x.id == self.undo.now(editing)]
        if rows:
            self._edit_row(self.model.index(rows[0], 0))
        put_fields(self._fields(), state)
        return True


def _depth(text: str) -> str:
    """A depth typed ("0.5", "0,50") as the language shows it ("0,50"); as typed when it is not one."""
    try:
        return in_metres(depth_mod.to_cm(text.strip(), "depth")) if text.strip() else ""
    except FieldAppError:
        return text.strip()


def _row(*widgets: QWidget, stretch: tuple[int, ...] = ()) -> QWidget:
    """Several pick lists side by side in one form row."""
    holder = QWidget()
    box = QHBoxLayout(holder)
    box.setContentsMargins(0, 0, 0, 0)
    for n, widget in enumerate(widgets):
        box.addWidget(widget, stretch[n] if n < len(stretch) else 1)
    return holder
