"""A layer in the words of a Dutch field log, and the colour a sampler types.

NEN 5104 as SIKB0101 records it splits a colour into kleur, bijkleur and
kleursterkte: "donkergrijsbruin" is kleur bruin, bijkleur grijs,
kleursterkte donker. A sampler types the word; :func:`read_colour` takes it
apart against the code lists, and :func:`colour_words` puts it together
again for the log.

:func:`describe` writes a layer as a log does:
"zand, matig fijn, zwak siltig, zwak puinhoudend, donkerbruin": the soil
name with its sand median straight after the sand word, the admixture and
humus/gravel grades, the natural components and anthropogenic admixtures
with their grades, colour, smell and oil-water reaction.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from fieldapp.codelists import CodeLists
from fieldapp.errors import CodeListError, FieldAppError
from fieldapp.soil import parse_soil_code

COLOUR_HINT = "Type a colour such as 'bruin', 'donkerbruin' or 'grijsbruin' (bijkleur before kleur)."


@dataclass(frozen=True)
class Colour:
    """Kleur with its bijkleur and kleursterkte, as codes of the lists."""

    colour: str
    secondary: str | None = None
    shade: str | None = None


def read_colour(text: str, lists: CodeLists, field: str = "colour") -> Colour:
    """``"donkerbruin"`` → bruin, kleursterkte donker; ``"grijsbruin"`` → bruin with bijkleur grijs.

    Codes, Dutch and English labels are understood, with or without spaces
    ("donker bruin", "dark brown"). Raises :class:`CodeListError` naming
    ``field`` when the word is no colour of the list.
    """
    word = " ".join(text.split()).casefold()
    if not word:
        raise CodeListError(field=field, message=f"{text!r} is not a SIKB0101 colour.", hint=COLOUR_HINT)
    shades = _names(lists, "colour_shade")
    colours = _names(lists, "colour")
    for prefix, shade in sorted(shades.items(), key=lambda kv: -len(kv[0])):
        if word.startswith(prefix):
            rest = word[len(prefix):].strip()
            found = _hue(rest, colours)
            if found is not None:
                return Colour(found[1], found[0], shade)
    found = _hue(word, colours)
    if found is not None:
        return Colour(found[1], found[0], None)
    raise CodeListError(field=field, message=f"{text!r} is not a SIKB0101 colour.", hint=COLOUR_HINT)


def _names(lists: CodeLists, name: str) -> dict[str, str]:
    # every way a value may be typed (code, Dutch, English), folded, to its code
    names: dict[str, str] = {}
    for entry in lists.offered(name):
        for said in (entry.code, entry.nl, entry.en):
            names[" ".join(said.split()).casefold()] = entry.code
    return names


def _hue(word: str, colours: dict[str, str]) -> tuple[str | None, str] | None:
    """(bijkleur, kleur) of ``word``: one colour, or a bijkleur written before the kleur."""
    if word in colours:
        return None, colours[word]
    for cut in range(1, len(word)):
        first, second = word[:cut].strip(), word[cut:].strip()
        if first in colours and second in colours and colours[first] != colours[second]:
            return colours[first], colours[second]
    return None


def colour_words(colour: str | None, secondary: str | None, shade: str | None, lists: CodeLists) -> str:
    """``"donkergrijsbruin"``: kleursterkte, bijkleur and kleur in one word, as a log writes them."""
    if not colour:
        return ""
    hue = _label(lists, "colour", secondary) + _label(lists, "colour", colour) if secondary else \
        _label(lists, "colour", colour)
    if not shade or shade == "neutraal":
        return hue
    said = _label(lists, "colour_shade", shade)
    # "zeer donker" stays two words before the hue: "zeer donkerbruin"
    return f"{said}{hue}"


def grade_words(items: list[dict[str, Any]], kinds: str, grades: str, lists: CodeLists) -> list[str]:
    """``[{"code": "puin", "grade": "zwak"}]`` → ``["zwak puinhoudend"]``; ``sporen`` → ``"sporen wortels"``."""
    out = []
    for item in items:
        kind = _entry(lists, kinds, str(item.get("code")))
        grade = _entry(lists, grades, str(item.get("grade")))
        noun = kind.nl if kind is not None else str(item.get("code"))
        said = grade.nl if grade is not None else str(item.get("grade") or "")
        rank = grade.extra.get("rank") if grade is not None else None
        adjective = kind.extra.get("nl_adjective") if kind is not None else None
        if isinstance(rank, int) and rank >= 1 and isinstance(adjective, str):
            out.append(f"{said} {adjective}")
        elif item.get("grade") == "resten" and noun.endswith("resten"):
            out.append(noun)  # "plantenresten", not "resten plantenresten"
        else:
            out.append(f"{said} {noun}".strip())
    return out


def describe(layer: Mapping[str, Any], lists: CodeLists, *, remarks: bool = True) -> str:
    """The layer in Dutch as a field log writes it (``layer`` is a row of the ``layer`` table)."""
    code = str(layer["soil_code"])
    try:
        soil = parse_soil_code(code, lists, legacy=True)
        words = list(soil.words("nl"))
        letters = [letter for letter, _ in soil.admixtures]
        main = soil.main_type
    except FieldAppError:  # a code from an older list: shown as recorded
        words, letters, main = [code], [], ""
    sand = layer.get("sand_median")
    if sand:
        # the median follows the word it qualifies: "zand, matig fijn" but "klei, zwak zandig, matig fijn"
        words.insert(1 if main == "Z" or "z" not in letters else 2, _label(lists, "sand_median_class", sand))
    gravel = layer.get("gravel_median")
    if gravel:
        at = 1 if main == "G" else len(words)
        words.insert(at, f"grind {_label(lists, 'gravel_median_class', gravel)}" if main != "G"
                     else _label(lists, "gravel_median_class", gravel))
    words += grade_words(_items(layer.get("components")), "natural_component", "component_grade", lists)
    words += grade_words(_items(layer.get("admixtures")), "anthropogenic_admixture", "anthropogenic_grade", lists)
    colour = colour_words(layer.get("colour"), layer.get("secondary_colour"), layer.get("colour_shade"), lists)
    if colour:
        words.append(colour)
    if layer.get("smell"):
        words.append(_label(lists, "smell", layer["smell"]))
    if layer.get("oil_water"):
        grade = _label(lists, "oil_water_reaction", layer["oil_water"])
        words.append("geen olie-waterreactie" if layer["oil_water"] == "geen" else f"{grade}e olie-waterreactie")
    if remarks and layer.get("remarks"):
        words.append(str(layer["remarks"]))
    return ", ".join(words)


def _items(raw: object) -> list[dict[str, Any]]:
    if not raw:
        return []
    try:
        items = json.loads(str(raw))
    except ValueError:
        return []
    return [i for i in items if isinstance(i, dict)] if isinstance(items, list) else []


def _entry(lists: CodeLists, name: str, code: str) -> Any:
    try:
        return lists.get(name, code)
    except FieldAppError:
        return None


def _label(lists: CodeLists, name: str, code: str) -> str:
    entry = _entry(lists, name, code)
    return str(entry.nl) if entry is not None else code
