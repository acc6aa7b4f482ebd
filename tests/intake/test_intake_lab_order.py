"""Lab intake against the lab order: the analysis samples read off the printed COC's QR codes."""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path

from intake_helpers import cooler
from pypdf import PdfReader
from test_intake_manifest_pdf import qr_texts

from fieldapp.codelists import CodeLists
from fieldapp.intake import closing
from fieldapp.intake.receipt import open_manifest, open_shipment
from fieldapp.intake.report import render_receipt_pdf
from fieldapp.intake.scan import Outcome
from fieldapp.labels.coc import render_coc_pdf
from fieldapp.labels.data import CocAnalysis
from fieldapp.labels.from_store import shipment_coc
from fieldapp.labels.manifest import ManifestAnalysis, decode_manifest, encode_parts_v1
from fieldapp.session import Session
from fieldapp.settings import Settings


def _printed_order(session: Session, codes: list[str], folder: Path) -> list[str]:
    """The COC of COC-0001 with two analysis samples (MM1 = jars 1+2, MM2 = jars 3+4; jars 5 and 6 on
    none), printed and scanned back: the manifest parts as the lab's scanner reads them."""
    coc = shipment_coc(session.store, "COC-0001", lists=session.lists)
    coc = dataclasses.replace(coc, analyses=(
        CocAnalysis("MM1", "NEN5740-GROND", "NEN 5740 standaardpakket grond", matrix="BS", barcodes=tuple(codes[:2])),
        CocAnalysis("MM2", "PFAS", "PFAS", matrix="BS", barcodes=tuple(codes[2:4]))))
    return qr_texts(render_coc_pdf(coc), folder)


def test_a_missing_jar_of_an_analysis_sample_and_a_jar_not_on_the_order_are_reported(
        session: Session, tmp_path: Path) -> None:
    """Jar 4 of MM2 stays behind; a jar of another project is in the cooler; jar 5 is in no
    analysis sample (a reserve jar: noted, not a deviation)."""
    box = cooler(session, 6)
    parts = _printed_order(session, box.codes, tmp_path)
    manifest = decode_manifest(*parts)
    assert manifest.analyses == (ManifestAnalysis("MM1", "NEN5740-GROND", tuple(box.codes[:2])),
                                 ManifestAnalysis("MM2", "PFAS", tuple(box.codes[2:4])))

    with Session.open(tmp_path / "lab.sqlite", settings=Settings(user="lab"), lists=CodeLists.load()) as lab:
        receipt = open_manifest(lab, manifest)
        for code in (box.codes[0], box.codes[1], box.codes[2], box.codes[4]):
            assert receipt.scan(code).outcome is Outcome.RECEIVED
        assert receipt.scan("FA-OTHER0001").outcome is Outcome.UNKNOWN
        rec = closing.reconcile(receipt)
        assert rec.incomplete == (("MM2", (box.codes[3],)),)
        assert rec.reserve == (box.codes[4],)
        assert rec.to_json()["analysis_samples_incomplete"] == {"MM2": [box.codes[3]]}
        found = {(d.subject, d.kind): d.detail for d in closing.deviations(receipt)}
        assert f"jar {box.codes[3]} of MM2 (PFAS) not received" in found[("MM2", "analysis sample")]
        assert "not on this COC" in found[("FA-OTHER0001", "unexpected")]
        assert ("MM1", "analysis sample") not in found and (box.codes[4], "unexpected") not in found
        assert "1 analysis samples incomplete" in closing.condition(receipt)
        # the receipt report lists the order's analysis samples with their state
        receipt.header.consulted = "M. van den Berg: analyse MM2 zonder pot 4"
        found_now = closing.close(receipt)
        report = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(
            render_receipt_pdf(receipt, found_now))).pages).split())
        assert "Analysemonsters op de laboratoriumopdracht" in report and "MM1 NEN5740-GROND" in report
        assert f"onvolledig: {box.codes[3]} niet ontvangen" in report  # Dutch: it goes to the lab
        assert f"pot {box.codes[3]} van MM2 (PFAS) niet ontvangen" in report
        english = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(
            render_receipt_pdf(receipt, found_now, lang="en"))).pages).split())
        assert "Analysis samples on the lab order" in english and "MM1 NEN5740-GROND" in english
        assert f"incomplete: {box.codes[3]} not received" in english


