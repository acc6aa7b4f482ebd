"""The import's report and refusals are Dutch by default and English on request (`fieldapp import --lang`).

What goes to a Dutch coordinator is Dutch first: each note of the SIKB0101 report (renamed, assumed,
skipped), each refusal of a broken file (the mutated SAD examples) and the plan import's refusals and
report come from the message tables of resources/messages, with the object named by its kind in the
language asked for. The tables themselves are checked: the Dutch and English of every message take the
same values, and every key the importers use is in them.
"""

from __future__ import annotations

import argparse
import ast
import shutil
import string
from pathlib import Path

import pytest

from fieldapp import demo
from fieldapp.cli import CommandLine, register_core, run_handler
from fieldapp.rules import RuleError, load_rules, message_book
from fieldapp.session import Session
from fieldapp.settings import Settings
from fieldapp.sikb.import_report import ImportReport
from fieldapp.sikb.import_sikb import import_sikb

DATA = Path(__file__).parent.parent / "data" / "sikb"
FIRST = DATA / "examples" / "1._SAD_registrationRequest_IMBROA.xml"
ROOT = Path(__file__).resolve().parents[2]


def _renamed_first(tmp_path: Path) -> Path:
    """The first SAD example with its borehole named "PB 01" (a space: no usable code, so renamed)."""
    text = FIRST.read_text(encoding="utf-8")
    assert text.count("<immetingen:name>PB01</immetingen:name>") == 1
    path = tmp_path / "renamed.xml"
    path.write_text(text.replace("<immetingen:name>PB01</immetingen:name>", "<immetingen:name>PB 01</immetingen:name>"),
                    encoding="utf-8")
    return path


def _report(tmp_path: Path, path: Path) -> ImportReport:
    with Session.open(tmp_path / "field.sqlite", settings=Settings(user="J. de Vries")) as session:
        return import_sikb(session, path)


def _run(*argv: str) -> int:
    cli = CommandLine()
    register_core(cli)
    args: argparse.Namespace = cli.parser.parse_args(list(argv))
    return run_handler(args.handler, args)


def test_each_kind_of_report_entry_is_dutch_by_default_and_english_on_request(tmp_path: Path) -> None:
    report = _report(tmp_path, _renamed_first(tmp_path))
    assert {section for section, _key, _values in report.notes} == {"renamed", "defaulted", "skipped"}
    dutch = report.lines()
    assert dutch == report.lines("nl")
    assert dutch[0] == ("geïmporteerd als project SIKB_PROT_2001_2002: 1 boring, 3 lagen, 1 peilbuis, 4 monsters, "
                        "3 analysemonsters, 5 verpakkingen, 1 bemonsteringsronde")
    assert dutch[1] == "rijen: 37 nieuw, 0 gewijzigd, 0 ongewijzigd"
    for line in (
        "hernoemd:",
        "  Boring 'PB 01' is geen bruikbare code: hernoemd (Boring PB-01)",
        "aangenomen:",
        "  positie uit het bestand, zonder GNSS-bewijs (Boring PB-01)",
        "  geur in woorden die niet op FieldApp's lijst staan: bewaard in de opmerkingen van de laag "
        "(Boring PB-01, laag 0,00-0,50 m)",
        "  3 x analysemonster zonder analysepakket van FieldApp: nog te kiezen (Analysemonster MM01, WA1, PB01-POT3)",
        "niet overgenomen:",
        "  filterdiameter '82' (Eenheid:19) is niet aannemelijk: weggelaten (Boring PB-01, filter Filter1)",
        "  21 x Analysis: lab- en veldmetingen (FieldApp houdt die niet bij)",
    ):
        assert line in dutch, (line, dutch)
    english = report.lines("en")
    assert english[0].startswith("imported as project SIKB_PROT_2001_2002: 1 borehole, 3 layers, 1 well")
    for line in (
        "renamed:",
        "  Borehole 'PB 01' is not a usable code: renamed (Borehole PB-01)",
        "  3 x analysis sample without FieldApp's analysis package: to be chosen "
        "(Analysis sample MM01, WA1, PB01-POT3)",
        "defaulted:",
        "  smell in words not on FieldApp's list: kept in the layer's remarks (Borehole PB-01, layer 0.00-0.50 m)",
        "skipped:",
        "  filter diameter '82' (Eenheid:19) is not plausible: left out (Borehole PB-01, filter Filter1)",
    ):
        assert line in english, (line, english)
    # one note for one thing in both languages: the same number of lines
    assert len(dutch) == len(english)


