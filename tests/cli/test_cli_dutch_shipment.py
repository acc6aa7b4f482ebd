"""A Dutch user hears in Dutch what `fieldapp shipment ...`, `layouts`, `labels` and `coc` did; an English
user keeps today's English word for word.

The words are the rows of resources/messages/cli_shipment.json, said in the user's language
(fieldapp.cli.base.user_language: the --lang given, else the settings' language, else the locale). What a
script reads stays as it is: the COC number `shipment create` prints, ``--json``, and the columns of
`shipment list`. Every case runs the real `fieldapp` program in its own process on a real SQLite file.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import string
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from fieldapp.domain import borehole, container, layer, project, sample, staff
from fieldapp.domain.sample import Part
from fieldapp.labels.layouts import load_layouts
from fieldapp.outputs import CRASH_ENV
from fieldapp.rules import message_book
from fieldapp.runtime import resource_path
from fieldapp.session import Session
from fieldapp.settings import Settings

FIELDAPP = Path(sys.executable).parent / "fieldapp"
TABLE = resource_path("messages", "cli_shipment.json")
ENGLISH = {"LANG": "C.UTF-8", "LC_ALL": "", "LC_MESSAGES": "", "TZ": "UTC"}
DUTCH = {"LANG": "nl_NL.UTF-8", "LC_ALL": "", "LC_MESSAGES": "", "TZ": "UTC"}
LOCALES = {"nl": DUTCH, "en": ENGLISH}
# sampled a day ago on the hour, so that the deadline (NEN 5740: 96 h) prints the same in every run
TAKEN = (datetime.now(UTC) - timedelta(days=1)).replace(minute=0, second=0, microsecond=0)
DUE = (TAKEN + timedelta(hours=96)).strftime("%Y-%m-%d %H:%M")
HANDED = (datetime.now(UTC) - timedelta(hours=1)).strftime("%Y-%m-%d %H:%M")


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Project P-16: jars FA-A001..A003 sampled a day ago for NEN 5740, FA-H001 sampled 15 days ago for PAK
    (past its 336 h), and a projectleider in the staff register."""
    path = tmp_path_factory.mktemp("site") / "field.sqlite"
    with Session.open(path, settings=Settings(user="A. Bakker")) as s:
        pid = project.create(s, code="P-16", name="Gasfabriek").id
        hole = borehole.create(s, pid, code="B01")
        layer.add(s, hole.id, upper="0", lower="1", soil="Zs1")
        fresh = sample.create(s, pid, code="M01", kind="field_sample", matrix="BS", parts=[Part(hole.id, "0", "0.5")],
                              sampled_at=TAKEN.isoformat(), analyses=["NEN 5740 standaardpakket grond"])
        for code in ("FA-A001", "FA-A002", "FA-A003"):
            container.add(s, fresh.id, container_type="Pot", barcode=code)
        late = sample.create(s, pid, code="M02", kind="field_sample", matrix="BS", parts=[Part(hole.id, "0.5", "1")],
                             sampled_at=(datetime.now(UTC) - timedelta(days=15)).isoformat(timespec="seconds"),
                             analyses=("PAK (10 VROM)",))
        container.add(s, late.id, container_type="Pot", barcode="FA-H001")
        staff.create(s, name="M. van den Berg", role="projectleader", registration_number="BP-1234")
    return path


