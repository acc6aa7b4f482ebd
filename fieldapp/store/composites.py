"""Schema step 0011: field composites (withdrawn) become analysis samples.

A landed ``field_composite`` is one sample row with several sample_part rows
(often across boreholes) and its containers. SIKB0101 withdrew that kind
(MonsterType 3, veldmengmonster); what it describes is an analysis sample
(MonsterType 10) made of field samples (MonsterType 1), linked by role 10
HeeftDeelmonster. So, for each composite:

- each part becomes a field sample of its own: a new sample row (kind
  field_sample, the composite's matrix and sampling time) and the part row
  moves to it (its ``sample_id`` is rewritten; borehole and depths stay);
- the composite's own row becomes the analysis sample (kind analysis_sample):
  its code, analyses, remarks and containers stay where they were (the jars
  were filled with the mixed material in the field);
- an analysis_sample_part row links it to each new field sample.

Every row written is journalled in the device's own chain (as the device's
own change, so sync carries it to the hub and `verify` holds). The new ids are
derived from the part's id, so two devices that migrate the same synced
composite make the same rows, which merge instead of doubling.
"""

from __future__ import annotations

import sqlite3

from fieldapp.store.system_change import SystemChanges

ANALYSIS_KIND = "analysis_sample"
_NAMESPACE = "6f0f5f1e-3c1b-4f57-9a53-5d1f0c7a0007"


def derived_id(part_id: str, what: str) -> str:
    import uuid  # only when a composite is converted (schema step 0011): every open imports this module

    return str(uuid.uuid5(uuid.UUID(_NAMESPACE), f"{part_id}/{what}"))


def _free_code(conn: sqlite3.Connection, project_id: str, wanted: str) -> str:
    code, n = wanted, 1
    while conn.execute("SELECT 1 FROM sample WHERE project_id = ? AND code = ?", (project_id, code)).fetchone():
        n += 1
        code = f"{wanted}-{n}"
    return code


def convert(conn: sqlite3.Connection) -> int:
    """Turn every field_composite sample into an analysis sample; return how many."""
    cur = conn.execute("SELECT * FROM sample WHERE kind = 'field_composite' ORDER BY project_id, code")
    names = [d[0] for d in cur.description]
    composites = [dict(zip(names, r, strict=True)) for r in cur.fetchall()]
    if not composites:
        return 0
    out = SystemChanges(conn, "0011_analysis_samples", "Schema step: field composite becomes an analysis sample")
    for comp in composites:
        parts = conn.execute(
            "SELECT p.id, b.code FROM sample_part p JOIN borehole b ON b.id = p.borehole_id "
            "WHERE p.sample_id = ? ORDER BY b.code, p.upper_cm, p.id", (comp["id"],)).fetchall()
        for n, (part_id, _hole) in enumerate(parts, start=1):
            field_id = derived_id(part_id, "field_sample")
            out.insert("sample", {
                "id": field_id,
                "project_id": comp["project_id"],
                "code": _free_code(conn, comp["project_id"], f"{str(comp['code'])[:26]}-{n}"),
                "kind": "field_sample",
                "matrix": comp["matrix"],
                "sampled_at": comp["sampled_at"],
                "remarks": f"Deel {n} van veldmengmonster {comp['code']} (omgezet in analysemonster).",
            })
            out.update("sample_part", part_id, {"sample_id": field_id})
            out.insert("analysis_sample_part", {
                "id": derived_id(part_id, "membership"),
                "analysis_sample_id": comp["id"],
                "field_sample_id": field_id,
            })
        out.update("sample", comp["id"], {"kind": ANALYSIS_KIND})
    return len(composites)
