"""The field report (veldwerkrapportage, issue 15 item 6): a Dutch PDF whose text holds the
fieldworkers with their registration numbers, the weather per day, every deviation and the
statement that the work was done under the procescertificaat; each section names its requirement."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from fieldapp import demo
from fieldapp.cli import CommandLine, report_commands, run_handler
from fieldapp.codelists import CodeLists
from fieldapp.session import Session
from fieldapp.settings import Settings

PROJECT = "2026-0142"


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    with Session.open(path, settings=Settings(user="J. de Vries"), lists=CodeLists.load()) as session:
        demo.create(session, boreholes=12, seed=1, project_code=PROJECT)
    return path


def _run(*args: str) -> int:
    cli = CommandLine()
    report_commands.register(cli)
    parsed = cli.parser.parse_args(["report", *args])
    return run_handler(parsed.handler, parsed)


def _text(path: Path) -> str:
    # one line per text line; words wrapped inside a table cell are joined with a space
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(path).pages)


def test_the_report_holds_workers_days_deviations_and_the_statement(demo_file: Path, tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "veldwerkrapportage.pdf"
    assert _run("--db", str(demo_file), "--project", PROJECT, "--out", str(out)) == 0
    assert "4 fieldworkers" in capsys.readouterr().out
    text = _text(out)
    assert "Veldwerkrapportage 2026-0142 · Voormalige gasfabriek Croeselaan, Utrecht 1. Projectidentificatie" in text
    # the fieldworkers with their Bodem+ registration numbers, the assistant and the projectleider
    for who in ("J. de Vries ervaren veldwerker BBK-2001-04172", "A. Bakker ervaren veldwerker BBK-2001-05530",
                "S. Yilmaz assistent", "M. Jansen projectleider"):
        assert who in text, who
    # the weather of each field day, with who was there
    assert "droog, harde wind (ZW 6), 8 °C J. de Vries" in text and "zonnig, 12 °C" in text
    # every deviation with its reason and who decided
    assert "M12-3 Protocol 2001, grondmonsters nemen" in text
    assert "Samenhangende grond: de boor bracht 0,6 m in een slag boven" in text
    assert "De opdrachtgever wil een indicatie van de bovengrond bij B01" in text
    # the slow well's round, named as its form names it (PB03-1 and the day), not by its table
    assert re.search(r"PB03-1 \d{4}-\d\d-\d\d BRL SIKB 2000 protocol 2002, voorpompen", text)
    assert "Slecht lopende peilbuis: viel na 2 liter" in text
    assert text.count("M. Jansen,") == 3  # the sample's, the kept-back jar's and the round's
    # the statement, and the requirement each section answers
    assert ("Het veldwerk van project 2026-0142 is uitgevoerd door Bodemadvies Midden B.V. onder "
            "procescertificaat K91234/01 voor BRL SIKB 2000") in text
    for answers in ("projectidentificatie", "naam van de veldwerker(s)", "datum van uitvoering",
                    "overzicht van de verzamelde gegevens", "afwijken van proceseisen",
                    "vermelding dat het veldwerk onder procescertificaat is uitgevoerd"):
        assert "Beantwoordt: BRL SIKB 2000, " in text and answers in text, answers
    assert PdfReader(out).metadata.title == "Veldwerkrapportage 2026-0142"


def test_bad_output_gets_one_message_and_leaves_nothing(demo_file: Path, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    assert _run("--db", str(demo_file), "--project", PROJECT, "--out", str(tmp_path / "rapport.txt")) == 1
    assert capsys.readouterr().err == ("fieldapp: error: --out " + str(tmp_path / "rapport.txt") +
                                       " is not a PDF file name. Give a file name ending in .pdf.\n")
    missing = tmp_path / "no such folder" / "rapport.pdf"
    assert _run("--db", str(demo_file), "--project", PROJECT, "--out", str(missing)) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"fieldapp: error: Cannot write {missing}") and "Traceback" not in err
    assert not missing.parent.exists() and list(tmp_path.iterdir()) == []
