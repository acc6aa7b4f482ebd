"""Validation errors from the core, shown next to the widget they concern, in the user's language.

The core raises :class:`~fieldapp.errors.ValidationError` with ``field`` (the
form field name, e.g. ``"lower depth"`` or ``"part 2 upper depth"``), an
English message and a hint. A form registers its widgets under those names;
:meth:`FieldErrors.show` puts the message under the right widget, marks it
and moves the focus there. Messages are translated by pattern: each known
core message is an English template (with ``{placeholders}`` for the values)
that goes through :func:`ui.i18n.tr`; a message without a pattern is shown
as the core wrote it rather than hidden.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QWidget

from fieldapp.errors import FieldAppError, ValidationError
from fieldapp.rules import RuleError
from ui.i18n import installed, tr

# (regular expression of the core's English text, the English template for tr())
_MESSAGES: tuple[tuple[str, str], ...] = (
    (r"(?P<f>.+): '(?P<v>.*)' is not a depth in metres\.", "{f}: '{v}' is not a depth in metres."),
    (r"(?P<f>.+): (?P<v>.+) m is above ground level\.", "{f}: {v} m is above ground level."),
    (r"(?P<f>.+): (?P<v>.+) m is finer than a centimetre\.", "{f}: {v} m is finer than a centimetre."),
    (r"(?P<w>.+): the lower depth (?P<lo>.+) m is not below the upper depth (?P<up>.+) m\.",
     "The lower depth {lo} m is not below the upper depth {up} m."),
    (r"Layer (?P<a>.+) m overlaps the layer (?P<b>.+) m\.", "Layer {a} m overlaps the layer {b} m."),
    (r"The layer reaches (?P<a>.+) m, below the borehole's final depth of (?P<b>.+) m\.",
     "The layer reaches {a} m, below the borehole's final depth of {b} m."),
    (r"Part (?P<n>\d+): (?P<a>.+) m in borehole (?P<b>.+) is not covered by logged layers "
     r"\(nothing logged at (?P<g>.+) m\)\.",
     "Part {n}: {a} m in borehole {b} is not covered by logged layers (nothing logged at {g} m)."),
    (r"A composite sample draws from several boreholes or depths; it names (?P<n>\d+)\.",
     "A composite sample draws from several boreholes or depths; it names {n}."),
    (r"A field sample comes from one interval of one borehole; it names (?P<n>\d+)\.",
     "A field sample comes from one interval of one borehole; it names {n}."),
    (r"Borehole code '(?P<c>.+)' is already used in this project\.",
     "Borehole code '{c}' is already used in this project."),
    (r"Sample code '(?P<c>.+)' is already used in this project\.",
     "Sample code '{c}' is already used in this project."),
    (r"Project code '(?P<c>.+)' is already used by another project\.",
     "Project code '{c}' is already used by another project."),
    (r"Barcode (?P<c>.+) is already on another container \(barcodes are unique across all projects\)\.",
     "Barcode {c} is already on another container (barcodes are unique across all projects)."),
    (r"'(?P<c>.*)' is not a usable container barcode\.", "'{c}' is not a usable container barcode."),
    (r"(?P<w>\w+): (?P<f>[\w -]+) is empty\.", "{f} is empty."),
    (r"(?P<w>\w+): '(?P<c>.*)' is not a usable (?P<f>[\w -]+)\.", "'{c}' is not a usable {f}."),
    (r"'(?P<c>.*)': the soil code is empty\.", "The soil code is empty."),
    (r"'(?P<c>.*)': (is not a NEN 5104 soil code|NEN 5104 codes are case-sensitive).*",
     "'{c}' is not a NEN 5104 soil code."),
    # the soil-code parser's messages (fieldapp/soil.py); {w...} are soil words, {r} a range of grades
    (r"'(?P<c>.*)': '(?P<m>.+)' is not a NEN 5104 main soil type\.", "'{c}': '{m}' is not a NEN 5104 main soil type."),
    (r"'(?P<c>.*)': grade '(?P<d>.+)' of '(?P<l>.+)' is not a NEN 5104 grade; grades are one digit\.",
     "'{c}': grade {d} of '{l}' is not a NEN 5104 grade; grades are one digit."),
    (r"'(?P<c>.*)': the (?P<w>\w+) admixture '(?P<l>.+)' is repeated\.", "'{c}': the {w} admixture '{l}' is repeated."),
    (r"'(?P<c>.*)': the admixture '(?P<l>.+)' is repeated\.", "'{c}': the admixture '{l}' is repeated."),
    (r"'(?P<c>.*)': NEN 5104 names one main admixture per soil, but this code has both '(?P<a>.+)' and "
     r"'(?P<b>.+)'\.", "'{c}': NEN 5104 names one main admixture per soil, but this code has both '{a}' and '{b}'."),
    (r"'(?P<c>.*)': '(?P<l>.+)' is not a NEN 5104 admixture letter\.",
     "'{c}': '{l}' is not a NEN 5104 admixture letter."),
    (r"'(?P<c>.*)': admixture '(?P<l>.+)' is not allowed for (?P<w>\w+) \(\w+\) in NEN 5104\.",
     "'{c}': admixture '{l}' is not allowed for {w} in NEN 5104."),
    (r"'(?P<c>.*)': the (?P<w>\w+) admixture of (?P<w2>\w+) takes no grade in NEN 5104\.",
     "'{c}': the {w} admixture of {w2} takes no grade in NEN 5104."),
    (r"'(?P<c>.*)': the (?P<w>\w+) admixture '(?P<l>.+)' needs a grade\.",
     "'{c}': the {w} admixture '{l}' needs a grade."),
    (r"'(?P<c>.*)': grade (?P<d>\d+) of (?P<w>\w+) admixture is not in NEN 5104; (?P<w2>\w+) takes (?P<r>.+)\.",
     "'{c}': grade {d} of {w} admixture is not in NEN 5104; {w2} takes {r}."),
    (r"'(?P<c>.*)': grade (?P<d>\d+) of (?P<w>\w+) is not in NEN 5104; (?P<w2>\w+) takes (?P<r>.+)\.",
     "'{c}': grade {d} of {w} is not in NEN 5104; {w2} takes {r}."),
    (r"'(?P<c>.*)': (?P<w>\w+) \(\w+\) alone is not a NEN 5104 soil name; the code names its main admixture too\.",
     "'{c}': {w} alone is not a NEN 5104 soil name; the code names its main admixture too."),
    (r"'(?P<c>.*)' is withdrawn from the code list '(?P<l>.+)'\.", "'{c}' is withdrawn from the code list."),
    (r"'(?P<c>.*)' is not a SIKB0101 colour\.", "'{c}' is not a SIKB0101 colour."),
    (r"'(?P<c>.*)' names another (?P<f>[\w ]+) than the [\w ]+ field\.", "'{c}' names another {f} than its field."),
    (r"'(?P<c>.*)': (?P<w>\w+) (?P<l>.+) is in the list twice\.", "'{c}' is in the list twice."),
    (r"'(?P<c>.*)': a (?P<w>\w+) grade does not apply to (?P<w2>\w+) \(\w+\) in NEN 5104\.",
     "'{c}': a {w} grade does not apply to {w2} in NEN 5104."),
    (r"The final depth (?P<a>.+) m is above the deepest layer, which reaches (?P<b>.+) m\.",
     "The final depth {a} m is above the deepest layer, which reaches {b} m."),
    # photos (fieldapp.domain.photo)
    (r"(?P<f>.+) is not a photo \(JPEG, PNG, \.\.\.\)\.", "{f} is not a photo (JPEG, PNG, ...)."),
    (r"(?P<f>.+) is (?P<n>\d+) MB; a photo may be at most (?P<m>\d+) MB\.",
     "{f} is {n} MB; a photo may be at most {m} MB."),
)

_HINTS: tuple[tuple[str, str], ...] = (
    (r"Type metres below ground level, e\.g\. 0\.50\.", "Type metres below ground level, e.g. 0.50."),
    (r"The lower depth must be deeper .*", "The lower depth must be deeper (a larger number) than the upper depth."),
    (r"Layers of one borehole may not overlap.*",
     "Layers may not overlap: adjust the depths or change the other layer."),
    (r"'(?P<v>.*)' is not an RD coordinate in metres\.", "'{v}' is not an RD coordinate in metres."),
    (r"Average a position before saving the planned borehole\.",
     "Average a position before saving the planned borehole."),
    (r"Log the layers first.*", "Log the layers first, or take the sample within the logged depth."),
    (r"Add each borehole and interval .*", "Add each borehole and interval it is made of (at least two)."),
    (r"Use a fresh label, or generate a new code\.", "Use a fresh label, or generate a new code."),
    (r"Use 4 to 32 letters, digits or '-'.*", "Use 4 to 32 letters, digits or '-'; scan again or generate a code."),
    (r"Pick another (sample |project )?code.*", "Pick another code."),
    (r"Fill in the (?P<f>.+)\.", "Fill in the {f}."),
    (r"Did you mean (?P<c>'.+')\?.*", "Did you mean {c}?"),
    (r"Example: 'Zs1h2'.*", "Example: 'Zs1h2' (zand, zwak siltig, matig humeus)."),
    (r"Enter a NEN 5104 code such as 'Zs1h2'\.", "Enter a NEN 5104 code such as 'Zs1h2'."),
    (r"Write e\.g\. 'Zs1', not 'ZS1' or 'zs1'\.", "Write e.g. 'Zs1', not 'ZS1' or 'zs1'."),
    (r"Start with one of (?P<o>.+)\.", "Start with one of {o}."),
    (r"Give '(?P<l>.+)' once, with one grade\.", "Give '{l}' once, with one grade."),
    (r"Keep the dominant one: '(?P<a>.+)' or '(?P<b>.+)'\.", "Keep the dominant one: '{a}' or '{b}'."),
    (r"Admixture letters are (?P<l>[^.]+)\. (?P<w>\w+) \(\w+\) is written as one of (?P<o>.+)\.",
     "Admixture letters are {l}. {w} is written as one of {o}."),
    (r"(?P<w>\w+) \(\w+\) is written as one of (?P<o>.+)\.", "{w} is written as one of {o}."),
    (r"It stays readable in old records; for a new one choose a value the list offers\.",
     "It stays readable in old records; for a new one choose a value the list offers."),
    (r"(?P<w>\w+) grades apply to (?P<ws>.+); remove '(?P<c>.+)'\.", "{w} grades apply to {ws}; remove '{c}'."),
    (r"Write '(?P<c>.+)'\.", "Write '{c}'."),
    (r"Use one of (?P<o>.+)\.", "Use one of {o}."),
    (r"(?P<w>\w+) takes (?P<r>.+)\.", "{w} takes {r}."),
    (r"Write (?P<r>\w+\d( to \w+\d|(, \w+\d)* or \w+\d)?)\.", "Write {r}."),
    (r"Use (?P<r>\w+\d( to \w+\d|(, \w+\d)* or \w+\d)?)\.", "Use {r}."),
    (r"Type a colour such as 'bruin', 'donkerbruin' or 'grijsbruin' \(bijkleur before kleur\)\.",
     "Type a colour such as 'bruin', 'donkerbruin' or 'grijsbruin' (bijkleur before kleur)."),
    (r"Give it in one place: in the colour word or in its field\.",
     "Give it in one place: in the colour word or in its field."),
    (r"Give each once, with its grade\.", "Give each once, with its grade."),
    (r"Increase the borehole's final depth first.*", "Increase the final depth first, or correct the lower depth."),
    (r"Give a final depth of at least (?P<a>.+) m, or shorten the deepest layer first\.",
     "Give a final depth of at least {a} m, or shorten the deepest layer first."),
    # photos (fieldapp.domain.photo)
    (r"Choose a picture file\.", "Choose a picture file."),
    (r"Export it as JPEG first\.", "Export it as JPEG first."),
)

#: field names the core uses, for translation inside messages
FIELD_NAMES = ("upper depth", "lower depth", "final depth", "groundwater level", "code", "name", "soil", "barcode",
               "parts", "colour", "smell", "oil-water reaction", "admixture", "matrix", "container type", "material",
               "secondary colour", "colour shade", "component", "component grade", "sand median", "gravel median",
               "admixture grade")


#: the soil words the soil-code messages name (fieldapp/soil.py: main types and admixtures, in English)
SOIL_WORDS = ("sand", "clay", "loam", "peat", "gravel", "silt", "mineral", "humus")


def _soil_word(word: str) -> str:
    """A soil word in the user's language, capitalised as it came."""
    low = word.lower()
    if low not in SOIL_WORDS:
        return word
    said = tr(low)
    return said[:1].upper() + said[1:] if word[:1].isupper() else said


