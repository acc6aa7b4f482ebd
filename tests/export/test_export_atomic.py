"""Killing an export midway leaves nothing under the target name, or the earlier export untouched."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from fieldapp.errors import ExportError
from fieldapp.export import export
from fieldapp.export.atomic import sha256_file
from fieldapp.session import Session

PROJECT = "2026-0142"  # as in conftest.py
HERE = Path(__file__).parent
ROOT = HERE.parent.parent


def _kill_midway(db: Path, fmt: str, out: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, str(HERE / "killed_export.py"), str(db), fmt, str(out)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    assert proc.stdout is not None
    line = proc.stdout.readline()
    assert line.strip() == "midway", proc.stderr.read() if proc.stderr else ""
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    proc.stdout.close()
    if proc.stderr:
        proc.stderr.close()


@pytest.mark.parametrize(("fmt", "name"), [("gpkg", "site"), ("csv", "tables"), ("borelogs", "logs"),
                                           ("xlsx", "site"), ("geojson", "site")])
def test_killed_export_leaves_no_partial_file(export_db: Path, tmp_path: Path, fmt: str, name: str) -> None:
    out = tmp_path / name
    _kill_midway(export_db, fmt, out)
    assert not out.exists()
    leftovers = [p.name for p in tmp_path.iterdir()]
    assert all(p.startswith(f".{name}.partial-") for p in leftovers), leftovers


def test_killed_export_keeps_the_earlier_one(export_db: Path, export_session: Session, tmp_path: Path) -> None:
    out = tmp_path / "site"
    export(export_session, PROJECT, "gpkg", out)
    before = sha256_file(out / "site.gpkg")
    _kill_midway(export_db, "gpkg", out)
    assert sha256_file(out / "site.gpkg") == before
    assert (out / "MANIFEST.sha256").read_text().split()[0] == before


def test_cancel_and_bad_input_write_nothing(export_session: Session, tmp_path: Path) -> None:
    out = tmp_path / "site"
    with pytest.raises(ExportError, match="cancelled"):
        export(export_session, PROJECT, "xlsx", out, cancelled=lambda: True)
    with pytest.raises(ExportError, match="no project"):
        export(export_session, "NOPE", "gpkg", tmp_path / "x")
    with pytest.raises(ExportError, match="RD New only"):
        export(export_session, PROJECT, "borelogs", tmp_path / "x", crs=4326)
    with pytest.raises(ExportError, match="names the folder"):
        export(export_session, PROJECT, "gpkg", tmp_path / "x.gpkg")
    assert list(tmp_path.iterdir()) == []


def test_cli_reports_one_line_errors(export_db: Path, tmp_path: Path) -> None:
    fieldapp = Path(sys.executable).parent / "fieldapp"
    run = subprocess.run([str(fieldapp), "export", "--db", str(export_db), "--project", "NOPE", "--format", "csv",
                          "--out", str(tmp_path / "x")], capture_output=True, text=True)
    assert run.returncode == 1
    assert run.stderr.startswith("fieldapp: error: There is no project 'NOPE'")
    ok = subprocess.run([str(fieldapp), "export", "--db", str(export_db), "--project", PROJECT, "--format", "gpkg",
                         "--out", str(tmp_path / "s")], capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr
    assert "s/MANIFEST.sha256" in ok.stdout


def test_files_of_the_user_beside_an_earlier_export_stop_the_next_one(export_session: Session,
                                                                      tmp_path: Path) -> None:
    """An earlier export is replaced as a whole: a note or a lab report saved into its folder would go
    with it, so the export is refused, names them, and leaves the folder as it was."""
    out = tmp_path / "oplevering"
    export(export_session, PROJECT, "geojson", out)
    (out / "notities.txt").write_text("boring B03 opnieuw zetten", encoding="utf-8")
    (out / "lab").mkdir()
    (out / "lab" / "analyserapport.pdf").write_bytes(b"%PDF-1.4 lab")
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    with pytest.raises(ExportError) as refused:
        export(export_session, PROJECT, "gpkg", out)
    assert refused.value.message == (f"{out} holds 2 files the earlier export there did not write: "
                                     "lab/analyserapport.pdf, notities.txt.")
    assert "Move them out" in refused.value.hint
    assert {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert [p.name for p in tmp_path.iterdir()] == ["oplevering"]  # no staging folder left behind
    # with them moved out, the export replaces the earlier one; an empty folder of the user's is no loss
    (out / "notities.txt").unlink()
    (out / "lab" / "analyserapport.pdf").unlink()
    export(export_session, PROJECT, "gpkg", out)
    assert (out / "oplevering.gpkg").is_file() and not (out / "oplevering.geojson").exists()


def test_the_refusal_of_a_folder_with_other_files_in_dutch() -> None:
    from fieldapp import error_text
    said = error_text.said("/data/oplevering holds 1 file the earlier export there did not write: notities.txt.",
                           "nl")
    assert said == "/data/oplevering bevat 1 bestand buiten de eerdere export daar: notities.txt."
    hint = error_text.said("Move them out of that folder, or choose another folder: an earlier export is replaced "
                           "as a whole.", "nl", hint=True)
    assert hint.startswith("Zet ze buiten die map")
