"""BRO BHR-GT 2.1 export: one registration request per borehole, each valid against the XSD, IMBRO/A codes only.

The schema is loaded here on its own (lxml, network off) from the copy under resources/bro/, and every
coded value is checked against the BRO code list CSV's IMBRO/A column, so a writer that drifted from
either is caught. Boreholes that cannot be described are named with the reason, never left out silently.
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from lxml import etree

from fieldapp import demo
from fieldapp.codelists import CodeLists
from fieldapp.domain import borehole, layer, project
from fieldapp.domain.borehole import PositionEvidence
from fieldapp.errors import ExportError, ValidationError
from fieldapp.export import Delivery, export
from fieldapp.runtime import resource_path
from fieldapp.session import Session
from fieldapp.settings import Settings

PROJECT = "2026-0142"
# a fresh RTK fix as the averaging stores it, before any class was given to it
RTK = PositionEvidence(lat=52.08646, lon=5.10935, h_ell=46.1, x_rd=None, y_rd=None, nap_m=None, fix_type="rtk-fixed",
                       sats=17, hdop=0.6, sigma_m=0.012, sigma_source="gst", epoch_count=30, span_s=29.0,
                       spread_n_m=0.004, spread_e_m=0.005, drms2_m=0.02, position_class=None,
                       raw_nmea="$GPGGA,091012.00,5205.18760,N,00506.56100,E,4,17,0.6,1.2,M,44.7,M,,*5A\r\n")
XSD_DIR = resource_path("bro", "bhr-gt-2.1")
COM = "{http://www.broservices.nl/xsd/bhrgtcommon/2.1}"


@pytest.fixture(scope="module")
def schema() -> etree.XMLSchema:
    parser = etree.XMLParser(no_network=True)
    return etree.XMLSchema(etree.parse(str(XSD_DIR / "isbhr-gt-messages.xsd"), parser))


@pytest.fixture(scope="module")
def imbro_a() -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    with (XSD_DIR / "BHR_GT_Codelijsten.csv").open(encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f, delimiter=";"):
            if row["IMBRO/A"] == "Ja":
                out.setdefault(row["URN"], set()).add(row["Waarde"])
    return out


@pytest.fixture
def site(tmp_path: Path) -> Iterator[Session]:
    with Session.open(tmp_path / "field.sqlite", settings=Settings(user="J. de Vries"),
                      lists=CodeLists.load()) as session:
        demo.create(session, boreholes=4, seed=3, project_code=PROJECT)
        yield session


def _codes(doc: etree._ElementTree) -> list[tuple[str, str]]:
    return [(str(e.get("codeSpace")), str(e.text)) for e in doc.iter() if e.get("codeSpace")]


def test_every_borehole_of_the_demo_project_is_one_valid_imbro_a_request(
        site: Session, tmp_path: Path, schema: etree.XMLSchema, imbro_a: dict[str, set[str]]) -> None:
    out = tmp_path / "bro"
    result = export(site, PROJECT, "bhrgt", out)
    holes = {b.code: b for b in borehole.of_project(site.store, project.by_code(site.store, PROJECT).id)}
    assert sorted(p.name for p in out.glob("*.xml")) == sorted(f"{c}.xml" for c in holes)
    assert result.note == ""
    manifest = [s for s in (out / "MANIFEST.sha256").read_text().splitlines() if not s.startswith("#")]
    assert len(manifest) == len(holes)
    for line in manifest:
        digest, name = line.split(maxsplit=1)
        assert hashlib.sha256((out / name.lstrip("*")).read_bytes()).hexdigest() == digest
    for code, hole in holes.items():
        doc = etree.parse(str(out / f"{code}.xml"))
        assert schema.validate(doc), (code, schema.error_log)
        for space, value in _codes(doc):
            assert value in imbro_a[space], (code, space, value)
        root = doc.getroot()
        assert root.findtext("{http://www.broservices.nl/xsd/brocommon/3.0}qualityRegime") == "IMBRO/A"
        assert root.findtext("{http://www.broservices.nl/xsd/brocommon/3.0}deliveryAccountableParty") == "30123456"
        x, y = map(float, root.findtext(".//{http://www.opengis.net/gml/3.2}pos").split())
        assert (x, y) == pytest.approx((hole.x_rd, hole.y_rd), abs=0.0005)
        layers = root.findall(f".//{COM}layer")
        assert len(layers) == len(layer.of_borehole(site.store, hole.id))
        assert all(lay.find(f"{COM}soil/{COM}soilNameNEN5104") is not None for lay in layers)
        assert root.findtext(f".//{COM}finalDepthBoring") == f"{hole.final_depth_cm / 100:.2f}"
        assert root.findtext(f".//{COM}stopCriterion") == hole.stop_criterion


def test_the_schema_check_is_real_a_request_without_its_layers_fails(schema: etree.XMLSchema,
                                                                      site: Session, tmp_path: Path) -> None:
    export(site, PROJECT, "bhrgt", tmp_path / "bro")
    doc = etree.parse(str(tmp_path / "bro" / "B01.xml"))
    log = doc.find(f".//{COM}descriptiveBoreholeLog")
    for lay in log.findall(f"{COM}layer"):
        log.remove(lay)
    assert not schema.validate(doc)


def test_boreholes_that_cannot_be_described_are_named_with_the_reason(site: Session, tmp_path: Path) -> None:
    proj = project.by_code(site.store, PROJECT)
    borehole.create(site, proj.id, code="B90", kind="boring", planned_x_rd=135_950.0, planned_y_rd=455_320.0,
                    started_at="2026-12-01T09:00:00+01:00")
    empty = borehole.create(site, proj.id, code="B92", kind="boring", planned_x_rd=135_950.0,
                            planned_y_rd=455_330.0, started_at="2026-12-01T09:00:00+01:00")
    borehole.set_position(site, empty.id, RTK, reason="test")
    holes = {b.code: b for b in borehole.of_project(site.store, proj.id)}
    odd = layer.of_borehole(site.store, holes["B02"].id)[0]
    layer.update(site, odd.id, colour="oranje")
    bare = layer.of_borehole(site.store, holes["B03"].id)[-1]
    # as an older FieldApp left it: a bare main type, which names no NEN 5104 soil
    site.store.conn.execute("UPDATE layer SET soil_code = 'Z' WHERE id = ?", (bare.id,))
    out = tmp_path / "bro"
    result = export(site, PROJECT, "bhrgt", out)
    assert result.note.startswith("Not delivered, for want of what the BRO requires (4 of 9 boreholes)")
    assert "B90: it has no measured position in RD New" in result.note
    assert "B92: it has no layers" in result.note
    assert f"B03: layer {bare.upper_cm / 100:.2f}–{bare.lower_cm / 100:.2f} m has the bare soil code 'Z'" \
        in result.note
    assert f"B02: layer {odd.upper_cm / 100:.2f}–{odd.lower_cm / 100:.2f} m has the colour 'oranje'" in result.note
    reasons = dict(result.left_out)  # the same as data, for the GUI to say in the user's language
    assert sorted(reasons) == ["B02", "B03", "B90", "B92"] and reasons["B92"] == "it has no layers"
    assert sorted(p.name for p in out.glob("*.xml")) == ["B01.xml", "B04.xml", "PB01.xml", "PB02.xml",
                                                         "PB03.xml"]
    assert (out / "B01.xml").exists()


def test_a_fresh_rtk_position_without_class_or_surface_level_is_described_by_its_evidence(
        site: Session, tmp_path: Path, schema: etree.XMLSchema) -> None:
    proj = project.by_code(site.store, PROJECT)
    hole = borehole.create(site, proj.id, code="B91", kind="boring", planned_x_rd=135_950.0, planned_y_rd=455_320.0,
                           technique="handDraaien", diameter_mm=70, started_at="2026-12-01T09:00:00+01:00")
    borehole.set_position(site, hole.id, RTK, reason="test")
    layer.add(site, hole.id, upper="0.00", lower="0.50", soil="Zs1h2", colour="grijs", colour_shade="licht",
              smell="geen", oil_water="geen")
    layer.add(site, hole.id, upper="0.50", lower="1.20", soil="Kz3", colour="beige", smell="geen", oil_water="geen")
    borehole.set_final_depth(site, hole.id, "1.20", "obstakelPuin")
    out = tmp_path / "bro"
    result = export(site, PROJECT, "bhrgt", out)
    assert "B91" not in result.note, result.note
    doc = etree.parse(str(out / "B91.xml"))
    assert schema.validate(doc), schema.error_log
    root = doc.getroot()
    # the class from the fix type and the GST error estimate (fieldapp/positions/accuracy.py)
    assert root.findtext(f".//{COM}horizontalPositioningMethod") == "RTKGPS0tot2cm"
    # no surface level measured yet: said so, not invented
    assert root.findtext(f".//{COM}verticalPositioningMethod") == "geen"
    assert root.find(f".//{COM}offset").get("{http://www.w3.org/2001/XMLSchema-instance}nil") == "true"
    soils = [(s.findtext(f"{COM}soilNameNEN5104"), s.findtext(f"{COM}organicMatterContentClassNEN5104"),
              s.findtext(f"{COM}colour")) for s in root.iter(f"{COM}soil")]
    assert soils == [("zwakSiltigZand", "matigHumeus", "lichtgrijs"), ("sterkZandigeKlei", "nietHumeus", "lichtbruin")]
    assert root.findtext(f".//{COM}stopCriterion") == "obstakelPuin"
    assert root.findtext(f".//{COM}boringTechnique") == "handDraaien"


def test_the_kvk_number_is_checked_and_nothing_is_written_without_one(site: Session, tmp_path: Path) -> None:
    out = tmp_path / "bro"
    with pytest.raises(ValidationError, match="8 digits"):
        export(site, PROJECT, "bhrgt", out, delivery=Delivery(kvk="1234567"))
    proj = project.by_code(site.store, PROJECT)
    project.edit(site, proj.id, {"contractor_kvk": None})
    with pytest.raises(ExportError, match="KvK number of the accountable party"):
        export(site, PROJECT, "bhrgt", out)
    assert not out.exists()
    export(site, PROJECT, "bhrgt", out, delivery=Delivery(kvk="1234 5678", delivery_context="WABO"))
    doc = etree.parse(str(out / "B01.xml"))
    assert doc.getroot().findtext("{http://www.broservices.nl/xsd/brocommon/3.0}deliveryAccountableParty") \
        == "12345678"
    assert doc.getroot().findtext(".//{http://www.broservices.nl/xsd/isbhr-gt/2.1}deliveryContext") == "WABO"
    with pytest.raises(ExportError, match="not a BHR-GT delivery context"):
        export(site, PROJECT, "bhrgt", tmp_path / "other", delivery=Delivery(kvk="12345678", delivery_context="Wbb"))