def test_at_a_lab_with_the_shipment_scanning_the_coc_brings_in_the_order(session: Session, tmp_path: Path) -> None:
    box = cooler(session, 6)
    parts = _printed_order(session, box.codes, tmp_path)
    receipt = open_shipment(session, "COC-0001")
    assert receipt.analyses == ()
    results = [receipt.scan(p) for p in parts]
    assert results[-1].outcome is Outcome.MANIFEST and "agrees with" in results[-1].message
    assert [a.code for a in receipt.analyses] == ["MM1", "MM2"]
    for code in box.codes[:4]:
        receipt.scan(code)
    rec = closing.reconcile(receipt)
    assert rec.incomplete == () and rec.reserve == ()  # jars 5 and 6 are still missing, nothing more
    assert rec.missing == tuple(box.codes[4:])
    receipt.scan(box.codes[5])
    assert closing.reconcile(receipt).reserve == (box.codes[5],)


def test_a_coc_printed_before_the_lab_order_still_receives(session: Session, tmp_path: Path) -> None:
    box = cooler(session, 4)
    with Session.open(tmp_path / "lab.sqlite", settings=Settings(user="lab"), lists=CodeLists.load()) as lab:
        receipt = open_manifest(lab, decode_manifest(*encode_parts_v1("COC-0001", [box.codes[:2], box.codes[2:]])))
        for code in box.codes[:3]:
            assert receipt.scan(code).outcome is Outcome.RECEIVED
        rec = closing.reconcile(receipt)
        assert (rec.missing, rec.incomplete, rec.reserve) == ((box.codes[3],), (), ())


def test_the_analysis_samples_composed_in_the_project_reach_intake_through_the_printed_coc(
        tmp_path: Path) -> None:
    """End to end on the demo project: analysis samples composed across boreholes, `fieldapp coc`'s
    form printed and its QR codes read at a lab without the hub; one jar of MM1 stays behind."""
    from fieldapp import demo
    from fieldapp.domain import analysis_sample, project

    with Session.open(tmp_path / "field.sqlite", settings=Settings(user="J. de Vries"),
                      lists=CodeLists.load()) as field:
        demo.create(field, boreholes=4, seed=3, project_code="P7")
        proj = project.by_code(field.store, "P7")
        composed = {a.code: [j.barcode for j in analysis_sample.jars(field.store, a.id)]
                    for a in analysis_sample.of_project(field.store, proj.id)}
        parts = qr_texts(render_coc_pdf(shipment_coc(field.store, "COC-0001", lists=field.lists)), tmp_path)
    assert len(composed["MM1"]) >= 2
    with Session.open(tmp_path / "lab.sqlite", settings=Settings(user="lab"), lists=CodeLists.load()) as lab:
        receipt = open_manifest(lab, decode_manifest(*parts))
        assert {a.code: list(a.barcodes) for a in receipt.analyses} == composed
        behind = composed["MM1"][-1]
        for code in receipt.expected:
            if code != behind:
                assert receipt.scan(code).outcome is Outcome.RECEIVED
        rec = closing.reconcile(receipt)
        assert rec.missing == (behind,) and rec.incomplete == (("MM1", (behind,)),)
        assert set(rec.reserve) == set(receipt.expected) - {b for jars in composed.values() for b in jars}


