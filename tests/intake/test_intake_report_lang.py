"""The receipt report in Dutch by default (it is filed by a Dutch lab with the COC), English on request; the
intake's messages in one table of the core (resources/messages/intake.json) that the window, the command
line and the report say them by."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from intake_helpers import cooler
from pypdf import PdfReader
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from fieldapp import error_text
from fieldapp.intake import closing, report
from fieldapp.intake.receipt import Receipt, open_shipment
from fieldapp.intake.report import render_receipt_pdf
from fieldapp.intake.scan import Outcome
from fieldapp.labels.fonts import FONT, register_fonts
from fieldapp.messages import Count
from fieldapp.rules import Lang
from fieldapp.session import Session

MESSAGES = Path(__file__).resolve().parents[2] / "resources" / "messages"


def _table(name: str) -> Any:
    return json.loads((MESSAGES / name).read_text(encoding="utf-8"))


def _intake_rows() -> list[error_text.Wording]:
    rows_of_file: list[dict[str, str]] = _table("intake.json")["messages"]
    ids = {r["id"] for r in rows_of_file}
    table = error_text.table()
    rows = [r for r in (*table.messages, *table.hints) if r.id in ids]
    assert len(rows) == len(ids)  # every row of the file is read
    return rows


def text_of(pdf: bytes) -> str:
    """The report's text with its line breaks as spaces (a wrapped cell reads as one line)."""
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).split())


def test_every_intake_row_and_word_has_both_languages_with_the_same_placeholders() -> None:
    rows = _intake_rows()
    assert len(rows) > 60
    for row in rows:
        assert row.en.strip() and row.nl.strip() and row.nl != row.en, row.id
        assert error_text.placeholders(row.nl) == error_text.placeholders(row.en), row.id
        assert error_text.placeholders(row.en) <= set(row.match.groupindex), row.id  # what the Dutch says is found
    words: dict[str, str] = _table("intake.json")["words"]
    for english, dutch in words.items():
        assert dutch.strip() and error_text.placeholders(dutch) == error_text.placeholders(english), english
    shared: dict[str, str] = _table("errors.json")["words"]
    assert {k: v for k, v in words.items() if k in shared} == {k: shared[k] for k in words if k in shared}


def test_each_intake_message_is_said_by_its_own_row_not_by_an_earlier_one() -> None:
    skipped = []
    for row in _intake_rows():
        # a count ({count_jar}) as the core writes it: "1 container"
        text = row.en.format(**{k: Count(1, k.removeprefix("count_")).said("en") if k.startswith("count_") else "1"
                                for k in error_text.placeholders(row.en)})
        if not row.match.fullmatch(text):
            skipped.append(row.id)
            continue
        found = error_text.find(text, hint=row.hint)
        assert found is not None and found[0] is row, (row.id, found and found[0].id)
    # the rows whose English the core writes differently, checked with what it writes
    assert skipped == ["intake_damaged", "intake_manifest_damaged", "intake_seal_state"]
    assert error_text.said("FA-T0001 marked damaged and rejected: damaged on receipt.", "nl") == (
        "FA-T0001 als beschadigd gemarkeerd en afgekeurd.")
    assert error_text.said("The manifest is damaged: bad checksum.", "nl") == "Het manifest is beschadigd."
    assert error_text.said("seal absent", "nl") == "zegel afwezig"


def _receipt(session: Session) -> Receipt:
    """Five jars: three in the cooler (one damaged), two missing, a stray code; 4.1 and 4.3 °C; the seal
    broken and not the COC's."""
    box = cooler(session, 5)
    receipt = open_shipment(session, "COC-0001")
    for code in box.codes[:3]:
        assert receipt.scan(code).outcome is Outcome.RECEIVED
    assert receipt.scan("FA-NIET-HIER-1").outcome is Outcome.UNKNOWN
    assert receipt.mark_damaged(box.codes[2]).outcome is Outcome.DAMAGED
    h = receipt.header
    h.readings, h.seal_number, h.seal_state = [4.1, 4.3], "SEAL-OTHER", "broken"
    h.consulted = "P. Jansen (opdrachtgever): analyseren"
    return receipt


