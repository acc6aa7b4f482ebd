"""A Dutch user of the command line gets the core's errors in Dutch: "fieldapp: fout: ...".

Dutch is the user's language when the command's --lang says nl, else when the settings' language is nl,
else when the locale is Dutch (fieldapp.cli.base.user_language). The words come from the one table the
window uses too (resources/messages/errors.json, fieldapp/error_text.py). Every case runs the real
`fieldapp` program in its own process against real files and a real socket on 127.0.0.1.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from fieldapp import demo
from fieldapp.session import Session
from fieldapp.settings import Settings

FIELDAPP = Path(sys.executable).parent / "fieldapp"
PROJECT = "2026-0142"
ENGLISH = {"LANG": "C.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}
DUTCH = {"LANG": "nl_NL.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("dutch") / "field.sqlite"
    with Session.open(path, settings=Settings(user="J. de Vries")) as session:
        demo.create(session, boreholes=2, seed=3, project_code=PROJECT)
    return path


@pytest.fixture
def config(tmp_path: Path) -> Path:
    return tmp_path / "config"


def fieldapp(config: Path, *argv: str, locale: dict[str, str] = ENGLISH) -> str:
    """The one line a refused command prints (exit code 1, no traceback)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FIELDAPP_CRASH", "FIELDAPP_DEBUG"))}
    env.update(locale, FIELDAPP_CONFIG_DIR=str(config))
    run = subprocess.run([str(FIELDAPP), *argv], capture_output=True, text=True, env=env, timeout=120)
    assert run.returncode == 1, (run.stdout, run.stderr)
    assert "Traceback" not in run.stderr
    lines = run.stderr.splitlines()
    assert len(lines) == 1, run.stderr
    return lines[0]


def test_a_missing_file_in_dutch_by_locale_by_settings_and_by_lang(tmp_path: Path, config: Path) -> None:
    missing = tmp_path / "veld.sqlite"
    dutch = f"fieldapp: fout: {missing} bestaat niet. Geef het pad van een FieldApp-database."
    export = ("export", "--format", "csv", "--db", str(missing), "--project", PROJECT, "--out", str(tmp_path))
    assert fieldapp(config, *export, "--lang", "nl") == dutch
    assert fieldapp(config, *export, locale=DUTCH) == dutch
    # an English user keeps English: the command's default --lang nl is the language of what it writes
    english = f"fieldapp: error: {missing} does not exist. Give the path of a FieldApp database."
    assert fieldapp(config, *export) == english
    assert fieldapp(config, "verify", "--db", str(missing), locale=DUTCH).startswith(f"fieldapp: fout: {missing} ")
    # the settings' language, on an English system and a command without --lang
    Settings(language="nl").save(config / "settings.json")
    assert fieldapp(config, "verify", "--db", str(missing)).startswith(f"fieldapp: fout: {missing} bestaat niet.")
    # --lang en wins over both, in the core's own English
    assert fieldapp(config, *export, "--lang", "en", locale=DUTCH) == english


def test_a_damaged_database_in_dutch_and_english(template: Path, tmp_path: Path, config: Path) -> None:
    damaged = tmp_path / "veld.sqlite"
    shutil.copy(template, damaged)
    with damaged.open("r+b") as f:  # keep the header and the schema's first pages, garble the rest
        f.seek(3 * 4096)
        f.write(b"\xa5" * (damaged.stat().st_size - 4 * 4096))
    before = damaged.read_bytes()
    said = fieldapp(config, "check", "--db", str(damaged), "--project", PROJECT, "--lang", "nl")
    assert said.startswith(f"fieldapp: fout: {damaged} is beschadigd of geen database die SQLite kan lezen ("), said
    assert said.endswith("Zet het terug uit een reservekopie; het bestand is niet gewijzigd."), said
    said = fieldapp(config, "verify", "--db", str(damaged), locale=DUTCH)
    assert said.startswith(f"fieldapp: fout: {damaged} is beschadigd"), said
    said = fieldapp(config, "check", "--db", str(damaged), "--project", PROJECT, "--lang", "en", locale=DUTCH)
    assert said.startswith(f"fieldapp: error: {damaged} is damaged or not a database SQLite can read"), said
    assert damaged.read_bytes() == before


def test_an_unreachable_hub_in_dutch(tmp_path: Path, config: Path) -> None:
    with socket.socket() as s:  # a port on 127.0.0.1 that nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    hub = f"http://127.0.0.1:{port}"
    said = fieldapp(config, "sync", "--db", str(tmp_path / "veld.sqlite"), "--hub", hub, "--enroll", "ABCD-1234",
                    locale=DUTCH)
    assert said.startswith(f"fieldapp: fout: De hub op {hub} antwoordde niet ("), said
    assert said.endswith("Er is niets verloren gegaan; synchroniseer opnieuw wanneer het netwerk terug is."), said
    said = fieldapp(config, "sync", "--db", str(tmp_path / "veld.sqlite"), "--hub", hub, "--enroll", "ABCD-1234")
    assert said.startswith(f"fieldapp: error: The hub at {hub} did not answer ("), said