@pytest.fixture
def db(template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "field.sqlite"
    shutil.copy(template, path)
    return path


@pytest.fixture
def config(tmp_path: Path) -> Path:
    """An empty settings folder: the locale chooses the language."""
    return tmp_path / "config"


def run(config: Path, *argv: str, lang: str = "en", crash: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FIELDAPP_CRASH", "FIELDAPP_DEBUG"))}
    env.update(LOCALES[lang], FIELDAPP_CONFIG_DIR=str(config))
    if crash:
        env[CRASH_ENV] = crash
    return subprocess.run([str(FIELDAPP), *argv], capture_output=True, text=True, env=env, timeout=120)


def said(config: Path, *argv: str, lang: str = "en") -> list[str]:
    """The lines a command that went through prints on stdout."""
    done = run(config, *argv, lang=lang)
    assert done.returncode == 0, (done.stdout, done.stderr)
    assert done.stderr == ""
    return done.stdout.splitlines()


# --- the table -------------------------------------------------------------------------------------------

def _fields(template: str) -> set[str]:
    return {name for _text, name, _spec, _conv in string.Formatter().parse(template) if name is not None}


def test_every_row_has_both_languages_with_the_same_placeholders() -> None:
    table = json.loads(TABLE.read_text(encoding="utf-8"))
    assert table["name"] == "cli_shipment" and table["source"]
    ids = [row["id"] for row in table["messages"]]
    assert len(ids) == len(set(ids))
    for row in table["messages"]:
        assert row["id"].startswith(("cli_shipment_", "cli_labels_")), row["id"]
        assert row["en"].strip() and row["nl"].strip(), row["id"]
        assert _fields(row["en"]) == _fields(row["nl"]), row["id"]
        assert not _fields(row["en"]) & {"value", "unit"}, row["id"]  # the rules' own fields
        # the Dutch is read by message_book() as it is in the file: ids unique across resources/messages
        assert message_book()[row["id"]].nl == row["nl"]


def test_the_layout_titles_are_the_windows() -> None:
    """The Dutch title of each layout is the one the print dialog shows (resources/i18n/fieldapp_nl.ts)."""
    catalogue = {m.findtext("source"): m.findtext("translation")
                 for m in ET.parse(resource_path("i18n", "fieldapp_nl.ts")).getroot().iter("message")}
    for name, layout in load_layouts().items():
        rule = message_book()[f"cli_labels_title_{name.replace('-', '_')}"]
        assert rule.en == layout.title
        assert rule.nl == catalogue[layout.title], name


# --- the commands ----------------------------------------------------------------------------------------

COOLER = {
    "nl": {
        "none": ["Project P-16 heeft nog geen zendingen."],
        "empty": ["COC-0001 naar SYNLAB Rotterdam: wordt ingepakt, 0 potjes", "overdracht (chain of custody):"],
        "one": ["COC-0001: 1 potje ingepakt (1 in de zending)"],
        "two": ["COC-0001: 2 potjes ingepakt (3 in de zending)"],
        "late": ["COC-0001: 1 potje ingepakt (4 in de zending); 1 over de conserveringstermijn, elk met de "
                 "afwijking vastgelegd"],
        "no order": ["COC-0001: geen laboratoriumopdracht"],
        "order": ["COC-0001: klantnummer 1234567890, offertenummer OFF-1, uitslag naar M. van den Berg, "
                  "e-mail uitslag m.berg@bureau.nl, doorlooptijd spoed, 2 werkdagen, AS3000 vereist"],
        "order 1": ["COC-0001: klantnummer 1234567890, offertenummer OFF-1, uitslag naar M. van den Berg, "
                    "e-mail uitslag m.berg@bureau.nl, doorlooptijd spoed, 1 werkdag, AS3000 niet vereist"],
        "sealed": ["COC-0001: verzegeld met S-0042"],
        "list": ["COC-0001\tverzegeld\t4 potjes\tSYNLAB Rotterdam"],
        "handed": [f"COC-0001: overgedragen door J. Jansen aan DHL koerier op {HANDED.replace(' ', 'T')}:00+00:00"],
        "show": ["COC-0001 naar SYNLAB Rotterdam: overgedragen, 4 potjes, zegel S-0042",
                 f"overgedragen door J. Jansen aan DHL koerier op {HANDED.replace(' ', 'T')}:00+00:00",
                 f"  FA-A001\tM01\thoudbaar tot {DUE} (96 u, NEN 5740 standaardpakket grond: droge stof)",
                 "overdracht (chain of custody):"],
        "listed": ["COC-0001\tovergedragen\t4 potjes\tSYNLAB Rotterdam"],
    },
    "en": {
        "none": ["Project P-16 has no shipments yet."],
        "empty": ["COC-0001 to SYNLAB Rotterdam: packing, 0 containers", "custody:"],
        "one": ["COC-0001: packed 1 container (1 in the shipment)"],
        "two": ["COC-0001: packed 2 containers (3 in the shipment)"],
        "late": ["COC-0001: packed 1 container (4 in the shipment); 1 past the holding time, each with the "
                 "deviation recorded"],
        "no order": ["COC-0001: no lab order"],
        "order": ["COC-0001: client number 1234567890, quotation OFF-1, results to M. van den Berg, "
                  "results email m.berg@bureau.nl, turnaround urgent, 2 working days, AS3000 required"],
        "order 1": ["COC-0001: client number 1234567890, quotation OFF-1, results to M. van den Berg, "
                    "results email m.berg@bureau.nl, turnaround urgent, 1 working day, AS3000 not required"],
        "sealed": ["COC-0001: sealed with S-0042"],
        "list": ["COC-0001\tsealed\t4 containers\tSYNLAB Rotterdam"],
        "handed": [f"COC-0001: handed over by J. Jansen to DHL koerier at {HANDED.replace(' ', 'T')}:00+00:00"],
        "show": ["COC-0001 to SYNLAB Rotterdam: handed over, 4 containers, seal S-0042",
                 f"handed over by J. Jansen to DHL koerier at {HANDED.replace(' ', 'T')}:00+00:00",
                 f"  FA-A001\tM01\tholding time until {DUE} (96 h, NEN 5740 standaardpakket grond: droge stof)",
                 "custody:"],
        "listed": ["COC-0001\thanded over\t4 containers\tSYNLAB Rotterdam"],
    },
}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_cooler_from_create_to_hand_over(db: Path, config: Path, lang: str) -> None:
    want = COOLER[lang]
    d = ("--db", str(db))
    assert said(config, "shipment", "list", *d, "--project", "P-16", lang=lang) == want["none"]
    # the COC number is printed bare for a script, in either language
    assert said(config, "shipment", "create", *d, "--project", "P-16", "--lab", "SYNLAB Rotterdam",
                lang=lang) == ["COC-0001"]
    ship = ("--shipment", "COC-0001")
    assert said(config, "shipment", "show", *d, *ship, lang=lang) == want["empty"]
    assert said(config, "shipment", "order", *d, *ship, lang=lang) == want["no order"]
    assert said(config, "shipment", "add", *d, *ship, "FA-A001", lang=lang) == want["one"]
    assert said(config, "shipment", "add", *d, *ship, "fa-a002", "FA-A003", lang=lang) == want["two"]
    assert said(config, "shipment", "add", *d, *ship, "FA-H001", "--deviation-reason", "De opdrachtgever wil een "
                "indicatie.", "--deviation-consequences", "Uitslag indicatief.", "--deviation-by", "BP-1234",
                lang=lang) == want["late"]
    order = ("--client-number", "1234567890", "--quotation", "OFF-1", "--results-to", "M. van den Berg",
             "--results-email", "m.berg@bureau.nl", "--turnaround", "urgent")
    assert said(config, "shipment", "order", *d, *ship, *order, "--days", "2", "--as3000", "yes",
                lang=lang) == want["order"]
    assert said(config, "shipment", "order", *d, *ship, "--days", "1", "--as3000", "no", lang=lang) == want["order 1"]
    assert said(config, "shipment", "seal", *d, *ship, "--seal", "S-0042", lang=lang) == want["sealed"]
    assert said(config, "shipment", "list", *d, "--project", "P-16", lang=lang) == want["list"]
    assert said(config, "shipment", "handover", *d, *ship, "--to", "DHL koerier", "--by", "J. Jansen", "--at", HANDED,
                lang=lang) == want["handed"]
    shown = said(config, "shipment", "show", *d, *ship, lang=lang)
    assert shown[:3] == want["show"][:3]
    assert want["show"][3] in shown and shown.index(want["show"][3]) == 6  # after the four jars, then the events
    assert len(shown) == 7 + 6  # 4 packed, sealed, handed over
    assert said(config, "shipment", "list", *d, "--project", "P-16", lang=lang) == want["listed"]


def test_what_a_script_reads_stays_as_it_is_for_a_dutch_user(db: Path, config: Path) -> None:
    d = ("--db", str(db))
    assert said(config, "shipment", "create", *d, "--project", "P-16", "--lab", "SYNLAB", lang="nl") == ["COC-0001"]
    said(config, "shipment", "add", *d, "--shipment", "COC-0001", "FA-A001", lang="nl")
    (line,) = said(config, "shipment", "list", *d, "--project", "P-16", "--json", lang="nl")
    row = json.loads(line)
    assert (row["code"], row["state"], row["containers"]) == ("COC-0001", "packing", 1)
    (shown,) = said(config, "shipment", "show", *d, "--shipment", "COC-0001", "--json", lang="nl")
    assert json.loads(shown)["state"] == "packing" and json.loads(shown)["events"][0]["kind"] == "packed"


LAYOUTS = {
    "nl": ["avery-l7651              38,1 x 21,2 mm vel, 65 per vel, 300 dpi, pagina 210,0 x 297,0 mm, PDF  "
           "(Avery L7651 A4-vel, 65 etiketten van 38,1 x 21,2 mm (5 x 13))",
           "zebra-2x1-203            50,8 x 25,4 mm rol, 203 dpi, pagina 50,8 x 25,4 mm, PDF, ZPL  "
           "(Zebra thermische etiketten van 2 x 1 inch, 203 dpi)"],
    "en": ["avery-l7651              38.1 x 21.2 mm sheet, 65 per sheet, 300 dpi, page 210.0 x 297.0 mm, PDF  "
           "(Avery L7651 A4 sheet, 65 labels of 38.1 x 21.2 mm (5 x 13))",
           "zebra-2x1-203            50.8 x 25.4 mm roll, 203 dpi, page 50.8 x 25.4 mm, PDF, ZPL  "
           "(Zebra 2 x 1 inch thermal labels, 203 dpi)"],
}
WRITTEN = {
    "nl": ("4 etiketten (avery-l7651) geschreven naar {out}", "1 etiket (zebra-2x1-203) geschreven naar {out}",
           "COC COC-0001: 2 potjes, 0 analysemonsters geschreven naar {out}"),
    "en": ("4 labels (avery-l7651) written to {out}", "1 label (zebra-2x1-203) written to {out}",
           "COC COC-0001: 2 containers, 0 analysis samples written to {out}"),
}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_layouts_labels_and_coc(db: Path, config: Path, tmp_path: Path, lang: str) -> None:
    listed = said(config, "layouts", lang=lang)
    assert len(listed) == len(load_layouts())
    for line in LAYOUTS[lang]:
        assert line in listed
    d = ("--db", str(db))
    many, one, coc = WRITTEN[lang]
    out = tmp_path / "etiketten.pdf"
    assert said(config, "labels", *d, "--project", "P-16", "--layout", "avery-l7651", "--out", str(out),
                lang=lang) == [many.format(out=out)]
    out = tmp_path / "etiket.zpl"
    assert said(config, "labels", *d, "--project", "P-16", "--layout", "zebra-2x1-203", "--containers", "FA-A001",
                "--out", str(out), lang=lang) == [one.format(out=out)]
    assert said(config, "shipment", "create", *d, "--project", "P-16", "--lab", "SYNLAB", lang=lang) == ["COC-0001"]
    said(config, "shipment", "add", *d, "--shipment", "COC-0001", "FA-A001", "FA-A002", lang=lang)
    out = tmp_path / "coc.pdf"
    # coc's --lang defaults to the form's language (Dutch, for a Dutch lab): not the user's
    assert said(config, "coc", *d, "--shipment", "COC-0001", "--out", str(out), lang=lang) == [coc.format(out=out)]


def test_the_lang_given_and_the_settings_choose_the_language(db: Path, config: Path, tmp_path: Path) -> None:
    d = ("--db", str(db))
    said(config, "shipment", "create", *d, "--project", "P-16", "--lab", "SYNLAB")
    said(config, "shipment", "add", *d, "--shipment", "COC-0001", "FA-A001")
    out = tmp_path / "coc.pdf"
    coc = ("coc", *d, "--shipment", "COC-0001", "--out", str(out))
    english = [f"COC COC-0001: 1 container, 0 analysis samples written to {out}"]
    dutch = [f"COC COC-0001: 1 potje, 0 analysemonsters geschreven naar {out}"]
    assert said(config, *coc, "--lang", "en", lang="nl") == english  # a form for a lab abroad, said in English
    assert said(config, *coc, "--lang", "nl", lang="en") == dutch
    Settings(language="nl").save(config / "settings.json")  # the settings' language on an English system
    assert said(config, *coc) == dutch
    assert said(config, "shipment", "seal", *d, "--shipment", "COC-0001", "--seal", "S1") == [
        "COC-0001: verzegeld met S1"]


@pytest.mark.parametrize(("lang", "note"), [
    ("nl", "fieldapp: {out}: alsnog op zijn plaats gezet, uit een etikettenrun die werd onderbroken nadat die "
           "was vastgelegd"),
    ("en", "fieldapp: {out}: put in place, from a labels run that was interrupted after it was recorded"),
])
def test_an_interrupted_labels_run_is_said_in_the_users_language(db: Path, config: Path, tmp_path: Path, lang: str,
                                                                  note: str) -> None:
    out = tmp_path / "etiketten.pdf"
    labels = ("labels", "--db", str(db), "--project", "P-16", "--layout", "avery-l7651")
    killed = run(config, *labels, "--out", str(out), lang=lang, crash="labels:committed")
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    other = tmp_path / "nog.pdf"
    done = run(config, *labels, "--out", str(other), lang=lang)
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines() == [note.format(out=out)]
    assert re.fullmatch(r"4 (etiketten|labels) \(avery-l7651\) (geschreven naar|written to) .+\n", done.stdout)
