"""A groundwater sample's sampling round, from what a SIKB0101 file says of the sample.

FieldApp writes a round's last purge reading (pH, EC, temperature, turbidity,
oxygen: Parameter characteristics), the purged volume (KenmerkMonstername 8)
and the round's abnormalities (KenmerkMonstername, J_of_N) as characteristics
of the groundwater sample (``resources/sikb/mapping.json``). The import makes
one round per groundwater sample from them, with that one reading: the
earlier readings of the purge are not in the file.
"""

from __future__ import annotations

import math
from typing import Any

from fieldapp.messages import named
from fieldapp.sikb import mapping
from fieldapp.sikb.import_context import Context
from fieldapp.sikb.import_names import derived_id
from fieldapp.sikb.read_xml import GML_ID, Element, local, parse_urn, text


def round_of(ctx: Context, sample_el: Element, sample: dict[str, Any], well: dict[str, Any]) -> None:
    """The round of ``sample`` in ``well`` at its sampling time, and its reading if the file gives one."""
    m = mapping.load(ctx.session.lists)
    readings = {int(p): column for column, (p, _unit) in m.table("field_readings").items()}
    flags = {int(i): column for column, i in m.table("round_flags").items()}
    pumped, yes = m.one("pumped_volume_indicator"), int(m.raw["yes_no"]["yes"])
    reading: dict[str, Any] = {}
    said: dict[str, int] = {}
    for obs in ctx.file.observations.get(sample_el.get(GML_ID, ""), []):
        indicator = parse_urn(text(obs, "indicator"))
        if local(obs) != "Characteristic" or indicator is None:
            continue
        if indicator.key == "parameter" and indicator.id in readings:
            reading[readings[indicator.id]] = _number(ctx, obs, sample)
        elif indicator.key == "kenmerkmonstername" and indicator.id == pumped:
            reading["volume_l"] = _number(ctx, obs, sample)
        elif indicator.key == "kenmerkmonstername" and indicator.id in flags:
            answer = parse_urn(text(obs, "result", "classifiedResult"))
            said[flags[indicator.id]] = 1 if answer is not None and answer.id == yes else 0
        else:
            continue
        ctx.consumed.add(id(obs))
    if not sample["sampled_at"]:
        if reading or said:
            ctx.report.skipped("round_no_time", named("sample", sample["code"]))
        return
    # without readings the round is still made: it is what ties the sample to its filter (and an export writes
    # the sample InFilter from it)
    ident = derived_id(sample["id"], "round")
    ctx.add("sampling_round", {"id": ident, "well_id": well["id"], "started_at": sample["sampled_at"],
                               **{column: said.get(column) for column in flags.values()}})
    sample["sampling_round_id"] = ident
    if reading:
        if not reading.get("volume_l"):  # none in the file: 0.0 assumed, a stored volume stays on a merge
            ctx.assumed.add((derived_id(ident, "reading"), "volume_l"))
        ctx.add("purge_reading", {"id": derived_id(ident, "reading"), "round_id": ident,
                                  "volume_l": reading.pop("volume_l", None) or 0.0,
                                  **{column: reading.get(column) for column in readings.values()}})
        ctx.report.defaulted("round_from_reading", named("sample", sample["code"]))


def _number(ctx: Context, obs: Element, sample: dict[str, Any]) -> float | None:
    """The reading's value; a text that is no finite number ("inf", "NaN", 1e400, "n.b.") is left out and
    named in the report, never stored (no meter reads it, and no export or hub could carry it)."""
    raw = text(obs, "result", "numericValue")
    if raw is None or not raw.strip():
        return None
    try:
        number = float(raw.replace(",", "."))
    except ValueError:
        number = math.nan
    if math.isfinite(number):
        return number
    ctx.report.skipped("reading_not_number", named("sample", sample["code"]), reading=raw.strip()[:40])
    return None