def test_the_receipt_report_is_dutch_by_default_and_english_on_request(session: Session) -> None:
    receipt = _receipt(session)
    found = closing.close(receipt)
    dutch = text_of(render_receipt_pdf(receipt, found))
    for needle in ("Ontvangstrapport monsters", "Temperatuur koelbox", "Afstemming met de COC",
                   "Afwijkingen bij ontvangst (ISO/IEC 17025 7.4.3)", "Opdrachtgever geraadpleegd",
                   "Ontvangen potten en flessen", "Onderwerp Afwijking Toelichting",
                   "4,2 °C (gemiddelde van 4,1; 4,3); het lab accepteert 1-8 °C",
                   "SEAL-OTHER, verbroken; COC vermeldt SEAL-COC-0001",
                   "zegel zegel zegel verbroken",  # subject, kind, detail
                   "zegelnummer SEAL-OTHER wijkt af van de COC (SEAL-COC-0001)",
                   "FA-T0004 ontbrekend op de COC, niet in de koelbox",
                   "FA-T0003 beschadigd beschadigd bij ontvangst",
                   "FA-NIET-HIER-1 onverwacht FA-NIET-HIER-1 is hier onbekend en staat niet op deze COC.",
                   "Ontvangst van COC COC-0001 · gemaakt met FieldApp", "Pagina 1"):
        assert needle in dutch, needle
    for english in ("receipt report", "Cooler temperature", "not in the cooler", "seal broken", "4.2", "Page"):
        assert english not in dutch, english

    english = text_of(render_receipt_pdf(receipt, found, lang="en"))
    for needle in ("Sample receipt report", "Cooler temperature", "Deviations found on receipt",
                   "4.2 °C, mean of 4.1, 4.3; lab accepts 1-8 °C", "SEAL-OTHER, broken; COC says SEAL-COC-0001",
                   "seal seal seal broken", "FA-T0004 missing on the COC, not in the cooler",
                   "FA-T0003 damaged damaged on receipt", "is not known here and not on this COC.",
                   "Receipt of COC COC-0001 · made by FieldApp", "Page 1"):
        assert needle in english, needle
    for dutch_word in ("Ontvangst", "koelbox", "verbroken", "4,2"):
        assert dutch_word not in english, dutch_word


def test_a_warm_cooler_at_a_lab_without_own_terms_is_out_of_range_in_dutch(session: Session) -> None:
    box = cooler(session, 1, lab="Lab Noord B.V.")
    receipt = open_shipment(session, "COC-0001")
    receipt.scan(box.codes[0])
    receipt.header.readings = [9.0, 9.4]
    dutch = text_of(render_receipt_pdf(receipt, closing.deviations(receipt)))
    assert "9,2 °C (gemiddelde van 9,0; 9,4); het lab accepteert 0-8 °C — BUITEN BEREIK" in dutch
    assert "temperatuur temperatuur koelbox op 9,2 °C, buiten 0-8 °C (overig laboratorium)" in dutch
    english = text_of(render_receipt_pdf(receipt, closing.deviations(receipt), lang="en"))
    assert "cooler at 9.2 °C, outside 0-8 °C (Any other lab)" in english and "— OUT OF RANGE" in english


def test_the_details_of_late_and_incomplete_jars_are_said_in_dutch() -> None:
    late = "sampled 120 h before receipt, NEN 5740 standaardpakket grond: droge stof allows 96 h"
    assert error_text.said(late, "nl") == (
        "bemonsterd 120 u voor ontvangst, NEN 5740 standaardpakket grond: droge stof staat 96 u toe")
    assert error_text.said("jars FA-1, FA-2 of MM2 (PFAS) not received: it cannot be composed as ordered", "nl") == (
        "potten FA-1, FA-2 van MM2 (PFAS) niet ontvangen: het analysemonster kan niet worden samengesteld zoals "
        "besteld")
    assert error_text.said("on the COC, not in the shipment record: FA-9", "nl") == (
        "op de COC, niet in de zending: FA-9")


_KINDS = ["temperature", "seal", "manifest", "missing", "unexpected", "damaged", "holding time", "analysis sample"]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_heading_label_and_state_fits_its_column_without_breaking_a_word(lang: Lang) -> None:
    """A word wider than its column is broken inside it ("Buiten houd-baarheid"): none is."""
    register_fonts()
    phrases = {name: [[head] for head, _width in columns] for name, columns in report.COLUMNS.items()}
    phrases["facts"][0] = ["COC number", "Laboratory", "Received by", "Received at", "Cooler temperature", "Seal",
                           "Remarks"]
    phrases["deviations"][0] += ["temperature", "seal", "manifest"]
    phrases["deviations"][1] += _KINDS
    phrases["containers"][3] += ["received", "damaged", "out of holding time"]
    phrases["analyses"][3] += ["complete", "incomplete: {jars} not received"]
    for name, columns in report.COLUMNS.items():
        for (_head, width), said in zip(columns, phrases[name], strict=True):
            for word in (w for phrase in said for w in error_text.word(phrase, lang).split()):
                assert stringWidth(word, FONT, 9) <= width * mm - 12, (name, word)  # 6 pt padding either side
