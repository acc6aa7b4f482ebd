"""Dutch first on paper: the labels and the lab order of a Dutch project write depths with the decimal
comma ("0,00-0,50 m"), as the lab reads them; a lab order in English keeps the point. What a barcode or
QR code encodes, and the ZPL commands, are left as they were."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from label_helpers import decode, run_cli
from PIL import Image
from pypdf import PdfReader
from test_label_lab_order import pdftotext

from fieldapp.labels.from_store import project_labels, shipment_coc
from fieldapp.labels.manifest import decode_manifest
from fieldapp.session import Session
from fieldapp.settings import Settings

Raster = Callable[[bytes, int], list[Image.Image]]
PROJECT = "2026-0142"
DUTCH_DEPTH = re.compile(r"(?<![\d,.])\d+,\d\d-\d+,\d\d m")
POINT_DEPTH = re.compile(r"(?<![\d,.])\d+\.\d\d-\d+\.\d\d m")



@pytest.fixture(autouse=True)
def _own_config(own_config: None) -> None:
    """Each test with a settings folder of its own."""



def test_a_label_pdf_writes_the_depth_with_the_decimal_comma_and_its_codes_still_read(
        demo_db: Path, tmp_path: Path, rasterise: Raster) -> None:
    with Session.open(demo_db) as session:
        items = [label for _cid, label in project_labels(session.store, PROJECT)]
    first = next(label for label in items if label.depth.startswith("0,00-"))
    assert DUTCH_DEPTH.fullmatch(first.depth), first.depth
    out = tmp_path / "labels.pdf"
    assert run_cli("labels", "--db", str(demo_db), "--project", PROJECT, "--layout", "brother-62x29",
               "--containers", first.barcode, "--out", str(out)) == 0
    text = " ".join((PdfReader(io.BytesIO(out.read_bytes())).pages[0].extract_text() or "").split())
    assert first.depth in text and not POINT_DEPTH.search(text), text
    assert [decode(p) for p in rasterise(out.read_bytes(), 300)] == [
        {("code128", first.barcode), ("qr", first.barcode)}]


def test_a_zpl_label_writes_the_depth_with_the_decimal_comma_and_encodes_the_barcode_unchanged(
        demo_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "all.zpl"
    assert run_cli("labels", "--db", str(demo_db), "--project", PROJECT, "--layout", "zebra-2x1-203",
               "--out", str(out)) == 0
    zpl = out.read_text(encoding="utf-8")
    with Session.open(demo_db) as session:
        labels = [label for _cid, label in project_labels(session.store, PROJECT)]
    for label, fmt in zip(labels, zpl.split("^XZ"), strict=False):
        assert f"^FDMA,{label.barcode}^FS" in fmt  # the QR payload
        assert f"^FD{label.barcode}^FS" in fmt  # the Code 128 payload: the barcode, as it was
        texts = re.findall(r"\^FH_\^FD(.*?)\^FS", fmt)
        assert label.depth in texts, (label.depth, texts)
    assert DUTCH_DEPTH.search(zpl) and not POINT_DEPTH.search(zpl)
    assert "^FO" in zpl and "^PW" in zpl  # the commands keep their own numbers


def test_the_lab_order_is_dutch_with_the_decimal_comma_and_english_keeps_the_point(
        demo_db: Path, tmp_path: Path, rasterise: Raster) -> None:
    out = tmp_path / "order.pdf"
    assert run_cli("coc", "--db", str(demo_db), "--shipment", "COC-0001", "--out", str(out)) == 0
    pdf = out.read_bytes()
    dutch = "\n".join(pdftotext(pdf, tmp_path))
    assert "0,00-0,50 m" in dutch and DUTCH_DEPTH.search(dutch)
    assert not POINT_DEPTH.search(dutch), POINT_DEPTH.findall(dutch)
    scanned = [t for image in rasterise(pdf, 300) for kind, t in decode(image) if kind == "qr"]
    with Session.open(demo_db) as session:
        coc = shipment_coc(session.store, "COC-0001", PROJECT, session.lists)
    assert decode_manifest(*scanned).codes == tuple(r.barcode for r in coc.rows)  # the QR codes, as they were

    english = tmp_path / "order-en.pdf"
    assert run_cli("coc", "--db", str(demo_db), "--shipment", "COC-0001", "--out", str(english), "--lang", "en") == 0
    text = "\n".join(pdftotext(english.read_bytes(), tmp_path))
    assert "0.00-0.50 m" in text and not DUTCH_DEPTH.search(text)


def test_the_temperature_on_receipt_is_said_in_the_form_s_language(demo_db: Path) -> None:
    from fieldapp.domain import shipment

    with Session.open(demo_db, settings=Settings(user="J. de Vries")) as session:
        ship = shipment.by_code(session.store, "COC-0001")
        session.store.conn.execute("UPDATE shipment SET temperature_c = 3.5 WHERE id = ?", (ship.id,))
        session.store.conn.commit()
        assert shipment_coc(session.store, "COC-0001", PROJECT, session.lists).temperature_on_receipt == "3,5"
        assert shipment_coc(session.store, "COC-0001", PROJECT, session.lists, lang="en").temperature_on_receipt \
            == "3.5"
