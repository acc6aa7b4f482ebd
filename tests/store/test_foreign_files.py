"""A file that is not a FieldApp database of this version is refused by every
command, the hub's included, with one clear line and its bytes untouched;
a damaged one gives one clear line, never a traceback."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from fieldapp import demo
from fieldapp.hub.service import HubService
from fieldapp.session import Session
from fieldapp.settings import Settings
from ui.main import main as fieldapp


def _plain(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
    conn.execute("INSERT INTO notes (text) VALUES ('groceries')")
    conn.commit()
    conn.close()


def _blank_sqlite(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 7")  # a valid SQLite file with no tables
    conn.close()


def _device(path: Path) -> None:
    with Session.open(path, settings=Settings(user="J. de Vries")) as session:
        demo.create(session, boreholes=2, seed=5)


def _newer_device(path: Path) -> None:
    _device(path)
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO schema_migration (name) VALUES ('9999_from_the_future')")
    conn.commit()
    conn.close()


def _hub(path: Path) -> None:
    HubService.open(f"sqlite:///{path}").close()


def _newer_hub(path: Path) -> None:
    _hub(path)
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO hub_migration (name) VALUES ('9999_from_the_future')")
    conn.commit()
    conn.close()


MAKERS: dict[str, Callable[[Path], None]] = {
    "plain sqlite": _plain,
    "empty file": lambda p: p.write_bytes(b""),
    "sqlite without tables": _blank_sqlite,
    "not sqlite": lambda p: p.write_text("borehole;depth\nB01;2.0\n" * 200),
    "hub store": _hub,
    "newer fieldapp": _newer_device,
    "device database": _device,
    "newer hub": _newer_hub,
}
FOR_DEVICE = ("plain sqlite", "empty file", "sqlite without tables", "not sqlite", "hub store", "newer fieldapp")
FOR_HUB = ("plain sqlite", "empty file", "sqlite without tables", "not sqlite", "device database", "newer hub")


@pytest.fixture(scope="module")
def samples(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("foreign")
    made = {}
    for kind, make in MAKERS.items():
        path = folder / f"{kind.replace(' ', '-')}.sqlite"
        make(path)
        made[kind] = path
    return made


def _copy(samples: dict[str, Path], kind: str, tmp_path: Path) -> Path:
    path = tmp_path / "given.sqlite"
    shutil.copy(samples[kind], path)
    return path


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def device_commands(db: Path, tmp: Path) -> dict[str, list[str]]:
    return {
        "verify": ["verify", "--db", str(db)],
        "demo-data": ["demo-data", "--db", str(db), "--boreholes", "2"],
        "export": ["export", "--db", str(db), "--project", "2026-0142", "--format", "csv", "--out", str(tmp / "x")],
        "labels": ["labels", "--db", str(db), "--project", "2026-0142", "--layout", "zebra-2x1-203",
                   "--out", str(tmp / "l.pdf")],
        "coc": ["coc", "--db", str(db), "--shipment", "COC-1", "--out", str(tmp / "c.pdf")],
        "sync": ["sync", "--db", str(db), "--hub", "http://127.0.0.1:9"],
        "bundle": ["sync", "--db", str(db), "--bundle-out", str(tmp / "b.bundle")],
    }


def hub_commands(store: Path, tmp: Path) -> dict[str, list[str]]:
    url = f"sqlite:///{store}"
    bundle = tmp / "some.bundle"
    return {
        "enroll": ["hub", "enroll", "--store", url, "--role", "sampler", "--name", "t1"],
        "revoke": ["hub", "revoke", "--store", url, "--name", "t1"],
        "import": ["hub", "import", "--store", url, str(bundle)],
        "devices": ["hub", "devices", "--store", url],
        "conflicts": ["hub", "conflicts", "--store", url],
        "resolve": ["hub", "resolve", "--store", url, "abc", "--note", "checked"],
    }


def _one_line_refusal(code: int, err: str) -> None:
    assert code != 0
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("fieldapp: error:"), err
    assert "Traceback" not in err


@pytest.mark.parametrize("command", list(device_commands(Path("x"), Path("x"))))
@pytest.mark.parametrize("kind", FOR_DEVICE)
def test_device_commands_refuse_foreign_files_untouched(samples: dict[str, Path], kind: str, command: str,
                                                        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = _copy(samples, kind, tmp_path)
    before = _digest(db)
    code = fieldapp(device_commands(db, tmp_path)[command])
    out = capsys.readouterr()
    _one_line_refusal(code, out.err)
    assert _digest(db) == before, "the refused file was changed"
    word = {"hub store": "hub store", "newer fieldapp": "newer FieldApp"}.get(kind, "not a FieldApp")
    assert word in out.err


@pytest.mark.parametrize("command", list(hub_commands(Path("x"), Path("x"))))
@pytest.mark.parametrize("kind", FOR_HUB)
def test_hub_admin_commands_refuse_foreign_files_untouched(samples: dict[str, Path], kind: str, command: str,
                                                           tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    store = _copy(samples, kind, tmp_path)
    before = _digest(store)
    (tmp_path / "some.bundle").write_text("{}")
    code = fieldapp(hub_commands(store, tmp_path)[command])
    out = capsys.readouterr()
    _one_line_refusal(code, out.err)
    assert _digest(store) == before, "the refused file was changed"
    word = {"device database": "device database", "newer hub": "newer FieldApp"}.get(kind, "not a FieldApp hub")
    assert word in out.err


@pytest.mark.parametrize("kind", ["device database", "plain sqlite", "empty file"])
def test_hub_serve_refuses_a_foreign_store_untouched(samples: dict[str, Path], kind: str, tmp_path: Path) -> None:
    store = _copy(samples, kind, tmp_path)
    before = _digest(store)
    root = Path(__file__).resolve().parents[2]
    try:
        done = subprocess.run([sys.executable, "-m", "ui.main", "hub", "serve", "--store", f"sqlite:///{store}",
                               "--port", "0"], capture_output=True, text=True, timeout=60, cwd=root)
    except subprocess.TimeoutExpired:
        pytest.fail("hub serve served a store that is not a hub store")
    _one_line_refusal(done.returncode, done.stderr)
    assert _digest(store) == before


def test_a_new_path_is_still_created(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "new.sqlite"
    assert fieldapp(["demo-data", "--db", str(db), "--boreholes", "2"]) == 0
    assert fieldapp(["verify", "--db", str(db)]) == 0
    assert not list(tmp_path.glob(".new.sqlite.*")), "the creation's scratch file was left behind"
    hub = tmp_path / "hub.sqlite"
    assert fieldapp(["hub", "devices", "--store", f"sqlite:///{hub}"]) == 0 and hub.exists()


@pytest.mark.parametrize("command", [*device_commands(Path("x"), Path("x")), "intake"])
def test_a_damaged_database_gives_one_line_never_a_traceback(samples: dict[str, Path], command: str,
                                                             tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    db = _copy(samples, "device database", tmp_path)
    raw = bytearray(db.read_bytes())
    middle = len(raw) // 2
    raw[middle:middle + 3000] = bytes(range(256)) * 11 + bytes(184)  # 3,000 bytes of garbage
    db.write_bytes(bytes(raw))
    if command == "intake":
        root = Path(__file__).resolve().parents[2]
        # --lang en: intake scan speaks its --lang, Dutch by default (the lab's), and this checks the English line
        done = subprocess.run([sys.executable, "-m", "ui.main", "intake", "scan", "--db", str(db), "--shipment",
                               "COC-1", "--lang", "en"], input="", capture_output=True, text=True, timeout=120,
                              cwd=root)
        code, err = done.returncode, done.stderr
    else:
        code = fieldapp(device_commands(db, tmp_path)[command])
        err = capsys.readouterr().err
    assert "Traceback" not in err
    if command == "verify":
        assert code != 0 and "damaged" in err
    if code != 0:
        _one_line_refusal(code, err)
