"""The writer's small parts: ids as the contract fixes them, text that is always well-formed XML, and the
XSD check that runs while the file is written naming the object and the file's own line."""

from __future__ import annotations

import io
import uuid
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from fieldapp.sikb.import_names import derived_id, row_id
from fieldapp.sikb.validate import xsd_findings
from fieldapp.sikb.validate_stream import StreamValidator
from fieldapp.sikb.write_xml import Out, attr, sub_id, text


@given(st.uuids(), st.text(max_size=40))
def test_sub_ids_are_uuid5_of_row_id_and_role(row: uuid.UUID, role: str) -> None:
    assert sub_id(str(row), role) == str(uuid.uuid5(uuid.NAMESPACE_URL, f"{row}/{role}"))


@given(st.text())
def test_any_text_is_written_as_well_formed_xml_that_reads_back(value: str) -> None:
    document = f'<a b="{attr(value)}">{text(value)}</a>'.encode()
    root = etree.fromstring(document)
    # what XML 1.0 forbids is dropped (FieldApp drops it first); a carriage return is written as &#13;, so
    # that a parser's normalising of line ends cannot change a text ("\r\n" reads back as "\r\n", not "\n")
    assert (root.text or "") == "".join(c for c in value if c >= " " or c in "\t\n\r")
    assert root.get("b") == "".join(c for c in value if c >= " " or c in "\t\n\r")


_HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n<imsikb0101:FeatureCollectionIMSIKB0101 '
         'xmlns:imsikb0101="http://www.sikb.nl/imsikb0101" xmlns:immetingen="http://www.sikb.nl/immetingen" '
         'xmlns:gml="http://www.opengis.net/gml/3.2" gml:id="_fc">\n<imsikb0101:metaData>\n'
         "<imsikb0101:version>14.9.0</imsikb0101:version>\n</imsikb0101:metaData>")
_TAIL = "\n</imsikb0101:FeatureCollectionIMSIKB0101>\n"


def _project(ident: str, date: str, code: str = "P") -> str:
    return (f'\n<imsikb0101:featureMember>\n<imsikb0101:Project gml:id="_{ident}">\n<imsikb0101:identification>'
            f"\n<immetingen:NEN3610ID>\n<immetingen:namespace>SIKB</immetingen:namespace>\n<immetingen:lokaalID>"
            f"{ident}</immetingen:lokaalID>\n</immetingen:NEN3610ID>\n</imsikb0101:identification>"
            f"\n<imsikb0101:projectCode>{code}</imsikb0101:projectCode>\n<imsikb0101:reportDate>{date}"
            f"</imsikb0101:reportDate>\n</imsikb0101:Project>\n</imsikb0101:featureMember>")


def _checked(chunks: list[str], tmp_path: Path) -> tuple[list[tuple[str, int, str]], list[tuple[str, int, str]]]:
    """The stream check's findings on the chunks as the export hands them over, and the whole file's."""
    sink = io.StringIO()
    out = Out(sink)
    check = StreamValidator()
    check.begin(_HEAD, _TAIL)
    sink.write(_HEAD)
    out.listener = check.feed
    for chunk in chunks:
        out.add(chunk)
        out.flush()
    out.listener = None
    sink.write(_TAIL)
    found = check.finish()
    whole = tmp_path / "whole.xml"
    whole.write_text(sink.getvalue(), encoding="utf-8")
    expected = xsd_findings(whole)  # the same document read back whole
    return [(f.object_id, f.line, f.detail) for f in found], [(f.object_id, f.line, f.detail) for f in expected]


def test_the_stream_check_names_the_feature_and_the_files_line(tmp_path: Path) -> None:
    found, expected = _checked([_project("a", "2026-01-01") + _project("b", "2026-01-02"),
                                _project("c", "7-12-2026")], tmp_path)
    assert found == expected
    assert found[0][0] == "_c" and "reportDate" in found[0][2]


def test_chunks_checked_side_by_side_give_the_whole_files_findings_in_its_order(tmp_path: Path) -> None:
    # more chunks than checking threads and queued chunks, errors in several, and values of blanks alone (which
    # the check keeps, as reading the file whole does, while it drops the line ends between elements)
    chunks = [_project(f"p{n}", "2026-01-01") + _project(f"q{n}", "2026-01-0" if n in (2, 5, 9) else "2026-01-02",
                                                          code=" " if n in (3, 9) else "  \n ")
              for n in range(12)]
    found, expected = _checked(chunks, tmp_path)
    assert found == expected
    assert [f[0] for f in found if "reportDate" in f[2]] == ["_q2", "_q5", "_q9"]


@given(st.text(), st.text(min_size=1).filter(lambda s: s.strip() and not s.strip().startswith("_")))
def test_imported_ids_stay_the_uuid5s_earlier_imports_stored(owner: str, gml_id: str) -> None:
    # a re-import merges onto the rows of the first only if it derives the very same ids
    assert derived_id(owner, "part") == str(uuid.uuid5(uuid.NAMESPACE_URL, f"{owner}/part"))
    assert row_id(gml_id, "P1") == str(uuid.uuid5(uuid.NAMESPACE_URL, f"sikb0101:P1/{gml_id.strip()}"))
