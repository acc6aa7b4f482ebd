"""The SQL of schema steps 0012 and 0014-0018 (lab order, Kwalibo evidence, groundwater, photos, natural order).

Kept apart from :mod:`fieldapp.store.migrations`, which orders and runs every step; each
constant here is one step's script, unchanged once released.
"""

# The lab order (opdrachtformulier, issue 12): what the lab needs beyond the
# containers, kept per shipment because it is what was on that form; a new
# shipment to the same lab in the same project starts from the last one's
# values (fieldapp.domain.lab_order). Whether a bottle was filtered in the
# field (groundwater for metals) is the bottle's own fact.
LAB_ORDER = """
ALTER TABLE shipment ADD COLUMN order_client_number TEXT;
ALTER TABLE shipment ADD COLUMN order_quotation TEXT;
ALTER TABLE shipment ADD COLUMN order_results_name TEXT;
ALTER TABLE shipment ADD COLUMN order_results_email TEXT;
ALTER TABLE shipment ADD COLUMN order_turnaround TEXT;
ALTER TABLE shipment ADD COLUMN order_turnaround_days INTEGER;
ALTER TABLE shipment ADD COLUMN order_as3000 INTEGER;
ALTER TABLE container ADD COLUMN filtered INTEGER
"""


# Kwalibo evidence (issue 15): the staff register (who may do which protocol, until when),
# field days (site, date, weather, who was there) and who did each borehole and sample,
# and deviations (afwijkingen): a recorded, motivated override of a protocol rule on one
# object (fieldapp.domain.staff, field_day, deviation). No UNIQUE constraints: two devices
# may each open the same field day; the staffing check reads them together.
DEVIATIONS_STAFF = """
CREATE TABLE staff (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    registration_number TEXT,
    protocols TEXT NOT NULL DEFAULT '[]',
    role TEXT NOT NULL,
    valid_until TEXT,
    remarks TEXT
);
CREATE TABLE field_day (
    id TEXT PRIMARY KEY,
    project_id TEXT NOT NULL REFERENCES project(id),
    day TEXT NOT NULL,
    site TEXT,
    weather TEXT,
    protocols TEXT NOT NULL DEFAULT '[]',
    remarks TEXT
);
CREATE INDEX field_day_project ON field_day (project_id, day);
CREATE TABLE field_day_staff (
    id TEXT PRIMARY KEY,
    field_day_id TEXT NOT NULL REFERENCES field_day(id),
    staff_id TEXT NOT NULL REFERENCES staff(id)
);
CREATE INDEX field_day_staff_day ON field_day_staff (field_day_id);
CREATE TABLE deviation (
    id TEXT PRIMARY KEY,
    project_id TEXT NOT NULL REFERENCES project(id),
    object_kind TEXT NOT NULL,
    object_id TEXT NOT NULL,
    rule_id TEXT NOT NULL,
    part TEXT NOT NULL,
    nature TEXT NOT NULL,
    reason TEXT NOT NULL,
    consequences TEXT NOT NULL,
    staff_id TEXT REFERENCES staff(id),
    decided_at TEXT NOT NULL
);
CREATE INDEX deviation_project ON deviation (project_id);
CREATE INDEX deviation_object ON deviation (object_id, rule_id);
ALTER TABLE borehole ADD COLUMN staff_id TEXT REFERENCES staff(id);
ALTER TABLE sample ADD COLUMN staff_id TEXT REFERENCES staff(id)
"""

