"""Long commands show progress on stderr when it is a terminal, and keep quiet
when it is not (a script, a pipe): stdout stays the answer either way (issue 18)."""

from __future__ import annotations

import fcntl
import os
import select
import struct
import subprocess
import sys
import termios
from pathlib import Path

PATIENCE_S = 120  # a guard against a hang, not a time limit


def _with_terminal(args: list[str], env: dict[str, str]) -> tuple[int, str, str]:
    """Run ``fieldapp ARGS`` with stderr on a pseudo-terminal; (exit code, stdout, what the terminal showed)."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # a terminal 100 wide
    shown = bytearray()
    with subprocess.Popen([sys.executable, "-m", "ui.main", *args], stdout=subprocess.PIPE, stderr=slave,
                          stdin=subprocess.DEVNULL, env=env) as proc:
        os.close(slave)
        while True:
            ready, _w, _x = select.select([master], [], [], PATIENCE_S)
            assert ready, "the command hung"
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the terminal closed with the command
                break
            if not chunk:
                break
            shown.extend(chunk)
        assert proc.stdout is not None
        out = proc.stdout.read().decode()
        code = proc.wait(PATIENCE_S)
    os.close(master)
    return code, out, shown.decode(errors="replace")


def test_demo_data_and_verify_draw_a_bar_on_a_terminal_and_nothing_on_a_pipe(tmp_path: Path) -> None:
    env = {"FIELDAPP_CONFIG_DIR": str(tmp_path / "config"), "PATH": "/usr/bin:/bin", "USER": "tester"}
    db = tmp_path / "demo.sqlite"
    code, out, shown = _with_terminal(["demo-data", "--db", str(db), "--boreholes", "40"], env)
    assert code == 0 and "40 boreholes" in out
    assert "demo-data: 0 boreholes" in shown, shown  # the bar's first state, drawn at once
    code, out, shown = _with_terminal(["verify", "--db", str(db)], env)
    assert code == 0 and out.startswith("verified:")
    assert "verify: 0 rows" in shown, shown
    piped = subprocess.run([sys.executable, "-m", "ui.main", "verify", "--db", str(db)], capture_output=True,
                           text=True, env=env, timeout=PATIENCE_S, check=False)
    assert piped.returncode == 0 and piped.stderr == "" and piped.stdout == out