def test_a_bad_depth_in_a_plan_in_dutch(template: Path, tmp_path: Path, config: Path) -> None:
    db = tmp_path / "veld.sqlite"
    shutil.copy(template, db)
    plan = tmp_path / "plan.csv"
    plan.write_text("code,x,y,kind,planned_depth_m\nB91,155000,463000,boring,twee\n", encoding="utf-8")
    argv = ("import", "--format", "plan", "--db", str(db), "--project", PROJECT, str(plan))
    assert fieldapp(config, *argv, "--lang", "nl") == (
        "fieldapp: fout: Rij 2 (B91): geplande diepte: 'twee' is geen diepte in meters. "
        "Geef de geplande diepte in meters, bijvoorbeeld 2,50.")
    assert fieldapp(config, *argv, "--lang", "en", locale=DUTCH).startswith(
        "fieldapp: error: planned depth: Row 2 (B91): planned depth: 'twee' is not a depth in metres.")


def test_printer_errors_in_dutch_and_an_error_without_dutch_keeps_its_english(
        template: Path, tmp_path: Path, config: Path) -> None:
    said = fieldapp(config, "labels", "--db", str(template), "--project", PROJECT, "--layout", "nope",
                    "--out", str(tmp_path / "etiketten.pdf"), locale=DUTCH)
    assert said.startswith("fieldapp: fout: Er is geen etiketindeling 'nope'. Bekende indelingen: avery-"), said
    zpl = tmp_path / "etiketten.zpl"
    zpl.write_text("^XA^FDB01^FS^XZ\n", encoding="ascii")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    assert fieldapp(config, "print-zpl", str(zpl), "--printer", f"tcp:127.0.0.1:{port}", locale=DUTCH) == (
        f"fieldapp: fout: Printer 127.0.0.1:{port} nam de opdracht niet aan (0 van 1 etiket verstuurd): [Errno 111] "
        "Verbinding geweigerd. Controleer of de printer aan staat en op het netwerk is aangesloten, of het adres klopt "
        "en of er etiketten en lint in zitten; druk daarna de etiketten die niet zijn afgedrukt opnieuw af.")
    # a message the table does not know: the Dutch prefix and the core's English, never hidden
    assert fieldapp(config, "print-zpl", str(zpl), "--printer", "tcp:127.0.0.1:negen", locale=DUTCH) == (
        "fieldapp: fout: Printer port 'negen' is not a number.")


def test_coordinates_refused_line_by_line_in_dutch(config: Path) -> None:
    env = {**os.environ, **DUTCH, "FIELDAPP_CONFIG_DIR": str(config)}
    run = subprocess.run([str(FIELDAPP), "coords", "to-rd"], input="52.1 5.1 nan\n99 5\nx\n", capture_output=True,
                         text=True, env=env, timeout=120)
    assert run.returncode == 1 and run.stdout == ""
    assert run.stderr.splitlines() == [
        "fieldapp: fout: regel 1: nan is geen ellipsoïdische hoogte. Geef de hoogte in meters, of laat hem weg.",
        "fieldapp: fout: regel 2: breedtegraad 99, lengtegraad 5 is geen plaats op aarde. "
        "Geef de breedtegraad (-90 tot 90) vóór de lengtegraad (-180 tot 180), in graden.",
        "fieldapp: fout: regel 3: 2 of 3 getallen verwacht: x"]


@pytest.fixture
def odd_hub() -> Iterator[tuple[str, list[bytes]]]:
    """A server on 127.0.0.1 that answers every request with the next JSON body of its list: not a FieldApp
    hub, as a misconfigured proxy or another program on the hub's port is not."""
    bodies: list[bytes] = []

    class Answer(BaseHTTPRequestHandler):
        def _answer(self) -> None:
            self.rfile.read(int(self.headers.get("content-length") or 0))
            body = bodies.pop(0) if bodies else b"{}"
            self.send_response(200)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_POST = do_PUT = _answer

        def log_message(self, *_args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Answer)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", bodies
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize(("body", "dutch", "english"), [
    (b'{"token": "", "role": "field"}', "het geeft geen bruikbaar token", "it gives no usable token"),
    (b'{"token": "abc", "role": "boss"}', "role is 'boss', niet een van ", "role is 'boss', not one of "),
    (b'[1, 2]', "het antwoord is [1, 2], geen object", "the answer is [1, 2], not an object"),
])
def test_what_is_wrong_with_a_hubs_answer_is_said_in_dutch_too(odd_hub: tuple[str, list[bytes]], tmp_path: Path,
                                                               config: Path, body: bytes, dutch: str,
                                                               english: str) -> None:
    url, bodies = odd_hub
    db = tmp_path / "veld.sqlite"
    bodies.append(body)
    said = fieldapp(config, "sync", "--db", str(db), "--hub", url, "--enroll", "ABCD-1234", locale=DUTCH)
    assert said.startswith(f"fieldapp: fout: De hub op {url} stuurde een antwoord op de aanmelding waar FieldApp "
                           f"niets mee kan: {dutch}"), said
    assert "Er is niets van bewaard op dit apparaat" in said, said
    bodies.append(body)
    said = fieldapp(config, "sync", "--db", str(db), "--hub", url, "--enroll", "ABCD-1234")
    assert said.startswith(f"fieldapp: error: The hub at {url} sent an enrolment answer FieldApp cannot use: "
                           f"{english}"), said
