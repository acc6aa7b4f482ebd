"""The frozen build (`make dist`) run as a sampler's laptop runs it: from a folder outside the
checkout, with no Python, no virtual environment and no source tree on any path.

The folder is copied to a temporary place; every command runs with a bare environment
(PATH=/usr/bin:/bin, a fresh HOME, no PYTHONPATH) and with that folder as its working
directory. Skipped when there is no build, unless ``FIELDAPP_REQUIRE_DIST=1`` (CI),
which turns a missing build into a failure. ``FIELDAPP_DIST`` names another build folder.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PIL import Image

from fieldapp import __version__

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "labels"))
from label_helpers import decode, rasterise_pdf  # noqa: E402  (real rasterising and decoding, as the label tests)

BUILD = Path(os.environ.get("FIELDAPP_DIST", ROOT / "dist" / "fieldapp"))
PROGRAM = "fieldapp.exe" if sys.platform == "win32" else "fieldapp"
SHOTS = ROOT / "build" / "dist-smoke"  # the GUI screenshot is kept here for a person to look at
PROJECT = "2026-0142"  # the demo project's code
LIMIT = 600  # seconds: a hung program fails the test instead of stalling CI

pytestmark = [pytest.mark.dist, pytest.mark.slow]


@dataclass
class Frozen:
    """The copied build and the bare environment it runs in."""

    app: Path
    home: Path
    work: Path
    listing: list[str]

    def env(self) -> dict[str, str]:
        env = {"PATH": "/usr/bin:/bin", "HOME": str(self.home), "LANG": "C.UTF-8", "TMPDIR": str(self.work)}
        for name in ("DISPLAY", "XAUTHORITY", "SYSTEMROOT", "QT_QPA_PLATFORM"):  # SYSTEMROOT: Windows needs it
            if name in os.environ:
                env[name] = os.environ[name]
        return env

    def run(self, *args: str, ok: bool = True, prefix: tuple[str, ...] = (),
            env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        done = subprocess.run([*prefix, str(self.app / PROGRAM), *args], cwd=self.work,
                              env={**self.env(), **(env or {})}, capture_output=True, text=True, timeout=LIMIT,
                              check=False)
        if ok:
            assert done.returncode == 0, f"fieldapp {' '.join(args)} exited {done.returncode}:\n{done.stderr}"
            assert "Traceback" not in done.stderr, done.stderr
        return done


def _verified(said: str) -> bool:
    return said.startswith("verified:") and "audit chain of" in said


def _listing(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


@pytest.fixture(scope="module")
def frozen(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Frozen]:
    if not (BUILD / PROGRAM).is_file():
        if os.environ.get("FIELDAPP_REQUIRE_DIST") == "1":
            pytest.fail(f"no frozen build at {BUILD}: `make dist` did not produce it")
        pytest.skip(f"no frozen build at {BUILD} (run `make dist`)")
    base = tmp_path_factory.mktemp("frozen")
    assert not base.is_relative_to(ROOT)
    app = base / "FieldApp"
    shutil.copytree(BUILD, app, symlinks=True)
    (base / "home").mkdir()
    (base / "work").mkdir()
    yield Frozen(app, base / "home", base / "work", _listing(app))


@pytest.fixture(scope="module")
def small(frozen: Frozen) -> Path:
    """The 12-borehole demo project, written by the frozen program."""
    db = frozen.work / "small.sqlite"
    done = frozen.run("demo-data", "--db", str(db))
    assert f"demo project {PROJECT}: 12 boreholes" in done.stdout
    return db


def test_version_and_help(frozen: Frozen) -> None:
    assert frozen.run("--version").stdout.strip() == f"FieldApp {__version__}"
    shown = frozen.run("--help").stdout
    for command in ("verify", "demo-data", "labels", "export", "hub", "sync", "shipment", "gps"):
        assert command in shown, command


def test_demo_data_starts_its_generator_child_frozen(frozen: Frozen) -> None:
    # 1000 boreholes and more are made by a child process, which in a frozen build is the program itself
    db = frozen.work / "big.sqlite"
    done = frozen.run("demo-data", "--db", str(db), "--boreholes", "1000")
    assert f"demo project {PROJECT}: 1000 boreholes" in done.stdout
    assert _verified(frozen.run("verify", "--db", str(db)).stdout)
    with sqlite3.connect(db) as conn:  # and the demo's three monitoring wells (peilbuizen) beside them
        kinds = dict(conn.execute("SELECT kind = 'peilbuis', count(*) FROM borehole GROUP BY 1").fetchall())
    assert kinds == {0: 1000, 1: 3}


def test_verify_finds_an_edit_behind_its_back(frozen: Frozen, small: Path) -> None:
    tampered = frozen.work / "tampered.sqlite"
    shutil.copy(small, tampered)
    with sqlite3.connect(tampered) as conn:
        conn.execute("UPDATE layer SET colour = 'rood' WHERE rowid = (SELECT min(rowid) FROM layer)")
    done = frozen.run("verify", "--db", str(tampered), ok=False)
    assert done.returncode == 1 and "was changed outside FieldApp" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr
    assert _verified(frozen.run("verify", "--db", str(small)).stdout)


def test_labels_pdf_barcodes_read_back(frozen: Frozen, small: Path, tmp_path: Path) -> None:
    out = frozen.work / "labels.pdf"
    frozen.run("labels", "--db", str(small), "--project", PROJECT, "--layout", "avery-l7651", "--out", str(out))
    with sqlite3.connect(small) as conn:
        barcodes = {r[0] for r in conn.execute("SELECT barcode FROM container WHERE voided_at IS NULL")}
    read = set().union(*(decode(page) for page in rasterise_pdf(out.read_bytes(), 300, tmp_path)))
    assert {text for kind, text in read if kind == "code128"} == barcodes


def test_export_with_manifest_and_version(frozen: Frozen, small: Path) -> None:
    # --out is a name without a suffix, so that it is valid whether it names the export's file
    # or the folder it is written into; every manifest beneath is checked
    for fmt in ("csv", "gpkg", "xlsx"):
        folder = frozen.work / "exports" / fmt
        folder.mkdir(parents=True)
        frozen.run("export", "--db", str(small), "--project", PROJECT, "--format", fmt, "--out", str(folder / "site"))
        manifests = sorted(folder.rglob("*.sha256"))
        assert manifests, f"no manifest for {fmt}"
        for manifest in manifests:
            check = subprocess.run(["sha256sum", "-c", "--strict", manifest.name], cwd=manifest.parent,
                                   capture_output=True, text=True, check=False)
            assert check.returncode == 0, check.stdout + check.stderr
            assert manifest.read_text().splitlines()[-1] == f"# FieldApp {__version__}"
    (gpkg,) = [p for p in (frozen.work / "exports" / "gpkg").rglob("*") if p.is_file() and p.suffix != ".sha256"]
    with sqlite3.connect(gpkg) as conn:  # the 12 boreholes asked for and the demo's 3 peilbuizen
        assert conn.execute("SELECT count(*) FROM borehole").fetchone()[0] == 15
    # the Excel writer is a compiled extension that reads its own package metadata on import
    (xlsx,) = (frozen.work / "exports" / "xlsx").rglob("*.xlsx")
    assert load_workbook(xlsx)["borehole"].max_row == 1 + 15


def test_hub_serves_a_sync(frozen: Frozen, small: Path) -> None:
    store = f"sqlite:///{frozen.work / 'hub.sqlite'}"
    code = frozen.run("hub", "enroll", "--store", store, "--role", "coordinator", "--name", "laptop-1").stdout
    with subprocess.Popen([str(frozen.app / PROGRAM), "hub", "serve", "--store", store, "--port", "0"],
                          cwd=frozen.work, env=frozen.env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True) as hub:
        try:
            assert hub.stdout is not None
            first = hub.stdout.readline()
            assert first.startswith("hub listening on http://127.0.0.1:"), first
            url = first.split()[3]
            done = frozen.run("sync", "--db", str(small), "--hub", url, "--enroll", code.strip())
            report = done.stdout.splitlines()[-1]
            assert report.startswith("pushed ") and int(report.split()[1]) > 0, done.stdout + done.stderr
            assert " 0 pending" in report and "photos sent 3" in report, report  # the demo's 3 photos
            again = frozen.run("sync", "--db", str(small)).stdout.splitlines()[-1]  # the hub kept them
            assert again.startswith("pushed 0 changes") and " 0 pending" in again, again
            assert "photos sent 3" not in again, again  # a photo is never sent twice
        finally:
            hub.terminate()  # the hub this test started, by its own handle
            _, said = hub.communicate(timeout=LIMIT)
    assert "Traceback" not in said, said


def test_gui_under_xvfb(frozen: Frozen) -> None:
    if shutil.which("xvfb-run") is None:
        pytest.fail("xvfb-run (Debian package xvfb) is needed to start the frozen GUI")
    # a user who has worked before, so the first window is the workbench rather than the name dialog
    config = frozen.home / ".config" / "FieldApp"
    config.mkdir(parents=True)
    (config / "settings.json").write_text('{"user": "J. de Vries", "language": "nl"}', encoding="utf-8")
    shot = frozen.work / "gui.png"
    done = frozen.run("--demo", "--quit-after", "4", "--screenshot", str(shot),
                      prefix=("xvfb-run", "-a", "-s", "-screen 0 1366x768x24"),
                      env={"QT_QPA_PLATFORM": "xcb"})  # the real X11 plugin, whatever the tests run with
    assert "shown" in done.stdout
    with Image.open(shot) as image:
        assert image.size == (1366, 768)
        assert len(image.convert("L").getcolors(1 << 16) or []) > 10, "the screenshot is blank"
    SHOTS.mkdir(parents=True, exist_ok=True)
    shutil.copy(shot, SHOTS / "gui-xvfb-1366x768.png")
    # --demo writes its database where the user's data lives (platformdirs), not beside the program
    assert (frozen.home / ".local" / "share" / "FieldApp" / "demo.sqlite").is_file()


def test_nothing_written_beside_the_program(frozen: Frozen) -> None:
    assert _listing(frozen.app) == frozen.listing


def test_sikb0101_export_and_check_offline(frozen: Frozen, small: Path) -> None:
    """The SIKB0101 schemas, catalogue and control rules come from the build's resources, and Saxon
    (saxonche) runs frozen: the export is valid against the XSD and --check finds no error."""
    config = frozen.work / "sikb-config"
    config.mkdir()
    (config / "settings.json").write_text('{"sikb_application_id": 424242}', encoding="utf-8")
    env = {"FIELDAPP_CONFIG_DIR": str(config)}
    out = frozen.work / "exports" / "sikb" / "site"
    out.parent.mkdir(parents=True)
    done = frozen.run("export", "--db", str(small), "--project", PROJECT, "--format", "sikb0101", "--out", str(out),
                      env=env)
    assert "valid against the XSD" in done.stdout
    assert (out / "site.xml").stat().st_size > 0
    checked = frozen.run("export", "--db", str(small), "--project", PROJECT, "--format", "sikb0101", "--check",
                         env=env)
    assert checked.stdout.splitlines()[-1].startswith(f"Project {PROJECT}: 0 fouten, "), checked.stdout
