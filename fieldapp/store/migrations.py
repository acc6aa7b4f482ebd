"""Ordered, named schema migrations, each applied in its own transaction.

Rules for writing a migration, because the audit chain hashes rows:
- add tables, indexes and *nullable* columns freely: row hashes skip NULLs,
  so a new empty column does not change the hash of an existing row;
- a migration that rewrites data must journal each rewritten row
  (:func:`fieldapp.store.journal.record_system_change`) so that `verify` can
  tell it from tampering.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

from fieldapp.errors import MigrationError, SchemaTooNewError
from fieldapp.store import compact_journal, composites, lean_journal, natural, tally
from fieldapp.store.schema_evidence import (
    ANALYSIS_NATURAL,
    DEVIATIONS_STAFF,
    GROUNDWATER_WELL,
    LAB_ORDER,
    NATURAL_ORDER,
    PFAS_ASBESTOS,
    PHOTOS,
)
from fieldapp.store.schema_sync import REPLICA_RECEIPTS, SYNC
from fieldapp.store.system_change import SystemChanges


@dataclass(frozen=True)
class Migration:
    name: str
    apply: Callable[[sqlite3.Connection], None]


def _script(sql: str) -> Callable[[sqlite3.Connection], None]:
    def apply(conn: sqlite3.Connection) -> None:
        # executescript would COMMIT the open transaction; run statement by statement
        for statement in sql.split(";\n"):
            if statement.strip():
                conn.execute(statement)

    return apply


INITIAL = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE project (
    id TEXT PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    client TEXT,
    site_address TEXT,
    standard TEXT,
    lab TEXT,
    field_staff TEXT,
    start_date TEXT,
    end_date TEXT,
    required_position_class TEXT,
    deviations TEXT,
    remarks TEXT
);
CREATE TABLE borehole (
    id TEXT PRIMARY KEY,
    project_id TEXT NOT NULL REFERENCES project(id),
    code TEXT NOT NULL,
    kind TEXT NOT NULL,
    planned_x_rd REAL,
    planned_y_rd REAL,
    lat REAL,
    lon REAL,
    h_ell REAL,
    x_rd REAL,
    y_rd REAL,
    nap_m REAL,
    fix_type TEXT,
    sats INTEGER,
    hdop REAL,
    sigma_m REAL,
    sigma_source TEXT,
    epoch_count INTEGER,
    span_s REAL,
    spread_n_m REAL,
    spread_e_m REAL,
    drms2_m REAL,
    position_class TEXT,
    raw_nmea TEXT,
    ground_level_nap_cm INTEGER,
    technique TEXT,
    apparatus TEXT,
    diameter_mm INTEGER,
    final_depth_cm INTEGER CHECK (final_depth_cm IS NULL OR final_depth_cm >= 0),
    stop_criterion TEXT,
    groundwater_cm INTEGER,
    started_at TEXT,
    ended_at TEXT,
    sampler TEXT,
    remarks TEXT,
    UNIQUE (project_id, code)
);
CREATE TABLE layer (
    id TEXT PRIMARY KEY,
    borehole_id TEXT NOT NULL REFERENCES borehole(id),
    upper_cm INTEGER NOT NULL CHECK (upper_cm >= 0),
    lower_cm INTEGER NOT NULL,
    soil_code TEXT NOT NULL,
    colour TEXT,
    sand_median TEXT,
    smell TEXT,
    oil_water TEXT,
    admixtures TEXT,
    remarks TEXT,
    CHECK (lower_cm > upper_cm)
);
CREATE INDEX layer_borehole ON layer (borehole_id, upper_cm);
CREATE TABLE sample (
    id TEXT PRIMARY KEY,
    project_id TEXT NOT NULL REFERENCES project(id),
    code TEXT NOT NULL,
    kind TEXT NOT NULL,
    matrix TEXT NOT NULL,
    sampled_at TEXT,
    analyses TEXT,
    qc_role TEXT,
    remarks TEXT,
    UNIQUE (project_id, code)
);
CREATE TABLE sample_part (
    id TEXT PRIMARY KEY,
    sample_id TEXT NOT NULL REFERENCES sample(id),
    borehole_id TEXT NOT NULL REFERENCES borehole(id),
    upper_cm INTEGER NOT NULL CHECK (upper_cm >= 0),
    lower_cm INTEGER NOT NULL,
    CHECK (lower_cm > upper_cm)
);
CREATE INDEX sample_part_sample ON sample_part (sample_id);
CREATE INDEX sample_part_borehole ON sample_part (borehole_id);
CREATE TABLE container (
    id TEXT PRIMARY KEY,
    sample_id TEXT NOT NULL REFERENCES sample(id),
    barcode TEXT NOT NULL UNIQUE,
    container_type TEXT NOT NULL,
    material TEXT,
    volume_ml INTEGER,
    preservation TEXT,
    remarks TEXT
);
CREATE INDEX container_sample ON container (sample_id);
CREATE TABLE shipment (
    id TEXT PRIMARY KEY,
    project_id TEXT NOT NULL REFERENCES project(id),
    code TEXT NOT NULL,
    lab TEXT NOT NULL,
    seal_number TEXT,
    relinquished_by TEXT,
    relinquished_at TEXT,
    received_by TEXT,
    received_at TEXT,
    temperature_c REAL,
    condition TEXT,
    remarks TEXT,
    UNIQUE (project_id, code)
);
CREATE TABLE custody_event (
    id TEXT PRIMARY KEY,
    container_id TEXT REFERENCES container(id),
    shipment_id TEXT REFERENCES shipment(id),
    kind TEXT NOT NULL,
    actor TEXT NOT NULL,
    at_laptop TEXT NOT NULL,
    at_receiver TEXT,
    place TEXT,
    corrects TEXT REFERENCES custody_event(id),
    remarks TEXT,
    CHECK (container_id IS NOT NULL OR shipment_id IS NOT NULL)
);
CREATE INDEX custody_container ON custody_event (container_id);
CREATE INDEX custody_shipment ON custody_event (shipment_id);
CREATE TABLE journal (
    seq INTEGER PRIMARY KEY,  -- commit order; the journal is never deleted from
    device_id TEXT NOT NULL,
    device_seq INTEGER NOT NULL,
    hlc INTEGER NOT NULL,
    action_id TEXT NOT NULL,
    action TEXT NOT NULL,
    actor TEXT NOT NULL,
    at TEXT NOT NULL,
    tbl TEXT NOT NULL,
    row_id TEXT NOT NULL,
    op TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
    fields TEXT NOT NULL,
    row_hash TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL,
    -- (device_id, device_seq) is the change's identity across all devices:
    -- what makes a repeated sync push apply each change once
    UNIQUE (device_id, device_seq)
)
"""

