"""Without the hub: the expected list read off a rendered COC PDF equals the shipment's."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import zxingcpp
from intake_helpers import cooler
from PIL import Image

from fieldapp.codelists import CodeLists
from fieldapp.intake import closing
from fieldapp.intake.receipt import open_manifest, open_shipment
from fieldapp.intake.scan import Outcome
from fieldapp.labels.coc import render_coc_pdf
from fieldapp.labels.from_store import shipment_coc
from fieldapp.labels.manifest import decode_manifest
from fieldapp.session import Session
from fieldapp.settings import Settings


def qr_texts(pdf: bytes, folder: Path) -> list[str]:
    if shutil.which("pdftoppm") is None:
        pytest.fail("pdftoppm (poppler-utils) is needed to read the printed COC")
    (folder / "coc.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "300", "-gray", "-png", str(folder / "coc.pdf"), str(folder / "page")],
                   check=True)
    out = []
    for page in sorted(folder.glob("page-*.png")):
        out += [r.text for r in zxingcpp.read_barcodes(Image.open(page))
                if r.format == zxingcpp.BarcodeFormat.QRCode]
    return out


def test_the_coc_manifest_gives_the_same_expected_list_at_a_lab_without_the_hub(
        session: Session, tmp_path: Path) -> None:
    box = cooler(session, 50)
    pdf = render_coc_pdf(shipment_coc(session.store, "COC-0001", lists=session.lists))
    parts = qr_texts(pdf, tmp_path)
    assert len(parts) >= 2  # 50 containers span pages; one manifest part per page
    from_db = open_shipment(session, "COC-0001")

    # a lab laptop that never saw this shipment: an empty database
    with Session.open(tmp_path / "lab.sqlite", settings=Settings(user="lab"), lists=CodeLists.load()) as lab:
        receipt = open_manifest(lab, decode_manifest(*reversed(parts)))
        assert receipt.offline and receipt.coc_number == "COC-0001"
        assert list(receipt.expected) == list(from_db.expected) == box.codes
        for code in box.codes[:49]:
            assert receipt.scan(code).outcome is Outcome.RECEIVED
        assert receipt.scan("FA-ELSE0001").outcome is Outcome.UNKNOWN
        rec = closing.reconcile(receipt)
        assert (rec.received, rec.missing, rec.unexpected) == (49, (box.codes[49],), ("FA-ELSE0001",))
        assert lab.store.count("journal") == 0  # offline: the report is the record, the database untouched

    # at a lab that has the shipment, scanning the COC checks it against the record
    check = [from_db.scan(part) for part in parts]
    assert check[-1].outcome is Outcome.MANIFEST and "agrees with" in check[-1].message
