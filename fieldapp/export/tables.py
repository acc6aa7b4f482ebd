"""The exported tables: their columns in a fixed order, with type and meaning.

CSV, Excel and the GeoPackage's attribute tables all come from these
definitions, so a column has the same name, order and unit everywhere and
the CSV README is generated from the same text. Add columns at the end:
coordinators' spreadsheets and scripts address columns by position too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Literal

from fieldapp.export.data import ProjectData, Row, admixture_text, json_list, staff
from fieldapp.export.sikb_ids import description_nl, sikb_id, sikb_pairs, soil_sikb_id

Kind = Literal["text", "integer", "real", "datetime", "date"]


@dataclass(frozen=True)
class Column:
    name: str
    kind: Kind
    doc: str
    get: Callable[[Row], Any]


@dataclass(frozen=True)
class Table:
    name: str
    doc: str
    columns: tuple[Column, ...]
    rows: Callable[[ProjectData], Iterator[Row]]

    def records(self, data: ProjectData) -> Iterator[tuple[Any, ...]]:
        getters = [c.get for c in self.columns]
        for row in self.rows(data):
            yield tuple(g(row) for g in getters)


def _key(name: str) -> Callable[[Row], Any]:
    return lambda r: r.get(name)


def _m(name: str) -> Callable[[Row], float | None]:
    # centimetres are what is stored; metres (positive down) are what reports show
    return lambda r: None if r.get(name) is None else r[name] / 100


def _col(name: str, kind: Kind, doc: str, get: Callable[[Row], Any] | None = None) -> Column:
    return Column(name, kind, doc, get or _key(name))


def _list(name: str) -> Callable[[Row], str]:
    return lambda r: "; ".join(str(v) for v in json_list(r.get(name)))


def _projects(d: ProjectData) -> Iterator[Row]:
    yield d.project


def _boreholes(d: ProjectData) -> Iterator[Row]:
    return iter(d.boreholes)


def _layers(d: ProjectData) -> Iterator[Row]:
    for b in d.boreholes:
        for lay in d.layers.get(b["id"], ()):
            yield {**lay, "_words": d.soil_words.get(lay["soil_code"], lay["soil_code"])}


def _samples(d: ProjectData) -> Iterator[Row]:
    holes: dict[str, list[str]] = {}
    for p in d.parts:
        codes = holes.setdefault(p["sample_id"], [])
        if p["borehole_code"] not in codes:
            codes.append(p["borehole_code"])
    for s in d.samples:
        yield {**s, "_boreholes": "; ".join(holes.get(s["id"], []))}


def _coded(name: str, doc: str) -> tuple[Column, Column]:
    """A coded field: its FieldApp code, then the SIKB0101 id of that value (``load`` looks it up)."""
    return (_col(name, "text", f"{doc}: code"),
            _col(f"{name}_sikb0101_id", "integer", f"{doc}: SIKB0101 id",
                 lambda r: (r.get("_sikb0101") or {}).get(name)))


PROJECT = Table("project", "The investigation (onderzoek).", (
    _col("code", "text", "project code"),
    _col("name", "text", "project name"),
    _col("client", "text", "client (opdrachtgever)"),
    _col("site_address", "text", "site address (locatie)"),
    _col("standard", "text", "investigation standard, e.g. NEN 5740"),
    _col("lab", "text", "laboratory"),
    _col("field_staff", "text", "field staff, separated by '; '", lambda r: staff(r).replace(", ", "; ")),
    _col("start_date", "date", "first field day (ISO 8601 date)"),
    _col("end_date", "date", "last field day (ISO 8601 date)"),
    _col("required_position_class", "text", "positioning class the protocol asks for (BRO code list)"),
    _col("deviations", "text", "deviations from the protocol, with reasons"),
    _col("remarks", "text", "remarks"),
    _col("id", "text", "FieldApp identifier (UUIDv7)"),
    *_coded("investigation_type", "investigation type (SAD OnderzoekType)"),
    *_coded("investigation_reason", "reason for the investigation (SAD OnderzoekAanleidingen)"),
    *_coded("investigation_strategy", "NEN 5740 strategy/hypothesis (SIKB0101 StrategieType)"),
    *_coded("investigation_phase", "phase (SIKB0101 OnderzoeksfaseType)"),
    *_coded("competent_authority", "bevoegd gezag (SIKB0101 BevoegdGezag)"),
    *_coded("asbestos_presence", "asbestos status (SAD AsbestAanwezigheid)"),
    _col("report_number", "text", "report number (at most 40 characters)"),
    _col("contractor", "text", "contractor (opdrachtnemer)"),
    _col("contractor_kvk", "text", "contractor's KvK number, 8 digits"),
    _col("process_certificate", "text", "contractor's procescertificaat number"),
    _col("site_contour", "text", "site contour, WKT polygon in RD New (EPSG:28992), metres"),
), _projects)

BOREHOLE = Table("borehole", "Boreholes (boringen, peilbuizen) with measured position and its evidence.", (
    _col("code", "text", "borehole code, e.g. B01"),
    _col("kind", "text", "boring or peilbuis"),
    _col("x_rd", "real", "measured easting, RD New (EPSG:28992), metres"),
    _col("y_rd", "real", "measured northing, RD New (EPSG:28992), metres"),
    _col("rd_source", "text", "'stored' (computed at measurement) or 'RDNAPTRANS2018' (computed at export)"),
    _col("lat", "real", "measured latitude, ETRS89, degrees"),
    _col("lon", "real", "measured longitude, ETRS89, degrees"),
    _col("nap_m", "real", "NAP height of the GNSS antenna (not the ground: see ground_level_nap_m), metres"),
    _col("planned_x_rd", "real", "planned easting, RD New, metres"),
    _col("planned_y_rd", "real", "planned northing, RD New, metres"),
    _col("position_class", "text", "horizontal positioning class (BRO code list)"),
    _col("fix_type", "text", "GNSS fix type of the averaged epochs"),
    _col("sats", "integer", "satellites used"),
    _col("hdop", "real", "horizontal dilution of precision"),
    _col("sigma_m", "real", "receiver's horizontal error estimate, metres"),
    _col("epoch_count", "integer", "number of averaged epochs"),
    _col("span_s", "real", "time span of the averaged epochs, seconds"),
    _col("ground_level_nap_m", "real", "ground level, metres NAP", _m("ground_level_nap_cm")),
    _col("technique", "text", "boring technique (code list)"),
    _col("apparatus", "text", "apparatus, e.g. Edelmanboor"),
    _col("diameter_mm", "integer", "borehole diameter, millimetres"),
    _col("final_depth_m", "real", "final depth, metres below ground level", _m("final_depth_cm")),
    _col("stop_criterion", "text", "why boring stopped (code list)"),
    _col("groundwater_m", "real", "groundwater level, metres below ground level", _m("groundwater_cm")),
    _col("started_at", "datetime", "start of boring (ISO 8601 with offset)"),
    _col("ended_at", "datetime", "end of boring (ISO 8601 with offset)"),
    _col("sampler", "text", "sampler (veldwerker)"),
    _col("remarks", "text", "remarks"),
    _col("id", "text", "FieldApp identifier (UUIDv7)"),
    _col("groundwater_status", "text", "measured, not_encountered or not_measured (code list groundwater_status)"),
    _col("backfill", "text", "what the hole was filled with (BRO BHR-GT Aanvulmateriaal code)"),
    _col("surface_method", "text", "how the ground level was found: GNSS, waterpassing, AHN, geschat"),
    _col("surface_method_bro", "text", "the same as a BRO BHR-GT VerticalPositioningMethod code",
         _key("_surface_method_bro")),
    _col("surface_accuracy_cm", "integer", "accuracy of the ground level, centimetres"),
    _col("antenna_height_m", "real", "antenna height taken off the GNSS height for the ground level, metres"),
    _col("closed_at", "datetime", "when the borehole was closed as complete (ISO 8601)"),
    _col("closed_by", "text", "who closed it"),
    _col("staff_name", "text", "who did the borehole (staff register)", _key("_staff_name")),
    _col("staff_id", "text", "FieldApp identifier of that person in the staff register"),
), _boreholes)

LAYER = Table("layer", "Soil layers (bodemlagen) per NEN 5104, top down within each borehole.", (
    _col("borehole_code", "text", "borehole code"),
    _col("upper_m", "real", "top of the layer, metres below ground level", _m("upper_cm")),
    _col("lower_m", "real", "bottom of the layer, metres below ground level", _m("lower_cm")),
    _col("soil_code", "text", "NEN 5104 soil code, e.g. Zs1h2"),
    _col("soil_description", "text", "the soil code in Dutch words", _key("_words")),
    _col("colour", "text", "colour (code list)"),
    _col("sand_median", "text", "sand median class (code list)"),
    _col("smell", "text", "smell (code list)"),
    _col("oil_water", "text", "oil-water reaction (code list)"),
    _col("admixtures", "text", "anthropogenic admixtures as 'grade code', separated by '; '",
         lambda r: admixture_text(r.get("admixtures"))),
    _col("remarks", "text", "remarks"),
    _col("borehole_id", "text", "FieldApp identifier of the borehole"),
    _col("id", "text", "FieldApp identifier (UUIDv7)"),
    _col("boring_process_id", "text", "the boring process it was drilled with (by depth; see boring_process)",
         _key("_boring_process_id")),
    # the NEN 5104 description as SIKB0101 carries it (issue 12); *_sikb0101 are the SIKB0101 domain table ids
    _col("soil_sikb0101", "integer", "SIKB0101 Grondsoort id of the soil code's main part (Zs1h2: Zs1)",
         soil_sikb_id),
    _col("colour_sikb0101", "integer", "SIKB0101 Kleur id of colour", sikb_id("colour", "colour")),
    _col("secondary_colour", "text", "bijkleur (code list colour)"),
    _col("secondary_colour_sikb0101", "integer", "SIKB0101 Kleur id of the bijkleur",
         sikb_id("colour", "secondary_colour")),
    _col("colour_shade", "text", "kleursterkte (code list), e.g. donker"),
    _col("colour_shade_sikb0101", "integer", "SIKB0101 Kleursterkte id", sikb_id("colour_shade", "colour_shade")),
    _col("sand_median_sikb0101", "integer", "SIKB0101 ZandMediaanKlasse id",
         sikb_id("sand_median_class", "sand_median")),
    _col("gravel_median", "text", "gravel median class (code list)"),
    _col("gravel_median_sikb0101", "integer", "SIKB0101 GrindMediaanKlasse id",
         sikb_id("gravel_median_class", "gravel_median")),
    _col("components", "text", "natural components (bijzondere bestanddelen) as 'grade code', separated by '; '",
         lambda r: admixture_text(r.get("components"))),
    _col("components_sikb0101", "text", "natural components as 'BijzonderBestanddeelSoort id:Gradatie id', "
         "separated by '; '", sikb_pairs("components", "natural_component", "component_grade")),
    _col("admixtures_sikb0101", "text", "anthropogenic admixtures as 'BijzonderBestanddeelSoort id:Gradatie id', "
         "separated by '; '", sikb_pairs("admixtures", "anthropogenic_admixture", "anthropogenic_grade")),
    _col("description_nl", "text", "the layer in the words of a Dutch field log", description_nl),
), _layers)

SAMPLE = Table("sample", "Samples (monsters); depth intervals are in sample_part.", (
    _col("code", "text", "sample code"),
    _col("kind", "text", "field_sample, groundwater, analysis_sample (or the withdrawn field_composite)"),
    _col("matrix", "text", "matrix (code list), e.g. BS for soil"),
    _col("boreholes", "text", "codes of the boreholes it comes from, separated by '; '", _key("_boreholes")),
    _col("sampled_at", "datetime", "when it was taken (ISO 8601 with offset)"),
    _col("analyses", "text", "analyses requested, separated by '; '", _list("analyses")),
    _col("qc_role", "text", "QC role (field duplicate, blank) or empty"),
    _col("remarks", "text", "remarks"),
    _col("id", "text", "FieldApp identifier (UUIDv7)"),
    _col("sikb0101_monstertype_id", "integer",
         "SIKB0101 MonsterType id: 1 veldmonster, 10 analysemonster (3 veldmengmonster, withdrawn)",
         _key("_monstertype_id")),
    _col("analysis_package", "text", "analysis package of an analysis sample (resources/analysis/packages.json)"),
    _col("analysis_package_name", "text", "the package's Dutch name", _key("_package_name")),
    _col("staff_name", "text", "who took it (staff register)", _key("_staff_name")),
    _col("staff_id", "text", "FieldApp identifier of that person in the staff register"),
    _col("sampling_round_id", "text", "a groundwater sample's sampling round (see sampling_round)"),
), _samples)

SAMPLE_PART = Table("sample_part", "The depth intervals each sample was taken from.", (
    _col("sample_code", "text", "sample code"),
    _col("borehole_code", "text", "borehole code"),
    _col("upper_m", "real", "top of the interval, metres below ground level", _m("upper_cm")),
    _col("lower_m", "real", "bottom of the interval, metres below ground level", _m("lower_cm")),
    _col("sample_id", "text", "FieldApp identifier of the sample"),
    _col("borehole_id", "text", "FieldApp identifier of the borehole"),
    _col("id", "text", "FieldApp identifier (UUIDv7)"),
), lambda d: iter(d.parts))

CONTAINER = Table("container", "Sample containers (potjes, flessen) with their barcodes.", (
    _col("barcode", "text", "barcode on the label"),
    _col("sample_code", "text", "sample code"),
    _col("container_type", "text", "container type (code list)"),
    _col("material", "text", "material (code list)"),
    _col("volume_ml", "integer", "volume, millilitres"),
    _col("preservation", "text", "preservation"),
    _col("filtered", "integer", "filtered in the field (groundwater for metals): 1 yes, 0 no, empty not recorded"),
    _col("lab_reference", "text", "the lab's own reference, filled in at intake"),
    _col("remarks", "text", "remarks"),
    _col("sample_id", "text", "FieldApp identifier of the sample"),
    _col("id", "text", "FieldApp identifier (UUIDv7)"),
    _col("analysis_package", "text", "the package a bottle was filled for (resources/analysis/packages.json)"),
    _col("parameters", "text", "the package's parameters the bottle is for, separated by '; ' (empty: all)",
         _list("parameters")),
), lambda d: iter(d.containers))

def _processes(d: ProjectData) -> Iterator[Row]:
    for b in d.boreholes:
        yield from d.processes.get(b["id"], ())


BORING_PROCESS = Table("boring_process", "The boring process (boorproces) per depth interval: apparatus, technique, "
                       "diameter; SIKB0101 links each layer to one.", (
    _col("borehole_code", "text", "borehole code"),
    _col("upper_m", "real", "top of the interval, metres below ground level", _m("upper_cm")),
    _col("lower_m", "real", "bottom of the interval (the final depth when open), metres below ground level",
         _m("_lower_cm")),
    _col("technique", "text", "boring technique (BRO BHR-GT Boortechniek code)"),
    _col("apparatus", "text", "apparatus (SIKB0101 Bemonsteringsapparaat code)"),
    _col("apparatus_sikb0101_id", "integer", "the apparatus's SIKB0101 id", _key("_apparatus_sikb0101_id")),
    _col("diameter_mm", "integer", "diameter, millimetres"),
    _col("remarks", "text", "remarks"),
    _col("borehole_id", "text", "FieldApp identifier of the borehole"),
    _col("id", "text", "FieldApp identifier (UUIDv7)"),
), _processes)


ANALYSIS_SAMPLE_PART = Table(
    "analysis_sample_part",
    "The field samples each analysis sample (mengmonster) is made of (SIKB0101 role 10 HeeftDeelmonster).", (
        _col("analysis_sample_code", "text", "analysis sample code, e.g. MM1"),
        _col("field_sample_code", "text", "field sample code"),
        _col("borehole_code", "text", "borehole of the field sample"),
        _col("upper_m", "real", "top of the field sample, metres below ground level", _m("upper_cm")),
        _col("lower_m", "real", "bottom of the field sample, metres below ground level", _m("lower_cm")),
        _col("analysis_package", "text", "the analysis sample's package"),
        _col("sikb0101_role_id", "integer", "SIKB0101 RelatedSamplingFeatureRollen id (10: HeeftDeelmonster)",
             lambda _r: 10),
        _col("analysis_sample_id", "text", "FieldApp identifier of the analysis sample"),
        _col("field_sample_id", "text", "FieldApp identifier of the field sample"),
        _col("id", "text", "FieldApp identifier (UUIDv7)"),
    ), lambda d: iter(d.analysis_parts))

DEVIATION = Table("deviation", "Deviations (afwijkingen) from a protocol rule, each with its reason, consequences "
                  "and who decided (BRL SIKB 2000).", (
    _col("object_kind", "text", "what it concerns: borehole, sample, container, shipment, ..."),
    _col("object_code", "text", "the code of what it concerns, e.g. M03-2"),
    _col("rule_id", "text", "the rule deviated from (resources/rules)"),
    _col("part", "text", "part of the protocol (onderdeel)"),
    _col("nature", "text", "what was done otherwise (aard)"),
    _col("reason", "text", "why (motivatie)"),
    _col("consequences", "text", "consequences and risks for the result (gevolgen en risico's)"),
    _col("decided_by", "text", "who decided (staff register)", _key("staff_name")),
    _col("decided_at", "datetime", "when it was decided (ISO 8601)"),
    _col("object_id", "text", "FieldApp identifier of what it concerns"),
    _col("staff_id", "text", "FieldApp identifier of who decided"),
    _col("id", "text", "FieldApp identifier (UUIDv7)"),
), lambda d: iter(d.deviations))

FIELD_DAY = Table("field_day", "Field days (veldwerkdagen): site, weather and who was there.", (
    _col("day", "date", "the day (YYYY-MM-DD)"),
    _col("site", "text", "the site (locatie)"),
    _col("weather", "text", "the weather"),
    _col("staff", "text", "who was there, separated by '; '", _key("_staff")),
    _col("protocols", "text", "protocols in use beyond what the work shows, separated by '; '", _key("_protocols")),
    _col("remarks", "text", "remarks"),
    _col("id", "text", "FieldApp identifier (UUIDv7)"),
), lambda d: iter(d.field_days))

STAFF = Table("staff", "The staff register: who may do which field work (Bodem+ registration), until when.", (
    _col("name", "text", "name"),
    _col("role", "text", "experienced (registered fieldworker), assistant or projectleader"),
    _col("registration_number", "text", "Bodem+ registration number"),
    _col("protocols", "text", "BRL SIKB 2000 protocols registered for, separated by '; '", _key("_protocols")),
    _col("valid_until", "date", "registration valid until (YYYY-MM-DD)"),
    _col("id", "text", "FieldApp identifier (UUIDv7)"),
), lambda d: iter(d.staff))


WELL = Table("well", "Monitoring wells (peilbuizen): filter, pipe, filter gravel and seal, placed in a borehole of "
             "kind peilbuis (BRL SIKB 2000 protocol 2001).", (
    _col("well_code", "text", "borehole code and tube number, e.g. PB01-1", _key("_code")),
    _col("borehole_code", "text", "borehole code"),
    _col("tube_number", "integer", "tube (filter) number within the borehole"),
    _col("filter_top_m", "real", "top of the filter, metres below ground level", _m("filter_top_cm")),
    _col("filter_bottom_m", "real", "bottom of the filter, metres below ground level", _m("filter_bottom_cm")),
    _col("pipe_diameter_mm", "integer", "inner diameter of the pipe, millimetres"),
    _col("pipe_material", "text", "pipe material (code list well_tube_material)"),
    _col("filter_diameter_mm", "integer", "filter diameter, millimetres"),
    _col("filter_material", "text", "filter material (code list well_tube_material)"),
    _col("slot_width_mm", "real", "slot width of the filter, millimetres"),
    _col("gravel_top_m", "real", "top of the filter gravel (omstorting), metres below ground level",
         _m("gravel_top_cm")),
    _col("gravel_bottom_m", "real", "bottom of the filter gravel, metres below ground level", _m("gravel_bottom_cm")),
    _col("seal_top_m", "real", "top of the bentonite seal, metres below ground level", _m("seal_top_cm")),
    _col("seal_bottom_m", "real", "bottom of the bentonite seal, metres below ground level", _m("seal_bottom_cm")),
    _col("finish", "text", "finish at the surface (code list well_finish: straatpot, standpijp, geen)"),
    _col("pipe_top_m", "real", "top of the pipe above ground level (negative: below), metres",
         _m("pipe_top_cm")),
    _col("pipe_top_nap_m", "real", "top of the pipe, metres NAP", _m("pipe_top_nap_cm")),
    _col("placed_at", "datetime", "when the well was placed (ISO 8601 with offset)"),
    _col("development", "text", "how the well was developed (ontwikkeld)"),
    _col("development_minutes", "integer", "how long it was developed, minutes"),
    _col("remarks", "text", "remarks"),
    _col("borehole_id", "text", "FieldApp identifier of the borehole"),
    _col("id", "text", "FieldApp identifier (UUIDv7)"),
), lambda d: iter(d.wells))

_GAR = ("abnormality_in_cooling", "abnormality_in_device", "polluted_by_engine", "filter_aerated",
        "groundwater_level_dropped_too_much", "abnormal_filter", "sample_aerated", "hose_reused",
        "temperature_difficult_to_measure")

SAMPLING_ROUND = Table("sampling_round", "Sampling rounds of the wells (BRL SIKB 2000 protocol 2002, NEN 5744): "
                       "water level, pump, purge, the stop rule met and the nine BRO GAR field observations.", (
    _col("well_code", "text", "well code, e.g. PB01-1", _key("_well_code")),
    _col("started_at", "datetime", "start of the round (ISO 8601 with offset)"),
    _col("days_since_placement", "integer", "whole days between placing the well and this round", _key("_days")),
    _col("staff_id", "text", "who sampled (staff register)"),
    _col("water_level_top_m", "real", "water level before purging, metres below the top of the pipe",
         _m("water_level_cm")),
    _col("water_level_m", "real", "water level before purging, metres below ground level", _m("_surface_cm")),
    _col("pump_type", "text", "pump type (BRO GAR Pomptype)"),
    _col("intake_m", "real", "depth of the pump intake, metres below ground level", _m("intake_cm")),
    _col("flow_ml_min", "integer", "flow rate, millilitres per minute"),
    _col("well_volume_l", "real", "one well volume (inner diameter and water column), litres", _key("_well_volume_l")),
    _col("purged_l", "real", "volume purged up to the last reading, litres", _key("_purged_l")),
    _col("well_volumes", "real", "well volumes purged", _key("_volumes")),
    _col("drawdown_cm", "integer", "drawdown while purging, centimetres", _key("_drawdown_cm")),
    _col("slow_running", "integer", "1: slow-running well (more than 50 cm drawdown at 100 ml/min)", _key("_slow")),
    _col("stop_rule", "text", "the purge stop rule met (resources/groundwater/stop_rules.json); empty: none, "
         "see the deviation"),
    _col("stop_rule_nl", "text", "the stop rule in Dutch", _key("_stop_rule_nl")),
    _col("finished_at", "datetime", "when the purge was finished (ISO 8601)"),
    *(_col(name, "integer", f"BRO GAR field observation {name}: 1 yes, 0 no, empty not recorded") for name in _GAR),
    _col("remarks", "text", "remarks"),
    _col("well_id", "text", "FieldApp identifier of the well"),
    _col("id", "text", "FieldApp identifier (UUIDv7)"),
), lambda d: iter(d.rounds))

PURGE_READING = Table("purge_reading", "Field readings while purging, per round in order of purged volume.", (
    _col("well_code", "text", "well code", _key("_well_code")),
    _col("round_started_at", "datetime", "start of its sampling round", _key("_started_at")),
    _col("volume_l", "real", "volume purged when read, litres"),
    _col("measured_at", "datetime", "when read (ISO 8601)"),
    _col("ec_us_cm", "real", "electrical conductivity, µS/cm"),
    _col("ph", "real", "pH"),
    _col("temperature_c", "real", "temperature, °C"),
    _col("turbidity_ntu", "real", "turbidity, NTU"),
    _col("o2_mg_l", "real", "dissolved oxygen, mg/l"),
    _col("water_level_top_m", "real", "water level while pumping, metres below the top of the pipe",
         _m("water_level_cm")),
    _col("stop_rule_met", "integer", "1 at the reading where the stop rule first held", _key("_stop")),
    _col("round_id", "text", "FieldApp identifier of the sampling round"),
    _col("id", "text", "FieldApp identifier (UUIDv7)"),
), lambda d: iter(d.readings))

PHOTO = Table("photo", "Photos of the site, boreholes, layers and samples; the files are in photos/ beside "
              "the data where the format allows, named by their SHA-256.", (
    _col("object_kind", "text", "what the photo shows: site, borehole, layer or sample"),
    _col("object_code", "text", "the code of what it shows (a layer: borehole code and depths)", _key("_object_code")),
    _col("sha256", "text", "SHA-256 of the photo file (as journalled)"),
    _col("file", "text", "the file in this export (empty: not on this device yet)", _key("_file")),
    _col("file_name", "text", "the file's name when it was added"),
    _col("size_bytes", "integer", "file size, bytes"),
    _col("taken_at", "datetime", "when it was taken (ISO 8601; the camera's time has no offset)"),
    _col("time_source", "text", "where the time comes from: exif (camera), gnss (fix) or added"),
    _col("lat", "real", "latitude of the GNSS fix when it was added, ETRS89, degrees"),
    _col("lon", "real", "longitude of the GNSS fix when it was added, ETRS89, degrees"),
    _col("position_source", "text", "fix type of that GNSS fix"),
    _col("caption", "text", "caption"),
    _col("object_id", "text", "FieldApp identifier of what it shows"),
    _col("id", "text", "FieldApp identifier (UUIDv7)"),
), lambda d: iter(d.photos))

ASBESTOS_JUDGEMENT = Table("asbestos_judgement", "Asbestos suspicion of each borehole location (NEN 5707) as the "
                           "projectleider judged it; a later judgement supersedes an earlier one, both are kept.", (
    _col("borehole_code", "text", "borehole code"),
    _col("suspect", "integer", "1: the location is asbestos-suspect, 0: it is not (the reason says why)"),
    _col("reason", "text", "the written reason"),
    _col("current", "integer", "1: the latest judgement of this borehole, 0: superseded", _key("_current")),
    _col("suspect_admixture", "text", "the suspect admixture found in a layer (resources/rules/asbestos.json); "
         "empty: none", _key("_admixture")),
    _col("suspect_layer", "text", "the first layer with it, metres below ground level", _key("_layer")),
    _col("decided_by", "text", "who judged (staff register)", _key("_staff_name")),
    _col("decided_at", "datetime", "when it was judged (ISO 8601)"),
    _col("borehole_id", "text", "FieldApp identifier of the borehole"),
    _col("staff_id", "text", "FieldApp identifier of who judged"),
    _col("id", "text", "FieldApp identifier (UUIDv7)"),
), lambda d: iter(d.asbestos))

INSPECTION_PIT = Table("inspection_pit", "NEN 5707 inspections: surface inspection, inspection pit (inspectiegat) "
                       "and trench (sleuf), with dimensions and the suspect material found.", (
    _col("code", "text", "code, e.g. IG01"),
    _col("kind", "text", "kind (resources/rules/asbestos.json): maaiveld, inspectiegat, sleuf"),
    _col("kind_nl", "text", "the kind in Dutch", _key("_kind_nl")),
    _col("sad_meetpunttype", "integer", "SAD MeetpuntType id of the kind (12 inspectiegat, 18 sleuf)",
         _key("_sad_meetpunttype")),
    _col("borehole_code", "text", "the borehole it was dug at; empty: none"),
    _col("x_rd", "real", "easting, RD New (EPSG:28992), metres"),
    _col("y_rd", "real", "northing, RD New (EPSG:28992), metres"),
    _col("length_m", "real", "length, metres"),
    _col("width_m", "real", "width, metres"),
    _col("depth_m", "real", "depth, metres below ground level (empty: surface inspection)"),
    _col("inspected_at", "datetime", "when it was inspected (ISO 8601)"),
    _col("suspect_found", "integer", "1: asbestos-suspect material found, 0: none"),
    _col("suspect_material", "text", "the suspect material found (on the surface or in the pit)"),
    _col("suspect_weight_g", "real", "its weight, grams"),
    _col("remarks", "text", "remarks"),
    _col("borehole_id", "text", "FieldApp identifier of the borehole"),
    _col("id", "text", "FieldApp identifier (UUIDv7)"),
), lambda d: iter(d.pits))

INSPECTION_FRACTION = Table("inspection_fraction", "The sieved fractions of each inspection pit or trench per "
                            "depth interval (NEN 5707): what was sieved and the suspect material in it.", (
    _col("inspection_pit_code", "text", "code of the inspection pit or trench"),
    _col("upper_m", "real", "top of the interval, metres below ground level", _m("upper_cm")),
    _col("lower_m", "real", "bottom of the interval, metres below ground level", _m("lower_cm")),
    _col("sieve_mm", "real", "sieve mesh, millimetres"),
    _col("sieved_kg", "real", "soil sieved, kilograms"),
    _col("suspect_weight_g", "real", "asbestos-suspect material found, grams"),
    _col("suspect_material", "text", "the suspect material found"),
    _col("inspection_pit_id", "text", "FieldApp identifier of the inspection pit or trench"),
    _col("id", "text", "FieldApp identifier (UUIDv7)"),
), lambda d: iter(d.fractions))

PFAS_CHECKLIST = Table("pfas_checklist", "The PFAS equipment checklist, signed per fieldworker and day on which "
                       "PFAS samples were taken (resources/rules/pfas.json).", (
    _col("day", "date", "the day (YYYY-MM-DD)"),
    _col("fieldworker", "text", "who signed"),
    _col("items", "text", "the checklist items ticked (ids), separated by '; '", _key("_items")),
    _col("items_nl", "text", "the same in Dutch words, separated by '; '", _key("_items_nl")),
    _col("signed_at", "datetime", "when it was signed (ISO 8601)"),
    _col("remarks", "text", "remarks"),
    _col("staff_id", "text", "FieldApp identifier of who signed (staff register)"),
    _col("id", "text", "FieldApp identifier (UUIDv7)"),
), lambda d: iter(d.pfas))

TABLES: tuple[Table, ...] = (PROJECT, BOREHOLE, LAYER, SAMPLE, SAMPLE_PART, CONTAINER, BORING_PROCESS,
                             ANALYSIS_SAMPLE_PART, DEVIATION, FIELD_DAY, STAFF, WELL, SAMPLING_ROUND, PURGE_READING,
                             PHOTO, ASBESTOS_JUDGEMENT, INSPECTION_PIT, INSPECTION_FRACTION, PFAS_CHECKLIST)