# Shipments hold containers through their own table, so that a container's
# membership has its own journal history (added, removed) for custody review.
# The lab's own reference for a container is filled in at intake.
# The journal is one table read two ways; the views name the two readings.
SHIPMENT_ITEMS = """
CREATE TABLE shipment_item (
    id TEXT PRIMARY KEY,
    shipment_id TEXT NOT NULL REFERENCES shipment(id),
    container_id TEXT NOT NULL REFERENCES container(id),
    UNIQUE (shipment_id, container_id)
);
CREATE INDEX shipment_item_container ON shipment_item (container_id);
ALTER TABLE container ADD COLUMN lab_reference TEXT;
CREATE VIEW audit_log AS
    SELECT seq, at, actor, action, action_id, tbl, row_id, op, fields, prev_hash, hash FROM journal;
CREATE VIEW change_log AS
    SELECT device_id, device_seq, hlc, tbl, row_id, op, fields FROM journal
"""

# Custody corrections (issue 16): a container scanned by mistake is voided,
# not deleted (its custody stays on record); a hand-over names who took the
# cooler (a courier, the lab's driver), which the COC prints.
CUSTODY_VOID = """
ALTER TABLE container ADD COLUMN voided_at TEXT;
ALTER TABLE shipment ADD COLUMN relinquished_to TEXT
"""