def _grades(text: str) -> str:
    """"h1 to h5", "g1 or g2" in the user's language."""
    return re.sub(r" (to|or) ", lambda m: f" {tr('to') if m[1] == 'to' else tr('or')} ", text)


def _value(key: str, value: str) -> str:
    if key == "f":
        return _field_name(value)
    if key == "ws":
        return ", ".join(_soil_word(w) for w in value.split(", "))
    if key.startswith("w"):
        return _soil_word(value)
    if key == "r":
        return _grades(value)
    return value


def _field_name(name: str) -> str:
    m = re.fullmatch(r"part (\d+) (.+)", name)
    if m:
        return tr("part {n} {field}").format(n=m[1], field=_field_name(m[2]))
    return tr(name) if name in FIELD_NAMES else name


def translate(text: str, table: tuple[tuple[str, str], ...]) -> str:
    """``text`` by the first (pattern, template) of ``table`` it matches, in the user's language; else as is."""
    return _translate(text, table)


# a depth, interval or other number the core wrote with a decimal point ("0.50", "0.50–1.50")
_NUMBER = re.compile(r"-?\d+\.\d+(?:[–-]-?\d+\.\d+)?")


def _translate(text: str, table: tuple[tuple[str, str], ...]) -> str:
    for pattern, template in table:
        m = re.fullmatch(pattern, text.strip())
        if m:
            values = {k: _value(k, v) for k, v in m.groupdict().items() if v is not None}
            app = QCoreApplication.instance()
            if app is not None and installed(app) == "nl":  # Dutch writes the decimal comma; what the
                # user typed ("v") is quoted as it was typed
                values = {k: v.replace(".", ",") if k != "v" and _NUMBER.fullmatch(v) else v
                          for k, v in values.items()}
            return tr(template).format(**values)
    return text


