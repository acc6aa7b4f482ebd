"""Fixtures of the sync tests: a real hub (uvicorn on loopback) on each store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hubserver import PostgresCluster, serve, wipe

from fieldapp.hub.service import HubService


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    cluster = PostgresCluster()
    try:
        url = cluster.start()
    except RuntimeError as exc:  # loud: the PostgreSQL half of the suite did not run
        cluster.stop()
        pytest.skip(f"PostgreSQL TESTS SKIPPED: cannot start a PostgreSQL server: {exc}")
    yield url
    cluster.stop()


@pytest.fixture(scope="session")
def pg_service(pg_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[HubService]:
    service = HubService.open(pg_url, tmp_path_factory.mktemp("pg-hub-photos"))
    yield service
    service.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def hub(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[HubService, str]]:
    """(service, base URL) of a fresh, empty hub on each store."""
    if request.param == "sqlite":
        service = HubService.open(f"sqlite:///{tmp_path / 'hub.sqlite'}")
    else:
        service = request.getfixturevalue("pg_service")
        wipe(service)
    with serve(service) as url:
        yield service, url
