"""`verify` and the exports read one snapshot: run while FieldApp writes, verify
reports no false tampering and an export never meets a layer whose borehole
it has not read (it used to end in KeyError)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ui.main import main as fieldapp

WRITER = Path(__file__).with_name("busy_writer.py")


def _errors(argv: list[str], capsys: pytest.CaptureFixture[str]) -> list[str]:
    try:
        code = fieldapp(argv)
    except Exception as exc:  # the old export ended in a KeyError traceback
        return [repr(exc)]
    err = capsys.readouterr().err
    return [err] if code else []


def test_verify_and_export_while_another_process_writes(tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "busy.sqlite"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    writer = subprocess.Popen([sys.executable, str(WRITER), str(db)], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, env=env, text=True)
    try:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "ready"
        failed: dict[str, list[str]] = {"verify": [], "export": []}
        for _ in range(12):
            failed["verify"] += _errors(["verify", "--db", str(db)], capsys)
            failed["export"] += _errors(["export", "--db", str(db), "--project", "BUSY", "--format", "csv",
                                         "--out", str(tmp_path / "csv")], capsys)
            assert writer.poll() is None, writer.stderr.read() if writer.stderr else ""
    finally:
        writer.kill()
        writer.communicate()
    assert failed == {"verify": [], "export": []}
    assert fieldapp(["verify", "--db", str(db)]) == 0