def test_the_command_prints_the_report_in_dutch_unless_asked_for_english(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _renamed_first(tmp_path)
    assert _run("import", "--db", str(tmp_path / "nl.sqlite"), "--format", "sikb0101", str(path)) == 0
    out = capsys.readouterr().out
    assert out.startswith("geïmporteerd als project SIKB_PROT_2001_2002: ")
    assert "  Boring 'PB 01' is geen bruikbare code: hernoemd (Boring PB-01)\n" in out
    assert _run("import", "--db", str(tmp_path / "en.sqlite"), "--format", "sikb0101", "--lang", "en", str(path)) == 0
    out = capsys.readouterr().out
    assert out.startswith("imported as project SIKB_PROT_2001_2002: ")
    assert "  Borehole 'PB 01' is not a usable code: renamed (Borehole PB-01)\n" in out


MUTATED = [
    ("layer_gap.xml", "Boring PB01: er zit een gat tussen laag 0,00-0,50 m en laag 0,60-1,20 m. Beschrijf het "
                      "ontbrekende traject in het programma dat het bestand maakte, of verbeter de diepten, en "
                      "exporteer opnieuw.",
     "Borehole PB01: there is a gap between layer 0.00-0.50 m and layer 0.60-1.20 m."),
    ("name_25.xml", "Boring 'PB01-Achtertuin-Noordzijd' heeft een naam van 25 tekens; SIKB0101 staat er 24 toe. "
                    "Kort de naam in in het programma dat het bestand maakte en exporteer opnieuw.",
     "Borehole 'PB01-Achtertuin-Noordzijd' has a name of 25 characters; SIKB0101 allows 24."),
    ("outside_nl.xml", "Boring PB01: het punt 4.35895 52.0041 (EPSG:4326) ligt buiten Nederland. Controleer de "
                       "coördinaten en hun volgorde (EPSG:4326 geeft eerst de breedtegraad) en verbeter ze in het "
                       "programma dat het bestand maakte.",
     "Borehole PB01: the point 4.35895 52.0041 (EPSG:4326) lies outside the Netherlands."),
    ("withdrawn_code.xml", "is in SIKB0101 vervallen. Kies een geldige waarde in het programma dat het bestand maakte "
                           "en exporteer opnieuw.", "is withdrawn from SIKB0101."),
    ("two_projects.xml", "bevat 2 projecten (SIKB_PROT_2001_2002, SIKB_TWEEDE_PROJECT). Importeer één onderzoek per "
                         "bestand: exporteer elk project apart.",
     "holds 2 projects (SIKB_PROT_2001_2002, SIKB_TWEEDE_PROJECT)."),
]


@pytest.mark.parametrize(("name", "dutch", "english"), MUTATED, ids=[m[0] for m in MUTATED])
def test_each_refusal_of_a_broken_file_is_dutch_by_default(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                          name: str, dutch: str, english: str) -> None:
    with pytest.raises(RuleError) as caught:
        _report(tmp_path, DATA / "mutated" / name)
    said = f"{caught.value.message_in('nl')} {caught.value.hint_in('nl')}"
    assert said.endswith(dutch), said
    assert english in str(caught.value)  # English stays what the error says to code and logs
    db = tmp_path / "cli.sqlite"
    assert _run("import", "--db", str(db), "--format", "sikb0101", str(DATA / "mutated" / name)) == 1
    err = capsys.readouterr().err
    assert err.startswith("fieldapp: fout: ") and err.rstrip().endswith(dutch), err
    assert len(err.strip().splitlines()) == 1
    assert _run("import", "--db", str(db), "--format", "sikb0101", "--lang", "en", str(DATA / "mutated" / name)) == 1
    assert english in capsys.readouterr().err


def test_a_plan_is_refused_and_reported_in_dutch_by_default(tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "field.sqlite"
    with Session.open(db, settings=Settings(user="J. de Vries")) as session:
        demo.create(session, boreholes=1, seed=2, project_code="2026-0142")
    plan = tmp_path / "plan.csv"
    plan.write_text("code;x;y\nB20;135950;455330\nB23;455330;135950\n", encoding="utf-8")
    assert _run("import", "--db", str(db), "--format", "plan", "--project", "2026-0142", str(plan)) == 1
    assert capsys.readouterr().err == (
        "fieldapp: fout: Rij 3 (B23): RD 455330.000 135950.000 ligt buiten Nederland. Controleer het "
        "coördinatenstelsel: x/y in RD New (EPSG:28992) of lon/lat in graden.\n")
    plan.write_text("code;x;y;diepte\nB20;135950;455330;2\n", encoding="utf-8")
    assert _run("import", "--db", str(db), "--format", "plan", "--project", "2026-0142", str(plan)) == 1
    assert capsys.readouterr().err.startswith("fieldapp: fout: Kopregel: FieldApp kent de kolom 'diepte' niet. "
                                              "Een plan heeft de kolommen code, x, y, lon, lat, kind, planned_depth_m")
    assert _run("import", "--db", str(db), "--format", "plan", str(plan)) == 1
    assert capsys.readouterr().err == ("fieldapp: fout: Een plan wordt in een project geïmporteerd: --project "
                                       "ontbreekt. Geef de projectcode, bijvoorbeeld --project 2026-0142.\n")
    plan.write_text("code;x;y\nB20;135950;455330\n", encoding="utf-8")
    assert _run("import", "--db", str(db), "--format", "plan", "--project", "2026-0142", str(plan)) == 0
    assert capsys.readouterr().out == ("plan plan.csv: 1 geplande boring toegevoegd, 0 bijgewerkt in project "
                                       "2026-0142\n  toegevoegd: B20\n")


def _fields(template: str) -> set[str]:
    return {name for _text, name, _spec, _conv in string.Formatter().parse(template) if name}


def test_every_message_says_the_same_values_in_dutch_and_english() -> None:
    book = message_book()
    assert len(book.rules) > 150
    for message in book.rules.values():
        assert _fields(message.nl) == _fields(message.en), message.id
        assert _fields(message.hint_nl) == _fields(message.hint_en), message.id
        assert message.nl != "" and message.en != ""
    # a refusal says what to do
    refusals = [m for m in book.rules.values() if m.severity == "error" and m.id != "cli_unexpected_debug"]
    assert len(refusals) > 50
    assert [m.id for m in refusals if not (m.hint_nl and m.hint_en)] == [], "a refusal without what to do"


_REPORTING = {"skipped", "defaulted", "renamed", "note", "refused", "_bad"}


def _keys_used() -> set[str]:
    """Message keys given literally to the report or to a refusal anywhere in the importers."""
    found: set[str] = set()
    for path in [*(ROOT / "fieldapp" / "sikb").glob("import_*.py"), ROOT / "fieldapp" / "sikb" / "read_xml.py",
                 ROOT / "fieldapp" / "sikb" / "read_geometry.py", ROOT / "fieldapp" / "plan_import.py",
                 ROOT / "fieldapp" / "cli" / "import_commands.py"]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name not in _REPORTING or not node.args:
                continue
            key = node.args[1] if name in ("refused", "_bad", "note") and len(node.args) > 1 else node.args[0]
            found |= _literals(key)
    return found


def _literals(key: ast.expr) -> set[str]:
    """The keys an argument can be: a literal, or either branch of "a" if ... else "b"."""
    if isinstance(key, ast.Constant) and isinstance(key.value, str):
        return {key.value}
    if isinstance(key, ast.IfExp):
        return _literals(key.body) | _literals(key.orelse)
    return set()


def test_every_key_the_importers_use_is_in_the_tables() -> None:
    used = _keys_used()
    assert {"refuse_layer_gap", "refuse_name_length", "refuse_point_outside", "refuse_code_withdrawn",
            "refuse_two_projects", "plan_outside", "name_taken", "position_from_file"} <= used
    missing = sorted(k for k in used if k not in message_book().rules)
    assert missing == []


def test_a_table_row_without_its_dutch_is_refused_when_read(tmp_path: Path) -> None:
    folder = tmp_path / "messages"
    folder.mkdir()
    shutil.copy(ROOT / "resources" / "messages" / "cli.json", folder / "cli.json")
    (folder / "broken.json").write_text('{"name": "broken", "source": "a test", "messages": '
                                        '[{"id": "no_dutch", "en": "English only"}]}', encoding="utf-8")
    with pytest.raises(Exception, match="no_dutch"):
        load_rules(folder, messages=True)


def _edited_at(tmp_path: Path, after: str, old: str, new: str) -> Path:
    text = FIRST.read_text(encoding="utf-8")
    at = text.index(old, text.index(after))
    path = tmp_path / "edited.xml"
    path.write_text(text[:at] + new + text[at + len(old):], encoding="utf-8")
    return path


CM = '"urn:immetingen:Eenheid:id:19"'
EDITED = [
    ("sample interval", "<immetingen:name>POT1</immetingen:name>", ">50</immetingen:value>", ">0</immetingen:value>",
     "Monster POT1: de onderdiepte 0,00 m ligt niet onder de bovendiepte 0,00 m. De onderdiepte moet dieper liggen "
     "(een groter getal) dan de bovendiepte."),
    ("depth no number", "<imsikb0101:Layer", f'{CM}>0.0<', f'{CM}>nul<',
     "Boring PB01: de bovendiepte 'nul' is geen getal. Verbeter het in het programma dat het bestand maakte."),
    ("layer overlap", "<imsikb0101:Layer", f'{CM}>50.0<', f'{CM}>60.0<',
     "Boring PB01: laag 0,50-1,20 m overlapt laag 0,00-0,60 m. Verbeter de diepten in het programma dat het bestand "
     "maakte en exporteer opnieuw."),
    ("old version", "<imsikb0101:metaData", ">14.9.0</imsikb0101:version>", ">13.5.0</imsikb0101:version>",
     "edited.xml is SIKB0101 versie 13.5.0; FieldApp leest de versies 14.0 tot en met 14.9. Exporteer het als "
     "SIKB0101 14.x uit het programma dat het maakte."),
]


@pytest.mark.parametrize(("after", "old", "new", "dutch"), [e[1:] for e in EDITED], ids=[e[0] for e in EDITED])
def test_other_refusals_name_the_object_in_dutch(tmp_path: Path, after: str, old: str, new: str, dutch: str) -> None:
    with pytest.raises(RuleError) as caught:
        _report(tmp_path, _edited_at(tmp_path, after, old, new))
    assert f"{caught.value.message_in('nl')} {caught.value.hint_in('nl')}" == dutch
