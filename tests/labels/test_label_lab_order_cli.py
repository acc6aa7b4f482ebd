"""`fieldapp shipment order` and `fieldapp coc` on a real database: the order on the printed form."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from label_helpers import run_cli
from test_label_lab_order import pdftotext

from fieldapp import demo
from fieldapp.domain import container, lab_order, sample, shipment
from fieldapp.domain import project as project_mod
from fieldapp.errors import ValidationError
from fieldapp.session import Session
from fieldapp.settings import Settings

PROJECT = "2026-0142"
LAB = "Eurofins Analytico"


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("FIELDAPP_CONFIG_DIR", str(tmp_path / "config"))
    path = tmp_path / "field.sqlite"
    with Session.open(path, settings=Settings(user="J. de Vries")) as session:
        demo.create(session, boreholes=2, seed=1, project_code=PROJECT)
    return path



def _new_cooler(db: Path, code: str, n: int = 3) -> list[str]:
    """A new shipment to LAB with ``n`` new jars of the project's second sample; returns their barcodes."""
    with Session.open(db, settings=Settings(user="J. de Vries")) as session:
        proj = project_mod.by_code(session.store, PROJECT)
        smp = sample.of_project(session.store, proj.id)[1]  # not M01-1: the kept-back jar's, out of time
        codes = [container.add(session, smp.id, container_type="Pot").barcode for _ in range(n)]
    assert run_cli("shipment", "create", "--db", str(db), "--project", PROJECT, "--lab", LAB, "--code", code) == 0
    assert run_cli("shipment", "add", "--db", str(db), "--shipment", code, *codes) == 0
    return codes


def _order_row(db: Path, code: str) -> tuple[object, ...]:
    with sqlite3.connect(db) as conn:
        return tuple(conn.execute(f"SELECT {', '.join(lab_order.COLUMNS)} FROM shipment WHERE code = ?",
                                  (code,)).fetchone())


def test_the_order_set_on_the_command_line_is_on_the_printed_form(db: Path, tmp_path: Path) -> None:
    _new_cooler(db, "COC-0100")
    assert run_cli("shipment", "order", "--db", str(db), "--shipment", "COC-0100", "--client-number", "1234567890",
               "--quotation", "OFF-2026-00123", "--results-to", "M. van den Berg", "--results-email",
               "m.vandenberg@bureau.nl", "--turnaround", "urgent", "--days", "2", "--as3000", "yes") == 0
    out = tmp_path / "order.pdf"
    assert run_cli("coc", "--db", str(db), "--shipment", "COC-0100", "--out", str(out)) == 0
    (page,) = pdftotext(out.read_bytes(), tmp_path)
    flat = " ".join(page.split())
    for phrase in ("Opdrachtformulier laboratorium", "Klantnummer 1234567890", "Offertenummer OFF-2026-00123",
                   "Uitslag naar M. van den Berg", "E-mail uitslag m.vandenberg@bureau.nl",
                   "Doorlooptijd spoed, 2 werkdagen", "AS3000 vereist ja", "Laboratorium Eurofins Analytico"):
        assert phrase in flat, phrase
    # only the options given change
    assert run_cli("shipment", "order", "--db", str(db), "--shipment", "COC-0100", "--as3000", "no") == 0
    assert _order_row(db, "COC-0100") == ("1234567890", "OFF-2026-00123", "M. van den Berg",
                                          "m.vandenberg@bureau.nl", "urgent", 2, 0)


def test_the_next_shipment_to_the_same_lab_starts_from_the_last_order(db: Path) -> None:
    _new_cooler(db, "COC-0100")
    assert run_cli("shipment", "order", "--db", str(db), "--shipment", "COC-0100", "--client-number", "C-778",
               "--quotation", "Q-1", "--as3000", "yes") == 0
    _new_cooler(db, "COC-0101")
    assert _order_row(db, "COC-0101") == ("C-778", "Q-1", None, None, None, None, 1)
    with Session.open(db) as session:  # another lab is another agreement
        proj = project_mod.by_code(session.store, PROJECT)
        other = shipment.create(session, proj.id, lab="SYNLAB", code="COC-0102")
        assert lab_order.of_shipment(session.store, other.id) == lab_order.LabOrder()


