"""The sampling time on labels and the user on the COC (issue 16): a sample taken without
a time given is dated now, and its label carries that date; the COC names the user who
packed the cooler and whom it was handed to."""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

from pypdf import PdfReader

from fieldapp.domain import borehole, container, layer, project, sample, shipment
from fieldapp.domain.sample import Part
from fieldapp.labels.coc import render_coc_pdf
from fieldapp.labels.from_store import project_labels, shipment_coc
from fieldapp.labels.layouts import get_layout
from fieldapp.labels.pdf import render_labels_pdf
from fieldapp.session import Session
from fieldapp.settings import Settings


def text_of(pdf: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_a_sample_without_a_given_time_is_dated_today_on_its_label_and_coc(tmp_path: Path) -> None:
    with Session.open(tmp_path / "f.sqlite", settings=Settings(user="A. Bakker")) as s:
        proj = project.create(s, code="P1", name="Nieuw project")  # no field staff listed
        hole = borehole.create(s, proj.id, code="B01")
        layer.add(s, hole.id, upper="0", lower="1", soil="Zs1")
        smp = sample.create(s, proj.id, code="M01", kind="field_sample", matrix="BS", parts=[Part(hole.id, "0", "0.5")])
        jar = container.add(s, smp.id, container_type="Pot", barcode="FA-T001")
        wrong = container.add(s, smp.id, container_type="Pot", barcode="FA-T002")
        container.void(s, wrong.id, "scanned by mistake")  # a voided container gets no label
        today = datetime.now().astimezone().strftime("%Y-%m-%d")
        (_cid, label), = project_labels(s.store, "P1")
        assert label.sampled == today
        assert today in text_of(render_labels_pdf(get_layout("brother-62x29"), [label]))
        cooler = shipment.create(s, proj.id, lab="SYNLAB", container_ids=[jar.id])
        shipment.relinquish(s, cooler.id, to="DHL koerier")
        coc = shipment_coc(s.store, cooler.code)
    assert coc.sampler == "A. Bakker" and coc.rows[0].sampled_at.startswith(today)
    assert (coc.transfers[0].relinquished_by, coc.transfers[0].received_by) == ("A. Bakker", "DHL koerier")
    assert coc.transfers[1].relinquished_by == "DHL koerier"
    words = text_of(render_coc_pdf(coc))
    assert "A. Bakker" in words and "DHL koerier" in words
