"""A real `fieldapp export` killed at each step of putting an export in place (issue 17, finding 6).

The process kills itself with SIGKILL at a named crash point (FIELDAPP_CRASH_AT,
see fieldapp/outputs.py). Whatever the step, the target folder then holds the
earlier complete export or the new complete export: every file it holds is
in its manifest with the right SHA-256, and every manifest entry is there.
Before the fix a kill after the first rename left a new map PDF beside the old
PNG and manifest, new GeoJSON with the old manifest, or no CSV folder at all.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from fieldapp.codelists import CodeLists
from fieldapp.domain import borehole, project
from fieldapp.export.atomic import CRASH_POINTS, MANIFEST, NO_EXCHANGE_ENV, settle
from fieldapp.outputs import CRASH_ENV
from fieldapp.session import Session
from fieldapp.settings import Settings

PROJECT = "2026-0142"  # as in conftest.py
FIELDAPP = Path(sys.executable).parent / "fieldapp"
ROOT = Path(__file__).parent.parent.parent
NEW_HOLE = "B99K"  # added between the earlier export and the killed one, so the two differ

# (swap path, crash points on it, does the new export stand once the process is dead)
EXCHANGE = [("export:staged", False), ("export:manifest", False), ("export:exchanged", True)]
FALLBACK = [("export:staged", False), ("export:manifest", False), ("export:old-aside", True),
            ("export:swapped", True)]
FIRST = [("export:staged", False), ("export:manifest", False), ("export:renamed", True)]


def _run(db: Path, fmt: str, out: Path, crash: str | None = None, *, fallback: bool = False
         ) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop(CRASH_ENV, None)
    if crash:
        env[CRASH_ENV] = crash
    if fallback:
        env[NO_EXCHANGE_ENV] = "1"
    return subprocess.run([str(FIELDAPP), "export", "--db", str(db), "--project", PROJECT, "--format", fmt,
                           "--out", str(out)], capture_output=True, text=True, env=env, timeout=300)


def _check_complete(folder: Path) -> dict[str, str]:
    """Every file listed with its right hash, nothing unlisted; returns the manifest as name -> hash."""
    listed = {}
    for line in (folder / MANIFEST).read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):  # "# FieldApp 0.1.0": which program wrote it, as sha256sum -c skips it
            continue
        digest, name = line.split("  ", 1)
        listed[name] = digest
    present = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()} - {MANIFEST}
    assert present == set(listed), (present, listed)
    for name, digest in listed.items():
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest, name
    return listed


@pytest.fixture(scope="module")
def base_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from fieldapp import demo

    path = tmp_path_factory.mktemp("killed") / "field.sqlite"
    with Session.open(path, settings=Settings(user="J. de Vries"), lists=CodeLists.load()) as session:
        demo.create(session, boreholes=4, seed=5, project_code=PROJECT)
    return path


@pytest.fixture
def db(base_db: Path, tmp_path: Path) -> Path:
    path = tmp_path / "field.sqlite"
    shutil.copy(base_db, path)
    return path


def _add_borehole(db: Path) -> None:
    with Session.open(db, settings=Settings(user="J. de Vries"), lists=CodeLists.load()) as session:
        proj = project.by_code(session.store, PROJECT)
        borehole.create(session, proj.id, code=NEW_HOLE, kind="boring", planned_x_rd=135_990.0,
                        planned_y_rd=455_390.0, sampler="A. Bakker", started_at=None)


def _mentions_new_hole(folder: Path) -> bool:
    for p in folder.iterdir():
        if p.suffix in (".csv", ".geojson") and NEW_HOLE in p.read_text(encoding="utf-8"):
            return True
        if p.suffix == ".pdf":
            from pypdf import PdfReader

            if any(NEW_HOLE in (page.extract_text() or "") for page in PdfReader(p).pages):
                return True
    return False


FORMATS = ["csv", "geojson", "map"]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(("path", "point", "new_stands"),
                         [("exchange", p, n) for p, n in EXCHANGE] + [("fallback", p, n) for p, n in FALLBACK])
def test_killed_replacement_leaves_old_or_new_whole(db: Path, tmp_path: Path, fmt: str, path: str, point: str,
                                                    new_stands: bool) -> None:
    out = tmp_path / "delivery"
    first = _run(db, fmt, out)
    assert first.returncode == 0, first.stderr
    old = _check_complete(out)
    _add_borehole(db)
    killed = _run(db, fmt, out, point, fallback=path == "fallback")
    assert killed.returncode == -signal.SIGKILL, (point, killed.stderr)  # the step was reached
    settle(out)  # what the next export does first
    now = _check_complete(out)
    assert (now != old) is new_stands
    assert _mentions_new_hole(out) is new_stands
    again = _run(db, fmt, out)  # and the next export goes through, with the new data
    assert again.returncode == 0, again.stderr
    _check_complete(out)
    assert _mentions_new_hole(out)
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".")) == ["delivery", "field.sqlite"]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(("point", "new_stands"), FIRST)
def test_killed_first_export_leaves_nothing_or_all(db: Path, tmp_path: Path, fmt: str, point: str,
                                                   new_stands: bool) -> None:
    out = tmp_path / "delivery"
    killed = _run(db, fmt, out, point)
    assert killed.returncode == -signal.SIGKILL, (point, killed.stderr)
    settle(out)
    assert out.exists() is new_stands
    if new_stands:
        _check_complete(out)


def test_every_crash_point_is_tested() -> None:
    tested = {p for p, _n in EXCHANGE + FALLBACK + FIRST}
    assert tested == set(CRASH_POINTS)


def test_old_aside_without_staged_manifest_rolls_back(tmp_path: Path) -> None:
    # The fallback's second half, for a swap whose staged folder is incomplete: the old export goes back.
    out = tmp_path / "delivery"
    aside = tmp_path / ".delivery.old-1-2"
    aside.mkdir()
    (aside / "delivery.geojson").write_text("{}")
    (aside / MANIFEST).write_text(f"{hashlib.sha256(b'{}').hexdigest()}  delivery.geojson\n")
    (tmp_path / ".delivery.partial-1-2").mkdir()
    settle(out)
    assert _check_complete(out) == {"delivery.geojson": hashlib.sha256(b"{}").hexdigest()}
    assert not aside.exists()
