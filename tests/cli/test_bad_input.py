"""Bad input and failing disks at the command line: one clear line, a non-zero exit, nothing half-written.

Issue 17, finding 8. Every case runs the real `fieldapp` program in its own
process against real files, real (tmpfs) disks that are read-only or full,
/proc, real sockets and a real hub on 127.0.0.1.
"""

from __future__ import annotations

import os
import socket
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from disks import tmpfs

from fieldapp import demo
from fieldapp.export import FORMATS
from fieldapp.session import Session
from fieldapp.settings import Settings

FIELDAPP = Path(sys.executable).parent / "fieldapp"
PROJECT = "2026-0142"


def fieldapp(*argv: str, stdin: str = "", cwd: Path | None = None, timeout: float = 120
             ) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FIELDAPP_CRASH")}
    return subprocess.run([str(FIELDAPP), *argv], input=stdin, capture_output=True, text=True, env=env, cwd=cwd,
                          timeout=timeout)


def one_line_error(run: subprocess.CompletedProcess[str], *words: str) -> None:
    """A non-zero exit with exactly one line on stderr, the error, and no traceback."""
    assert run.returncode != 0, run.stdout
    assert "Traceback" not in run.stderr and "Exception ignored" not in run.stderr, run.stderr
    lines = run.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("fieldapp: error: "), run.stderr
    for word in words:
        assert word in lines[0], (word, lines[0])


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("db") / "field.sqlite"
    with Session.open(path, settings=Settings(user="J. de Vries")) as session:
        demo.create(session, boreholes=3, seed=1, project_code=PROJECT)
    return path


@pytest.fixture(autouse=True)
def own_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FIELDAPP_CONFIG_DIR", str(tmp_path / "config"))


def _events(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute("SELECT COUNT(*) FROM custody_event").fetchone()[0])


def _shipment(db: Path) -> str:
    with sqlite3.connect(db) as conn:
        return str(conn.execute("SELECT code FROM shipment").fetchone()[0])


# --- where an output cannot go --------------------------------------------------------------------------


