"""Lab intake against the lab order: the analysis samples read off the printed COC's QR codes."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from intake_helpers import cooler
from test_intake_manifest_pdf import qr_texts

from fieldapp.codelists import CodeLists
from fieldapp.intake import closing
from fieldapp.intake.receipt import open_manifest, open_shipment
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
    box = cooler(session, 6)
    parts = _printed_order(session, box.codes, tmp_path)
    manifest = decode_manifest(*parts)
    assert manifest.analyses == (ManifestAnalysis("MM1", "NEN5740-GROND", tuple(box.codes[:2])),
                                 ManifestAnalysis("MM2", "PFAS", tuple(box.codes[2:4])))

    with Session.open(tmp_path / "lab.sqlite", settings=Settings(user="lab"), lists=CodeLists.load()) as lab:
        receipt = open_manifest(lab, manifest)
        for code in (box.codes[0], box.codes[1], box.codes[2], box.codes[4]):
            assert receipt.scan(code).outcome is Outcome.RECEIVED
        rec = closing.reconcile(receipt)
        assert rec.incomplete == (("MM2", (box.codes[3],)),)
        assert rec.not_on_order == (box.codes[4],)
        assert rec.to_json()["analysis_samples_incomplete"] == {"MM2": [box.codes[3]]}
        found = {(d.subject, d.kind): d.detail for d in closing.deviations(receipt)}
        assert f"jar {box.codes[3]} of MM2 (PFAS) not received" in found[("MM2", "analysis sample")]
        assert ("MM1", "analysis sample") not in found
        assert found[(box.codes[4], "not on the order")].startswith("received, but no analysis sample")
        assert "1 analysis samples incomplete, 1 not on the order" in closing.condition(receipt)


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
    assert rec.incomplete == () and rec.not_on_order == ()  # jars 5 and 6 are still missing, nothing more
    assert rec.missing == tuple(box.codes[4:])
    receipt.scan(box.codes[5])
    assert closing.reconcile(receipt).not_on_order == (box.codes[5],)


def test_a_coc_printed_before_the_lab_order_still_receives(session: Session, tmp_path: Path) -> None:
    box = cooler(session, 4)
    with Session.open(tmp_path / "lab.sqlite", settings=Settings(user="lab"), lists=CodeLists.load()) as lab:
        receipt = open_manifest(lab, decode_manifest(*encode_parts_v1("COC-0001", [box.codes[:2], box.codes[2:]])))
        for code in box.codes[:3]:
            assert receipt.scan(code).outcome is Outcome.RECEIVED
        rec = closing.reconcile(receipt)
        assert (rec.missing, rec.incomplete, rec.not_on_order) == ((box.codes[3],), (), ())
