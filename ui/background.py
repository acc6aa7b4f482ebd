"""Work that runs on a TaskManager worker: plain functions with plain data."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from fieldapp.domain import borehole as borehole_mod
from fieldapp.domain.borehole import Borehole
from fieldapp.session import Session
from fieldapp.settings import Settings
from fieldapp.store import Store

if TYPE_CHECKING:
    from fieldapp.demo import DemoSummary


def write_demo_project(
    db_path: str,
    settings: Settings,
    boreholes: int,
    seed: int,
    progress: Callable[[int, int], None] | None = None,
) -> DemoSummary:
    """Open a connection of our own on ``db_path``, write the demo project, close."""
    from fieldapp import demo  # only when asked for: it pulls in the coordinate grids

    session = Session.open(db_path, settings=settings)
    try:
        return demo.create(session, boreholes=boreholes, seed=seed, progress=progress)
    finally:
        session.close()


def load_boreholes(db_path: str, project_id: str) -> list[Borehole]:
    """A project's boreholes, read on a connection of our own (for big projects)."""
    store = Store.open(db_path, actor="reader")
    try:
        return borehole_mod.of_project(store, project_id)
    finally:
        store.close()
