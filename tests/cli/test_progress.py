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

from fieldapp.store import Store
from fieldapp.sync.local import Replica

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


def test_import_check_and_bundle_draw_a_bar_on_a_terminal_and_nothing_on_a_pipe(tmp_path: Path) -> None:
    env = {"FIELDAPP_CONFIG_DIR": str(tmp_path / "config"), "PATH": "/usr/bin:/bin", "USER": "tester"}
    db = tmp_path / "imported.sqlite"
    example = Path(__file__).parents[1] / "data" / "sikb" / "examples" / "1._SAD_registrationRequest_IMBROA.xml"
    code, out, shown = _with_terminal(["import", "--db", str(db), "--format", "sikb0101", str(example)], env)
    assert code == 0 and "SIKB_PROT_2001_2002" in out, (out, shown)
    assert "import sikb0101: 0" in shown, shown
    code, out, shown = _with_terminal(["check", "--db", str(db), "--project", "SIKB_PROT_2001_2002"], env)
    assert out.splitlines()[-1].startswith("Project SIKB_PROT_2001_2002: "), out
    assert "check: 0 checks" in shown, shown
    for args in (["check", "--db", str(db), "--project", "SIKB_PROT_2001_2002"],
                 ["import", "--db", str(tmp_path / "piped.sqlite"), "--format", "sikb0101", str(example)]):
        piped = subprocess.run([sys.executable, "-m", "ui.main", *args], capture_output=True, text=True, env=env,
                               timeout=PATIENCE_S, check=False)
        assert piped.stderr == "" and "SIKB_PROT_2001_2002" in piped.stdout, piped

    # an offline bundle of an enrolled device (its token as enrolment keeps it)
    device = tmp_path / "device.sqlite"
    assert subprocess.run([sys.executable, "-m", "ui.main", "demo-data", "--db", str(device), "--boreholes", "20"],
                          capture_output=True, env=env, timeout=PATIENCE_S, check=False).returncode == 0
    with Store.open(device, actor="tester") as store:
        Replica(store).put_committed(token="enrolled-at-the-office", hub_url="http://127.0.0.1:9")
        pending = Replica(store).pending()
    code, out, shown = _with_terminal(["sync", "--db", str(device), "--bundle-out", str(tmp_path / "a.bundle")], env)
    assert code == 0 and out.startswith(f"wrote {pending} unsent changes"), (out, shown)
    assert "bundle: 0 changes" in shown, shown
    piped = subprocess.run([sys.executable, "-m", "ui.main", "sync", "--db", str(device), "--bundle-out",
                            str(tmp_path / "b.bundle")], capture_output=True, text=True, env=env, timeout=PATIENCE_S,
                           check=False)
    assert piped.returncode == 0 and piped.stderr == "" and piped.stdout == out.replace("a.bundle", "b.bundle")


def test_print_zpl_draws_a_bar_in_labels_on_a_terminal(tmp_path: Path) -> None:
    env = {"FIELDAPP_CONFIG_DIR": str(tmp_path / "config"), "PATH": "/usr/bin:/bin", "USER": "tester"}
    job = tmp_path / "labels.zpl"
    job.write_bytes(b"^XA^FDFA-000001^FS^XZ\n" * 30)
    (tmp_path / "printer").mkdir()
    code, out, shown = _with_terminal(["print-zpl", str(job), "--printer", f"folder:{tmp_path / 'printer'}"], env)
    assert code == 0 and out.startswith("30 labels sent"), (out, shown)
    assert "print-zpl: 0 labels" in shown, shown


def test_sync_and_hub_import_draw_their_progress_on_a_terminal(tmp_path: Path) -> None:
    env = {"FIELDAPP_CONFIG_DIR": str(tmp_path / "config"), "PATH": "/usr/bin:/bin", "USER": "tester"}
    store = f"sqlite:///{tmp_path / 'hub.sqlite'}"
    hub = subprocess.Popen([sys.executable, "-m", "ui.main", "hub", "serve", "--store", store, "--port", "0"],
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
    try:
        assert hub.stdout is not None
        url = hub.stdout.readline().split()[3]
        code = subprocess.run([sys.executable, "-m", "ui.main", "hub", "enroll", "--store", store, "--role",
                               "coordinator", "--name", "a"], capture_output=True, text=True, env=env,
                              timeout=PATIENCE_S, check=True).stdout.strip()
        db = tmp_path / "a.sqlite"
        assert subprocess.run([sys.executable, "-m", "ui.main", "demo-data", "--db", str(db), "--boreholes", "20"],
                              capture_output=True, env=env, timeout=PATIENCE_S, check=False).returncode == 0
        done, out, shown = _with_terminal(["sync", "--db", str(db), "--hub", url, "--enroll", code], env)
        assert done == 0 and "pushed" in out, (out, shown)
        assert "sync push: " in shown and " changes" in shown, shown

        # more work offline, carried to the office as a bundle: its import draws its bar too
        assert subprocess.run([sys.executable, "-m", "ui.main", "demo-data", "--db", str(db), "--boreholes", "5",
                               "--project", "B"], capture_output=True, env=env, timeout=PATIENCE_S,
                              check=False).returncode == 0
        bundle = tmp_path / "a.bundle"
        assert subprocess.run([sys.executable, "-m", "ui.main", "sync", "--db", str(db), "--bundle-out", str(bundle)],
                              capture_output=True, env=env, timeout=PATIENCE_S, check=False).returncode == 0
        done, out, shown = _with_terminal(["hub", "import", "--store", store, str(bundle)], env)
        assert done == 0 and out.startswith(f"imported {bundle}: "), (out, shown)
        assert "hub import: 0 changes" in shown, shown
    finally:
        hub.terminate()
        hub.wait(timeout=30)
        if hub.stdout is not None:
            hub.stdout.close()


def test_a_dutch_user_counts_in_dutch_on_the_bar_and_in_the_answer(tmp_path: Path) -> None:
    """The bar's unit and the answer in the user's language; the command's name as typed."""
    env = {"FIELDAPP_CONFIG_DIR": str(tmp_path / "config"), "PATH": "/usr/bin:/bin", "USER": "tester",
           "LANG": "nl_NL.UTF-8"}
    db = tmp_path / "demo.sqlite"
    code, out, shown = _with_terminal(["demo-data", "--db", str(db), "--boreholes", "40"], env)
    assert code == 0 and out.startswith("demoproject 2026-0142 geschreven naar ")
    assert "demo-data: 0 boringen" in shown, shown
    code, out, shown = _with_terminal(["verify", "--db", str(db)], env)
    assert code == 0 and out.startswith("gecontroleerd:")
    assert "verify: 0 rijen" in shown, shown
    job = tmp_path / "labels.zpl"
    job.write_bytes(b"^XA^FDFA-000001^FS^XZ\n" * 30)
    (tmp_path / "printer").mkdir()
    code, out, shown = _with_terminal(["print-zpl", str(job), "--printer", f"folder:{tmp_path / 'printer'}"], env)
    assert code == 0 and out == f"30 etiketten verstuurd naar folder:{tmp_path / 'printer'}\n", (out, shown)
    assert "print-zpl: 0 etiketten" in shown, shown