def message(exc: FieldAppError) -> str:
    """The error's message and hint in the user's language."""
    if isinstance(exc, RuleError):  # a rule of resources/rules carries its own Dutch
        app = QCoreApplication.instance()
        lang = installed(app) if app is not None else "en"
        return f"{exc.message_in(lang)} {exc.hint_in(lang)}".strip()
    text = _translate(exc.message, _MESSAGES + _HINTS)
    hint = _translate(exc.hint, _HINTS) if exc.hint else ""
    return f"{text} {hint}".strip()


class ErrorLabel(QLabel):
    """A wrapped error text that claims the height its lines need at its width.

    Grid and scroll-area layouts give a wrapped label the height of its
    size hint at some other width, which cut off the message's second half
    (the what-to-do). The label asks again whenever its width changes.
    """

    def setText(self, text: str) -> None:  # type: ignore[override]
        super().setText(text)
        self._claim()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._claim()

    def _claim(self) -> None:
        need = self.heightForWidth(self.width()) if self.text() and self.width() > 0 else 0
        if need != self.minimumHeight():
            self.setMinimumHeight(max(0, need))


class FieldErrors:
    """Where a form shows its errors: one label under each registered widget, and a general one."""

    def __init__(self, general: QLabel) -> None:
        self._general = general
        self._fields: dict[str, tuple[QWidget, QLabel]] = {}
        self._deviation: Callable[[RuleError], object] | None = None
        self._shown: FieldAppError | None = None
        self._linked: set[int] = set()
        _style(general)

    def on_deviation(self, handler: Callable[[RuleError], object]) -> None:
        """Offer "Record deviation…" under a refused rule a deviation may override; the link calls
        ``handler`` with the error (ui/deviation_dialog.py)."""
        self._deviation = handler

    def deviation_label(self) -> QLabel | None:
        """The label showing the deviation link now, if one is shown."""
        for label in (self._general, *(v[1] for v in self._fields.values())):
            if not label.isHidden() and 'href="deviation"' in label.text():
                return label
        return None

    def _offer(self, label: QLabel, text: str, exc: FieldAppError) -> str:
        if self._deviation is None or not isinstance(exc, RuleError) or not exc.deviation_possible:
            label.setTextFormat(Qt.TextFormat.PlainText)
            return text
        label.setTextFormat(Qt.TextFormat.RichText)
        if id(label) not in self._linked:
            self._linked.add(id(label))
            label.linkActivated.connect(self._link)
        return f'{html.escape(text)} <a href="deviation">{html.escape(tr("Record deviation…"))}</a>'

    def _link(self, _href: str) -> None:
        if self._deviation is not None and isinstance(self._shown, RuleError):
            self._deviation(self._shown)

    def register(self, widget: QWidget, *names: str, label: QLabel | None = None) -> QLabel:
        """Widget for the core's field ``names``; returns the label to place under it
        (``label``: share the error line of another widget of the same row)."""
        if label is None:
            label = ErrorLabel()
            _style(label)
        for name in names:
            self._fields[name] = (widget, label)
        return label

    def unregister(self, widget: QWidget) -> None:
        """Forget ``widget`` and its error line (a row of the form that is taken away)."""
        for name in [n for n, (w, _label) in self._fields.items() if w is widget]:
            del self._fields[name]

    def clear(self) -> None:
        for widget, label in {id(v[1]): v for v in self._fields.values()}.values():
            label.clear()
            label.setVisible(False)
            _mark(widget, False)
        self._general.clear()
        self._general.setVisible(False)

    def show(self, exc: FieldAppError) -> QWidget | None:
        """Show ``exc``; returns the widget it was put beside (focused), or None."""
        self.clear()
        self._shown = exc
        text = message(exc)
        name = exc.field if isinstance(exc, ValidationError) else ""
        target = self._fields.get(name) or self._fields.get(re.sub(r"^part \d+ ", "", name))
        if target is None:
            self._general.setText(self._offer(self._general, text, exc))
            self._general.setVisible(True)
            return None
        widget, label = target
        label.setText(self._offer(label, text, exc))
        label.setVisible(True)
        _mark(widget, True)
        widget.setFocus()
        return widget

    def widget_for(self, name: str) -> QWidget | None:
        """The widget registered for the core's field ``name`` (a check finding jumps to it)."""
        entry = self._fields.get(name) or self._fields.get(re.sub(r"^part \d+ ", "", name))
        return entry[0] if entry else None

    def text_for(self, name: str) -> str:
        entry = self._fields.get(name)
        return entry[1].text() if entry else ""


def _style(label: QLabel) -> None:
    label.setProperty("role", "error")
    label.setWordWrap(True)
    label.setVisible(False)


def _mark(widget: QWidget, invalid: bool) -> None:
    widget.setProperty("invalid", "true" if invalid else "false")
    widget.style().unpolish(widget)
    widget.style().polish(widget)
