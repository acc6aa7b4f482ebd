"""`fieldapp export --format sikb0101` (issue 14, items 1, 3 and 6) on the demo project, through the command line:
the file is valid against the profile XSD, SIKB's control rules find no error, it holds what the database holds,
the same database gives the same bytes, and a broken database is refused and `--check` names each broken object.

The broken records are written with raw SQL, as an older FieldApp or an edit behind its back would leave them.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

from fieldapp import demo
from fieldapp.session import Session
from fieldapp.settings import Settings
from fieldapp.sikb import validate
from fieldapp.sikb.names import GML, GML_ID, IMMETINGEN, IMSIKB0101, SAM, XLINK_HREF
from fieldapp.sikb.write_xml import gml_id
from fieldapp.store import natural

FIELDAPP = Path(sys.executable).parent / "fieldapp"
PROJECT = "2026-0142"
APPLICATION = 424242  # a test value: FieldApp has no code of its own (README, "SIKB0101 export")
NS = {"imsikb0101": IMSIKB0101, "immetingen": IMMETINGEN, "gml": GML, "sam": SAM,
      "xlink": "http://www.w3.org/1999/xlink", "spec": "http://www.opengis.net/samplingSpecimen/2.0",
      "om": "http://www.opengis.net/om/2.0"}
#: the warnings SIKB's rules keep giving on a field record, each explained in the README ("SIKB0101 export"):
#: no lab result in the file, and so no observation of an analysis sample
NO_ANALYSIS = "In het xml-bestand is geen Analysis gevonden, klopt dat?"
NOT_OBSERVED = "Het element relatedObservation bij Sample {} moet aanwezig zijn."


def fieldapp(config: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FIELDAPP_")}
    env["FIELDAPP_CONFIG_DIR"] = str(config)
    return subprocess.run([str(FIELDAPP), *argv], capture_output=True, text=True, timeout=300, env=env)


def config_dir(root: Path, **values: object) -> Path:
    folder = root / f"config-{len(list(root.glob('config-*')))}"
    folder.mkdir()
    (folder / "settings.json").write_text(json.dumps(values), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("sikb") / "demo.sqlite"
    with Session.open(path, settings=Settings(user="J. de Vries")) as session:
        demo.create(session, boreholes=12, seed=1)
    return path


@pytest.fixture(scope="module")
def exported(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("sikb-out")
    config = config_dir(root, sikb_application_id=APPLICATION, sikb_supplier_id=17)
    run = fieldapp(config, "export", "--db", str(demo_db), "--project", PROJECT, "--format", "sikb0101",
                   "--out", str(root / "site"))
    assert run.returncode == 0, run.stdout + run.stderr
    assert "valid against the XSD" in run.stdout
    return root / "site" / "site.xml"


def _rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as conn:
        return list(conn.execute(sql))


def test_the_demo_export_is_valid_and_sikbs_rules_find_no_error(demo_db: Path, exported: Path) -> None:
    assert validate.xsd_findings(exported) == []
    found = validate.control_findings(exported)
    assert validate.errors(found) == []
    # only the warnings the README explains: a field record holds no lab results
    analysis = [f"_{r[0]}" for r in _rows(demo_db, "SELECT id FROM sample WHERE kind = 'analysis_sample'")]
    assert sorted(f.message for f in found) == sorted([NO_ANALYSIS] + [NOT_OBSERVED.format(i) for i in analysis])


def test_the_export_is_a_folder_with_its_manifest(exported: Path) -> None:
    manifest = (exported.parent / "MANIFEST.sha256").read_text(encoding="utf-8").splitlines()
    digest = hashlib.sha256(exported.read_bytes()).hexdigest()
    assert f"{digest}  site.xml" in manifest


def test_the_file_holds_what_the_database_holds(demo_db: Path, exported: Path) -> None:
    tree = etree.parse(str(exported))
    meta = tree.find("imsikb0101:metaData", NS)
    assert meta is not None
    assert meta.findtext("imsikb0101:application", namespaces=NS) == f"urn:imsikb0101:Applicaties:id:{APPLICATION}"
    assert meta.findtext("imsikb0101:supplier", namespaces=NS) == "urn:imsikb0101:Leveranciers:id:17"
    assert meta.findtext("imsikb0101:version", namespaces=NS) == "14.9.0"
    assert meta.findtext("imsikb0101:dataflow", namespaces=NS) == "urn:imsikb0101:DatastroomType:id:4"
    assert len(tree.findall(".//imsikb0101:Project", NS)) == 1
    holes = {str(r[0]): r for r in _rows(demo_db, "SELECT id, code, x_rd, y_rd, final_depth_cm FROM borehole")}
    written = tree.findall(".//imsikb0101:Borehole", NS)
    assert len(written) == len(holes)
    for el in written:
        ident = el.get(GML_ID, "")
        row = holes[ident.removeprefix("_")]  # gml:id is "_" + the row id, lokaalID the row id (the contract)
        assert el.findtext("immetingen:identification/immetingen:NEN3610ID/immetingen:lokaalID",
                           namespaces=NS) == row[0]
        assert el.findtext("immetingen:name", namespaces=NS) == row[1]
        point = el.find("immetingen:geometry/gml:Point", NS)
        assert point is not None and point.get("srsName") == "urn:ogc:def:crs:EPSG::28992"
        x, y = (float(v) for v in (point.findtext("gml:pos", namespaces=NS) or "").split())
        assert abs(x - float(str(row[2]))) < 0.001 and abs(y - float(str(row[3]))) < 0.001
        assert float(el.findtext("imsikb0101:depth/immetingen:Depth/immetingen:value", namespaces=NS) or "") \
            == row[4]
    layers = {str(r[0]): r for r in _rows(demo_db, "SELECT id, upper_cm, lower_cm FROM layer")}
    for el in tree.findall(".//imsikb0101:Layer", NS):
        row = layers.pop(el.get(GML_ID, "").removeprefix("_"))
        values = [float(v.text or "") for v in el.iterfind(".//immetingen:Depth/immetingen:value", NS)]
        assert values == [row[1], row[2]]
    assert layers == {}
    barcodes = sorted(str(r[0]) for r in _rows(demo_db, "SELECT barcode FROM container WHERE voided_at IS NULL"))
    assert sorted(b.text or "" for b in tree.iterfind(".//immetingen:Package/immetingen:barcode", NS)) == barcodes
    names = sorted(str(r[0]) for r in _rows(demo_db, "SELECT code FROM sample"))
    assert sorted(s.findtext("immetingen:name", namespaces=NS) or "" for s in
                  tree.iterfind(".//imsikb0101:Sample", NS)) == names


def test_positions_name_how_they_were_measured(exported: Path) -> None:
    """The demo's boreholes were measured with DGPS: Meetapparaat 2, the boreholes' hosted procedure."""
    tree = etree.parse(str(exported))
    processes = tree.findall(".//immetingen:GeoReferenceProcess", NS)
    assert [p.findtext("immetingen:geoMeasureMethod", namespaces=NS) for p in processes] == [
        "urn:immetingen:Meetapparaat:id:2"]
    target = "#" + processes[0].get(GML_ID, "")
    assert all(h.find("sams:hostedProcedure", {"sams": "http://www.opengis.net/samplingSpatial/2.0"})
               .get(XLINK_HREF) == target for h in tree.iterfind(".//imsikb0101:Borehole", NS))


def test_groundwater_samples_carry_the_rounds_last_readings(demo_db: Path, exported: Path) -> None:
    tree = etree.parse(str(exported))
    code, ph, ec = _rows(demo_db, "SELECT s.code, p.ph, p.ec_us_cm FROM sample s JOIN purge_reading p "
                                  "ON p.round_id = s.sampling_round_id WHERE s.kind = 'groundwater' "
                                  "ORDER BY s.code, p.volume_l DESC LIMIT 1")[0]
    sample = next(s for s in tree.iterfind(".//imsikb0101:Sample", NS)
                  if s.findtext("immetingen:name", namespaces=NS) == code)
    roles = [r.get(XLINK_HREF) for r in sample.iterfind(".//sam:role", NS)]
    assert "urn:immetingen:RelatedSamplingFeatureRollen:id:7" in roles  # InFilter
    chars = {c.get(GML_ID): c for c in tree.iterfind(".//immetingen:Characteristic", NS)}
    readings = {}
    for ref in sample.iterfind("sam:relatedObservation", NS):
        c = chars[(ref.get(XLINK_HREF) or "").removeprefix("#")]
        readings[c.findtext("immetingen:indicator", namespaces=NS)] = float(
            c.findtext("om:result/immetingen:numericValue", namespaces=NS) or "nan")
    assert readings["urn:immetingen:Parameter:id:1398"] == ph  # pH
    assert readings["urn:immetingen:Parameter:id:3548"] == ec  # EC in µS/cm


def test_the_same_database_gives_the_same_bytes(demo_db: Path, exported: Path, tmp_path: Path) -> None:
    config = config_dir(tmp_path, sikb_application_id=APPLICATION, sikb_supplier_id=17)
    run = fieldapp(config, "export", "--db", str(demo_db), "--project", PROJECT, "--format", "sikb0101",
                   "--out", str(tmp_path / "again"))
    assert run.returncode == 0, run.stderr
    again = (tmp_path / "again" / "again.xml").read_bytes()
    assert again == exported.read_bytes()  # the same day: metaData/date is the same too


def test_without_the_application_code_nothing_is_written_and_the_message_says_what_to_set(
        demo_db: Path, tmp_path: Path) -> None:
    run = fieldapp(config_dir(tmp_path), "export", "--db", str(demo_db), "--project", PROJECT, "--format",
                   "sikb0101", "--out", str(tmp_path / "site"))
    assert run.returncode != 0
    assert "sikb_application_id" in run.stderr and "SIKB0101 export" in run.stderr and "Traceback" not in run.stderr
    assert not (tmp_path / "site").exists()


#: (what to break, the SQL, the object code and the rule id `--check` must show)
BROKEN = [
    ("a gap between two layers", "UPDATE layer SET upper_cm = upper_cm + 10 WHERE id = (SELECT l.id FROM layer l "
     "JOIN borehole b ON b.id = l.borehole_id WHERE b.code = 'B03' ORDER BY l.upper_cm LIMIT 1 OFFSET 1)",
     "B03", "sikb_layer_gap"),
    ("a borehole name of 25 characters", "UPDATE borehole SET code = 'B05-noordzijde-oude-tanks' WHERE code = 'B05'",
     "B05-noordzijde-oude-tanks", "sikb_name_length"),
    ("a point in Germany", "UPDATE borehole SET x_rd = 290000, y_rd = 455300 WHERE code = 'B07'", "B07",
     "sikb_point_in_netherlands"),
    ("a withdrawn admixture", "UPDATE layer SET components = '[{\"code\": \"roest\", \"grade\": \"zwak\"}]' "
     "WHERE id = (SELECT l.id FROM layer l JOIN borehole b ON b.id = l.borehole_id WHERE b.code = 'B02' "
     "ORDER BY l.upper_cm LIMIT 1)", "B02", "sikb_withdrawn_code"),
    ("a phase SIKB withdrew ('Vervallen')", "UPDATE project SET investigation_phase = 'ZORG' "
     f"WHERE code = '{PROJECT}'", PROJECT, "sikb_withdrawn_code"),
    ("a borehole without its start (SIKB's own rule)", "UPDATE borehole SET started_at = NULL WHERE code = 'B09'",
     "B09", "sikb_control_rule:imsikb0101:Borehole"),
]


@pytest.fixture(scope="module")
def broken_db(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("broken") / "broken.sqlite"
    shutil.copy(demo_db, path)
    with sqlite3.connect(path) as conn:
        natural.register(conn)  # renaming a borehole updates its natural-order index (fieldapp/store/natural.py)
        for _what, sql, _code, _rule in BROKEN:
            assert conn.execute(sql).rowcount == 1, sql
    return path


def test_check_names_each_broken_object_in_dutch_and_exits_1(broken_db: Path, tmp_path: Path) -> None:
    config = config_dir(tmp_path, sikb_application_id=APPLICATION, sikb_supplier_id=17)
    run = fieldapp(config, "export", "--db", str(broken_db), "--project", PROJECT, "--format", "sikb0101",
                   "--check")
    assert run.returncode == 1, run.stdout + run.stderr
    lines = run.stdout.splitlines()
    for what, _sql, code, rule in BROKEN:
        assert any(line.startswith("fout") and f" {code}" in line and f"[{rule};" in line for line in lines), \
            f"{what}: no error on {code} with {rule} in\n{run.stdout}"
    assert "Het element startTime bij Borehole B09 moet aanwezig zijn." in run.stdout  # the gml:id became the code
    assert lines[-1].startswith(f"Project {PROJECT}: ") and "fouten" in lines[-1]
    assert not list(tmp_path.glob("*.xml"))


def test_check_speaks_english_when_asked(broken_db: Path, tmp_path: Path) -> None:
    config = config_dir(tmp_path, sikb_application_id=APPLICATION)
    run = fieldapp(config, "export", "--db", str(broken_db), "--project", PROJECT, "--format", "sikb0101",
                   "--check", "--lang", "en")
    assert run.returncode == 1
    assert "error        borehole B07: The point (290000.0, 455300.0) lies outside the Netherlands" in run.stdout
    assert "warning      project 2026-0142: The SIKB supplier code" in run.stdout


def test_a_code_bro_takes_as_imbro_a_only_goes_out_with_a_warning_on_the_project(demo_db: Path,
                                                                                    tmp_path: Path) -> None:
    """'BOOT' (OnderzoekAanleidingen 2) is offered for no new project, since the BRO takes it as IMBRO/A only, but
    SIKB has not withdrawn it: an investigation that holds it is exported, and SIKB's IMBRO/A rules accept it."""
    db = tmp_path / "boot.sqlite"
    shutil.copy(demo_db, db)
    with sqlite3.connect(db) as conn:
        assert conn.execute("UPDATE project SET investigation_reason = 'boot' WHERE code = ?",
                            (PROJECT,)).rowcount == 1
    config = config_dir(tmp_path, sikb_application_id=APPLICATION, sikb_supplier_id=17)
    check = fieldapp(config, "export", "--db", str(db), "--project", PROJECT, "--format", "sikb0101", "--check")
    assert check.returncode == 0, check.stdout + check.stderr
    warned = [line for line in check.stdout.splitlines() if "[sikb_imbro_a_only_code;" in line]
    assert len(warned) == 1 and warned[0].startswith("waarschuwing") and f" {PROJECT}" in warned[0], check.stdout
    assert "alleen aan als IMBRO/A" in warned[0]
    run = fieldapp(config, "export", "--db", str(db), "--project", PROJECT, "--format", "sikb0101",
                   "--out", str(tmp_path / "site"))
    assert run.returncode == 0, run.stdout + run.stderr
    written = tmp_path / "site" / "site.xml"
    assert "urn:imsikb0101:OnderzoekAanleidingen:id:2" in written.read_text(encoding="utf-8")
    assert validate.errors(validate.control_findings(written)) == []


