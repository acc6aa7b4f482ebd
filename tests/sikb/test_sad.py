"""The SAD registration request around a SIKB0101 investigation: the BRO's five examples wrapped again.

Each example's embedded FeatureCollectionIMSIKB0101 is taken out and wrapped by FieldApp: the request is
valid against issad-messages.xsd (offline), carries the investigation unchanged (equal after C14N), and with
the example's own delivery fields is the example itself. Bad delivery fields are refused with one message.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from lxml import etree

from fieldapp import demo
from fieldapp.errors import ExportError, ValidationError
from fieldapp.session import Session
from fieldapp.settings import Settings
from fieldapp.sikb import validate
from fieldapp.sikb.names import IMSIKB0101
from fieldapp.sikb.sad import SADCOM, SadDelivery, collection_of, wrap

EXAMPLES = sorted((Path(__file__).parent.parent / "data" / "sikb" / "sad").glob("*.xml"))
ISSAD = "{http://www.broservices.nl/xsd/issad/1.1}"


def _c14n(element: etree._Element) -> bytes:
    # exclusive C14N: the namespaces the element uses, not those of what it is wrapped in
    return etree.tostring(element, method="c14n", exclusive=True, with_comments=False)


def _stripped(root: etree._Element) -> etree._Element:
    """The request without comments and layout whitespace (the examples are indented by hand)."""
    parser = etree.XMLParser(remove_comments=True, remove_blank_text=True)
    return etree.fromstring(etree.tostring(root), parser)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name[:12])
def test_each_examples_investigation_wrapped_again_is_valid_and_unchanged(example: Path) -> None:
    source = etree.parse(str(example))
    inner = collection_of(source)
    regime = source.getroot().findtext(f"{{{SADCOM}}}qualityRegime")
    out = wrap(inner, SadDelivery(kvk="30123456", request_reference="FieldApp 2026-0142", object_id="2026-0142",
                                  report_date=date(2026, 12, 6), quality_regime=regime))
    tree = validate.parse(out)
    assert validate.xsd_findings(tree, "issad") == []
    assert _c14n(collection_of(tree)) == _c14n(inner)
    root = tree.getroot()
    assert root.findtext(f"{{{SADCOM}}}deliveryAccountableParty") == "30123456"
    assert root.findtext(f"{{{SADCOM}}}qualityRegime") == regime
    report = root.find(f"{ISSAD}sourceDocument/{ISSAD}SAD_CompleteReport")
    assert report.findtext(f"{ISSAD}reportDate") == "2026-12-06"
    assert report.findtext(f"{ISSAD}objectIdAccountableParty") == "2026-0142"
    # the one context the regime allows (BRO list KaderAanlevering)
    assert report.findtext(f"{ISSAD}deliveryContext") == ("archiefoverdracht" if regime == "IMBRO/A"
                                                          else "omgevingswet")


def test_with_the_examples_own_delivery_fields_the_request_is_the_example() -> None:
    example = next(p for p in EXAMPLES if p.name.startswith("1b."))  # the one with an 8-digit KvK number
    source = etree.parse(str(example))
    out = wrap(collection_of(source), SadDelivery(kvk="27376655", request_reference="Verzoek1",
                                                  object_id="MijnReferentieSADUpload",
                                                  report_date=date(2024, 5, 30)))
    mine, theirs = _stripped(validate.parse(out).getroot()), _stripped(source.getroot())
    theirs.attrib.pop("{http://www.w3.org/2001/XMLSchema-instance}schemaLocation")  # a hint to their own files
    # exclusive C14N: where a namespace is declared does not matter, what each name means does
    assert etree.tostring(mine, method="c14n", exclusive=True) == etree.tostring(theirs, method="c14n", exclusive=True)


def test_bad_delivery_fields_are_refused_by_name() -> None:
    inner = collection_of(etree.parse(str(EXAMPLES[0])))
    ok = SadDelivery(kvk="30123456", request_reference="R1", object_id="2026-0142")
    # the BRO's own example 1 carries a 7-digit number; a KvK number has 8 (sadcommon: NNNNNNNN)
    with pytest.raises(ValidationError, match="8 digits"):
        wrap(inner, SadDelivery(kvk="1234567", request_reference="R1", object_id="2026-0142"))
    with pytest.raises(ExportError, match="'omgevingswet' is not allowed under quality regime IMBRO/A"):
        wrap(inner, SadDelivery(**{**ok.__dict__, "delivery_context": "omgevingswet"}))
    with pytest.raises(ExportError, match="object id must be 1 to 200 characters"):
        wrap(inner, SadDelivery(**{**ok.__dict__, "object_id": " "}))
    project = inner.find(f".//{{{IMSIKB0101}}}Project")
    with pytest.raises(ExportError, match="wraps a SIKB0101 FeatureCollectionIMSIKB0101, not a Project"):
        wrap(project, ok)


def test_an_investigation_that_breaks_the_profile_is_not_wrapped() -> None:
    inner = collection_of(etree.parse(str(EXAMPLES[0])))
    inner.find(f".//{{{IMSIKB0101}}}Project/{{{IMSIKB0101}}}reportDate").text = "7-12-2018"
    with pytest.raises(ExportError, match=r"not valid against issad-messages\.xsd.*reportDate"):
        wrap(inner, SadDelivery(kvk="30123456", request_reference="R1", object_id="2026-0142"))


def _fieldapp(config: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FIELDAPP_")}
    env["FIELDAPP_CONFIG_DIR"] = str(config)
    return subprocess.run([str(Path(sys.executable).parent / "fieldapp"), *argv], capture_output=True, text=True,
                          timeout=300, env=env)


def test_the_sad_export_of_the_demo_project_carries_the_sikb0101_export(tmp_path: Path) -> None:
    db = tmp_path / "demo.sqlite"
    with Session.open(db, settings=Settings(user="J. de Vries")) as session:
        demo.create(session, boreholes=4, seed=3, project_code="2026-0142")
    config = tmp_path / "config"
    config.mkdir()
    # a test value: FieldApp has no SIKB application code of its own (README, "SIKB0101 export")
    (config / "settings.json").write_text(json.dumps({"sikb_application_id": 424242}), encoding="utf-8")
    common = ("--db", str(db), "--project", "2026-0142")
    sikb = _fieldapp(config, "export", *common, "--format", "sikb0101", "--out", str(tmp_path / "sikb"))
    assert sikb.returncode == 0, sikb.stderr
    sad = _fieldapp(config, "export", *common, "--format", "sad", "--out", str(tmp_path / "sad"))
    assert sad.returncode == 0, sad.stderr
    assert "SAD registration request (IMBRO/A, KvK 30123456)" in sad.stdout
    request = tmp_path / "sad" / "sad.xml"
    assert sorted(p.name for p in (tmp_path / "sad").iterdir()) == ["MANIFEST.sha256", "sad.xml"]
    tree = validate.parse(request)
    assert validate.xsd_findings(tree, "issad") == []
    # the investigation inside is the SIKB0101 export itself (same day, so the same metaData/date)
    assert _c14n(collection_of(tree)) == _c14n(validate.parse(tmp_path / "sikb" / "sikb.xml").getroot())
    root = tree.getroot()
    assert root.findtext(f"{{{SADCOM}}}deliveryAccountableParty") == "30123456"  # the project's contractor
    assert root.findtext(f".//{ISSAD}objectIdAccountableParty") == "2026-0142"
    # a context the regime does not allow is refused by name, and nothing is written
    bad = _fieldapp(config, "export", *common, "--format", "sad", "--out", str(tmp_path / "bad"),
                    "--delivery-context", "omgevingswet")
    assert bad.returncode == 1 and "not allowed under quality regime IMBRO/A" in bad.stderr
    assert "Traceback" not in bad.stderr and not (tmp_path / "bad").exists()
