"""The exported tables of the evidence an inspector asks to see beside the boreholes:
deviations from the protocol, field days and the staff register, photos, the asbestos
judgements and NEN 5707 inspections, and the signed PFAS checklists (see tables.py)."""

from __future__ import annotations

from fieldapp.export.columns import Table, col, key, metres

DEVIATION = Table("deviation", "Deviations (afwijkingen) from a protocol rule, each with its reason, consequences "
                  "and who decided (BRL SIKB 2000).", (
    col("object_kind", "text", "what it concerns: borehole, sample, container, shipment, ..."),
    col("object_code", "text", "the code of what it concerns, e.g. M03-2"),
    col("rule_id", "text", "the rule deviated from (resources/rules)"),
    col("part", "text", "part of the protocol (onderdeel)"),
    col("nature", "text", "what was done otherwise (aard)"),
    col("reason", "text", "why (motivatie)"),
    col("consequences", "text", "consequences and risks for the result (gevolgen en risico's)"),
    col("decided_by", "text", "who decided (staff register)", key("staff_name")),
    col("decided_at", "datetime", "when it was decided (ISO 8601)"),
    col("object_id", "text", "FieldApp identifier of what it concerns"),
    col("staff_id", "text", "FieldApp identifier of who decided"),
    col("id", "text", "FieldApp identifier (UUIDv7)"),
), lambda d: iter(d.deviations))

FIELD_DAY = Table("field_day", "Field days (veldwerkdagen): site, weather and who was there.", (
    col("day", "date", "the day (YYYY-MM-DD)"),
    col("site", "text", "the site (locatie)"),
    col("weather", "text", "the weather"),
    col("staff", "text", "who was there, separated by '; '", key("_staff")),
    col("protocols", "text", "protocols in use beyond what the work shows, separated by '; '", key("_protocols")),
    col("remarks", "text", "remarks"),
    col("id", "text", "FieldApp identifier (UUIDv7)"),
), lambda d: iter(d.field_days))

STAFF = Table("staff", "The staff register: who may do which field work (Bodem+ registration), until when.", (
    col("name", "text", "name"),
    col("role", "text", "experienced (registered fieldworker), assistant or projectleader"),
    col("registration_number", "text", "Bodem+ registration number"),
    col("protocols", "text", "BRL SIKB 2000 protocols registered for, separated by '; '", key("_protocols")),
    col("valid_until", "date", "registration valid until (YYYY-MM-DD)"),
    col("id", "text", "FieldApp identifier (UUIDv7)"),
), lambda d: iter(d.staff))

PHOTO = Table("photo", "Photos of the site, boreholes, layers and samples; the files are in photos/ beside "
              "the data where the format allows, named by their SHA-256.", (
    col("object_kind", "text", "what the photo shows: site, borehole, layer or sample"),
    col("object_code", "text", "the code of what it shows (a layer: borehole code and depths)", key("_object_code")),
    col("sha256", "text", "SHA-256 of the photo file (as journalled)"),
    col("file", "text", "the file in this export (empty: not on this device yet)", key("_file")),
    col("file_name", "text", "the file's name when it was added"),
    col("size_bytes", "integer", "file size, bytes"),
    col("taken_at", "datetime", "when it was taken (ISO 8601; the camera's time has no offset)"),
    col("time_source", "text", "where the time comes from: exif (camera), gnss (fix) or added"),
    col("lat", "real", "latitude of the GNSS fix when it was added, ETRS89, degrees"),
    col("lon", "real", "longitude of the GNSS fix when it was added, ETRS89, degrees"),
    col("position_source", "text", "fix type of that GNSS fix"),
    col("caption", "text", "caption"),
    col("object_id", "text", "FieldApp identifier of what it shows"),
    col("id", "text", "FieldApp identifier (UUIDv7)"),
), lambda d: iter(d.photos))

