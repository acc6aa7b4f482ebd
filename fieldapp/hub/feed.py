"""The log's positions, and the extra entries that bring a lab what it needs.

A lab reads the changes of the shipments addressed to it. A container is
usually created long before it is packed, so its own changes were logged
without a lab; when it is packed for lab L, its earlier changes are logged
again for L in ``hub_feed`` (references, at new positions), so that L's
cursor, which may be far past them, still brings them. A lab device skips a
change it already holds, so a repeat does no harm.
"""

from __future__ import annotations

from collections.abc import Mapping

from fieldapp.hub.db import Conn


def head(conn: Conn) -> int:
    """The last position used by the change log or the feed."""
    changes = conn.execute("SELECT COALESCE(MAX(pos), 0) FROM hub_change")[0][0]
    feed = conn.execute("SELECT COALESCE(MAX(pos), 0) FROM hub_feed")[0][0]
    return max(int(changes), int(feed))


def republish(conn: Conn, shipped: Mapping[str, str], at: int) -> int:
    """Log again for its lab every change of each container in ``shipped``
    (container id -> lab), at positions after ``at``; return the new head."""
    rows: list[tuple[int, str, int, str]] = []
    for device_id, device_seq, row_id in conn.select_in(
            "SELECT device_id, device_seq, row_id FROM hub_change WHERE tbl = 'container' AND row_id IN ? "
            "ORDER BY pos", (), list(shipped)):
        at += 1
        rows.append((at, device_id, int(device_seq), shipped[row_id]))
    if rows:
        conn.executemany("INSERT INTO hub_feed (pos, device_id, device_seq, lab) VALUES (?, ?, ?, ?)", rows)
    return at


def grant_audience(device: str) -> str:
    """The feed's audience for one device's grants (a lab's audience is its name)."""
    return f"device:{device}"


def republish_project(conn: Conn, project_code: str, device: str) -> int:
    """Log again for one device every change of the project(s) with this code:
    a project granted to a device after its cursor passed them must still
    reach it. Returns how many were logged again."""
    at = head(conn)
    rows = [(at + n, device_id, int(device_seq), grant_audience(device)) for n, (device_id, device_seq) in
            enumerate(conn.execute(
                "SELECT device_id, device_seq FROM hub_change WHERE project_id IN "
                "(SELECT project_id FROM hub_project WHERE code = ?) ORDER BY pos", (project_code,)), start=1)]
    if rows:
        conn.executemany("INSERT INTO hub_feed (pos, device_id, device_seq, lab) VALUES (?, ?, ?, ?)", rows)
    return len(rows)


def withdraw_project(conn: Conn, project_code: str, device: str) -> None:
    """Drop what :func:`republish_project` logged for a device that has not pulled it yet."""
    conn.execute(
        "DELETE FROM hub_feed WHERE lab = ? AND EXISTS (SELECT 1 FROM hub_change c WHERE "
        "c.device_id = hub_feed.device_id AND c.device_seq = hub_feed.device_seq AND c.project_id IN "
        "(SELECT project_id FROM hub_project WHERE code = ?))", (grant_audience(device), project_code))