# PFAS and asbestos evidence (issue 15 items 3 and 4): the PFAS equipment checklist each fieldworker signs
# per day; the judgement of a borehole location with a suspect admixture (puin) as asbestos-suspect or, with
# a written reason, not (NEN 5707); and the NEN 5707 objects (surface inspection, inspection pit, trench:
# SAD MeetpuntType 12 inspectiegat and 18 sleuf) with their sieved fractions. New tables only.
PFAS_ASBESTOS = """
CREATE TABLE pfas_checklist (
    id TEXT PRIMARY KEY,
    project_id TEXT NOT NULL REFERENCES project(id),
    day TEXT NOT NULL,
    fieldworker TEXT NOT NULL,
    staff_id TEXT REFERENCES staff(id),
    items TEXT NOT NULL,
    signed_at TEXT NOT NULL,
    remarks TEXT
);
CREATE INDEX pfas_checklist_day ON pfas_checklist (project_id, day);
CREATE TABLE asbestos_judgement (
    id TEXT PRIMARY KEY,
    borehole_id TEXT NOT NULL REFERENCES borehole(id),
    suspect INTEGER NOT NULL,
    reason TEXT,
    staff_id TEXT REFERENCES staff(id),
    decided_at TEXT NOT NULL
);
CREATE INDEX asbestos_judgement_borehole ON asbestos_judgement (borehole_id);
CREATE TABLE inspection_pit (
    id TEXT PRIMARY KEY,
    project_id TEXT NOT NULL REFERENCES project(id),
    code TEXT NOT NULL,
    kind TEXT NOT NULL,
    borehole_id TEXT REFERENCES borehole(id),
    x_rd REAL,
    y_rd REAL,
    length_m REAL NOT NULL,
    width_m REAL NOT NULL,
    depth_m REAL,
    inspected_at TEXT,
    suspect_found INTEGER NOT NULL DEFAULT 0,
    suspect_material TEXT,
    suspect_weight_g REAL,
    remarks TEXT
);
CREATE INDEX inspection_pit_project ON inspection_pit (project_id);
CREATE TABLE inspection_fraction (
    id TEXT PRIMARY KEY,
    inspection_pit_id TEXT NOT NULL REFERENCES inspection_pit(id),
    upper_cm INTEGER NOT NULL CHECK (upper_cm >= 0),
    lower_cm INTEGER NOT NULL,
    sieve_mm REAL NOT NULL,
    sieved_kg REAL NOT NULL,
    suspect_weight_g REAL NOT NULL DEFAULT 0,
    suspect_material TEXT,
    CHECK (lower_cm > upper_cm)
);
CREATE INDEX inspection_fraction_pit ON inspection_fraction (inspection_pit_id)
"""

# Groundwater (issue 13): the monitoring well placed in a borehole of kind
# peilbuis (filter, pipe, gravel and seal intervals in cm below the surface,
# the top of the pipe in cm above the surface and in cm NAP), its sampling
# rounds (water level in cm below the top of the pipe, pump, flow, the stop
# rule met, the nine BRO GAR field observations as 1/0, NULL = not said) and
# the field readings of each purge as rows of their own, so two devices
# editing different readings merge. A groundwater sample names its round; a
# bottle names the package and parameters it is filled for (filtering and
# bottle material are judged by them). New tables and nullable columns only.
GROUNDWATER_WELL = """
CREATE TABLE well (
    id TEXT PRIMARY KEY,
    borehole_id TEXT NOT NULL REFERENCES borehole(id),
    tube_number INTEGER NOT NULL,
    filter_top_cm INTEGER,
    filter_bottom_cm INTEGER,
    pipe_diameter_mm INTEGER,
    pipe_material TEXT,
    filter_diameter_mm INTEGER,
    filter_material TEXT,
    slot_width_mm REAL,
    gravel_top_cm INTEGER,
    gravel_bottom_cm INTEGER,
    seal_top_cm INTEGER,
    seal_bottom_cm INTEGER,
    finish TEXT,
    pipe_top_cm INTEGER,
    pipe_top_nap_cm INTEGER,
    placed_at TEXT,
    development TEXT,
    development_minutes INTEGER,
    remarks TEXT,
    UNIQUE (borehole_id, tube_number)
);
CREATE TABLE sampling_round (
    id TEXT PRIMARY KEY,
    well_id TEXT NOT NULL REFERENCES well(id),
    started_at TEXT NOT NULL,
    staff_id TEXT,
    water_level_cm INTEGER,
    pump_type TEXT,
    intake_cm INTEGER,
    flow_ml_min INTEGER,
    drawdown_cm INTEGER,
    stop_rule TEXT,
    finished_at TEXT,
    abnormality_in_cooling INTEGER,
    abnormality_in_device INTEGER,
    polluted_by_engine INTEGER,
    filter_aerated INTEGER,
    groundwater_level_dropped_too_much INTEGER,
    abnormal_filter INTEGER,
    sample_aerated INTEGER,
    hose_reused INTEGER,
    temperature_difficult_to_measure INTEGER,
    remarks TEXT
);
CREATE INDEX sampling_round_well ON sampling_round (well_id, started_at);
CREATE TABLE purge_reading (
    id TEXT PRIMARY KEY,
    round_id TEXT NOT NULL REFERENCES sampling_round(id),
    volume_l REAL NOT NULL,
    measured_at TEXT,
    ec_us_cm REAL,
    ph REAL,
    temperature_c REAL,
    turbidity_ntu REAL,
    o2_mg_l REAL,
    water_level_cm INTEGER,
    CHECK (volume_l >= 0)
);
CREATE INDEX purge_reading_round ON purge_reading (round_id, volume_l);
ALTER TABLE sample ADD COLUMN sampling_round_id TEXT;
CREATE INDEX sample_round ON sample (sampling_round_id);
ALTER TABLE container ADD COLUMN analysis_package TEXT;
ALTER TABLE container ADD COLUMN parameters TEXT
"""

