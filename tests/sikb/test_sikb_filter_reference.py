"""SAD example 1b (filter scenarios): a filter whose depths the file gives from the top of the tube
(Hoedanigheid 14) or in NAP (12), with neither the tube's height nor the surface level in the file, is
kept as the file gave it, with its reference (migration 0022_filter_depth_reference), and written back
with the same Hoedanigheid; nothing converts it. The well rules, which need depths below the surface,
do not call such a well incomplete, and the well tab shows the depths with their reference.

Fails on main: the importer left those depths out (reported) and the export wrote the filters without them.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from lxml import etree
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from fieldapp.domain import borehole, well_check
from fieldapp.domain import well as well_mod
from fieldapp.export import export
from fieldapp.rules import default_book
from fieldapp.session import Session
from fieldapp.settings import Settings
from fieldapp.sikb.import_sikb import import_sikb
from ui import i18n
from ui.well_form import WellForm

EXAMPLE = Path(__file__).parent.parent / "data" / "sikb" / "examples" / \
    "1b._SAD_registrationRequest_IMBROA_-_filter_scenarios.xml"
#: the two filters the file gives from an unknown reference: Filter gml:id -> (reference, top, bottom, Hoedanigheid)
GIVEN = {"59df00be-e90f-498f-b558-bbd246e2156d": ("tube_top", 120, 240, "14"),
         "a3777864-1aab-4f4d-aab9-2bcd39329a87": ("nap", 90, 210, "12")}
#: the groundwater sample of the file's first filter, with a sampling time and no field readings
GROUNDWATER = ("Scenario1_a2-1-1", "124f6dce-d907-4bc2-9f9d-2431faed507f")
SETTINGS = {"user": "J. de Vries", "sikb_application_id": 424242, "sikb_supplier_id": 17}
NS = {"imsikb0101": "http://www.sikb.nl/imsikb0101", "immetingen": "http://www.sikb.nl/immetingen",
      "gml": "http://www.opengis.net/gml/3.2", "sam": "http://www.opengis.net/sampling/2.0",
      "xlink": "http://www.w3.org/1999/xlink"}


def _session(db: Path) -> Session:
    return Session.open(db, settings=Settings(**SETTINGS))  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str], str]:
    db = tmp_path_factory.mktemp("filters") / "field.sqlite"
    with _session(db) as session:
        result = import_sikb(session, EXAMPLE)
    return db, result.lines("en"), result.project_code


def _well(db: Path, ident: str) -> sqlite3.Row:
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        return conn.execute("SELECT * FROM well WHERE id LIKE ?", (f"%{ident}%",)).fetchone()


def test_depths_from_the_tube_top_or_in_nap_are_kept_as_given(imported: tuple[Path, list[str], str]) -> None:
    db, report, _ = imported
    for ident, (reference, top, bottom, _) in GIVEN.items():
        row = _well(db, ident)
        assert (row["filter_depth_reference"], row["filter_top_given_cm"], row["filter_bottom_given_cm"]) == \
            (reference, top, bottom)
        assert (row["filter_top_cm"], row["filter_bottom_cm"]) == (None, None)  # nothing guessed below the surface
    text = "\n".join(report)
    assert "kept as given (from the top of the tube)" in text and "kept as given (in NAP)" in text
    assert "given from the top of the tube, and" not in text and "given from NAP, and" not in text  # main's


def test_they_go_out_with_the_hoedanigheid_they_came_with(imported: tuple[Path, list[str], str],
                                                          tmp_path: Path) -> None:
    db, _, code = imported
    with _session(db) as session:
        export(session, code, "sikb0101", tmp_path / "out")
    tree = etree.parse(str(tmp_path / "out" / "out.xml"))
    for ident, (_, top, bottom, condition) in GIVEN.items():
        [filt] = tree.xpath(f"//imsikb0101:Filter[immetingen:identification//immetingen:lokaalID='{ident}']",
                            namespaces=NS)
        for element, cm in (("upperDepth", top), ("lowerDepth", bottom)):
            [value] = filt.xpath(f"imsikb0101:{element}/immetingen:Depth/immetingen:value/text()", namespaces=NS)
            [cond] = filt.xpath(f"imsikb0101:{element}/immetingen:Depth/immetingen:condition/text()", namespaces=NS)
            assert (float(value), cond) == (cm, f"urn:immetingen:Hoedanigheid:id:{condition}")
        assert filt.xpath("imsikb0101:filtertubeLength/text()", namespaces=NS) == [str(bottom - top)]
    # a groundwater sample without field readings still names its filter (InFilter), so it comes back as one
    name, filter_id = GROUNDWATER
    [sample] = tree.xpath(f"//imsikb0101:Sample[immetingen:name='{name}']", namespaces=NS)
    assert f"#_{filter_id}" in sample.xpath(".//sam:relatedSamplingFeature/@xlink:href", namespaces=NS)


def test_the_well_rules_do_not_call_them_missing_or_misplace_them(imported: tuple[Path, list[str], str]) -> None:
    db, _, code = imported
    with sqlite3.connect(db) as conn:
        [project_id] = conn.execute("SELECT id FROM project WHERE code = ?", (code,)).fetchone()
        found = well_check.findings(conn, project_id, default_book())
    ids = {_well(db, ident)["id"] for ident in GIVEN}
    about = [(f.rule_id, f.field) for f in found if f.object_id in ids]
    assert not [a for a in about if a[1] in ("filter top", "filter bottom")], about
    # a well with depths below the surface and nothing else is still told what it lacks
    assert any(f.rule_id == "well_incomplete" for f in found if f.object_id in ids)


@pytest.mark.parametrize(("lang", "words"), [("en", ("1.20–2.40 m from the top of the tube", "m relative to NAP")),
                                            ("nl", ("1,20–2,40 m t.o.v. bovenkant buis", "m t.o.v. NAP"))])
def test_the_well_tab_shows_them_with_their_reference(qtbot: QtBot, imported: tuple[Path, list[str], str],
                                                      lang: str, words: tuple[str, str]) -> None:
    db, _, _ = imported
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    i18n.install(app, lang)  # type: ignore[arg-type]
    try:
        with _session(db) as session:
            form = WellForm(session, lang)  # type: ignore[arg-type]
            qtbot.addWidget(form)
            shown = []
            for ident in GIVEN:
                well = well_mod.get(session.store, _well(db, ident)["id"])
                form.load(borehole.get(session.store, well.borehole_id), well)
                assert form.given_filter_label.isVisibleTo(form)
                shown.append(form.given_filter_label.text())
            assert words[0] in shown[0] and words[1] in shown[1], shown
            # a well whose depths are below the surface shows no such line
            plain = _well(db, "124f6dce-d907-4bc2-9f9d-2431faed507f")
            well = well_mod.get(session.store, plain["id"])
            form.load(borehole.get(session.store, well.borehole_id), well)
            assert not form.given_filter_label.isVisibleTo(form)
    finally:
        i18n.install(app, "en")


def test_a_depth_in_nap_is_converted_downwards_where_the_surface_level_is_known(
        imported: tuple[Path, list[str], str]) -> None:
    """A Depth is positive downwards (below NAP), the surface level a Height in NAP: 0.90 m below NAP under a
    surface at 0.20 m NAP is 1.10 m below the surface (main made it -0.70 m, a filter above the ground that the
    hub then refused to sync)."""
    db, _, _ = imported
    for ident, depths in (("cea829e2-4a85-4b13-afe4-1ff791287531", (110, 230)),
                          ("f5fa196a-385f-45c0-8c69-5232a95b351e", (100, 220))):
        row = _well(db, ident)
        assert (row["filter_top_cm"], row["filter_bottom_cm"]) == depths
        assert row["filter_depth_reference"] is None