ASBESTOS_JUDGEMENT = Table("asbestos_judgement", "Asbestos suspicion of each borehole location (NEN 5707) as the "
                           "projectleider judged it; a later judgement supersedes an earlier one, both are kept.", (
    col("borehole_code", "text", "borehole code"),
    col("suspect", "integer", "1: the location is asbestos-suspect, 0: it is not (the reason says why)"),
    col("reason", "text", "the written reason"),
    col("current", "integer", "1: the latest judgement of this borehole, 0: superseded", key("_current")),
    col("suspect_admixture", "text", "the suspect admixture found in a layer (resources/rules/asbestos.json); "
        "empty: none", key("_admixture")),
    col("suspect_layer", "text", "the first layer with it, metres below ground level", key("_layer")),
    col("decided_by", "text", "who judged (staff register)", key("_staff_name")),
    col("decided_at", "datetime", "when it was judged (ISO 8601)"),
    col("borehole_id", "text", "FieldApp identifier of the borehole"),
    col("staff_id", "text", "FieldApp identifier of who judged"),
    col("id", "text", "FieldApp identifier (UUIDv7)"),
), lambda d: iter(d.asbestos))

INSPECTION_PIT = Table("inspection_pit", "NEN 5707 inspections: surface inspection, inspection pit (inspectiegat) "
                       "and trench (sleuf), with dimensions and the suspect material found.", (
    col("code", "text", "code, e.g. IG01"),
    col("kind", "text", "kind (resources/rules/asbestos.json): maaiveld, inspectiegat, sleuf"),
    col("kind_nl", "text", "the kind in Dutch", key("_kind_nl")),
    col("sad_meetpunttype", "integer", "SAD MeetpuntType id of the kind (12 inspectiegat, 18 sleuf)",
        key("_sad_meetpunttype")),
    col("borehole_code", "text", "the borehole it was dug at; empty: none"),
    col("x_rd", "real", "easting, RD New (EPSG:28992), metres"),
    col("y_rd", "real", "northing, RD New (EPSG:28992), metres"),
    col("length_m", "real", "length, metres"),
    col("width_m", "real", "width, metres"),
    col("depth_m", "real", "depth, metres below ground level (empty: surface inspection)"),
    col("inspected_at", "datetime", "when it was inspected (ISO 8601)"),
    col("suspect_found", "integer", "1: asbestos-suspect material found, 0: none"),
    col("suspect_material", "text", "the suspect material found (on the surface or in the pit)"),
    col("suspect_weight_g", "real", "its weight, grams"),
    col("remarks", "text", "remarks"),
    col("borehole_id", "text", "FieldApp identifier of the borehole"),
    col("id", "text", "FieldApp identifier (UUIDv7)"),
), lambda d: iter(d.pits))

INSPECTION_FRACTION = Table("inspection_fraction", "The sieved fractions of each inspection pit or trench per "
                            "depth interval (NEN 5707): what was sieved and the suspect material in it.", (
    col("inspection_pit_code", "text", "code of the inspection pit or trench"),
    col("upper_m", "real", "top of the interval, metres below ground level", metres("upper_cm")),
    col("lower_m", "real", "bottom of the interval, metres below ground level", metres("lower_cm")),
    col("sieve_mm", "real", "sieve mesh, millimetres"),
    col("sieved_kg", "real", "soil sieved, kilograms"),
    col("suspect_weight_g", "real", "asbestos-suspect material found, grams"),
    col("suspect_material", "text", "the suspect material found"),
    col("inspection_pit_id", "text", "FieldApp identifier of the inspection pit or trench"),
    col("id", "text", "FieldApp identifier (UUIDv7)"),
), lambda d: iter(d.fractions))

PFAS_CHECKLIST = Table("pfas_checklist", "The PFAS equipment checklist, signed per fieldworker and day on which "
                       "PFAS samples were taken (resources/rules/pfas.json).", (
    col("day", "date", "the day (YYYY-MM-DD)"),
    col("fieldworker", "text", "who signed"),
    col("items", "text", "the checklist items ticked (ids), separated by '; '", key("_items")),
    col("items_nl", "text", "the same in Dutch words, separated by '; '", key("_items_nl")),
    col("signed_at", "datetime", "when it was signed (ISO 8601)"),
    col("remarks", "text", "remarks"),
    col("staff_id", "text", "FieldApp identifier of who signed (staff register)"),
    col("id", "text", "FieldApp identifier (UUIDv7)"),
), lambda d: iter(d.pfas))
