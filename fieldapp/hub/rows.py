"""The hub's merged rows and their scope (project, lab), loaded in bulk per push."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import orjson

from fieldapp.hub.db import Conn
from fieldapp.sync.merge import RowState

# Which field of a row points at the row its scope comes from, in order of preference.
PARENTS: dict[str, tuple[tuple[str, str], ...]] = {
    "borehole": (("project_id", "project"),),
    "sample": (("project_id", "project"),),
    "shipment": (("project_id", "project"),),
    "layer": (("borehole_id", "borehole"),),
    "boring_process": (("borehole_id", "borehole"),),
    "sample_part": (("sample_id", "sample"),),
    "container": (("sample_id", "sample"),),
    "shipment_item": (("shipment_id", "shipment"),),
    "custody_event": (("shipment_id", "shipment"), ("container_id", "container")),
    "analysis_sample_part": (("analysis_sample_id", "sample"),),
    "field_day": (("project_id", "project"),),
    "field_day_staff": (("field_day_id", "field_day"),),
    "deviation": (("project_id", "project"),),
    "pfas_checklist": (("project_id", "project"),),
    "asbestos_judgement": (("borehole_id", "borehole"),),
    "inspection_pit": (("project_id", "project"),),
    "inspection_fraction": (("inspection_pit_id", "inspection_pit"),),
    "well": (("borehole_id", "borehole"),),
    "sampling_round": (("well_id", "well"),),
    "purge_reading": (("round_id", "sampling_round"),),
    "photo": (("project_id", "project"),),
}



@dataclass
class HubRow:
    state: RowState
    project_id: str | None = None
    lab: str | None = None
    dirty: bool = False
    stored: bool = False  # read from hub_row (else made by this push)


class RowCache:
    """hub_row records touched by one push, written back in one go."""

    def __init__(self, conn: Conn) -> None:
        self.conn = conn
        self.rows: dict[tuple[str, str], HubRow | None] = {}

    def preload(self, keys: Iterable[tuple[str, str]]) -> None:
        by_table: dict[str, list[str]] = defaultdict(list)
        for tbl, row_id in keys:
            if (tbl, row_id) not in self.rows:
                self.rows[(tbl, row_id)] = None
                by_table[tbl].append(row_id)
        for tbl, ids in by_table.items():
            for row_id, project_id, lab, state in self.conn.select_in(
                    "SELECT row_id, project_id, lab, state FROM hub_row WHERE tbl = ? AND row_id IN ?", (tbl,), ids):
                self.rows[(tbl, row_id)] = HubRow(RowState.from_json(orjson.loads(state)), project_id, lab,
                                                  stored=True)

    def get(self, tbl: str, row_id: str | None) -> HubRow | None:
        if not row_id:
            return None
        if (tbl, row_id) not in self.rows:
            self.preload([(tbl, row_id)])
        return self.rows[(tbl, row_id)]

    def get_or_new(self, tbl: str, row_id: str) -> HubRow:
        row = self.get(tbl, row_id)
        if row is None:
            row = self.rows[(tbl, row_id)] = HubRow(RowState())
        return row

    def scope(self, tbl: str, row_id: str, values: Mapping[str, Any]) -> tuple[str | None, str | None]:
        """The project and lab a change belongs to, from the row or its parent."""
        if tbl == "project":
            return row_id, None
        own = self.get(tbl, row_id)
        project_id = own.project_id if own else None
        lab = own.lab if own else None
        for field, parent_tbl in PARENTS.get(tbl, ()):
            parent_id = values.get(field) or (own.state.values.get(field) if own else None)
            parent = self.get(parent_tbl, parent_id) if isinstance(parent_id, str) else None
            if parent is None:
                continue
            project_id = project_id or parent.project_id
            if tbl in ("shipment_item", "custody_event"):
                lab = parent.state.values.get("lab") if parent_tbl == "shipment" else parent.lab
            break
        if tbl == "shipment":
            lab = values.get("lab") or lab
        return project_id, lab

    def flush(self) -> None:
        dirty = [(key, r) for key, r in self.rows.items() if r is not None and r.dirty]
        stored = [(tbl, row_id, r.project_id, r.lab, orjson.dumps(r.state.to_json()).decode())
                  for (tbl, row_id), r in dirty if r.stored]
        made = [(tbl, row_id, r.project_id, r.lab, orjson.dumps(r.state.to_json()).decode())
                for (tbl, row_id), r in dirty if not r.stored]
        if stored:
            self.conn.executemany(
                "INSERT INTO hub_row (tbl, row_id, project_id, lab, state) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (tbl, row_id) DO UPDATE SET project_id = excluded.project_id, "
                "lab = excluded.lab, state = excluded.state", stored)
        if made:
            # rows no other writer can add meanwhile (pushes are serialised): a plain
            # INSERT, which PostgreSQL takes by COPY straight into the table
            self.conn.executemany("INSERT INTO hub_row (tbl, row_id, project_id, lab, state) VALUES (?, ?, ?, ?, ?)",
                                  made)
        for _, r in dirty:
            r.dirty = False
            r.stored = True
