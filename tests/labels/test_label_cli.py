"""`fieldapp layouts`, `labels` and `coc` against a real demo database."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from label_helpers import decode, run_cli
from PIL import Image
from pypdf import PdfReader

from fieldapp import demo
from fieldapp.domain import shipment
from fieldapp.domain.custody import of_container
from fieldapp.labels.from_store import project_labels
from fieldapp.labels.manifest import decode_manifest
from fieldapp.session import Session
from fieldapp.settings import Settings

Raster = Callable[[bytes, int], list[Image.Image]]
PROJECT = "2026-0142"



@pytest.fixture(autouse=True)
def _own_config(own_config: None) -> None:
    """Each test with a settings folder of its own."""



def test_layouts_lists_every_layout(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli("layouts") == 0
    out = capsys.readouterr().out
    for name in ("avery-l7651", "brother-62-continuous", "brother-62x29", "zebra-2x1-203",
                 "zebra-2x1-300"):
        assert name in out


def test_labels_pdf_for_chosen_containers_reads_back_and_reprints_are_counted(
    demo_db: Path, tmp_path: Path, rasterise: Raster
) -> None:
    with Session.open(demo_db) as session:
        items = project_labels(session.store, PROJECT)
    assert len(items) >= 3
    (cid1, first), (_cid2, second) = items[0], items[1]
    out = tmp_path / "labels.pdf"
    args = ("labels", "--db", str(demo_db), "--project", PROJECT, "--layout", "brother-62x29",
            "--containers", f"{first.barcode.lower()}, {second.barcode}", "--out", str(out))
    assert run_cli(*args) == 0
    pages = rasterise(out.read_bytes(), 300)
    assert [decode(p) for p in pages] == [
        {("code128", first.barcode), ("qr", first.barcode)},
        {("code128", second.barcode), ("qr", second.barcode)},
    ]
    text = PdfReader(io.BytesIO(out.read_bytes())).pages[0].extract_text()
    assert first.sample_code in text and PROJECT in text and first.borehole_code in text

    assert run_cli(*args) == 0  # a reprint: same barcode, one more event
    with Session.open(demo_db) as session:
        printed = [e for e in of_container(session.store, cid1) if e.kind == "label_printed"]
    assert [e.remarks for e in printed] == [
        "label 1 (brother-62x29)", "label 2 (brother-62x29), reprint"
    ]
    assert decode(rasterise(out.read_bytes(), 300)[0]) == {
        ("code128", first.barcode), ("qr", first.barcode)
    }


def test_labels_zpl_has_one_format_per_container(demo_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "all.zpl"
    assert run_cli("labels", "--db", str(demo_db), "--project", PROJECT, "--layout", "zebra-2x1-203",
               "--out", str(out)) == 0
    with Session.open(demo_db) as session:
        codes = [label.barcode for _cid, label in project_labels(session.store, PROJECT)]
    zpl = out.read_text(encoding="utf-8")
    assert zpl.count("^XA") == len(codes)
    for code in codes:
        assert f"^FD{code}^FS" in zpl


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (("--layout", "dymo", "--out", "x.pdf"), "no label layout 'dymo'"),
        (("--layout", "avery-l7651", "--containers", " , ", "--out", "x.pdf"), "nothing to print"),
        (("--layout", "avery-l7651", "--containers", "FA-NOPE", "--out", "x.pdf"),
         "no container FA-NOPE"),
        (("--layout", "avery-l7651", "--out", "x.zpl"), "not for a Zebra printer"),
        (("--layout", "avery-l7651", "--out", "x.png"), "a .pdf or a .zpl"),
        (("--layout", "avery-l7651", "--start", "70", "--out", "x.pdf"), "Start position 70"),
    ],
)
def test_bad_label_requests_fail_clearly_and_write_nothing(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: tuple[str, ...],
    message: str,
) -> None:
    out_args = list(extra)
    out_args[-1] = str(tmp_path / out_args[-1])
    with Session.open(demo_db) as session:
        before = session.store.count("custody_event")
    assert run_cli("labels", "--db", str(demo_db), "--project", PROJECT, *out_args) == 1
    err = capsys.readouterr().err
    assert err.startswith("fieldapp: error:") and message in err and err.count("\n") == 1
    assert list(tmp_path.iterdir()) in ([], [tmp_path / "config"])
    with Session.open(demo_db) as session:
        assert session.store.count("custody_event") == before


def test_coc_of_a_demo_shipment_carries_its_containers(
    demo_db: Path, tmp_path: Path, rasterise: Raster
) -> None:
    with Session.open(demo_db) as session:
        project_id = session.store.query("SELECT id FROM project WHERE code = ?", (PROJECT,))[0]["id"]
        ship = shipment.of_project(session.store, project_id)[0]
        ids = shipment.container_ids(session.store, ship.id)
        barcodes = {r["barcode"] for r in session.store.query(
            f"SELECT barcode FROM container WHERE id IN ({','.join('?' * len(ids))})", tuple(ids))}
    out = tmp_path / "coc.pdf"
    assert run_cli("coc", "--db", str(demo_db), "--shipment", ship.code, "--out", str(out)) == 0
    pdf = out.read_bytes()
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert ship.code in text and (ship.seal_number or "") in text and "J. de Vries" in text
    scanned = [t for page in rasterise(pdf, 300) for kind, t in decode(page) if kind == "qr"]
    manifest = decode_manifest(*scanned)
    assert manifest.coc_number == ship.code
    assert set(manifest.codes) == barcodes and len(manifest.codes) == len(barcodes)


def test_coc_of_an_unknown_shipment_writes_nothing(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "coc.pdf"
    assert run_cli("coc", "--db", str(demo_db), "--shipment", "COC-9999", "--out", str(out)) == 1
    assert "no shipment with COC number 'COC-9999'" in capsys.readouterr().err
    assert not out.exists()


def test_a_barcode_too_long_for_the_layout_stops_the_run_before_anything_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from fieldapp.domain import container

    db = tmp_path / "small.sqlite"
    with Session.open(db, settings=Settings(user="J. de Vries")) as session:
        demo.create(session, boreholes=1, seed=2, project_code="P-1")
        sample_id = session.store.query("SELECT id FROM sample ORDER BY code LIMIT 1")[0]["id"]
        container.add(session, sample_id, container_type="Pot", barcode="FA-" + "W" * 29)
        before = session.store.count("custody_event")
    out = tmp_path / "labels.zpl"
    assert run_cli("labels", "--db", str(db), "--project", "P-1", "--layout", "zebra-2x1-203",
               "--out", str(out)) == 1
    assert "too long for a Code 128 on layout zebra-2x1-203" in capsys.readouterr().err
    assert not out.exists() and not list(tmp_path.glob(".labels*"))
    with Session.open(db) as session:
        assert session.store.count("custody_event") == before
