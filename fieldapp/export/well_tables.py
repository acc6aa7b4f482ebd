"""The exported tables of the monitoring wells: the wells, their sampling rounds and the
purge readings (BRL SIKB 2000 protocols 2001 and 2002; see tables.py)."""

from __future__ import annotations

from fieldapp.export.columns import Table, col, key, metres

WELL = Table("well", "Monitoring wells (peilbuizen): filter, pipe, filter gravel and seal, placed in a borehole of "
             "kind peilbuis (BRL SIKB 2000 protocol 2001).", (
    col("well_code", "text", "borehole code and tube number, e.g. PB01-1", key("_code")),
    col("borehole_code", "text", "borehole code"),
    col("tube_number", "integer", "tube (filter) number within the borehole"),
    col("filter_top_m", "real", "top of the filter, metres below ground level", metres("filter_top_cm")),
    col("filter_bottom_m", "real", "bottom of the filter, metres below ground level", metres("filter_bottom_cm")),
    col("filter_depth_reference", "text", "what filter_top_given_m and filter_bottom_given_m are measured from, as "
        "an imported file gave them without what converting them needs: tube_top (t.o.v. bovenkant buis) or nap"),
    col("filter_top_given_m", "real", "top of the filter, metres from filter_depth_reference (only where "
        "filter_top_m is unknown)", metres("filter_top_given_cm")),
    col("filter_bottom_given_m", "real", "bottom of the filter, metres from filter_depth_reference (only where "
        "filter_bottom_m is unknown)", metres("filter_bottom_given_cm")),
    col("pipe_diameter_mm", "integer", "inner diameter of the pipe, millimetres"),
    col("pipe_material", "text", "pipe material (code list well_tube_material)"),
    col("filter_diameter_mm", "integer", "filter diameter, millimetres"),
    col("filter_material", "text", "filter material (code list well_tube_material)"),
    col("slot_width_mm", "real", "slot width of the filter, millimetres"),
    col("gravel_top_m", "real", "top of the filter gravel (omstorting), metres below ground level",
        metres("gravel_top_cm")),
    col("gravel_bottom_m", "real", "bottom of the filter gravel, metres below ground level",
        metres("gravel_bottom_cm")),
    col("seal_top_m", "real", "top of the bentonite seal, metres below ground level", metres("seal_top_cm")),
    col("seal_bottom_m", "real", "bottom of the bentonite seal, metres below ground level", metres("seal_bottom_cm")),
    col("finish", "text", "finish at the surface (code list well_finish: straatpot, standpijp, geen)"),
    col("pipe_top_m", "real", "top of the pipe above ground level (negative: below), metres",
        metres("pipe_top_cm")),
    col("pipe_top_nap_m", "real", "top of the pipe, metres NAP", metres("pipe_top_nap_cm")),
    col("placed_at", "datetime", "when the well was placed (ISO 8601 with offset)"),
    col("development", "text", "how the well was developed (ontwikkeld)"),
    col("development_minutes", "integer", "how long it was developed, minutes"),
    col("remarks", "text", "remarks"),
    col("borehole_id", "text", "FieldApp identifier of the borehole"),
    col("id", "text", "FieldApp identifier (UUIDv7)"),
), lambda d: iter(d.wells))

_GAR = ("abnormality_in_cooling", "abnormality_in_device", "polluted_by_engine", "filter_aerated",
        "groundwater_level_dropped_too_much", "abnormal_filter", "sample_aerated", "hose_reused",
        "temperature_difficult_to_measure")

SAMPLING_ROUND = Table("sampling_round", "Sampling rounds of the wells (BRL SIKB 2000 protocol 2002, NEN 5744): "
                       "water level, pump, purge, the stop rule met and the nine BRO GAR field observations.", (
    col("well_code", "text", "well code, e.g. PB01-1", key("_well_code")),
    col("started_at", "datetime", "start of the round (ISO 8601 with offset)"),
    col("days_since_placement", "integer", "whole days between placing the well and this round", key("_days")),
    col("staff_id", "text", "who sampled (staff register)"),
    col("water_level_top_m", "real", "water level before purging, metres below the top of the pipe",
        metres("water_level_cm")),
    col("water_level_m", "real", "water level before purging, metres below ground level", metres("_surface_cm")),
    col("pump_type", "text", "pump type (BRO GAR Pomptype)"),
    col("intake_m", "real", "depth of the pump intake, metres below ground level", metres("intake_cm")),
    col("flow_ml_min", "integer", "flow rate, millilitres per minute"),
    col("well_volume_l", "real", "one well volume (inner diameter and water column), litres", key("_well_volume_l")),
    col("purged_l", "real", "volume purged up to the last reading, litres", key("_purged_l")),
    col("well_volumes", "real", "well volumes purged", key("_volumes")),
    col("drawdown_cm", "integer", "drawdown while purging, centimetres", key("_drawdown_cm")),
    col("slow_running", "integer", "1: slow-running well (more than 50 cm drawdown at 100 ml/min)", key("_slow")),
    col("stop_rule", "text", "the purge stop rule met (resources/groundwater/stop_rules.json); empty: none, "
        "see the deviation"),
    col("stop_rule_nl", "text", "the stop rule in Dutch", key("_stop_rule_nl")),
    col("finished_at", "datetime", "when the purge was finished (ISO 8601)"),
    *(col(name, "integer", f"BRO GAR field observation {name}: 1 yes, 0 no, empty not recorded") for name in _GAR),
    col("remarks", "text", "remarks"),
    col("well_id", "text", "FieldApp identifier of the well"),
    col("id", "text", "FieldApp identifier (UUIDv7)"),
), lambda d: iter(d.rounds))

PURGE_READING = Table("purge_reading", "Field readings while purging, per round in order of purged volume.", (
    col("well_code", "text", "well code", key("_well_code")),
    col("round_started_at", "datetime", "start of its sampling round", key("_started_at")),
    col("volume_l", "real", "volume purged when read, litres"),
    col("measured_at", "datetime", "when read (ISO 8601)"),
    col("ec_us_cm", "real", "electrical conductivity, µS/cm"),
    col("ph", "real", "pH"),
    col("temperature_c", "real", "temperature, °C"),
    col("turbidity_ntu", "real", "turbidity, NTU"),
    col("o2_mg_l", "real", "dissolved oxygen, mg/l"),
    col("water_level_top_m", "real", "water level while pumping, metres below the top of the pipe",
        metres("water_level_cm")),
    col("stop_rule_met", "integer", "1 at the reading where the stop rule first held", key("_stop")),
    col("round_id", "text", "FieldApp identifier of the sampling round"),
    col("id", "text", "FieldApp identifier (UUIDv7)"),
), lambda d: iter(d.readings))