def test_fieldapp_intake_scan_reads_the_order_off_the_coc_and_reports_an_incomplete_analysis_sample(
        session: Session, tmp_path: Path) -> None:
    """Headless, as a lab without the hub runs it: the COC's QR codes first, then the jars."""
    import json

    from test_intake_cli import run

    box = cooler(session, 6)
    parts = _printed_order(session, box.codes, tmp_path)
    lab_db = tmp_path / "lab.sqlite"
    with Session.open(lab_db, settings=Settings(user="lab"), lists=CodeLists.load()):
        pass
    done = run(["intake", "scan", "--db", str(lab_db)], "\n".join([*parts, *box.codes[:3], box.codes[4]]) + "\n",
               tmp_path)
    assert done.returncode == 0, done.stderr
    last = json.loads(done.stdout.splitlines()[-1])
    assert last["offline"] is True
    assert last["reconciliation"]["analysis_samples_incomplete"] == {"MM2": [box.codes[3]]}
    assert last["reconciliation"]["reserve"] == [box.codes[4]]


def test_fieldapp_intake_scan_with_shipment_takes_the_order_from_the_database_as_the_form_does(
        tmp_path: Path) -> None:
    """`--shipment COC-0001` on the real CLI: the analysis samples composed in the project are the cooler's lab
    order as the printed form's QR codes carry it, so jar 4 of MM2 left behind is the same incomplete analysis
    sample, and jar 5 the same reserve, in the reconciliation, the close and the report."""
    import json
    import shutil

    from test_intake_cli import run

    from fieldapp.domain import analysis_sample

    db = tmp_path / "lab.sqlite"
    with Session.open(db, settings=Settings(user="lab"), lists=CodeLists.load()) as lab:
        box = cooler(lab, 6)
        sample_of = {str(r["barcode"]): str(r["sample_id"]) for r in lab.store.query(
            "SELECT barcode, sample_id FROM container")}
        for code, jars, package in (("MM1", box.codes[:2], "NEN5740_GROND"), ("MM2", box.codes[2:4], "PFAS")):
            analysis_sample.create(lab, box.shipment.project_id, code=code,
                                   field_sample_ids=[sample_of[j] for j in jars], package=package)
        parts = qr_texts(render_coc_pdf(shipment_coc(lab.store, "COC-0001", lists=lab.lists)), tmp_path)
    shutil.copy(db, tmp_path / "form.sqlite")
    scans = "\n".join([box.codes[0], box.codes[1], box.codes[2], box.codes[4]]) + "\n"
    close = ["--close", "--consulted", "M. van den Berg: analyse MM2 zonder pot 4"]

    by_number = run(["intake", "scan", "--db", str(db), "--shipment", "COC-0001", *close, "--report",
                     str(tmp_path / "by-number.pdf")], scans, tmp_path)
    by_form = run(["intake", "scan", "--db", str(tmp_path / "form.sqlite"), *close], "\n".join(parts) + "\n" + scans,
                  tmp_path)
    assert by_number.returncode == 0, by_number.stderr
    assert by_form.returncode == 0, by_form.stderr
    number_lines = [json.loads(line) for line in by_number.stdout.splitlines()]
    form_lines = [json.loads(line) for line in by_form.stdout.splitlines()]
    rec = number_lines[-2]["reconciliation"]
    assert rec["analysis_samples_incomplete"] == {"MM2": [box.codes[3]]} and rec["reserve"] == [box.codes[4]]
    assert rec == form_lines[-2]["reconciliation"]
    closed = {(d["subject"], d["kind"]): d["detail"] for d in number_lines[-1]["deviations"]}
    assert closed[("MM2", "analysis sample")] == (
        f"jar {box.codes[3]} of MM2 (PFAS) not received: it cannot be composed as ordered")
    assert ("MM2", "analysis sample") in {(d["subject"], d["kind"]) for d in form_lines[-1]["deviations"]}
    report = " ".join(" ".join(p.extract_text() for p in PdfReader(tmp_path / "by-number.pdf").pages).split())
    assert "Analysemonsters op de laboratoriumopdracht" in report
    assert f"pot {box.codes[3]} van MM2 (PFAS) niet ontvangen" in report
