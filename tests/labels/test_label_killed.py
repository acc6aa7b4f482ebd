"""A real `fieldapp labels` killed at each step: the label file and its events, both or neither.

Issue 17, finding 6: a kill right after the rename left a label PDF with no
``label_printed`` event. The process kills itself with SIGKILL at each crash
point of :func:`fieldapp.labels.from_store.save_labels`; once the folder is
settled (what the next labels run does first), the file is there exactly when
its events are, and it is the complete file of that run.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from fieldapp import demo
from fieldapp.labels.from_store import CRASH_POINTS, project_labels, settle_label_files
from fieldapp.outputs import CRASH_ENV
from fieldapp.session import Session
from fieldapp.settings import Settings

PROJECT = "2026-0142"
FIELDAPP = Path(sys.executable).parent / "fieldapp"
# a kill at these points leaves the events committed
COMMITTED = {"labels:committed", "labels:renamed"}


@pytest.fixture(scope="module")
def base_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("db") / "field.sqlite"
    with Session.open(path, settings=Settings(user="J. de Vries")) as session:
        demo.create(session, boreholes=3, seed=1, project_code=PROJECT)
    return path


@pytest.fixture
def db(base_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("FIELDAPP_CONFIG_DIR", str(tmp_path / "config"))
    path = tmp_path / "field.sqlite"
    shutil.copy(base_db, path)
    return path


def _labels(db: Path, out: Path, layout: str, crash: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != CRASH_ENV}
    if crash:
        env[CRASH_ENV] = crash
    return subprocess.run([str(FIELDAPP), "labels", "--db", str(db), "--project", PROJECT, "--layout", layout,
                           "--out", str(out)], capture_output=True, text=True, env=env, timeout=120)


def _printed(db: Path) -> int:
    with Session.open(db) as session:
        rows = session.store.query("SELECT COUNT(*) AS n FROM custody_event WHERE kind = 'label_printed'")
    return int(rows[0]["n"])


def _containers(db: Path) -> int:
    with Session.open(db) as session:
        return len(project_labels(session.store, PROJECT))


def _hidden(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.name.startswith(".") and p.name.endswith(".part")]


@pytest.mark.parametrize(("layout", "name"), [("avery-l7651", "labels.pdf"), ("zebra-2x1-203", "labels.zpl")])
@pytest.mark.parametrize("point", CRASH_POINTS)
def test_killed_labels_run_leaves_file_and_events_together(db: Path, tmp_path: Path, point: str, layout: str,
                                                           name: str) -> None:
    out = tmp_path / "print" / name
    out.parent.mkdir()
    n = _containers(db)
    killed = _labels(db, out, layout, point)
    assert killed.returncode == -signal.SIGKILL, killed.stderr  # the step was reached
    committed = point in COMMITTED
    assert _printed(db) == (n if committed else 0)
    if committed and not out.exists():
        # between the commit and the rename: the complete file waits under its hidden name
        assert len(_hidden(out.parent)) == 1
    with Session.open(db) as session, session.store.action("settle"):
        settle_label_files(session.store, out.parent)
    assert out.exists() is committed
    assert _hidden(out.parent) == []
    if committed:
        if name.endswith(".pdf"):
            assert len(PdfReader(out).pages) >= 1
        else:
            assert out.read_text(encoding="utf-8").count("^XA") == n
    again = _labels(db, out, layout)  # the next run goes through, and counts from what is recorded
    assert again.returncode == 0, again.stderr
    assert _printed(db) == n * (2 if committed else 1)
    assert _hidden(out.parent) == []


def test_next_run_puts_an_interrupted_file_in_place_and_says_so(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "labels.pdf"
    assert _labels(db, out, "avery-l7651", "labels:committed").returncode == -signal.SIGKILL
    assert not out.exists()
    other = tmp_path / "other.pdf"
    run = _labels(db, other, "avery-l7651")
    assert run.returncode == 0, run.stderr
    assert f"{out}: put in place" in run.stderr
    assert out.exists() and other.exists()


def test_a_hidden_file_of_another_device_is_left_alone(db: Path, tmp_path: Path) -> None:
    foreign = tmp_path / ".labels.pdf.0190aaaa-0000-7000-8000-000000000000.0190bbbb-0000-7000-8000-000000000000.part"
    foreign.write_bytes(b"%PDF-")
    with Session.open(db) as session, session.store.action("settle"):
        assert settle_label_files(session.store, tmp_path) == []
    assert foreign.exists()