# Why a borehole's position was accepted although it strays from the plan (issue 16).
POSITION_DEVIATION = """
ALTER TABLE borehole ADD COLUMN position_deviation TEXT
"""

# Project metadata (issue 12): what every report and SIKB0101 file carries. Coded
# values hold the code of their list in resources/codelists (the SIKB0101 id is
# looked up on export); the site contour is a polygon in RD New as WKT.
PROJECT_METADATA = """
ALTER TABLE project ADD COLUMN investigation_type TEXT;
ALTER TABLE project ADD COLUMN investigation_reason TEXT;
ALTER TABLE project ADD COLUMN investigation_strategy TEXT;
ALTER TABLE project ADD COLUMN investigation_phase TEXT;
ALTER TABLE project ADD COLUMN competent_authority TEXT;
ALTER TABLE project ADD COLUMN asbestos_presence TEXT;
ALTER TABLE project ADD COLUMN report_number TEXT;
ALTER TABLE project ADD COLUMN site_contour TEXT;
ALTER TABLE project ADD COLUMN contractor TEXT;
ALTER TABLE project ADD COLUMN contractor_kvk TEXT;
ALTER TABLE project ADD COLUMN process_certificate TEXT
"""

# Opening a store reads the newest clock stamp of its own changes (issue 18):
# with only (device_id, device_seq) indexed, MAX(hlc) walked every entry of
# the device, 0.75 s at 50,000 boreholes, paid by every command. An index
# keeps it one B-tree descent whoever writes the journal (an action, a sync
# pull); a kept head table would need every writer to remember it.
JOURNAL_HEAD = """
CREATE INDEX journal_head ON journal (device_id, hlc)
"""

# Borehole completeness (issue 12): the boring process per depth interval
# (SIKB0101 links each layer to its boring process; here a layer's process is
# the interval holding it, see fieldapp.domain.boring_process), the backfill,
# whether groundwater was measured, not encountered or not measured, how the
# surface level was found (method, accuracy, the antenna height taken off a
# GNSS height) and when the borehole was closed. A NULL lower_cm runs down to
# the final depth: one apparatus for the whole hole needs no depth typed twice.
BOREHOLE_COMPLETENESS = """
CREATE TABLE boring_process (
    id TEXT PRIMARY KEY,
    borehole_id TEXT NOT NULL REFERENCES borehole(id),
    upper_cm INTEGER NOT NULL CHECK (upper_cm >= 0),
    lower_cm INTEGER,
    technique TEXT,
    apparatus TEXT,
    diameter_mm INTEGER,
    remarks TEXT,
    CHECK (lower_cm IS NULL OR lower_cm > upper_cm)
);
CREATE INDEX boring_process_borehole ON boring_process (borehole_id, upper_cm);
ALTER TABLE borehole ADD COLUMN backfill TEXT;
ALTER TABLE borehole ADD COLUMN groundwater_status TEXT;
ALTER TABLE borehole ADD COLUMN surface_method TEXT;
ALTER TABLE borehole ADD COLUMN surface_accuracy_cm INTEGER;
ALTER TABLE borehole ADD COLUMN antenna_height_m REAL;
ALTER TABLE borehole ADD COLUMN closed_at TEXT;
ALTER TABLE borehole ADD COLUMN closed_by TEXT
"""