# Photos (issue 15): the file itself lives beside the database under its
# SHA-256 (fieldapp.store.blobs); the row names the hash, what it shows and
# where and when it was taken. object_id is empty for a photo of the site.
# photo_on_hub (local, not synced): the files the hub confirmed it holds,
# so that a sync asks the hub only about the others (fieldapp.sync.photos).
PHOTOS = """
CREATE TABLE photo (
    id TEXT PRIMARY KEY,
    project_id TEXT NOT NULL REFERENCES project(id),
    object_kind TEXT NOT NULL CHECK (object_kind IN ('site', 'borehole', 'layer', 'sample')),
    object_id TEXT,
    sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
    file_name TEXT NOT NULL,
    size_bytes INTEGER NOT NULL CHECK (size_bytes >= 0),
    taken_at TEXT,
    time_source TEXT,
    lat REAL,
    lon REAL,
    position_source TEXT,
    caption TEXT,
    added_at TEXT NOT NULL
);
CREATE INDEX photo_object ON photo (object_kind, object_id);
CREATE INDEX photo_project ON photo (project_id);
CREATE TABLE photo_on_hub (sha256 TEXT PRIMARY KEY)
"""

# The borehole list reads a project's boreholes a page at a time in natural order (B2 before B10)
# and searches code, status, depth and class, all from one index (fieldapp/store/natural.py); the
# next free code (B01.., M01..) of a borehole or sample is the highest in natural order of the codes that
# end in their number, one step (fieldapp/domain/common.py next_code).
NATURAL_ORDER = """
CREATE INDEX borehole_natural ON borehole
    (project_id, fieldapp_natural(code), code, id, lat, final_depth_cm, position_class);
CREATE INDEX borehole_next_code ON borehole (project_id, fieldapp_natural(code))
    WHERE code NOT GLOB '*[0-9][^0-9]*';
CREATE INDEX sample_next_code ON sample (project_id, fieldapp_natural(code))
    WHERE code NOT GLOB '*[0-9][^0-9]*';
"""

# The analysis-sample composer lists a project's analysis samples a page at a time in natural order
# (MM2 before MM10; fieldapp/domain/sample_page.py); partial, so a field sample's insert skips it.
ANALYSIS_NATURAL = """
CREATE INDEX sample_analysis_natural ON sample (project_id, fieldapp_natural(code))
    WHERE kind = 'analysis_sample'
"""
