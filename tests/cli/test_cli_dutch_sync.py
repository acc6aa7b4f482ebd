"""A Dutch user of `fieldapp sync` and `fieldapp hub ...` is told what was done in Dutch; an English one keeps
today's English word for word.

The words are the rows of resources/messages/cli_sync.json (fieldapp/cli/sync_commands.py, and
SyncReport.summary for the sync's one line). Machine output stays as it is: the enrolment code, the columns
of `hub devices` and `hub conflicts`, and the server's "hub listening on URL" line that scripts read. Every
case runs the real `fieldapp` program in its own process, against a real hub process on 127.0.0.1.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import signal
import sqlite3
import string
import subprocess
import sys
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from fieldapp.rules import MESSAGES_DIR
from fieldapp.settings import Settings
from fieldapp.store import Store
from fieldapp.sync.engine import SyncReport
from fieldapp.sync.local import Replica
from fieldapp.sync.photos import PhotoReport

FIELDAPP = Path(sys.executable).parent / "fieldapp"
DUTCH = {"LANG": "nl_NL.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}
ENGLISH = {"LANG": "en_GB.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}
PATIENCE_S = 180  # a guard against a hang, not a time limit


def _env(config: Path, locale: dict[str, str]) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FIELDAPP_CRASH", "FIELDAPP_DEBUG"))}
    return {**env, **locale, "FIELDAPP_CONFIG_DIR": str(config)}


def fieldapp(config: Path, *argv: str, locale: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """``fieldapp ARGV`` as a user with an empty settings folder and ``locale`` runs it; it succeeds."""
    done = subprocess.run([str(FIELDAPP), *argv], capture_output=True, text=True, env=_env(config, locale),
                          timeout=PATIENCE_S, check=False)
    assert done.returncode == 0, (argv, done.stdout, done.stderr)
    return done


@pytest.fixture
def config(tmp_path: Path) -> Path:
    folder = tmp_path / "config"  # no settings file: the language comes from the locale
    folder.mkdir()
    return folder


@pytest.fixture
def hub(tmp_path: Path, config: Path) -> Iterator[tuple[str, str]]:
    """(store, URL) of a `fieldapp hub serve` process started by a Dutch user."""
    store = f"sqlite:///{tmp_path / 'hub.sqlite'}"
    proc = subprocess.Popen([str(FIELDAPP), "hub", "serve", "--store", store, "--port", "0"], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True, env=_env(config, DUTCH))
    assert proc.stdout is not None
    first = proc.stdout.readline()
    try:
        # the server's log line stays English for everyone: scripts and bench/bench_sync.py read its URL
        assert first.startswith("hub listening on http://127.0.0.1:"), first
        assert first.rstrip("\n").endswith(f"(store {store})"), first
        yield store, first.split()[3]
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=60)
        proc.stdout.close()


def _pending(db: Path) -> int:
    with Store.open(db, actor="tester") as store:
        return Replica(store).pending()


def _photos(db: Path) -> int:
    with closing(sqlite3.connect(db)) as conn:
        return int(conn.execute("SELECT COUNT(*) FROM photo").fetchone()[0])


def _code(config: Path, store: str, role: str, name: str, locale: dict[str, str]) -> tuple[str, str]:
    """(the one-time code, the line said on stderr) of `hub enroll`."""
    done = fieldapp(config, "hub", "enroll", "--store", store, "--role", role, "--name", name, locale=locale)
    code = done.stdout.strip()
    assert done.stdout == f"{code}\n" and code and " " not in code  # the code alone, in any language
    return code, done.stderr


def test_enrol_sync_bundle_and_import_in_dutch_and_english(hub: tuple[str, str], tmp_path: Path,
                                                           config: Path) -> None:
    store, url = hub
    code_a, said = _code(config, store, "coordinator", "veld1", DUTCH)
    assert said == "eenmalige aanmeldcode voor veld1 (coördinator); 24 uur geldig\n"
    code_b, said = _code(config, store, "coordinator", "lap2", ENGLISH)
    assert said == "one-time code for lap2 (coordinator); valid 24 hours\n"

    # a Dutch user enrols and syncs a device with two demo boreholes
    a, b = tmp_path / "a.sqlite", tmp_path / "b.sqlite"
    fieldapp(config, "demo-data", "--db", str(a), "--boreholes", "2", locale=DUTCH)
    sent, photos = _pending(a), _photos(a)
    assert sent > 0 and photos > 0
    done = fieldapp(config, "sync", "--db", str(a), "--hub", url, "--enroll", code_a, locale=DUTCH)
    assert done.stdout.splitlines() == [
        f"aangemeld bij {url} als coördinator",
        f"{sent} wijzigingen verzonden (0 al op de hub), opgehaald: 0, 0 conflicterende waarden bewaard ter "
        f"beoordeling, te verzenden: 0; foto's verzonden {photos}, opgehaald 0"]
    # an English user enrols a second device, which pulls the first one's work
    done = fieldapp(config, "sync", "--db", str(b), "--hub", url, "--enroll", code_b, locale=ENGLISH)
    assert done.stdout.splitlines() == [
        f"enrolled with {url} as coordinator",
        f"pushed 0 changes (0 already on the hub), pulled {sent}, 0 conflicting values kept for review, 0 pending; "
        f"photos sent 0, fetched {photos}"]
    # again, the hub URL and token kept
    done = fieldapp(config, "sync", "--db", str(a), locale=DUTCH)
    assert done.stdout == ("0 wijzigingen verzonden (0 al op de hub), opgehaald: 0, 0 conflicterende waarden "
                           "bewaard ter beoordeling, te verzenden: 0\n")

    # an offline bundle, written and imported twice
    fieldapp(config, "demo-data", "--db", str(a), "--boreholes", "1", "--project", "P2", locale=DUTCH)
    unsent = _pending(a)
    bundle = tmp_path / "a.bundle"
    done = fieldapp(config, "sync", "--db", str(a), "--bundle-out", str(bundle), locale=DUTCH)
    assert done.stdout == (f"niet verzonden wijzigingen geschreven naar {bundle}: {unsent} (ondertekend; importeer "
                           "het op de hub met `fieldapp hub import`)\n")
    done = fieldapp(config, "hub", "import", "--store", store, str(bundle), locale=DUTCH)
    assert done.stdout == f"{bundle} geïmporteerd: {unsent} nieuwe wijzigingen, al op de hub: 0, 0 conflicten\n"
    done = fieldapp(config, "hub", "import", "--store", store, str(bundle), locale=ENGLISH)
    assert done.stdout == f"imported {bundle}: 0 new changes, {unsent} already on the hub, 0 conflicts\n"
    fieldapp(config, "demo-data", "--db", str(b), "--boreholes", "1", "--project", "P3", locale=ENGLISH)
    unsent = _pending(b)
    english = tmp_path / "b.bundle"
    done = fieldapp(config, "sync", "--db", str(b), "--bundle-out", str(english), locale=ENGLISH)
    assert done.stdout == (f"wrote {unsent} unsent changes to {english} (signed; import with "
                           "`fieldapp hub import`)\n")

    # the state column of `hub devices`: the same columns, the human word in the user's language
    rows = [line.split("\t") for line in fieldapp(config, "hub", "devices", "--store", store,
                                                  locale=DUTCH).stdout.splitlines()]
    assert sorted(rows) == [["lap2", "coordinator", "", "aangemeld", ""], ["veld1", "coordinator", "", "aangemeld", ""]]
    rows = [line.split("\t") for line in fieldapp(config, "hub", "devices", "--store", store,
                                                  locale=ENGLISH).stdout.splitlines()]
    assert sorted(rows) == [["lap2", "coordinator", "", "enrolled", ""], ["veld1", "coordinator", "", "enrolled", ""]]


def test_hub_enroll_grant_ungrant_revoke_and_devices_in_dutch_and_english(tmp_path: Path, config: Path) -> None:
    store = f"sqlite:///{tmp_path / 'hub.sqlite'}"
    said = _code(config, store, "sampler", "s1", DUTCH)[1]
    assert said == "eenmalige aanmeldcode voor s1 (monsternemer); 24 uur geldig\n"
    done = fieldapp(config, "hub", "enroll", "--store", store, "--role", "lab", "--name", "lab1", "--lab", "Eurofins",
                    locale=DUTCH)
    assert done.stderr == "eenmalige aanmeldcode voor lab1 (laboratorium); 24 uur geldig\n"
    assert _code(config, store, "sampler", "s2", ENGLISH)[1] == "one-time code for s2 (sampler); valid 24 hours\n"

    def grant(verb: str, project: str, locale: dict[str, str]) -> str:
        return fieldapp(config, "hub", verb, "--store", store, "--name", "s1", "--project", project,
                        locale=locale).stdout

    assert grant("grant", "P1", DUTCH) == "project P1 toegekend aan s1; het apparaat heeft nu: P1\n"
    assert grant("grant", "P2", ENGLISH) == "granted P2 to s1; it now has: P1, P2\n"
    assert grant("ungrant", "P1", DUTCH) == "project P1 teruggenomen van s1; het apparaat heeft nu: P2\n"
    assert grant("ungrant", "P2", DUTCH) == "project P2 teruggenomen van s1; het apparaat heeft nu: geen projecten\n"
    assert grant("grant", "P3", ENGLISH) == "granted P3 to s1; it now has: P3\n"
    assert grant("ungrant", "P3", ENGLISH) == "took P3 back from s1; it now has: no projects\n"
    grant("grant", "P4", ENGLISH)

    done = fieldapp(config, "hub", "revoke", "--store", store, "--name", "s1", locale=DUTCH)
    assert done.stdout == "toegang ingetrokken van s1 (monsternemer)\n"
    done = fieldapp(config, "hub", "revoke", "--store", store, "--name", "lab1", locale=ENGLISH)
    assert done.stdout == "revoked lab1 (lab)\n"

    listed = fieldapp(config, "hub", "devices", "--store", store, locale=DUTCH).stdout
    assert sorted(line.split("\t") for line in listed.splitlines()) == [
        ["lab1", "lab", "Eurofins", "ingetrokken", ""],
        ["s1", "sampler", "", "ingetrokken", "P4"],
        ["s2", "sampler", "", "code uitgegeven", ""]]
    listed = fieldapp(config, "hub", "devices", "--store", store, locale=ENGLISH).stdout
    assert sorted(line.split("\t") for line in listed.splitlines()) == [
        ["lab1", "lab", "Eurofins", "revoked", ""],
        ["s1", "sampler", "", "revoked", "P4"],
        ["s2", "sampler", "", "code issued", ""]]
    # --lang is no option of these commands; the settings' language is the user's too
    Settings(language="nl").save(config / "settings.json")
    done = fieldapp(config, "hub", "revoke", "--store", store, "--name", "s2", locale=ENGLISH)
    assert done.stdout == "toegang ingetrokken van s2 (monsternemer)\n"


def _remarks(db: Path, value: str) -> None:
    """Give every borehole of ``db`` the remark ``value``, as an edit of this device."""
    with closing(sqlite3.connect(db)) as conn:
        holes = [r[0] for r in conn.execute("SELECT id FROM borehole ORDER BY code")]
    with Store.open(db, actor="tester") as store, store.action("remarks") as tx:
        for hole in holes:
            tx.update("borehole", hole, {"remarks": value})


def test_conflicts_and_resolve_in_dutch_and_english(hub: tuple[str, str], tmp_path: Path, config: Path) -> None:
    store, url = hub
    a, b = tmp_path / "a.sqlite", tmp_path / "b.sqlite"
    fieldapp(config, "demo-data", "--db", str(a), "--boreholes", "2", locale=DUTCH)
    for db, name in ((a, "a"), (b, "b")):
        code, _said = _code(config, store, "coordinator", name, ENGLISH)
        fieldapp(config, "sync", "--db", str(db), "--hub", url, "--enroll", code, locale=ENGLISH)
    # the same remark of both boreholes changed on both devices: the hub keeps each losing value as a conflict
    _remarks(a, "nat")
    _remarks(b, "droog")
    done = fieldapp(config, "sync", "--db", str(a), locale=DUTCH)
    assert done.stdout == ("2 wijzigingen verzonden (0 al op de hub), opgehaald: 0, 0 conflicterende waarden "
                           "bewaard ter beoordeling, te verzenden: 0\n")
    done = fieldapp(config, "sync", "--db", str(b), locale=DUTCH)
    # b pulls a's two edits; the device itself keeps no conflict: the hub merged them
    assert done.stdout == ("2 wijzigingen verzonden (0 al op de hub), opgehaald: 2, 0 conflicterende waarden "
                           "bewaard ter beoordeling, te verzenden: 0\n")

    listed = fieldapp(config, "hub", "conflicts", "--store", store, locale=DUTCH)
    assert listed.stderr == "2 conflicten\n"
    rows = [line.split("\t") for line in listed.stdout.splitlines()]
    assert len(rows) == 2 and all(len(r) == 6 for r in rows), rows
    lost = rows[0][4]
    assert lost in ('verloren "nat"', 'verloren "droog"'), rows
    assert [(r[2], r[3], r[4], r[5]) for r in rows] == [("remarks", "edit", lost, "open")] * 2
    english = fieldapp(config, "hub", "conflicts", "--store", store, locale=ENGLISH)
    assert english.stderr == "2 conflicts\n"
    assert [line.split("\t") for line in english.stdout.splitlines()] == [
        [*r[:4], lost.replace("verloren ", "lost "), "open"] for r in rows]

    first, second = rows[0][0], rows[1][0]
    done = fieldapp(config, "hub", "resolve", "--store", store, first, "--note", "waarde van a behouden",
                    locale=DUTCH)
    assert done.stdout == f"conflict {first} opgelost\n"
    done = fieldapp(config, "hub", "resolve", "--store", store, second, "--note", "kept a's value", "--by", "Anna",
                    locale=ENGLISH)
    assert done.stdout == f"resolved {second}\n"
    listed = fieldapp(config, "hub", "conflicts", "--store", store, locale=DUTCH)
    assert (listed.stdout, listed.stderr) == ("", "0 conflicten\n")
    listed = fieldapp(config, "hub", "conflicts", "--store", store, "--all", locale=DUTCH)
    assert listed.stderr == "2 conflicten\n"
    states = {r[0]: r[5] for r in (line.split("\t") for line in listed.stdout.splitlines())}
    assert states == {first: "opgelost door coordinator: waarde van a behouden",
                      second: "opgelost door Anna: kept a's value"}
    listed = fieldapp(config, "hub", "conflicts", "--store", store, "--all", locale=ENGLISH)
    states = {r[0]: r[5] for r in (line.split("\t") for line in listed.stdout.splitlines())}
    assert states == {first: "resolved by coordinator: waarde van a behouden",
                      second: "resolved by Anna: kept a's value"}


def test_every_clause_of_the_sync_summary_in_dutch_and_in_todays_english() -> None:
    report = SyncReport(pushed=3, duplicates=1, pulled=7, conflicts=2, pending=5, invalid=4, new_replica=True,
                        clock_flagged=True, clock_offset_ms=-5_400_000,
                        photos=PhotoReport(sent=2, fetched=9, waiting=6, damaged=1, absent=8, hub_keeps_none=True))
    assert report.summary() == report.summary("en") == (
        "pushed 3 changes (1 already on the hub), pulled 7, 2 conflicting values kept for review, 5 pending; "
        "invalid changes from the hub skipped and kept for review: 4 (the hub holds data an older FieldApp "
        "accepted); photos sent 2, fetched 9; photos not on the hub yet: 6 (fetched at a later sync); "
        "WARNING: photos from the hub that did not match their SHA-256 and were not kept: 1 (sync again; if it "
        "repeats, tell the coordinator); the hub keeps no photos (ask the coordinator to start it with --blobs "
        "FOLDER); photo files missing from this device's photo folder: 8; this database was restored or copied: "
        "its new edits got a new replica id and were kept; WARNING: this device's clock is -1.5 h off the hub's: "
        "set the clock (its edits count as made when the hub received them)")
    assert report.summary("nl") == (
        "3 wijzigingen verzonden (1 al op de hub), opgehaald: 7, 2 conflicterende waarden bewaard ter beoordeling, "
        "te verzenden: 5; ongeldige wijzigingen van de hub overgeslagen en bewaard ter beoordeling: 4 (de hub "
        "bevat gegevens die een oudere FieldApp accepteerde); foto's verzonden 2, opgehaald 9; foto's nog niet op "
        "de hub: 6 (ze worden bij een latere synchronisatie opgehaald); WAARSCHUWING: foto's van de hub die niet "
        "overeenkwamen met hun SHA-256 en niet zijn bewaard: 1 (synchroniseer opnieuw; gebeurt het weer, meld het "
        "dan de coördinator); de hub bewaart geen foto's (vraag de coördinator de hub te starten met --blobs MAP); "
        "fotobestanden die ontbreken in de fotomap van dit apparaat: 8; deze database is teruggezet of gekopieerd: de "
        "nieuwe wijzigingen kregen een nieuw replica-id en zijn bewaard; WAARSCHUWING: de klok van dit apparaat "
        "wijkt -1,5 uur af van die van de hub: zet de klok goed (de wijzigingen tellen als gemaakt op het moment "
        "dat de hub ze ontving)")
    # one change and one conflicting value are said as one, not as "1 changes"
    one = SyncReport(pushed=1, conflicts=1)
    assert one.summary().startswith("pushed 1 change (0 already on the hub), pulled 0, 1 conflicting value kept")
    assert one.summary("nl").startswith("1 wijziging verzonden (0 al op de hub), opgehaald: 0, 1 conflicterende "
                                        "waarde bewaard")
    # each clause alone, as the sync writes it: only what happened is said
    for flags in itertools.product((False, True), repeat=4):
        alone = SyncReport(invalid=int(flags[0]), new_replica=flags[1], clock_flagged=flags[2],
                           clock_offset_ms=7_200_000, photos=PhotoReport(sent=int(flags[3])))
        assert alone.summary("nl").count("; ") == sum(flags)
        assert alone.summary().count("; ") == sum(flags)
        assert ("+2,0 uur" in alone.summary("nl")) == ("+2.0 h" in alone.summary()) == flags[2]


def _fields(template: str) -> list[str]:
    return sorted(name for _text, name, _spec, _conv in string.Formatter().parse(template) if name is not None)


def test_every_row_of_cli_sync_has_both_languages_with_the_same_placeholders() -> None:
    table = json.loads((MESSAGES_DIR / "cli_sync.json").read_text(encoding="utf-8"))
    assert table["name"] == "cli_sync" and table["source"]
    rows = table["messages"]
    assert len(rows) > 20
    ids = [row["id"] for row in rows]
    assert len(set(ids)) == len(ids)
    assert all(i.startswith(("cli_sync_", "cli_hub_")) for i in ids), ids
    for row in rows:
        assert row["en"].strip() and row["nl"].strip(), row["id"]
        assert _fields(row["en"]) == _fields(row["nl"]), row["id"]
        assert "" not in _fields(row["en"]), row["id"]  # every value named, none by position
        # {value} and {unit} are the rules table's own (Rule.text): a message's value has another name
        assert not {"value", "unit"} & set(_fields(row["en"])), row["id"]
    # every key the commands say is a row (a typo would be a failure at the user's desk)
    source = (Path(__file__).parents[2] / "fieldapp" / "cli" / "sync_commands.py").read_text(encoding="utf-8")
    source += (Path(__file__).parents[2] / "fieldapp" / "sync" / "engine.py").read_text(encoding="utf-8")
    used = set(re.findall(r'"((?:cli_sync|cli_hub)_\w+)"', source)) | {f"cli_sync_role_{r}" for r in
                                                                        ("sampler", "lab", "coordinator")}
    assert used - set(ids) == set()
    assert set(ids) - used == set(), "a row no command says"
