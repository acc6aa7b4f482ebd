"""The offline XSD check and SIKB's control XSLT on a real SAD example and on broken copies of it."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from fieldapp.sikb import validate
from fieldapp.sikb.names import GML, GML_ID, IMMETINGEN, IMSIKB0101, parse_urn, q, urn, urn_id

EXAMPLE = Path(__file__).parent.parent / "data" / "sikb" / "validate" / "1._SAD_registrationRequest_IMBROA.xml"


def _collection() -> etree._Element:
    """The FeatureCollectionIMSIKB0101 embedded in the SAD request, as its own document."""
    tree = etree.parse(str(EXAMPLE))
    found = tree.find(f".//{q(IMSIKB0101, 'FeatureCollectionIMSIKB0101')}")
    assert found is not None
    return etree.fromstring(etree.tostring(found))


def _bytes(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def test_the_shared_example_is_valid_and_the_control_rules_give_no_error() -> None:
    doc = _bytes(_collection())
    assert validate.xsd_findings(doc) == []
    found = validate.control_findings(doc)
    assert not validate.errors(found)
    # the three warnings SIKB's rules give on its own example: analysis technique 12 is not IMBRO/A
    assert len(found) == 3
    assert all(f.severity == "warning" and f.rule == "immetingen:AnalysisProcess" for f in found)
    assert all("analyticalTechnique" in f.message for f in found)
    # each names the AnalysisProcess by its gml:id
    assert {f.object_id for f in found} == {
        "_9911262c-d247-4aad-8fea-ae095f62b495", "_e911262c-d247-4aad-8fea-ae095f62b495",
        "_a911262c-d247-4aad-8fea-ae095f62b495"}


def test_the_whole_sad_request_validates_against_the_sad_schema() -> None:
    assert validate.xsd_findings(EXAMPLE, "issad") == []


def test_a_report_date_written_the_dutch_way_is_an_xsd_error_naming_the_project() -> None:
    root = _collection()
    project = root.find(f".//{q(IMSIKB0101, 'Project')}")
    assert project is not None
    date = project.find(q(IMSIKB0101, "reportDate"))
    assert date is not None
    date.text = "7-12-2018"
    found = validate.xsd_findings(_bytes(root))
    assert len(found) == 1
    assert found[0].severity == "error" and found[0].rule == "xsd"
    assert found[0].object_id == project.get(GML_ID)
    assert "Voldoet niet aan het XSD" in found[0].message and "reportDate" in found[0].message
    assert found[0].line > 1


def test_a_wrong_version_is_a_control_error() -> None:
    root = _collection()
    version = root.find(f".//{q(IMSIKB0101, 'version')}")
    assert version is not None
    version.text = "14.8.0"
    doc = _bytes(root)
    assert validate.xsd_findings(doc) == []  # the schema does not fix the version's value; the rules do
    found = validate.errors(validate.control_findings(doc))
    assert [(f.rule, f.message) for f in found] == [
        ("imsikb0101:metaData/imsikb0101:version", "Het veld metadata/versie moet versie 14.9.0 zijn")]


def test_overlapping_layers_are_a_control_error_naming_the_borehole() -> None:
    root = _collection()
    layer = root.find(f".//{q(IMSIKB0101, 'Layer')}[@{{{GML}}}id='_cc256d2b-c8af-454e-b249-91b2a38116e1']")
    assert layer is not None  # the borehole's second layer, 50-... cm below the first at 0-50 cm
    upper = layer.find(f"{q(IMSIKB0101, 'upperDepth')}/{q(IMMETINGEN, 'Depth')}/{q(IMMETINGEN, 'value')}")
    assert upper is not None and float(upper.text or "") == 50.0
    upper.text = "40.0"
    found = validate.errors(validate.validate(_bytes(root)))
    assert [(f.rule, f.object_id) for f in found] == [("Layers", "_d8401c1a-ec0c-446f-8e45-22d9514f8400")]
    assert "heeft lagen die overlappen" in found[0].message


def test_not_xml_is_one_finding_not_an_exception() -> None:
    found = validate.validate(b"<imsikb0101:FeatureCollection")
    assert len(found) == 1 and found[0].rule == "xml" and found[0].is_error


def test_code_urns_are_read_in_any_case_and_written_in_one() -> None:
    assert urn("MonsterType", 10) == "urn:immetingen:MonsterType:id:10"
    ref = parse_urn("urn:immetingen:monstertype:id:10")
    assert ref is not None and (ref.model, ref.table, ref.id) == ("immetingen", "MonsterType", 10)
    assert str(parse_urn("URN:IMMETINGEN:Monstertype:ID:10")) == "urn:immetingen:MonsterType:id:10"
    typo = parse_urn("urn:iimsikb0101:MonsterVoorbehandeling:id:3")
    assert typo is not None and typo.model == "imsikb0101"
    assert urn_id("urn:imsikb0101:DatastroomType:id:4", "datastroomtype") == 4
    assert urn_id("urn:imsikb0101:DatastroomType:id:4", "Applicaties") is None
    assert parse_urn("B03") is None and parse_urn(None) is None


def test_the_keyed_control_rules_find_what_sikbs_own_stylesheet_finds() -> None:
    """The keys FieldApp puts in place of the lookup scans change the speed, not the findings."""
    root = _collection()
    layer = root.find(f".//{q(IMSIKB0101, 'Layer')}[@{{{GML}}}id='_cc256d2b-c8af-454e-b249-91b2a38116e1']")
    assert layer is not None
    upper = layer.find(f"{q(IMSIKB0101, 'upperDepth')}/{q(IMMETINGEN, 'Depth')}/{q(IMMETINGEN, 'value')}")
    assert upper is not None
    upper.text = "40.0"  # an overlap, so that the layer rule fires too
    project = root.find(f".//{q(IMSIKB0101, 'Project')}")
    assert project is not None
    reason = project.find(q(IMSIKB0101, "projectType"))
    assert reason is not None
    reason.text = urn("OnderzoekType", 9, model="imsikb0101")  # a type that is not IMBRO/A: a lookup finding
    condition = root.find(f".//{q(IMMETINGEN, 'Depth')}/{q(IMMETINGEN, 'condition')}")
    assert condition is not None
    condition.text = urn("Hoedanigheid", 99999)  # a code that is in no table: an error
    doc = _bytes(root)
    control = validate._control()
    folder = validate.resource_path("sikb", "control-xslt")
    for level in ("IMBRO/A", "IMBRO"):
        original = (folder / validate._XSLT[level]).read_text(encoding="utf-8")
        silenced = original.replace("<xsl:output ", validate._PATCHES[0][1][:validate._PATCHES[0][1].index("/>") + 2]
                                    + "<xsl:output ", 1)
        assert validate.patched(original) != silenced
        compiler = control.proc.new_xslt30_processor()
        compiler.set_cwd(str(folder))
        plain = compiler.compile_stylesheet(stylesheet_text=silenced)
        expected = plain.transform_to_string(xdm_node=control.proc.parse_xml(xml_text=doc.decode("utf-8")))
        found = validate.control_findings(doc, level)  # type: ignore[arg-type]
        assert [(f.severity, f.rule, f.message) for f in found] == [
            (f.severity, f.rule, f.message) for f in validate._records(expected.encode("utf-8"), set(), "")]
        assert any(f.rule == "Layers" for f in found) and any("projectType" in f.message for f in found)
        assert any("99999" in f.message and "niet gevonden" in f.message for f in found)
