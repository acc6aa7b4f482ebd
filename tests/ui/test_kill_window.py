"""Killing the window mid-flow (SIGKILL) loses nothing the window acknowledged."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from fieldapp.codelists import CodeLists
from fieldapp.domain import borehole, layer, project
from fieldapp.session import Session
from fieldapp.settings import Settings
from fieldapp.store.verify import verify

SCRIPT = Path(__file__).with_name("kill_flow_app.py")


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_sigkill_mid_flow_loses_nothing_acknowledged(tmp_path: Path, lists: CodeLists, seed: int) -> None:
    db = tmp_path / "field.sqlite"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", FIELDAPP_CONFIG_DIR=str(tmp_path / "config"),
               PYTHONUNBUFFERED="1")
    kill_after = random.Random(seed).randint(5, 60)
    proc = subprocess.Popen([sys.executable, str(SCRIPT), str(db)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=env, text=True)
    acks: list[list[str]] = []
    try:
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.startswith("ACK "):
                acks.append(line.split()[1:])
            if len(acks) >= kill_after:
                break
    finally:
        proc.send_signal(signal.SIGKILL)
        _, err = proc.communicate(timeout=30)
    assert len(acks) >= kill_after, err

    with Session.open(db, settings=Settings(user="check"), lists=lists) as s:
        verify(s.store)  # raises when the record was damaged
        [p] = project.all_projects(s.store)
        assert ["project", p.code] == acks[0]
        holes = {b.code: b for b in borehole.of_project(s.store, p.id)}
        for kind, *what in acks[1:]:
            if kind == "borehole":
                assert what[0] in holes
            else:
                code, upper, lower = what
                spans = {(x.upper_cm, x.lower_cm) for x in layer.of_borehole(s.store, holes[code].id)}
                assert (int(upper), int(lower)) in spans
