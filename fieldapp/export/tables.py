"""The exported tables: their columns in a fixed order, with type and meaning.

CSV, Excel and the GeoPackage's attribute tables all come from these
definitions, so a column has the same name, order and unit everywhere and
the CSV README is generated from the same text. Add columns at the end:
coordinators' spreadsheets and scripts address columns by position too.

Here the investigation itself (project, boreholes, layers, samples and what they
are taken with); the wells in well_tables.py, the evidence an inspector asks for
(deviations, field days, staff, photos, asbestos, PFAS) in evidence_tables.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from fieldapp.export.columns import Column, Table, coded, col, key, listed, metres, of
from fieldapp.export.data import ProjectData, Row, admixture_text, staff
from fieldapp.export.evidence_tables import (
    ASBESTOS_JUDGEMENT,
    DEVIATION,
    FIELD_DAY,
    INSPECTION_FRACTION,
    INSPECTION_PIT,
    PFAS_CHECKLIST,
    PHOTO,
    STAFF,
)
from fieldapp.export.sikb_ids import description_column, sikb_id, sikb_pairs, soil_sikb_column
from fieldapp.export.well_tables import PURGE_READING, SAMPLING_ROUND, WELL

# every table can be had from here, as before the definitions were split by noun
__all__ = ["ANALYSIS_SAMPLE_PART", "ASBESTOS_JUDGEMENT", "BOREHOLE", "BORING_PROCESS", "CONTAINER", "DEVIATION",
           "FIELD_DAY", "INSPECTION_FRACTION", "INSPECTION_PIT", "LAYER", "PFAS_CHECKLIST", "PHOTO", "PROJECT",
           "PURGE_READING", "SAMPLE", "SAMPLE_PART", "SAMPLING_ROUND", "STAFF", "TABLES", "WELL", "Column", "Table"]


# one parse per distinct list of admixtures: 50,000 layers repeat a few hundred
_admixture_text = lru_cache(maxsize=4096)(admixture_text)


def _projects(d: ProjectData) -> Iterator[Row]:
    yield d.project


def _boreholes(d: ProjectData) -> list[Row]:
    return d.boreholes


def _layers(d: ProjectData) -> list[Row]:
    layers = d.layers
    return [lay for b in d.boreholes for lay in layers.get(b["id"], ())]


def _samples(d: ProjectData) -> list[Row]:
    holes: dict[str, list[str]] = {}
    for p in d.parts:
        codes = holes.setdefault(p["sample_id"], [])
        if p["borehole_code"] not in codes:
            codes.append(p["borehole_code"])
    for s in d.samples:  # the sample's own row: a copy of each with this one field was a tenth of the export
        s["_boreholes"] = "; ".join(holes.get(s["id"], []))
    return d.samples


PROJECT = Table("project", "The investigation (onderzoek).", (
    col("code", "text", "project code"),
    col("name", "text", "project name"),
    col("client", "text", "client (opdrachtgever)"),
    col("site_address", "text", "site address (locatie)"),
    col("standard", "text", "investigation standard, e.g. NEN 5740"),
    col("lab", "text", "laboratory"),
    col("field_staff", "text", "field staff, separated by '; '", lambda r: staff(r).replace(", ", "; ")),
    col("start_date", "date", "first field day (ISO 8601 date)"),
    col("end_date", "date", "last field day (ISO 8601 date)"),
    col("required_position_class", "text", "positioning class the protocol asks for (BRO code list)"),
    col("deviations", "text", "deviations from the protocol, with reasons"),
    col("remarks", "text", "remarks"),
    col("id", "text", "FieldApp identifier (UUIDv7)"),
    *coded("investigation_type", "investigation type (SAD OnderzoekType)"),
    *coded("investigation_reason", "reason for the investigation (SAD OnderzoekAanleidingen)"),
    *coded("investigation_strategy", "NEN 5740 strategy/hypothesis (SIKB0101 StrategieType)"),
    *coded("investigation_phase", "phase (SIKB0101 OnderzoeksfaseType)"),
    *coded("competent_authority", "bevoegd gezag (SIKB0101 BevoegdGezag)"),
    *coded("asbestos_presence", "asbestos status (SAD AsbestAanwezigheid)"),
    col("report_number", "text", "report number (at most 40 characters)"),
    col("contractor", "text", "contractor (opdrachtnemer)"),
    col("contractor_kvk", "text", "contractor's KvK number, 8 digits"),
    col("process_certificate", "text", "contractor's procescertificaat number"),
    col("site_contour", "text", "site contour, WKT polygon in RD New (EPSG:28992), metres"),
), _projects)

BOREHOLE = Table("borehole", "Boreholes (boringen, peilbuizen) with measured position and its evidence.", (
    col("code", "text", "borehole code, e.g. B01"),
    col("kind", "text", "boring or peilbuis"),
    col("x_rd", "real", "measured easting, RD New (EPSG:28992), metres"),
    col("y_rd", "real", "measured northing, RD New (EPSG:28992), metres"),
    col("rd_source", "text", "'stored' (computed at measurement) or 'RDNAPTRANS2018' (computed at export)"),
    col("lat", "real", "measured latitude, ETRS89, degrees"),
    col("lon", "real", "measured longitude, ETRS89, degrees"),
    col("nap_m", "real", "NAP height of the GNSS antenna (not the ground: see ground_level_nap_m), metres"),
    col("planned_x_rd", "real", "planned easting, RD New, metres"),
    col("planned_y_rd", "real", "planned northing, RD New, metres"),
    col("position_class", "text", "horizontal positioning class (BRO code list)"),
    col("fix_type", "text", "GNSS fix type of the averaged epochs"),
    col("sats", "integer", "satellites used"),
    col("hdop", "real", "horizontal dilution of precision"),
    col("sigma_m", "real", "receiver's horizontal error estimate, metres"),
    col("epoch_count", "integer", "number of averaged epochs"),
    col("span_s", "real", "time span of the averaged epochs, seconds"),
    col("ground_level_nap_m", "real", "ground level, metres NAP", metres("ground_level_nap_cm")),
    col("technique", "text", "boring technique (code list)"),
    col("apparatus", "text", "apparatus, e.g. Edelmanboor"),
    col("diameter_mm", "integer", "borehole diameter, millimetres"),
    col("final_depth_m", "real", "final depth, metres below ground level", metres("final_depth_cm")),
    col("stop_criterion", "text", "why boring stopped (code list)"),
    col("groundwater_m", "real", "groundwater level, metres below ground level", metres("groundwater_cm")),
    col("started_at", "datetime", "start of boring (ISO 8601 with offset)"),
    col("ended_at", "datetime", "end of boring (ISO 8601 with offset)"),
    col("sampler", "text", "sampler (veldwerker)"),
    col("remarks", "text", "remarks"),
    col("id", "text", "FieldApp identifier (UUIDv7)"),
    col("groundwater_status", "text", "measured, not_encountered or not_measured (code list groundwater_status)"),
    col("backfill", "text", "what the hole was filled with (BRO BHR-GT Aanvulmateriaal code)"),
    col("surface_method", "text", "how the ground level was found: GNSS, waterpassing, AHN, geschat"),
    col("surface_method_bro", "text", "the same as a BRO BHR-GT VerticalPositioningMethod code",
        key("_surface_method_bro")),
    col("surface_accuracy_cm", "integer", "accuracy of the ground level, centimetres"),
    col("antenna_height_m", "real", "antenna height taken off the GNSS height for the ground level, metres"),
    col("closed_at", "datetime", "when the borehole was closed as complete (ISO 8601)"),
    col("closed_by", "text", "who closed it"),
    col("staff_name", "text", "who did the borehole (staff register)", key("_staff_name")),
    col("staff_id", "text", "FieldApp identifier of that person in the staff register"),
), _boreholes)

LAYER = Table("layer", "Soil layers (bodemlagen) per NEN 5104, top down within each borehole.", (
    col("borehole_code", "text", "borehole code"),
    col("upper_m", "real", "top of the layer, metres below ground level", metres("upper_cm")),
    col("lower_m", "real", "bottom of the layer, metres below ground level", metres("lower_cm")),
    col("soil_code", "text", "NEN 5104 soil code, e.g. Zs1h2"),
    col("soil_description", "text", "the soil code in Dutch words", key("_words")),
    col("colour", "text", "colour (code list)"),
    col("sand_median", "text", "sand median class (code list)"),
    col("smell", "text", "smell (code list)"),
    col("oil_water", "text", "oil-water reaction (code list)"),
    col("admixtures", "text", "anthropogenic admixtures as 'grade code', separated by '; '",
        of(_admixture_text, "admixtures")),
    col("remarks", "text", "remarks"),
    col("borehole_id", "text", "FieldApp identifier of the borehole"),
    col("id", "text", "FieldApp identifier (UUIDv7)"),
    col("boring_process_id", "text", "the boring process it was drilled with (by depth; see boring_process)",
        key("_boring_process_id")),
    # the NEN 5104 description as SIKB0101 carries it (issue 12); *_sikb0101 are the SIKB0101 domain table ids
    col("soil_sikb0101", "integer", "SIKB0101 Grondsoort id of the soil code's main part (Zs1h2: Zs1)",
        soil_sikb_column),
    col("colour_sikb0101", "integer", "SIKB0101 Kleur id of colour", sikb_id("colour", "colour")),
    col("secondary_colour", "text", "bijkleur (code list colour)"),
    col("secondary_colour_sikb0101", "integer", "SIKB0101 Kleur id of the bijkleur",
        sikb_id("colour", "secondary_colour")),
    col("colour_shade", "text", "kleursterkte (code list), e.g. donker"),
    col("colour_shade_sikb0101", "integer", "SIKB0101 Kleursterkte id", sikb_id("colour_shade", "colour_shade")),
    col("sand_median_sikb0101", "integer", "SIKB0101 ZandMediaanKlasse id",
        sikb_id("sand_median_class", "sand_median")),
    col("gravel_median", "text", "gravel median class (code list)"),
    col("gravel_median_sikb0101", "integer", "SIKB0101 GrindMediaanKlasse id",
        sikb_id("gravel_median_class", "gravel_median")),
    col("components", "text", "natural components (bijzondere bestanddelen) as 'grade code', separated by '; '",
        of(_admixture_text, "components")),
    col("components_sikb0101", "text", "natural components as 'BijzonderBestanddeelSoort id:Gradatie id', "
        "separated by '; '", sikb_pairs("components", "natural_component", "component_grade")),
    col("admixtures_sikb0101", "text", "anthropogenic admixtures as 'BijzonderBestanddeelSoort id:Gradatie id', "
        "separated by '; '", sikb_pairs("admixtures", "anthropogenic_admixture", "anthropogenic_grade")),
    col("description_nl", "text", "the layer in the words of a Dutch field log", description_column),
), _layers)

SAMPLE = Table("sample", "Samples (monsters); depth intervals are in sample_part.", (
    col("code", "text", "sample code"),
    col("kind", "text", "field_sample, groundwater, analysis_sample (or the withdrawn field_composite)"),
    col("matrix", "text", "matrix (code list), e.g. BS for soil"),
    col("boreholes", "text", "codes of the boreholes it comes from, separated by '; '", key("_boreholes")),
    col("sampled_at", "datetime", "when it was taken (ISO 8601 with offset)"),
    col("analyses", "text", "analyses requested, separated by '; '", listed("analyses")),
    col("qc_role", "text", "QC role (field duplicate, blank) or empty"),
    col("remarks", "text", "remarks"),
    col("id", "text", "FieldApp identifier (UUIDv7)"),
    col("sikb0101_monstertype_id", "integer",
        "SIKB0101 MonsterType id: 1 veldmonster, 10 analysemonster (3 veldmengmonster, withdrawn)",
        key("_monstertype_id")),
    col("analysis_package", "text", "analysis package of an analysis sample (resources/analysis/packages.json)"),
    col("analysis_package_name", "text", "the package's Dutch name", key("_package_name")),
    col("staff_name", "text", "who took it (staff register)", key("_staff_name")),
    col("staff_id", "text", "FieldApp identifier of that person in the staff register"),
    col("sampling_round_id", "text", "a groundwater sample's sampling round (see sampling_round)"),
), _samples)

SAMPLE_PART = Table("sample_part", "The depth intervals each sample was taken from.", (
    col("sample_code", "text", "sample code"),
    col("borehole_code", "text", "borehole code"),
    col("upper_m", "real", "top of the interval, metres below ground level", metres("upper_cm")),
    col("lower_m", "real", "bottom of the interval, metres below ground level", metres("lower_cm")),
    col("sample_id", "text", "FieldApp identifier of the sample"),
    col("borehole_id", "text", "FieldApp identifier of the borehole"),
    col("id", "text", "FieldApp identifier (UUIDv7)"),
), lambda d: d.parts)

CONTAINER = Table("container", "Sample containers (potjes, flessen) with their barcodes.", (
    col("barcode", "text", "barcode on the label"),
    col("sample_code", "text", "sample code"),
    col("container_type", "text", "container type (code list)"),
    col("material", "text", "material (code list)"),
    col("volume_ml", "integer", "volume, millilitres"),
    col("preservation", "text", "preservation"),
    col("filtered", "integer", "filtered in the field (groundwater for metals): 1 yes, 0 no, empty not recorded"),
    col("lab_reference", "text", "the lab's own reference, filled in at intake"),
    col("remarks", "text", "remarks"),
    col("sample_id", "text", "FieldApp identifier of the sample"),
    col("id", "text", "FieldApp identifier (UUIDv7)"),
    col("analysis_package", "text", "the package a bottle was filled for (resources/analysis/packages.json)"),
    col("parameters", "text", "the package's parameters the bottle is for, separated by '; ' (empty: all)",
        listed("parameters")),
), lambda d: d.containers)

def _processes(d: ProjectData) -> list[Row]:
    processes = d.processes
    return [p for b in d.boreholes for p in processes.get(b["id"], ())]


BORING_PROCESS = Table("boring_process", "The boring process (boorproces) per depth interval: apparatus, technique, "
                       "diameter; SIKB0101 links each layer to one.", (
    col("borehole_code", "text", "borehole code"),
    col("upper_m", "real", "top of the interval, metres below ground level", metres("upper_cm")),
    col("lower_m", "real", "bottom of the interval (the final depth when open), metres below ground level",
        metres("_lower_cm")),
    col("technique", "text", "boring technique (BRO BHR-GT Boortechniek code)"),
    col("apparatus", "text", "apparatus (SIKB0101 Bemonsteringsapparaat code)"),
    col("apparatus_sikb0101_id", "integer", "the apparatus's SIKB0101 id", key("_apparatus_sikb0101_id")),
    col("diameter_mm", "integer", "diameter, millimetres"),
    col("remarks", "text", "remarks"),
    col("borehole_id", "text", "FieldApp identifier of the borehole"),
    col("id", "text", "FieldApp identifier (UUIDv7)"),
), _processes)


ANALYSIS_SAMPLE_PART = Table(
    "analysis_sample_part",
    "The field samples each analysis sample (mengmonster) is made of (SIKB0101 role 10 HeeftDeelmonster).", (
        col("analysis_sample_code", "text", "analysis sample code, e.g. MM1"),
        col("field_sample_code", "text", "field sample code"),
        col("borehole_code", "text", "borehole of the field sample"),
        col("upper_m", "real", "top of the field sample, metres below ground level", metres("upper_cm")),
        col("lower_m", "real", "bottom of the field sample, metres below ground level", metres("lower_cm")),
        col("analysis_package", "text", "the analysis sample's package"),
        col("sikb0101_role_id", "integer", "SIKB0101 RelatedSamplingFeatureRollen id (10: HeeftDeelmonster)",
            lambda _r: 10),
        col("analysis_sample_id", "text", "FieldApp identifier of the analysis sample"),
        col("field_sample_id", "text", "FieldApp identifier of the field sample"),
        col("id", "text", "FieldApp identifier (UUIDv7)"),
    ), lambda d: d.analysis_parts)

TABLES: tuple[Table, ...] = (PROJECT, BOREHOLE, LAYER, SAMPLE, SAMPLE_PART, CONTAINER, BORING_PROCESS,
                             ANALYSIS_SAMPLE_PART, DEVIATION, FIELD_DAY, STAFF, WELL, SAMPLING_ROUND, PURGE_READING,
                             PHOTO, ASBESTOS_JUDGEMENT, INSPECTION_PIT, INSPECTION_FRACTION, PFAS_CHECKLIST)
