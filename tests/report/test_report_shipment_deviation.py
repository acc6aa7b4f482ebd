"""A deviation recorded on a whole shipment (packing it past the holding time) appears where a
projectleider looks (issue 15): under the log of each borehole whose containers the shipment carries
(and no other), in the field report's deviation list naming those boreholes, and in `fieldapp
deviations`. Before, it stood on no borehole log."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from pypdf import PdfReader

from fieldapp.domain import borehole, container, layer, project, sample, shipment
from fieldapp.domain.sample import Part
from fieldapp.export import export
from fieldapp.export.borelog.deviations import notes_for
from fieldapp.export.data import load
from fieldapp.labels.fonts import register_fonts
from fieldapp.report import write_report
from fieldapp.session import Session
from fieldapp.settings import Settings

FIELDAPP = Path(sys.executable).parent / "fieldapp"
LAB = "SYNLAB Analytics & Services, Rotterdam"


def _site(path: Path) -> None:
    """B01..B03 with a sample and a jar each; COC-0001 carries the jars of B01 and B02 and has a
    deviation of its own (as a device records it for the whole cooler, or a sync brings it)."""
    with Session.open(path, settings=Settings(user="J. de Vries")) as s:
        pid = project.create(s, code="P1", name="Zending", lab=LAB).id
        jars = []
        for n in (1, 2, 3):
            hole = borehole.create(s, pid, code=f"B0{n}")
            layer.add(s, hole.id, upper="0", lower="1", soil="Zs1")
            taken = (datetime.now(UTC) - timedelta(hours=5)).isoformat(timespec="seconds")
            smp = sample.create(s, pid, code=f"M0{n}", kind="field_sample", matrix="BS",
                                parts=[Part(hole.id, "0", "0.5")], sampled_at=taken, analyses=("PAK (10 VROM)",))
            jars.append(container.add(s, smp.id, container_type="Pot", barcode=f"FA-S00{n}").id)
        cooler = shipment.create(s, pid, lab=LAB, code="COC-0001", container_ids=jars[:2])
        with s.store.action("Deviation on shipment COC-0001") as tx:
            tx.insert("deviation", {
                "project_id": pid, "object_kind": "shipment", "object_id": cooler.id,
                "rule_id": "holding_time_exceeded", "part": "AS SIKB 3000 protocol 3001",
                "nature": "De koelbox is een dag later verpakt dan gepland.",
                "reason": "De koerier kwam niet; de box stond gekoeld in de bus.",
                "consequences": "Vluchtige stoffen mogelijk iets te laag.", "staff_id": None,
                "decided_at": "2026-12-01T16:00:00+00:00"})


def _text(pdf: Path) -> str:
    return " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(pdf).pages)


def test_it_is_under_the_log_of_each_borehole_the_shipment_carries(tmp_path: Path) -> None:
    db = tmp_path / "site.sqlite"
    _site(db)
    register_fonts()  # the notes are wrapped at the log's column width, in its font
    with Session.open(db, settings=Settings(user="t")) as s:
        data = load(s, "P1")
        parts = data.parts_of_borehole()
        noted = {b["code"]: " ".join(notes_for(b, parts.get(b["id"], []), data.deviations))
                 for b in data.boreholes}
        assert "Afwijking zending COC-0001" in noted["B01"] and "De koerier kwam niet" in noted["B01"]
        assert "Afwijking zending COC-0001" in noted["B02"]
        assert noted["B03"] == ""  # its jar is not in the cooler
        export(s, "P1", "borelogs", tmp_path / "logs")
    text = _text(next((tmp_path / "logs").glob("*.pdf")))
    assert text.count("Afwijking zending COC-0001") == 2


def test_the_field_report_and_fieldapp_deviations_name_the_shipment_and_its_boreholes(tmp_path: Path) -> None:
    db = tmp_path / "site.sqlite"
    _site(db)
    write_report(db, "P1", tmp_path / "report.pdf")
    text = _text(tmp_path / "report.pdf")
    assert "zending COC-0001 (boringen B01, B02)" in text and "De koerier kwam niet" in text
    env = {k: v for k, v in os.environ.items() if not k.startswith("FIELDAPP_CRASH")}
    run = subprocess.run([str(FIELDAPP), "deviations", "--db", str(db), "--project", "P1"],
                         capture_output=True, text=True, timeout=120, env=env)
    assert run.returncode == 0, run.stderr
    assert "COC-0001 (shipment)" in run.stdout and "  boringen: B01, B02" in run.stdout
    listed = json.loads(subprocess.run([str(FIELDAPP), "deviations", "--db", str(db), "--project", "P1", "--json"],
                                       capture_output=True, text=True, timeout=120, env=env).stdout)
    (d,) = listed["deviations"]
    assert (d["object_kind"], d["object_code"], d["boreholes"]) == ("shipment", "COC-0001", ["B01", "B02"])
