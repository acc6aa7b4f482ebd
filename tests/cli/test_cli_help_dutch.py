"""A Dutch user reads `fieldapp --help`, every command's --help and argparse's own errors in Dutch.

Dutch is the user's language as for the command line's other words (fieldapp.cli.base.user_language): the
--lang given (looked for before argparse parses), else the settings' language, else the locale. The Dutch
is one table, resources/i18n/cli_help_nl.json: "help" for FieldApp's own help texts, "argparse" for
argparse's words ("usage: ", "options", its errors). An English user gets today's help, word for word.
The cases that show what a user sees run the real `fieldapp` program in its own process.
"""

from __future__ import annotations

import argparse
import gettext
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from fieldapp.cli import base
from fieldapp.runtime import resource_path
from fieldapp.settings import Settings
from ui.main import build_command_line

FIELDAPP = Path(sys.executable).parent / "fieldapp"
TABLE = resource_path("i18n", "cli_help_nl.json")
ENGLISH = {"LANG": "C.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}
DUTCH = {"LANG": "nl_NL.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}

# today's English, as the code before the Dutch help wrote it (80 columns)
SEAL_HELP_EN = """\
usage: fieldapp shipment seal [-h] --db DB --shipment CODE [--project PROJECT]
                              --seal NUMBER

seal a packed shipment with the seal's number

options:
  -h, --help         show this help message and exit
  --db DB            the FieldApp database
  --shipment CODE    COC number of the shipment
  --project PROJECT  project code, when COC numbers repeat across projects
  --seal NUMBER      the number on the seal
"""
SEAL_HELP_NL = """\
gebruik: fieldapp shipment seal [-h] --db DB --shipment CODE
                                [--project PROJECT] --seal NUMBER

een ingepakte zending verzegelen, met het nummer van de zegel

opties:
  -h, --help         deze hulptekst tonen en stoppen
  --db DB            de FieldApp-database
  --shipment CODE    COC-nummer van de zending
  --project PROJECT  projectcode, als COC-nummers in meer projecten voorkomen
  --seal NUMBER      het nummer op de zegel
"""
LABELS_USAGE_EN = """\
usage: fieldapp labels [-h] --db DB --project PROJECT
                       [--containers CONTAINERS] --layout LAYOUT
                       [--start START] --out OUT
"""


def fieldapp(config: Path, *argv: str, locale: dict[str, str], code: int = 0) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FIELDAPP_CRASH", "FIELDAPP_DEBUG"))}
    env.update(locale, FIELDAPP_CONFIG_DIR=str(config), COLUMNS="80")
    run = subprocess.run([str(FIELDAPP), *argv], capture_output=True, text=True, env=env, timeout=120)
    assert run.returncode == code, (run.stdout, run.stderr)
    assert "Traceback" not in run.stderr
    return run


@pytest.fixture
def config(tmp_path: Path) -> Path:
    return tmp_path / "config"


def test_fieldapp_help_in_dutch_and_in_english_as_before(config: Path) -> None:
    dutch = fieldapp(config, "--help", locale=DUTCH).stdout
    lines = dutch.splitlines()
    assert lines[0] == "gebruik: fieldapp [-h] [--debug] [--demo] [--db DB] [--version] COMMAND ..."
    for line in ("positionele argumenten:", "opties:",
                 "  -h, --help  deze hulptekst tonen en stoppen",
                 "  --demo      de demodatabase openen (wordt de eerste keer gemaakt)",
                 "  --db DB     dit databasebestand openen",
                 "  --version   het versienummer van het programma tonen en stoppen",
                 "    hub       de synchronisatiehub draaien en beheren",
                 "    coords    omrekenen tussen ETRS89 en RD New / NAP (RDNAPTRANS2018)"):
        assert line in lines, line
    assert "FieldApp: veldregistratie voor bodembemonstering." in dutch
    assert "    shipment  koelboxen (zendingen) inpakken, verzegelen en overdragen met hun" in lines
    for english in ("usage:", "options:", "show this help", "positional arguments", "export a project"):
        assert english not in dutch

    english = fieldapp(config, "--help", locale=ENGLISH).stdout
    lines = english.splitlines()
    assert lines[0] == "usage: fieldapp [-h] [--debug] [--demo] [--db DB] [--version] COMMAND ..."
    for line in ("positional arguments:", "options:",
                 "  -h, --help  show this help message and exit",
                 "  --debug     on an unexpected failure, print its details (the traceback) too;",
                 "              or set FIELDAPP_DEBUG=1",
                 "  --demo      open the demo database (created on first run)",
                 "  --version   show program's version number and exit",
                 "    verify    check the audit chain against the data; non-zero if anything was",
                 "    shipment  pack, seal and hand over coolers (shipments) with their COC",
                 "    intake    receive a cooler at the lab: scan its containers against the COC"):
        assert line in lines, line
    assert "gebruik" not in english and "opties" not in english


def test_export_help_in_dutch_and_in_english_as_before(config: Path) -> None:
    dutch = fieldapp(config, "export", "--help", locale=DUTCH).stdout
    lines = dutch.splitlines()
    assert lines[0] == "gebruik: fieldapp export [-h] --db DB --project PROJECT --format"
    for line in ("een project exporteren als CSV, GeoJSON, GeoPackage, Excel, boorstaten (PDF),",
                 "  -h, --help            deze hulptekst tonen en stoppen",
                 "  --db DB               het FieldApp-databasebestand",
                 "  --project PROJECT     projectcode, bijv. 2026-0142",
                 "                        wat er geschreven wordt",
                 "  --lang {nl,en}        taal van de meldingen van --check (standaard nl)",
                 "  --crs {28992,4326}    coördinatenstelsel: 28992 RD New (standaard) of 4326",
                 # the choices, the option names and the metavars stay as they are
                 "  --format {csv,geojson,gpkg,xlsx,borelogs,map,sikb0101,sad,bhrgt}",
                 "  --delivery-context DELIVERY_CONTEXT"):
        assert line in lines, line

    english = fieldapp(config, "export", "--help", locale=ENGLISH).stdout.splitlines()
    assert english[0] == "usage: fieldapp export [-h] --db DB --project PROJECT --format"
    for line in ("export a project as CSV, GeoJSON, GeoPackage, Excel, borehole logs (PDF), a",
                 "  --db DB               the FieldApp database file",
                 "                        what to write",
                 "  --lang {nl,en}        language of --check's messages (default nl)",
                 "  --kvk KVK             sad, bhrgt: the KvK number (8 digits) of the party"):
        assert line in english, line


def test_shipment_seal_help_whole_in_both_languages(config: Path) -> None:
    assert fieldapp(config, "shipment", "seal", "--help", locale=DUTCH).stdout == SEAL_HELP_NL
    assert fieldapp(config, "shipment", "seal", "--help", locale=ENGLISH).stdout == SEAL_HELP_EN
    # a group without its command prints its help (after parsing, not by argparse's --help): Dutch too
    group = fieldapp(config, "shipment", locale=DUTCH, code=2).stderr
    assert group.startswith("gebruik: fieldapp shipment [-h] COMMAND ...\n")
    assert "    seal      een ingepakte zending verzegelen, met het nummer van de zegel" in group.splitlines()


def test_a_missing_required_argument_and_a_wrong_choice_in_dutch(config: Path) -> None:
    labels = ("labels", "--db", "veld.sqlite", "--project", "2026-0142", "--out", "etiketten.pdf")
    dutch = fieldapp(config, *labels, locale=DUTCH, code=2)
    assert dutch.stdout == ""
    assert dutch.stderr == (LABELS_USAGE_EN.replace("usage: ", "gebruik: ").replace("\n" + " " * 23, "\n" + " " * 25)
                            + "fieldapp labels: fout: deze argumenten zijn verplicht: --layout\n")
    english = fieldapp(config, *labels, locale=ENGLISH, code=2)
    assert english.stderr == (LABELS_USAGE_EN
                              + "fieldapp labels: error: the following arguments are required: --layout\n")

    wrong = fieldapp(config, "export", "--db", "x", "--project", "y", "--format", "pdf", locale=DUTCH, code=2)
    assert wrong.stderr.splitlines()[-1] == (
        "fieldapp export: fout: bij argument --format: ongeldige keuze: 'pdf' (kies uit 'csv', 'geojson', 'gpkg', "
        "'xlsx', 'borelogs', 'map', 'sikb0101', 'sad', 'bhrgt')")
    missing_value = fieldapp(config, "verify", "--db", locale=DUTCH, code=2)
    assert missing_value.stderr.splitlines()[-1] == "fieldapp verify: fout: bij argument --db: verwacht één argument"
    unknown = fieldapp(config, "layouts", "--kleur", "rood", locale=DUTCH, code=2)
    assert unknown.stderr.splitlines()[-1] == "fieldapp: fout: onbekende argumenten: --kleur rood"


def test_lang_nl_on_an_english_system_and_lang_en_on_a_dutch_one(config: Path) -> None:
    for lang in (("--lang", "nl"), ("--lang=nl",)):
        dutch = fieldapp(config, "check", *lang, "--help", locale=ENGLISH).stdout
        assert dutch.startswith("gebruik: fieldapp check [-h]"), lang
        assert "  --db DB            het FieldApp-databasebestand (alleen gelezen)" in dutch.splitlines()
        assert "  --lang {nl,en}     taal van de meldingen (standaard nl)" in dutch.splitlines()
    english = fieldapp(config, "check", "--help", "--lang", "en", locale=DUTCH).stdout
    assert english.startswith("usage: fieldapp check [-h]")
    assert "  --lang {nl,en}     language of the messages (default nl)" in english.splitlines()
    # a command's default --lang (what it writes) is not the user's language: an English system stays English
    assert fieldapp(config, "check", "--help", locale=ENGLISH).stdout.startswith("usage: ")
    # an error argparse finds while parsing follows the --lang given too
    refused = fieldapp(config, "check", "--db", "x", "--lang", "nl", locale=ENGLISH, code=2).stderr
    assert refused.splitlines()[-1] == "fieldapp check: fout: deze argumenten zijn verplicht: --project"


def test_the_settings_language_gives_dutch_help_on_an_english_system(config: Path) -> None:
    Settings(language="nl").save(config / "settings.json")
    assert fieldapp(config, "verify", "--help", locale=ENGLISH).stdout.splitlines()[-1] == (
        "  --db DB     het databasebestand om te controleren")


# --- the table against the parser, in this process ---------------------------------------------------------


def _parsers(parser: argparse.ArgumentParser) -> Iterator[argparse.ArgumentParser]:
    yield parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in dict.fromkeys(action.choices.values()):
                yield from _parsers(sub)


def _texts(parser: argparse.ArgumentParser) -> set[str]:
    """Every text of the help of `fieldapp` and all its commands: descriptions, group titles, argument helps,
    the lines of the command lists."""
    found: set[str] = set()
    for p in _parsers(parser):
        found.update(t for t in (p.description, p.epilog) if t)
        for group in p._action_groups:
            found.update(t for t in (group.title, group.description) if t)
        for action in p._actions:
            found.update(a.help for a in (action, *getattr(action, "_choices_actions", ()))
                         if a.help and a.help != argparse.SUPPRESS)
    return found


def _table() -> dict[str, dict[str, str]]:
    table: dict[str, dict[str, str]] = json.loads(TABLE.read_text(encoding="utf-8"))
    return table


def _kept(text: str) -> list[str]:
    """What a translation keeps as it is: options, `code`, ``code``, %-placeholders, FILE/PATH-like words."""
    return sorted(re.findall(r"``[^`]+``|`[^`]+`|(?<![\w-])--[a-z][\w-]*|%\(\w+\)[sdr]|%[sdr]|\b[A-Z_]{4,}\b", text))


def test_every_help_text_has_its_dutch_and_every_row_is_used() -> None:
    table = _table()
    assert set(table) == {"source", "help", "argparse"}
    help_nl, argparse_nl = table["help"], table["argparse"]
    texts = _texts(build_command_line().parser)
    assert len(texts) > 140
    # argparse's own texts are argparse's words; everything else is FieldApp's and must be in "help"
    ours = {t for t in texts if t not in ("positional arguments", "options", "show this help message and exit",
                                          "show program's version number and exit")}
    assert sorted(t for t in ours if t not in help_nl) == [], "add their Dutch to resources/i18n/cli_help_nl.json"
    assert sorted(t for t in help_nl if t not in ours) == [], "rows no command uses: remove them"
    assert sorted(t for t in texts - ours if t not in argparse_nl) == []
    for english, dutch in (*help_nl.items(), *argparse_nl.items()):
        assert dutch.strip() and dutch != english, english
        assert _kept(dutch) == _kept(english), english
        assert "%" not in re.sub(r"%\(\w+\)[sdr]|%[sdr]", "", dutch), english  # argparse %-formats a help


def test_every_parser_formats_its_dutch_help_and_argparse_is_put_back() -> None:
    cli = build_command_line()
    cli.use_language("nl")
    english_words = argparse._  # type: ignore[attr-defined]
    for parser in _parsers(cli.parser):
        text = parser.format_help()
        assert text.startswith("gebruik: "), parser.prog
        assert "usage:" not in text and "options:" not in text and "show this help" not in text
    assert argparse._ is english_words is gettext.gettext  # type: ignore[attr-defined]
    assert argparse.ngettext is gettext.ngettext  # type: ignore[attr-defined]
    # once chosen, the language stays: a later call does not translate again nor back
    cli.use_language("en")
    assert cli.parser.format_usage().startswith("gebruik: fieldapp")


def test_an_english_user_reads_no_table(monkeypatch: pytest.MonkeyPatch) -> None:
    def unread() -> None:
        raise AssertionError("the Dutch table is read for an English user")

    monkeypatch.setattr(base, "_dutch_help", unread)
    cli = build_command_line()
    cli.use_language("en")
    args = cli.parser.parse_args(["verify", "--db", "veld.sqlite"])
    assert args.command == "verify"
    assert cli.parser.format_usage().startswith("usage: fieldapp")


def test_a_missing_table_leaves_the_help_english(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr("fieldapp.runtime.resource_path", lambda *parts: tmp_path.joinpath(*parts))
    cli = build_command_line()
    cli.use_language("nl")
    assert "show this help message and exit" in cli.parser.format_help()


@pytest.mark.parametrize(("argv", "lang"), [
    (["check", "--lang", "nl"], "nl"), (["check", "--lang=nl"], "nl"), (["check", "--lang=en"], "en"),
    (["check", "--lang", "nl", "--lang", "en"], "en"), (["sync", "--", "--lang", "nl"], "en"),
    (["check", "--lang"], "en"), (["check", "--lang", "fr"], "en"),
])
def test_the_language_before_parsing(argv: list[str], lang: str, monkeypatch: pytest.MonkeyPatch,
                                      tmp_path: Path) -> None:
    monkeypatch.setenv("FIELDAPP_CONFIG_DIR", str(tmp_path))
    for name, value in ENGLISH.items():
        monkeypatch.setenv(name, value)
    assert base.language_before_parsing(argv) == lang
