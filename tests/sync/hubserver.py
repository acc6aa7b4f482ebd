"""A real hub for tests: uvicorn on 127.0.0.1 (ephemeral port) in a thread,
over a real SQLite file or a real PostgreSQL server."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import uvicorn

from fieldapp.hub.app import hub_app
from fieldapp.hub.schema import TABLES
from fieldapp.hub.service import HubService


def _pg_bin() -> Path:
    """Debian's server binaries, the newest installed version (15 on Debian 12)."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parts[-3]))
    return found[-1].parent if found else Path("/usr/lib/postgresql/15/bin")


PG_BIN = _pg_bin()


@contextmanager
def serve(service: HubService) -> Iterator[str]:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(hub_app(service), log_level="warning", lifespan="off", access_log=False)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    started = threading.Event()
    while not server.started and thread.is_alive():
        started.wait(0.01)
    if not server.started:
        raise RuntimeError("the hub did not start")
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)
        sock.close()


class PostgresCluster:
    """A throwaway PostgreSQL cluster in a temp dir, on a unix socket only."""

    def __init__(self) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="fieldapp-pg-"))
        self.started = False

    def _as_postgres(self, *args: str) -> subprocess.CompletedProcess[str]:
        runner = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        return subprocess.run([*runner, *args], capture_output=True, text=True, check=False)

    def start(self) -> str:
        if not (PG_BIN / "initdb").exists():
            raise RuntimeError(f"PostgreSQL is not installed ({PG_BIN} missing): apt-get install postgresql")
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres")
        data = self.dir / "data"
        done = self._as_postgres(str(PG_BIN / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres")
        if done.returncode:
            raise RuntimeError(f"initdb failed: {done.stderr.strip()}")
        options = f"-k {self.dir} -c listen_addresses='' -c fsync=off -c max_connections=100"
        done = self._as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(data), "-o", options,
                                 "-l", str(self.dir / "log"), "-w", "start")
        if done.returncode:
            raise RuntimeError(f"pg_ctl start failed: {done.stderr.strip()} {done.stdout.strip()}")
        self.started = True
        return f"postgresql://postgres@/postgres?host={self.dir}"

    def stop(self) -> None:
        if self.started:
            self._as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(self.dir / "data"), "-m", "immediate", "stop")
        shutil.rmtree(self.dir, ignore_errors=True)


def wipe(service: HubService) -> None:
    """Empty every hub table (a fresh hub for the next example, without a new database)."""
    with service.db.write() as conn:
        for table in TABLES:
            conn.execute(f"DELETE FROM {table}")
