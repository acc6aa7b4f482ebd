"""A failure FieldApp did not foresee (a bug) reaches the user of the command line as one line, never a traceback.

The line says in the user's language that something went wrong unexpectedly and where the details were
written: a log file in the data folder, or stderr with --debug or FIELDAPP_DEBUG. The exit code is 70
(EX_SOFTWARE), apart from 1 (a refusal) and 130 (an interrupt).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from fieldapp import demo
from fieldapp.session import Session
from fieldapp.settings import Settings
from ui.main import main

PROJECT = "2026-0142"
# `fieldapp check` with the check itself broken: an exception no handler foresees
BROKEN_CHECK = ("import sys, fieldapp.check as c\n"
                "def broken(*a, **k):\n"
                "    return 1 / 0\n"
                "c.check_project = broken\n"
                "from ui.main import main\n"
                "sys.exit(main(sys.argv[1:]))\n")


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("unexpected") / "field.sqlite"
    with Session.open(path, settings=Settings(user="J. de Vries")) as session:
        demo.create(session, boreholes=1, seed=2, project_code=PROJECT)
    return path


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Data and settings folders of their own; no debug switch from outside."""
    monkeypatch.setenv("FIELDAPP_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("FIELDAPP_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.delenv("FIELDAPP_DEBUG", raising=False)
    return tmp_path


def _logs(home: Path) -> list[Path]:
    return sorted((home / "data" / "logs").glob("error-*.log"))


def test_a_bug_in_a_real_process_is_one_dutch_line_and_the_traceback_is_in_the_log(database: Path,
                                                                                    home: Path) -> None:
    env = {**os.environ, "LANG": "nl_NL.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}
    done = subprocess.run([sys.executable, "-c", BROKEN_CHECK, "check", "--db", str(database), "--project", PROJECT],
                          capture_output=True, text=True, timeout=120, env=env)
    assert done.returncode == 70
    assert "Traceback" not in done.stderr and "Traceback" not in done.stdout
    (line,) = done.stderr.strip().splitlines()
    assert line.startswith("fieldapp: onverwachte fout (ZeroDivisionError: division by zero).")
    (log,) = _logs(home)
    assert str(log) in line  # the line says where the details are
    details = log.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in details and "ZeroDivisionError" in details
    assert "in broken" in details  # the frame that failed
    assert f"--project {PROJECT}" in details  # and the command that was run


def test_the_line_follows_the_commands_language_and_debug_shows_the_traceback(
        database: Path, home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("LANG", "nl_NL.UTF-8")
    import fieldapp.check

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("the check broke")

    monkeypatch.setattr(fieldapp.check, "check_project", broken)
    # --lang en wins over the Dutch locale
    assert main(["check", "--db", str(database), "--project", PROJECT, "--lang", "en"]) == 70
    err = capsys.readouterr().err
    assert re.fullmatch(r"fieldapp: unexpected error \(RuntimeError: the check broke\)\. This is a fault in FieldApp, "
                        r"not in your data; the details are written to .+error-[0-9-]+\.log\. Send that file to "
                        r"FieldApp's support; `fieldapp --debug \.\.\.` prints the details here\.\n", err), err
    assert len(_logs(home)) == 1
    # --debug: the traceback on stderr, and no log
    assert main(["--debug", "check", "--db", str(database), "--project", PROJECT]) == 70
    err = capsys.readouterr().err
    assert "Traceback (most recent call last)" in err and "RuntimeError: the check broke" in err
    assert err.rstrip().splitlines()[-1] == ("fieldapp: onverwachte fout (RuntimeError: the check broke): een fout "
                                             "in FieldApp; de traceback staat hierboven.")
    monkeypatch.setenv("FIELDAPP_DEBUG", "1")
    assert main(["check", "--db", str(database), "--project", PROJECT]) == 70
    assert "Traceback (most recent call last)" in capsys.readouterr().err
    assert len(_logs(home)) == 1


def test_when_the_log_cannot_be_written_the_line_says_how_to_see_the_details(
        database: Path, home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("LANG", "C.UTF-8")
    (home / "blocked").write_text("a file where the data folder should be", encoding="utf-8")
    monkeypatch.setenv("FIELDAPP_DATA_DIR", str(home / "blocked"))
    import fieldapp.check

    monkeypatch.setattr(fieldapp.check, "check_project", lambda *_a, **_k: {}["missing"])
    assert main(["check", "--db", str(database), "--project", PROJECT, "--lang", "en"]) == 70
    err = capsys.readouterr().err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert err.startswith("fieldapp: unexpected error (KeyError: 'missing'). This is a fault in FieldApp, not in your "
                          "data; its details could not be written (")
    assert "`fieldapp --debug ...`" in err


def test_refusals_and_interrupts_keep_their_own_exit_codes(database: Path, home: Path,
                                                           monkeypatch: pytest.MonkeyPatch,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--db", str(database), "--project", "2099-0001"]) == 1  # a refusal, not a bug
    assert "unexpected" not in capsys.readouterr().err
    import fieldapp.check

    def interrupted(*_args: object, **_kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(fieldapp.check, "check_project", interrupted)
    assert main(["check", "--db", str(database), "--project", PROJECT]) == 130
    assert _logs(home) == []
