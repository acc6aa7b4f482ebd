"""The commands as a user runs them: a hub process, enrolment, sync, bundles,
and a device process killed with SIGKILL in the middle of a pull."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from helpers import data, device, hub_data

from fieldapp.hub.service import HubService
from fieldapp.store.verify import verify

ROOT = Path(__file__).parents[2]


def run(tmp: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "FIELDAPP_CONFIG_DIR": str(tmp / "config")}
    return subprocess.run([sys.executable, "-m", "ui.main", *args], capture_output=True, text=True, cwd=ROOT,
                          env=env, timeout=300, check=False)


@pytest.fixture
def hub_process(tmp_path: Path) -> Iterator[tuple[str, str]]:
    store = f"sqlite:///{tmp_path / 'hub.sqlite'}"
    env = {**os.environ, "FIELDAPP_CONFIG_DIR": str(tmp_path / "config")}
    proc = subprocess.Popen([sys.executable, "-m", "ui.main", "hub", "serve", "--store", store, "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=ROOT, env=env)
    assert proc.stdout is not None
    first = proc.stdout.readline()
    assert first.startswith("hub listening on "), first
    yield store, first.split()[3]
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=60)
    proc.stdout.close()


def test_commands_end_to_end(hub_process: tuple[str, str], tmp_path: Path) -> None:
    store, url = hub_process
    code = run(tmp_path, "hub", "enroll", "--store", store, "--role", "coordinator", "--name", "lap1")
    assert code.returncode == 0, code.stderr
    bad = run(tmp_path, "hub", "enroll", "--store", store, "--role", "boss", "--name", "x")
    assert bad.returncode == 2  # argparse refuses the role
    assert run(tmp_path, "demo-data", "--db", str(tmp_path / "a.sqlite"), "--boreholes", "2").returncode == 0
    done = run(tmp_path, "sync", "--db", str(tmp_path / "a.sqlite"), "--hub", url, "--enroll", code.stdout.strip())
    assert done.returncode == 0 and "enrolled" in done.stdout, done.stderr
    again = run(tmp_path, "sync", "--db", str(tmp_path / "a.sqlite"))  # the hub URL and token were kept
    assert again.returncode == 0 and "pushed 0 changes" in again.stdout, again.stderr
    assert run(tmp_path, "demo-data", "--db", str(tmp_path / "a.sqlite"), "--project", "P2").returncode == 0
    bundle = tmp_path / "a.bundle"
    assert run(tmp_path, "sync", "--db", str(tmp_path / "a.sqlite"), "--bundle-out", str(bundle)).returncode == 0
    imported = run(tmp_path, "hub", "import", "--store", store, str(bundle))
    assert imported.returncode == 0 and "already on the hub" in imported.stdout
    bundle.write_bytes(bundle.read_bytes()[:-40])
    broken = run(tmp_path, "hub", "import", "--store", store, str(bundle))
    assert broken.returncode == 1 and "truncated or damaged" in broken.stderr
    assert broken.stderr.count("\n") == 1  # one clear line
    listed = run(tmp_path, "hub", "conflicts", "--store", store)
    assert listed.returncode == 0 and "0 conflicts" in listed.stderr
    missing = run(tmp_path, "hub", "resolve", "--store", store, "nope", "--note", "x")
    assert missing.returncode == 1 and "no conflict" in missing.stderr
    assert run(tmp_path, "hub", "revoke", "--store", store, "--name", "lap1").returncode == 0
    refused = run(tmp_path, "sync", "--db", str(tmp_path / "a.sqlite"))
    assert refused.returncode == 1 and "revoked" in refused.stderr


def test_device_killed_mid_pull_recovers(hub_process: tuple[str, str], tmp_path: Path) -> None:
    store, url = hub_process
    codes = [run(tmp_path, "hub", "enroll", "--store", store, "--role", "coordinator", "--name", n).stdout.strip()
             for n in ("a", "b")]
    a, b = tmp_path / "a.sqlite", tmp_path / "b.sqlite"
    assert run(tmp_path, "demo-data", "--db", str(a), "--boreholes", "400").returncode == 0
    first = run(tmp_path, "sync", "--db", str(a), "--hub", url, "--enroll", codes[0])
    assert first.returncode == 0 and first.stderr == ""  # its progress is drawn on a terminal only
    run(tmp_path, "demo-data", "--db", str(b), "--boreholes", "1", "--project", "B")
    env = {**os.environ, "FIELDAPP_CONFIG_DIR": str(tmp_path / "config")}
    proc = subprocess.Popen([sys.executable, "-m", "ui.main", "sync", "--db", str(b), "--hub", url, "--enroll",
                             codes[1]], stderr=subprocess.DEVNULL, stdout=subprocess.DEVNULL, cwd=ROOT, env=env)
    pulled = ("SELECT EXISTS (SELECT 1 FROM journal_entry WHERE device_id != "
              "(SELECT value FROM meta WHERE key = 'device_id'))")
    deadline = time.monotonic() + 120  # a guard against a hang, not a time limit
    with closing(sqlite3.connect(f"file:{b}?mode=ro", uri=True)) as watch:
        while proc.poll() is None and time.monotonic() < deadline:
            if watch.execute(pulled).fetchone()[0]:  # a first batch is committed, more are on their way
                proc.send_signal(signal.SIGKILL)
                break
            time.sleep(0.005)
    proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL
    assert run(tmp_path, "verify", "--db", str(b)).returncode == 0  # the kill left a consistent file
    with closing(sqlite3.connect(a)) as ca, closing(sqlite3.connect(b)) as cb:
        sent = ca.execute("SELECT COUNT(*) FROM journal").fetchone()[0]
        got = cb.execute("SELECT COUNT(*) FROM journal_entry WHERE device_id != "
                         "(SELECT value FROM meta WHERE key = 'device_id')").fetchone()[0]
    assert 0 < got < sent  # it really died half-way through the pull
    assert run(tmp_path, "sync", "--db", str(b)).returncode == 0
    service = HubService.open(store)
    replicas = [device(tmp_path, "a"), device(tmp_path, "b")]
    run(tmp_path, "sync", "--db", str(a))
    for r in replicas:
        assert data(r) == hub_data(service)
        verify(r.store)
        r.close()
    service.close()


def test_enrol_creates_a_new_device_database(hub_process: tuple[str, str], tmp_path: Path) -> None:
    store, url = hub_process
    new = tmp_path / "new.sqlite"
    missing = run(tmp_path, "sync", "--db", str(new), "--hub", url)
    assert missing.returncode == 1 and "does not exist" in missing.stderr and "--enroll" in missing.stderr
    wrong = run(tmp_path, "sync", "--db", str(new), "--hub", url, "--enroll", "AAAA-BBBB-CCCC")
    assert wrong.returncode == 1 and "not known" in wrong.stderr, wrong.stderr
    assert wrong.stderr.count("\n") == 1 and "Traceback" not in wrong.stderr
    assert not list(tmp_path.glob("new.sqlite*"))  # a failed enrolment leaves no half-made device
    code = run(tmp_path, "hub", "enroll", "--store", store, "--role", "sampler", "--name", "new").stdout.strip()
    done = run(tmp_path, "sync", "--db", str(new), "--hub", url, "--enroll", code)
    assert done.returncode == 0 and "enrolled" in done.stdout, done.stderr
    assert run(tmp_path, "verify", "--db", str(new)).returncode == 0
    assert run(tmp_path, "sync", "--db", str(new)).returncode == 0  # it is a device now


def test_grant_and_ungrant_commands(hub_process: tuple[str, str], tmp_path: Path) -> None:
    store, _url = hub_process
    helped = run(tmp_path, "hub", "grant", "--help")
    assert helped.returncode == 0 and "--project" in helped.stdout
    assert run(tmp_path, "hub", "enroll", "--store", store, "--role", "sampler", "--name", "s1").returncode == 0
    granted = run(tmp_path, "hub", "grant", "--store", store, "--name", "s1", "--project", "P1")
    assert granted.returncode == 0 and "granted P1 to s1" in granted.stdout, granted.stderr
    listed = run(tmp_path, "hub", "devices", "--store", store)
    assert listed.stdout.split("\n")[0].split("\t") == ["s1", "sampler", "", "code issued", "P1"]
    twice = run(tmp_path, "hub", "grant", "--store", store, "--name", "s1", "--project", "P1")
    assert twice.returncode == 1 and "already granted" in twice.stderr
    nobody = run(tmp_path, "hub", "ungrant", "--store", store, "--name", "nobody", "--project", "P1")
    assert nobody.returncode == 1 and "no device named 'nobody'" in nobody.stderr
    assert nobody.stderr.count("\n") == 1
    back = run(tmp_path, "hub", "ungrant", "--store", store, "--name", "s1", "--project", "P1")
    assert back.returncode == 0 and "no projects" in back.stdout