def test_a_boring_process_no_layer_lies_in_is_named_before_the_file_leaves_it_out(demo_db: Path,
                                                                                   tmp_path: Path) -> None:
    """SIKB0101 places a boring process only through its layers: one below the described layers (B03 drilled on
    to 250 cm, described to 110 cm) cannot be written, and the user is told so instead of losing it unseen."""
    db = tmp_path / "process.sqlite"
    shutil.copy(demo_db, db)
    below = "a5d0c6a2-0000-4000-8000-00000000b003"
    with sqlite3.connect(db) as conn:
        conn.execute("INSERT INTO boring_process (id, borehole_id, upper_cm, lower_cm, technique) "
                     "SELECT ?, id, 110, 250, 'handDraaien' FROM borehole WHERE code = 'B03'", (below,))
        processes = conn.execute("SELECT count(*) FROM boring_process").fetchone()[0]
        (above,) = conn.execute("SELECT p.id FROM boring_process p JOIN borehole b ON b.id = p.borehole_id "
                                "WHERE b.code = 'B03' AND p.id != ?", (below,)).fetchone()
    config = config_dir(tmp_path, sikb_application_id=APPLICATION, sikb_supplier_id=17)
    check = fieldapp(config, "export", "--db", str(db), "--project", PROJECT, "--format", "sikb0101", "--check")
    assert check.returncode == 0, check.stdout + check.stderr  # a warning: the rest of the record goes out
    warned = [line for line in check.stdout.splitlines() if "[sikb_process_without_layer;" in line]
    assert "waarschuwing boorproces B03 110-250 cm: Het boorproces van 110 tot 250 cm bevat geen beschreven laag" \
        in "\n".join(warned), check.stdout
    run = fieldapp(config, "export", "--db", str(db), "--project", PROJECT, "--format", "sikb0101",
                   "--out", str(tmp_path / "site"))
    assert run.returncode == 0, run.stdout + run.stderr
    text = (tmp_path / "site" / "site.xml").read_text(encoding="utf-8")
    assert f'gml:id="{gml_id(above)}"' in text and f'gml:id="{gml_id(below)}"' not in text
    assert text.count("<imsikb0101:BoreProcess ") == processes - len(warned)  # each one left out was named