def _borehole_completeness(conn: sqlite3.Connection) -> None:
    """The new tables, then each existing borehole's technique, apparatus and
    diameter as one boring process over its whole depth, and "measured" for a
    groundwater level already given. The borehole keeps its own columns
    (nothing is lost); every written row is journalled (see the module docstring)."""
    _script(BOREHOLE_COMPLETENESS)(conn)
    changes = SystemChanges(conn, "0009_borehole_completeness",
                            "Schema step: one boring process per borehole, groundwater status")
    holes = conn.execute(
        "SELECT id, technique, apparatus, diameter_mm, final_depth_cm, groundwater_cm FROM borehole "
        "WHERE technique IS NOT NULL OR apparatus IS NOT NULL OR diameter_mm IS NOT NULL "
        "OR groundwater_cm IS NOT NULL ORDER BY id").fetchall()
    for hole_id, technique, apparatus, diameter_mm, final_cm, water_cm in holes:
        if technique is not None or apparatus is not None or diameter_mm is not None:
            changes.insert("boring_process", {
                "borehole_id": hole_id, "upper_cm": 0, "lower_cm": final_cm, "technique": technique,
                "apparatus": apparatus, "diameter_mm": diameter_mm})
        if water_cm is not None:
            changes.update("borehole", hole_id, {"groundwater_status": "measured"})


# The layer description of NEN 5104 as SIKB0101 carries it (issue 12): bijkleur
# and kleursterkte beside the kleur, the gravel median beside the sand median,
# and the natural components (schelpen, wortels, kalk, ...) with their grades
# as JSON like the anthropogenic admixtures. Nullable columns only, so every
# existing row keeps its hash.
LAYER_DESCRIPTION = """
ALTER TABLE layer ADD COLUMN secondary_colour TEXT;
ALTER TABLE layer ADD COLUMN colour_shade TEXT;
ALTER TABLE layer ADD COLUMN gravel_median TEXT;
ALTER TABLE layer ADD COLUMN components TEXT
"""

# Analysis samples (issue 12): an analysis sample (SIKB0101 MonsterType 10) is a
# sample row of kind analysis_sample with its analysis package; its parts are
# field samples (MonsterType 1), one analysis_sample_part row each (role 10
# HeeftDeelmonster). Withdrawn field composites are converted, journalled
# (fieldapp.store.composites).
ANALYSIS_SAMPLES = """
ALTER TABLE sample ADD COLUMN analysis_package TEXT;
CREATE TABLE analysis_sample_part (
    id TEXT PRIMARY KEY,
    analysis_sample_id TEXT NOT NULL REFERENCES sample(id),
    field_sample_id TEXT NOT NULL REFERENCES sample(id),
    UNIQUE (analysis_sample_id, field_sample_id)
);
CREATE INDEX analysis_sample_part_field ON analysis_sample_part (field_sample_id)
"""


def _analysis_samples(conn: sqlite3.Connection) -> None:
    _script(ANALYSIS_SAMPLES)(conn)
    composites.convert(conn)


# A coordinator's plan (issue 14 item 5, fieldapp/plan_import.py) gives each borehole its planned depth.
PLANNED_DEPTH = """
ALTER TABLE borehole ADD COLUMN planned_depth_cm INTEGER CHECK (planned_depth_cm IS NULL OR planned_depth_cm > 0)
"""

# A filter depth a SIKB0101 file gives from the top of the tube (Hoedanigheid 14) or in NAP (12), where the file
# has neither the tube's height nor the surface level to convert it (issue 14, SAD example 1b): kept as given,
# with its reference, beside filter_top_cm/filter_bottom_cm (below the surface), which stay empty for it.
FILTER_DEPTH_REFERENCE = """
ALTER TABLE well ADD COLUMN filter_depth_reference TEXT CHECK (filter_depth_reference IN ('tube_top', 'nap'));
ALTER TABLE well ADD COLUMN filter_top_given_cm INTEGER;
ALTER TABLE well ADD COLUMN filter_bottom_given_cm INTEGER
"""

