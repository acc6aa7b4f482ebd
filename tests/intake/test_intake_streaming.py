"""`fieldapp intake scan` answers each scan as it arrives: a scanner piped into
it gets its answer while the pipe is still open (issue 18)."""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
from pathlib import Path

from intake_helpers import cooler

from fieldapp.codelists import CodeLists
from fieldapp.session import Session
from fieldapp.settings import Settings

# a guard against a hang, not a time limit: the answer comes in well under a second
PATIENCE_S = 60


def read_line(fd: int) -> bytes:
    """One line from a pipe, without waiting for the writer to close it."""
    line = b""
    while not line.endswith(b"\n"):
        ready, _w, _x = select.select([fd], [], [], PATIENCE_S)
        assert ready, f"no answer after {PATIENCE_S} s (got {line!r} so far)"
        chunk = os.read(fd, 1)
        assert chunk, f"the command ended without answering (got {line!r})"
        line += chunk
    return line


def test_each_scan_is_answered_before_the_next_is_sent(tmp_path: Path) -> None:
    db = tmp_path / "lab.sqlite"
    with Session.open(db, settings=Settings(user="lab-clerk"), lists=CodeLists.load()) as session:
        box = cooler(session, 3)
    env = {"FIELDAPP_CONFIG_DIR": str(tmp_path / "config"), "PATH": "/usr/bin:/bin", "USER": "lab-clerk"}
    with subprocess.Popen([sys.executable, "-m", "ui.main", "intake", "scan", "--db", str(db), "--shipment",
                           "COC-0001"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          env=env) as proc:
        assert proc.stdin is not None and proc.stdout is not None and proc.stderr is not None
        try:
            for code, outcome in ((box.codes[0], "received"), (box.codes[0], "duplicate"),
                                  ("FA-NOTHERE", "unknown")):
                proc.stdin.write(code.encode() + b"\n")
                proc.stdin.flush()  # the scanner's line, and the pipe stays open
                answer = json.loads(read_line(proc.stdout.fileno()))
                assert answer["outcome"] == outcome, answer
            proc.stdin.close()
            rest = proc.stdout.read().decode()
            assert proc.wait(PATIENCE_S) == 0, proc.stderr.read()
        finally:
            if proc.poll() is None:
                proc.kill()
    assert json.loads(rest.splitlines()[0])["reconciliation"]["received"] == 1
