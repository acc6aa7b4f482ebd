"""What the field report counts and names is what was collected and who collected it."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from fieldapp.domain import borehole, container, layer, project, sample
from fieldapp.domain.project import Project
from fieldapp.domain.sample import Part
from fieldapp.report import write_report
from fieldapp.report.content import FieldReport
from fieldapp.report.pdf import render
from fieldapp.session import Session
from fieldapp.settings import Settings


def test_a_container_voided_as_scanned_by_mistake_is_not_counted(tmp_path: Path) -> None:
    """The report counted every container row, the voided too: a jar scanned by mistake and taken off
    the record was reported as collected, one more than the COC and the lab's receipt."""
    started = "2026-07-01T10:00:00+02:00"
    with Session.open(tmp_path / "site.sqlite", settings=Settings(user="J. de Vries")) as s:
        pid = project.create(s, code="2026-0142", name="Potjes", start_date="2026-06-01").id
        hole = borehole.create(s, pid, code="B01", started_at=started)
        layer.add(s, hole.id, upper="0", lower="1", soil="Zs1")
        smp = sample.create(s, pid, code="M01", kind="field_sample", matrix="BS", parts=[Part(hole.id, "0", "0.5")],
                            sampled_at=started)
        kept = container.add(s, smp.id, container_type="Pot", barcode="FA-K0001")
        wrong = container.add(s, smp.id, container_type="Pot", barcode="FA-K0002")
        container.void(s, wrong.id, "verkeerd gescand")
        assert kept.id != wrong.id
    report = write_report(tmp_path / "site.sqlite", "2026-0142", tmp_path / "rapport.pdf")
    assert dict(report.collected)["monsterpotjes en -flessen"] == "1"
    assert [d.containers for d in report.days] == [1]


@pytest.mark.parametrize("stored", ['["J. de Vries", "Ĳ. Ĳzerman"]', "J. de Vries, Ĳ. Ĳzerman"])
def test_without_a_staff_register_the_project_s_fieldworkers_are_named(stored: str) -> None:
    """The project's field staff, a JSON list in the database, was printed as one: '["J. de Vries", ...]'."""
    project = Project(id="p", code="2026-0142", name="Veldwerkers", field_staff=stored)
    pdf = render(FieldReport(project, (), (), (), ()))
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "veldwerkers volgens het project: J. de Vries, Ĳ. Ĳzerman." in text