def test_the_export_of_a_broken_database_writes_nothing_and_names_the_objects(broken_db: Path,
                                                                               tmp_path: Path) -> None:
    config = config_dir(tmp_path, sikb_application_id=APPLICATION)
    run = fieldapp(config, "export", "--db", str(broken_db), "--project", PROJECT, "--format", "sikb0101",
                   "--out", str(tmp_path / "site"))
    assert run.returncode != 0 and "Traceback" not in run.stderr
    assert "B03" in run.stderr and "--check" in run.stderr
    assert not (tmp_path / "site").exists()


def test_a_value_the_xsd_refuses_is_named_and_nothing_is_written(demo_db: Path, tmp_path: Path) -> None:
    """A start time typed as a word (an edit behind FieldApp's back): the XSD check that runs while the file is
    written refuses it, naming the borehole, and the export leaves no file."""
    db = tmp_path / "word.sqlite"
    shutil.copy(demo_db, db)
    with sqlite3.connect(db) as conn:
        assert conn.execute("UPDATE borehole SET started_at = 'gisteren' WHERE code = 'B04'").rowcount == 1
    config = config_dir(tmp_path, sikb_application_id=APPLICATION)
    run = fieldapp(config, "export", "--db", str(db), "--project", PROJECT, "--format", "sikb0101",
                   "--out", str(tmp_path / "site"))
    assert run.returncode != 0 and "Traceback" not in run.stderr
    assert "not valid against its XSD" in run.stderr and "B04: " in run.stderr and "startTime" in run.stderr
    assert not (tmp_path / "site").exists()


def test_another_day_changes_only_the_date(demo_db: Path, tmp_path: Path) -> None:
    from fieldapp.export.atomic import Job
    from fieldapp.export.data import load
    from fieldapp.sikb.write_doc import write_document
    from fieldapp.sikb.write_project import Head

    with Session.open(demo_db, settings=Settings(user="J. de Vries")) as session:
        data = load(session, PROJECT)
        for day in ("2026-12-06", "2027-01-15"):
            write_document(data, Head(day, APPLICATION), tmp_path / f"{day}.xml", session.lists, Job())
    first = (tmp_path / "2026-12-06.xml").read_text(encoding="utf-8").splitlines()
    second = (tmp_path / "2027-01-15.xml").read_text(encoding="utf-8").splitlines()
    assert [(a, b) for a, b in zip(first, second, strict=True) if a != b] == [
        ("<imsikb0101:date>2026-12-06</imsikb0101:date>", "<imsikb0101:date>2027-01-15</imsikb0101:date>")]
