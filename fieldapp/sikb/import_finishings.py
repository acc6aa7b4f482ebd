"""A Finishing (fill, seal or finish) back to the FieldApp value it was written from.

The export writes a borehole's backfill and a well's finish as Finishings by
``finishing_material`` in ``resources/sikb/mapping.json`` (FieldApp value ->
finishing type, SIKB table, material id). Several FieldApp values share one
SIKB material (zand and zandGrof are both Aanvulling 1); the import takes the
first of them the FieldApp list holds, the same one every time.
"""

from __future__ import annotations

from fieldapp.sikb import mapping
from fieldapp.sikb.import_context import Context
from fieldapp.sikb.read_xml import Element, parse_urn, text


def value_of(ctx: Context, finishing: Element, list_name: str) -> str | None:
    """The value of FieldApp's ``list_name`` (backfill_material, well_finish) the Finishing stands for."""
    m = mapping.load(ctx.session.lists)
    kinds = {int(v): k for k, v in m.table("finishing_type").items()}
    kind, material = parse_urn(text(finishing, "finishingType")), parse_urn(text(finishing, "finishingMaterial"))
    if kind is None or material is None:
        return None
    for key, value in m.table("finishing_material").items():
        if (value[0] == kinds.get(kind.id) and str(value[1]).casefold() == material.key
                and int(value[2]) == material.id and ctx.codes.lists.has(list_name, key)):
            return str(key)
    return None


def finishing_type(ctx: Context, finishing: Element) -> str | None:
    """'fill', 'seal' or 'finish'."""
    kinds = {int(v): k for k, v in mapping.load(ctx.session.lists).table("finishing_type").items()}
    kind = parse_urn(text(finishing, "finishingType"))
    return kinds.get(kind.id) if kind is not None else None