@pytest.mark.parametrize(("argv", "message"), [
    (("--client-number", "1" * 21), "client number: The client number '111111111111111111111' has 21 characters; "
                                    "at most 20 fit the lab's form."),
    (("--client-number", "12 34"), "client number: The client number '12 34' has characters a lab number does not"),
    (("--quotation", "Q" * 31), "quotation: The quotation number"),
    (("--results-email", "m.berg-at-bureau.nl"), "results e-mail: 'm.berg-at-bureau.nl' is not an e-mail address."),
    (("--turnaround", "urgent"), "turnaround days: An urgent order needs the number of working days."),
    (("--days", "0"), "turnaround days: A turnaround of 0 working days is not a lab order."),
    (("--days", "45"), "Give 1 to 30 working days."),
])
def test_bad_order_values_get_one_clear_message_and_nothing_is_saved(
        db: Path, argv: tuple[str, ...], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    _new_cooler(db, "COC-0100")
    assert run_cli("shipment", "order", "--db", str(db), "--shipment", "COC-0100", "--client-number", "OK-1") == 0
    capsys.readouterr()
    before = _order_row(db, "COC-0100")
    assert run_cli("shipment", "order", "--db", str(db), "--shipment", "COC-0100", *argv) == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert _order_row(db, "COC-0100") == before


def test_the_order_of_a_handed_over_cooler_stays_as_sent(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _new_cooler(db, "COC-0100")
    assert run_cli("shipment", "order", "--db", str(db), "--shipment", "COC-0100", "--client-number", "C-1") == 0
    assert run_cli("shipment", "handover", "--db", str(db), "--shipment", "COC-0100", "--to", "DHL") == 0
    capsys.readouterr()
    assert run_cli("shipment", "order", "--db", str(db), "--shipment", "COC-0100", "--client-number", "C-2") == 1
    assert "already been handed over with its form" in capsys.readouterr().err
    assert _order_row(db, "COC-0100")[0] == "C-1"


def test_a_bottle_filtered_in_the_field_says_so_on_the_form(db: Path, tmp_path: Path) -> None:
    with Session.open(db, settings=Settings(user="J. de Vries")) as session:
        proj = project_mod.by_code(session.store, PROJECT)
        smp = sample.of_project(session.store, proj.id)[1]  # not M01-1: the kept-back jar's, out of time
        filtered = container.add(session, smp.id, container_type="Fles", barcode="FA-FILTER01",
                                 preservation="HNO3", filtered=True)
        unfiltered = container.add(session, smp.id, container_type="Fles", barcode="FA-FILTER02", filtered=False)
        assert (filtered.filtered, unfiltered.filtered) == (1, 0)
        with pytest.raises(ValidationError, match="client number"):
            lab_order.check(lab_order.LabOrder(client_number="x" * 40))
    assert run_cli("shipment", "create", "--db", str(db), "--project", PROJECT, "--lab", LAB, "--code", "COC-0100") == 0
    assert run_cli("shipment", "add", "--db", str(db), "--shipment", "COC-0100", "FA-FILTER01", "FA-FILTER02") == 0
    out = tmp_path / "order.pdf"
    assert run_cli("coc", "--db", str(db), "--shipment", "COC-0100", "--out", str(out)) == 0
    lines = pdftotext(out.read_bytes(), tmp_path)[0].splitlines()
    row1 = next(x for x in lines if "FA-FILTER01" in x and "parameters" not in x)  # not the analysis sample's
    row2 = next(x for x in lines if "FA-FILTER02" in x and "parameters" not in x)
    assert " ja " in f"{row1} " and "HNO3" in row1 and "nee" not in row1
    assert " nee " in f"{row2} " and " ja " not in f"{row2} "


def test_the_projects_analysis_samples_are_on_the_form_with_package_and_jars_and_in_its_qr_codes(
        db: Path, tmp_path: Path) -> None:
    """The demo's analysis samples (composed across boreholes) as the lab gets them from `fieldapp coc`."""
    from label_helpers import decode, rasterise_pdf

    from fieldapp.domain import analysis_package, analysis_sample
    from fieldapp.labels.manifest import ManifestAnalysis, decode_manifest

    with Session.open(db, settings=Settings(user="J. de Vries")) as session:
        proj = project_mod.by_code(session.store, PROJECT)
        composed = analysis_sample.of_project(session.store, proj.id)
        assert len(composed) >= 2
        expected = {a.code: (a.analysis_package, [j.barcode for j in analysis_sample.jars(session.store, a.id)])
                    for a in composed}
        # one more jar of MM1's first field sample, filled after the cooler was handed over
        first = analysis_sample.members(session.store, composed[0].id)[0]
        late = container.add(session, first.field_sample_id, container_type="Pot", barcode="FA-LATE0001")
    out = tmp_path / "order.pdf"
    assert run_cli("coc", "--db", str(db), "--shipment", "COC-0001", "--out", str(out)) == 0
    pages = pdftotext(out.read_bytes(), tmp_path)
    everything = "\n".join(pages)
    flat = " ".join(everything.split())
    for code, (package, jars) in expected.items():
        row = next(x for x in everything.splitlines() if x.split()[1:2] == [code])
        assert analysis_package.get(str(package)).nl.split()[0] in row, row
        assert f"({package})" in flat
        for barcode in jars:
            assert barcode in everything
    assert "ook:" in flat and f"{late.barcode} (nog niet" in flat  # the lab waits for it
    assert "Te mengen potten" in flat and "Voor analysemonster" in flat
    scanned = [t for image in rasterise_pdf(out.read_bytes(), 300, tmp_path) for kind, t in decode(image)
               if kind == "qr"]
    manifest = decode_manifest(*scanned)
    assert manifest.analyses == tuple(ManifestAnalysis(code, str(package), tuple(jars))
                                      for code, (package, jars) in expected.items())