MIGRATIONS: tuple[Migration, ...] = (
    Migration("0001_initial", _script(INITIAL)),
    Migration("0002_shipment_items", _script(SHIPMENT_ITEMS)),
    Migration("0003_sync", _script(SYNC)),
    Migration("0004_custody_void", _script(CUSTODY_VOID)),
    Migration("0005_position_deviation", _script(POSITION_DEVIATION)),
    Migration("0006_replica_receipts", _script(REPLICA_RECEIPTS)),
    Migration("0007_project_metadata", _script(PROJECT_METADATA)),
    Migration("0008_journal_head", _script(JOURNAL_HEAD)),
    Migration("0009_borehole_completeness", _borehole_completeness),
    Migration("0010_layer_description", _script(LAYER_DESCRIPTION)),
    Migration("0011_analysis_samples", _analysis_samples),
    Migration("0012_lab_order", _script(LAB_ORDER)),
    Migration("0013_lean_journal", lean_journal.convert),
    Migration("0014_deviations_staff", _script(DEVIATIONS_STAFF)),
    Migration("0015_pfas_asbestos", _script(PFAS_ASBESTOS)),
    Migration("0016_groundwater_well", _script(GROUNDWATER_WELL)),
    Migration("0017_photos", _script(PHOTOS)),
    Migration("0018_natural_order", _script(NATURAL_ORDER)),
    Migration("0019_analysis_natural", _script(ANALYSIS_NATURAL)),
    Migration("0020_compact_journal", compact_journal.convert),
    Migration("0021_planned_depth", _script(PLANNED_DEPTH)),
    Migration("0022_filter_depth_reference", _script(FILTER_DEPTH_REFERENCE)),
    Migration("0023_borehole_tally", tally.apply),
)

# Tables whose rows are the field record: journalled, hash-checked, synced.
DOMAIN_TABLES: tuple[str, ...] = (
    "project",
    "borehole",
    "layer",
    "sample",
    "sample_part",
    "container",
    "shipment",
    "shipment_item",
    "custody_event",
    "boring_process",
    "analysis_sample_part",
    "staff",
    "field_day",
    "field_day_staff",
    "deviation",
    "pfas_checklist",
    "asbestos_judgement",
    "inspection_pit",
    "inspection_fraction",
    "well",
    "sampling_round",
    "purge_reading",
    "photo",
)


def applied(conn: sqlite3.Connection) -> list[str]:
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_migration "
        "(name TEXT PRIMARY KEY, applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP)"
    )
    return [r[0] for r in conn.execute("SELECT name FROM schema_migration ORDER BY name")]


def migrate(conn: sqlite3.Connection, upto: str | None = None) -> list[str]:
    """Apply pending migrations in order, each in one transaction.

    Returns the names applied now. ``upto`` stops after the named migration
    (tests use it to build a database of an older schema version).
    """
    natural.register(conn)  # the natural-order index (0013) is written through it
    done = applied(conn)
    known = [m.name for m in MIGRATIONS]
    unknown = [name for name in done if name not in known]
    if unknown:
        raise SchemaTooNewError(
            f"This database was written by a newer FieldApp (schema step {unknown[-1]}).",
            hint="Update FieldApp before opening it; the database has not been changed.",
        )
    now_applied: list[str] = []
    for migration in MIGRATIONS:
        if migration.name in done:
            if migration.name == upto:  # a file made with ``upto`` stays at that step when opened with it
                break
            continue
        try:
            conn.execute("BEGIN IMMEDIATE")
            migration.apply(conn)
            conn.execute("INSERT INTO schema_migration (name) VALUES (?)", (migration.name,))
            conn.execute("COMMIT")
        except sqlite3.Error as exc:
            conn.execute("ROLLBACK")
            raise MigrationError(
                f"Schema step {migration.name} failed: {exc}.",
                hint="The database is unchanged; report this with the file attached.",
            ) from exc
        now_applied.append(migration.name)
        if migration.name == upto:
            break
    if "0020_compact_journal" in now_applied:
        compact_journal.reclaim(conn)
    return now_applied