@pytest.fixture(params=["read-only disk", "full disk", "existing folder", "/proc"])
def bad_place(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """A folder to write into that cannot take the output, and a word the message must contain."""
    kind = request.param
    if kind == "read-only disk":
        with tmpfs(tmp_path / "ro", read_only=True) as where:
            yield where, "read-only"
    elif kind == "full disk":
        with tmpfs(tmp_path / "full", fill=True) as where:
            yield where, "full"
    elif kind == "existing folder":
        yield tmp_path / "taken", "folder"
    else:
        yield Path("/proc"), "/proc"


def _target(place: tuple[Path, str], name: str) -> Path:
    where, word = place
    if word == "folder":  # the output's own name is taken by a folder holding someone's file
        (where / name).mkdir(parents=True)
        (where / name / "notes.txt").write_text("mine")
    return where / name


def _untouched(place: tuple[Path, str], target: Path) -> None:
    where, word = place
    if word == "folder":
        assert [p.name for p in target.iterdir()] == ["notes.txt"]
    elif word != "/proc":
        assert sorted(p.name for p in where.iterdir()) in ([], ["filler"])


@pytest.mark.parametrize(("layout", "name"), [("avery-l7651", "labels.pdf"), ("zebra-2x1-203", "labels.zpl")])
def test_labels_to_a_place_that_cannot_take_them(db: Path, bad_place: tuple[Path, str], layout: str,
                                                 name: str) -> None:
    before = _events(db)
    out = _target(bad_place, name)
    run = fieldapp("labels", "--db", str(db), "--project", PROJECT, "--layout", layout, "--out", str(out))
    one_line_error(run, bad_place[1])
    assert _events(db) == before  # no label_printed event without its file
    _untouched(bad_place, out)


def test_coc_to_a_place_that_cannot_take_it(db: Path, bad_place: tuple[Path, str]) -> None:
    out = _target(bad_place, "coc.pdf")
    run = fieldapp("coc", "--db", str(db), "--shipment", _shipment(db), "--out", str(out))
    one_line_error(run, bad_place[1])
    _untouched(bad_place, out)


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_export_to_a_place_that_cannot_take_it(db: Path, bad_place: tuple[Path, str], fmt: str) -> None:
    if fmt == "sikb0101":  # with its SIKB code set, else it refuses before it reaches the disk (README)
        config = Path(os.environ["FIELDAPP_CONFIG_DIR"])
        config.mkdir(exist_ok=True)
        (config / "settings.json").write_text('{"sikb_application_id": 424242}', encoding="utf-8")
    out = _target(bad_place, "delivery")
    run = fieldapp("export", "--db", str(db), "--project", PROJECT, "--format", fmt, "--out", str(out))
    one_line_error(run, "folder" if bad_place[1] == "folder" else bad_place[1])
    _untouched(bad_place, out)


@pytest.mark.parametrize(("size", "boreholes"), [("64k", 12), ("1m", 2000)], ids=["full at once", "full half-way"])
def test_demo_data_on_a_full_disk_keeps_nothing(tmp_path: Path, size: str, boreholes: int) -> None:
    with tmpfs(tmp_path / "small", size=size, fill=size == "64k") as where:
        run = fieldapp("demo-data", "--db", str(where / "demo.sqlite"), "--boreholes", str(boreholes))
        one_line_error(run, "disk is full")
        assert "cannot rollback" not in run.stderr
        assert sorted(p.name for p in where.iterdir()) in ([], ["filler"])


# --- numbers that are not what they claim ----------------------------------------------------------------


@pytest.mark.parametrize(("line", "words"), [
    ("100 5 40", ("latitude 100", "not a place")),
    ("1e308 5 40", ("not a place",)),
    ("52.1 5.1 inf", ("inf", "height")),
    ("52.1 5.1 nan", ("nan", "height")),
])
def test_coords_to_rd_refuses_impossible_points(line: str, words: tuple[str, ...]) -> None:
    run = fieldapp("coords", "to-rd", stdin=line + "\n")
    assert run.stdout == ""
    one_line_error(run, "line 1", *words)


def test_coords_from_rd_refuses_an_infinite_height() -> None:
    run = fieldapp("coords", "from-rd", stdin="155000 463000 inf\n")
    assert run.stdout == ""
    one_line_error(run, "inf", "height")


def test_hub_serve_on_a_port_that_does_not_exist(tmp_path: Path) -> None:
    run = fieldapp("hub", "serve", "--store", f"sqlite:///{tmp_path / 'hub.sqlite'}", "--port", "99999")
    one_line_error(run, "--port 99999")


def test_hub_import_of_deeply_nested_json(tmp_path: Path) -> None:
    bundle = tmp_path / "deep.json"
    bundle.write_text("[" * 200_000 + "]" * 200_000)
    run = fieldapp("hub", "import", "--store", f"sqlite:///{tmp_path / 'hub.sqlite'}", str(bundle))
    one_line_error(run, "nested too deeply")


def test_pull_with_a_cursor_beyond_64_bits_is_refused_not_a_server_error(tmp_path: Path) -> None:
    from fieldapp.store import Store
    from fieldapp.sync.client import HubClient
    from fieldapp.sync.engine import enroll
    from fieldapp.sync.protocol import SCHEMA_HEADER, SCHEMA_VERSION

    store_url = f"sqlite:///{tmp_path / 'hub.sqlite'}"
    code = fieldapp("hub", "enroll", "--store", store_url, "--role", "coordinator", "--name", "office")
    assert code.returncode == 0, code.stderr
    hub = subprocess.Popen([str(FIELDAPP), "hub", "serve", "--store", store_url, "--port", "0"],
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        assert hub.stdout is not None
        url = hub.stdout.readline().split()[3]  # "hub listening on http://127.0.0.1:PORT (...)"
        with Store.open(tmp_path / "office.sqlite", actor="office") as store, HubClient(url) as client:
            enroll(store, client, code.stdout.strip())
            token = client.token
        headers = {"Authorization": f"Bearer {token}", SCHEMA_HEADER: str(SCHEMA_VERSION)}
        with httpx.Client(base_url=url, headers=headers, timeout=30) as http:
            assert http.get("/v1/pull", params={"cursor": 0}).status_code == 200
            for cursor in (2**70, 2**63, -1):
                answer = http.get("/v1/pull", params={"cursor": cursor})
                assert answer.status_code == 422, (cursor, answer.text)
    finally:
        hub.terminate()
        hub.wait(timeout=30)
        if hub.stdout:
            hub.stdout.close()


# --- devices that are not there -------------------------------------------------------------------------


def _closed_port() -> int:
    with socket.create_server(("127.0.0.1", 0)) as s:
        return int(s.getsockname()[1])


@pytest.mark.parametrize(("port", "extra", "words"), [
    ("refused", (), ("Connection refused",)),
    ("/dev/null", (), ("no NMEA",)),
    ("/dev/null", ("--baud", "4800"), ("cannot open /dev/null",)),
    ("refused", ("--baud", "-5"), ("--baud -5",)),
    ("/dev/null", ("--baud", "-5"), ("--baud -5",)),
])
def test_gps_listen_gives_up_on_a_port_it_cannot_use(port: str, extra: tuple[str, ...],
                                                     words: tuple[str, ...]) -> None:
    where = f"socket://127.0.0.1:{_closed_port()}" if port == "refused" else port
    run = fieldapp("gps", "listen", where, *extra, timeout=60)
    one_line_error(run, *words)


def test_gps_listen_gives_up_on_a_port_that_stays_silent() -> None:
    with socket.create_server(("127.0.0.1", 0)) as silent:  # accepts, then never sends a byte
        port = silent.getsockname()[1]
        run = fieldapp("gps", "listen", f"socket://127.0.0.1:{port}", "--give-up", "3", timeout=60)
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    assert run.stderr.splitlines()[-1].startswith(f"fieldapp: error: nothing from socket://127.0.0.1:{port} for 3 s")


def test_print_zpl_to_a_missing_folder_does_not_make_it(db: Path, tmp_path: Path) -> None:
    zpl = tmp_path / "labels.zpl"
    made = fieldapp("labels", "--db", str(db), "--project", PROJECT, "--layout", "zebra-2x1-203", "--out", str(zpl))
    assert made.returncode == 0, made.stderr
    run = fieldapp("print-zpl", str(zpl), "--printer", f"folder:{tmp_path / 'MISSING'}")
    one_line_error(run, "MISSING", "does not exist")
    assert not (tmp_path / "MISSING").exists()

