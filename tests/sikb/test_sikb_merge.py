"""A SIKB0101 file of another program merged into a project FieldApp already holds: nothing stored is lost.

The case met in the field: the coordinator imports the investigation from the office program (the first
SAD example: project SIKB_PROT_2001_2002, well PB01), the sampler measures PB01 with the receiver and
records its backfill and boring technique in FieldApp, the coordinator picks the lab's analysis package,
and the office program later sends its file again with a remark changed. The merge must keep the
GNSS-measured position and its evidence (a file's point is no measurement), keep every field the file does
not carry, take and report what the file does change (the earlier value stays in the journal), and name a
position that differs as a conflict in Dutch and English.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from fieldapp.domain import analysis_sample, borehole, borehole_closing, boring_process, layer
from fieldapp.domain.borehole import PositionEvidence
from fieldapp.positions.rdnap import RdNap
from fieldapp.rules import RuleError, message_book
from fieldapp.session import Session
from fieldapp.settings import Settings
from fieldapp.sikb import import_sikb as import_sikb_mod
from fieldapp.sikb.import_context import Context
from fieldapp.sikb.import_report import ImportReport
from fieldapp.sikb.import_sikb import import_sikb
from fieldapp.store import journal

FIRST = Path(__file__).parent.parent / "data" / "sikb" / "examples" / "1._SAD_registrationRequest_IMBROA.xml"
#: PB01's point in the file (EPSG:4326, latitude first)
LAT, LON = 52.00410874694697, 4.358954632907231
OLD_REMARK = "Afwijking: Veel gras om de peilbuis dus moeilijk te vinden."
NEW_REMARK = "Peilbuis teruggevonden."
#: the stored position's evidence, which no SIKB0101 file carries
EVIDENCE = ("fix_type", "sats", "hdop", "sigma_m", "sigma_source", "epoch_count", "span_s", "spread_n_m",
            "spread_e_m", "drms2_m", "position_class", "raw_nmea")
NMEA = "$GPGGA,091012.00,5200.24652,N,00421.53729,E,4,17,0.6,1.2,M,44.7,M,,*5A\r\n"


def _session(db: Path) -> Session:
    return Session.open(db, settings=Settings(user="J. de Vries"))


def _rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


def _hole(db: Path) -> dict[str, object]:
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        return dict(conn.execute("SELECT * FROM borehole WHERE code = 'PB01'").fetchone())


def _measured(db: Path, north_m: float) -> None:
    """PB01 imported from the office program's file, then measured with the receiver ``north_m`` north of
    the file's point, its backfill and technique and its boring processes' technique recorded in FieldApp."""
    with _session(db) as session:
        import_sikb(session, FIRST)
        hole = session.store.query("SELECT id FROM borehole WHERE code = 'PB01'")[0]["id"]
        lat = LAT + north_m / 111_250.0
        rd = RdNap().to_rd(lat, LON, None)
        borehole.set_position(session, hole, PositionEvidence(
            lat=lat, lon=LON, h_ell=46.1, x_rd=round(rd.x, 3), y_rd=round(rd.y, 3), nap_m=None,
            fix_type="rtk_fixed", sats=17, hdop=0.6, sigma_m=0.012, sigma_source="gst", epoch_count=30,
            span_s=29.0, spread_n_m=0.004, spread_e_m=0.005, drms2_m=0.02, position_class="RTKGPS0tot2cm",
            raw_nmea=NMEA))
        borehole_closing.set_details(session, hole, backfill="bentoniet", technique="handDraaien")
        processes = boring_process.of_borehole(session.store, hole)
        assert processes  # the file's BoreProcesses
        boring_process.save_intervals(session, hole, [boring_process.Interval(
            p.upper_cm / 100, None if p.lower_cm is None else p.lower_cm / 100, technique="handDraaien",
            apparatus=p.apparatus, diameter_mm=p.diameter_mm, remarks=p.remarks, id=p.id) for p in processes])
        mixed = session.store.query("SELECT id FROM sample WHERE code = 'MM01'")[0]["id"]
        analysis_sample.update(session, mixed, package="NEN5740_GROND")  # what the lab is to analyse


def _office_file(tmp_path: Path) -> Path:
    """The office program's file again, one remark changed (PB01's point as before)."""
    path = tmp_path / "office.xml"
    text = FIRST.read_text(encoding="utf-8")
    assert text.count(OLD_REMARK) == 1
    path.write_text(text.replace(OLD_REMARK, NEW_REMARK), encoding="utf-8")
    return path


def _merge(db: Path, path: Path) -> ImportReport:
    with _session(db) as session:
        return import_sikb(session, path)


def test_a_merge_keeps_the_gnss_position_and_what_the_file_does_not_carry(tmp_path: Path) -> None:
    db = tmp_path / "field.sqlite"
    _measured(db, north_m=0.5)
    before = _hole(db)
    processes = _rows(db, "SELECT id, technique, apparatus FROM boring_process ORDER BY upper_cm")
    report = _merge(db, _office_file(tmp_path))
    after = _hole(db)
    # the measured position and all of its evidence, as the receiver gave them
    for column in ("lat", "lon", "x_rd", "y_rd", "h_ell", *EVIDENCE):
        assert after[column] == before[column], column
    assert str(after["sigma_source"]) == "gst"
    # what FieldApp recorded and the file does not carry
    assert (after["backfill"], after["technique"]) == ("bentoniet", "handDraaien")
    assert _rows(db, "SELECT id, technique, apparatus FROM boring_process ORDER BY upper_cm") == processes
    assert all(technique == "handDraaien" for _id, technique, _apparatus in processes)
    assert _rows(db, "SELECT analysis_package FROM sample WHERE code = 'MM01'") == [("NEN5740_GROND",)]
    # what the file does change is taken
    assert after["remarks"] == NEW_REMARK

    dutch, english = report.lines("nl"), report.lines("en")
    x, y = float(str(before["x_rd"])), float(str(before["y_rd"]))
    # the coordinator's conflict: the borehole, both positions and the distance
    conflict_nl = [line for line in dutch if "Boring PB01" in line and "GNSS" in line and "behouden" in line]
    conflict_en = [line for line in english if "Borehole PB01" in line and "GNSS" in line and "kept" in line]
    assert len(conflict_nl) == 1 and len(conflict_en) == 1, (dutch, english)
    assert f"{x:.3f} {y:.3f}" in conflict_en[0] and "0.50 m" in conflict_en[0]
    assert "0,50 m" in conflict_nl[0]
    file_rd = RdNap().to_rd(LAT, LON, None)
    assert f"{file_rd.x:.3f} {file_rd.y:.3f}" in conflict_en[0]
    assert "na te kijken:" in dutch and "to check:" in english
    # not said to be the file's position any more
    assert not any("position from the file" in line and "PB01" in line for line in english)
    # the change is named: the borehole, the field, old and new; the old value stays in the journal
    assert any("Borehole PB01" in line and OLD_REMARK in line and NEW_REMARK in line for line in english), english
    assert any("Boring PB01" in line and "opmerkingen" in line and OLD_REMARK in line for line in dutch), dutch
    with sqlite3.connect(db) as conn:
        assert any(OLD_REMARK in fields for _op, fields in journal.history(conn, "borehole", str(before["id"])))
    assert len(dutch) == len(english)


def test_a_file_point_within_a_centimetre_of_the_gnss_position_is_no_conflict(tmp_path: Path) -> None:
    db = tmp_path / "field.sqlite"
    _measured(db, north_m=0.004)
    before = _hole(db)
    report = _merge(db, FIRST)
    after = _hole(db)
    assert (after["lat"], after["x_rd"], after["sigma_source"]) == (before["lat"], before["x_rd"], "gst")
    assert after["backfill"] == "bentoniet"
    assert not any(section == "conflicts" for section, _key, _values in report.notes)
    assert report.lines("en")[1] == "rows: 0 new, 0 changed, 37 unchanged"


def test_a_position_without_gnss_evidence_is_replaced_by_the_files_and_said_so(tmp_path: Path) -> None:
    """PB01's position came from the first file: the office program's moved point is taken, reported."""
    db = tmp_path / "field.sqlite"
    with _session(db) as session:
        import_sikb(session, FIRST)
        hole = session.store.query("SELECT id FROM borehole WHERE code = 'PB01'")[0]["id"]
        borehole_closing.set_details(session, hole, backfill="bentoniet")
    moved = tmp_path / "moved.xml"
    moved.write_text(FIRST.read_text(encoding="utf-8").replace(f"{LAT} {LON}", f"{LAT + 0.00001} {LON}"),
                     encoding="utf-8")
    report = _merge(db, moved)
    after = _hole(db)
    assert after["lat"] == LAT + 0.00001 and after["raw_nmea"] is None
    assert after["backfill"] == "bentoniet"
    english, dutch = report.lines("en"), report.lines("nl")
    assert "  position from the file, without GNSS evidence (Borehole PB01)" in english
    # where it was stays in the report, as in the journal
    moved = [line for line in english if line.startswith("  position RD ")]
    assert len(moved) == 1 and "(no GNSS evidence) replaced by the file's RD" in moved[0], english
    assert moved[0].endswith(", 1.11 m away (Borehole PB01)")
    assert any(line.startswith("  positie RD ") and "1,11 m verderop (Boring PB01)" in line for line in dutch)
    assert not any(section == "conflicts" for section, _key, _values in report.notes)


def test_a_final_depth_and_surface_level_the_file_leaves_out_are_kept(tmp_path: Path) -> None:
    """The office file without PB01's final depth (FieldApp then assumes the deepest layer's) and surface level."""
    db = tmp_path / "field.sqlite"
    with _session(db) as session:
        import_sikb(session, FIRST)
        hole = session.store.query("SELECT id FROM borehole WHERE code = 'PB01'")[0]["id"]
        borehole.set_final_depth(session, hole, "2.50")  # bored on below the file's layers, which end at 2.00 m
    before = _hole(db)
    assert (before["final_depth_cm"], before["ground_level_nap_cm"]) == (250, 2)
    text = FIRST.read_text(encoding="utf-8")
    cut = text[:text.index("<imsikb0101:depth>")] + text[text.index("</imsikb0101:groundLevel>") + 25:]
    silent = tmp_path / "silent.xml"
    silent.write_text(cut, encoding="utf-8")
    report = _merge(db, silent)
    after = _hole(db)
    assert (after["final_depth_cm"], after["ground_level_nap_cm"]) == (250, 2)
    assert report.lines("en")[1] == "rows: 0 new, 0 changed, 37 unchanged"


def test_every_field_a_merge_can_change_is_named_in_dutch_and_english(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A change is reported by its field's name (import.json: term_col_<column>), for every column an import
    writes, of each shared example (a custody event is never rewritten)."""
    written: set[str] = set()
    real = import_sikb_mod._write

    def spy(session: Session, ctx: Context, project_row: dict[str, object], *rest: Any) -> None:
        written.update(project_row)
        for table, rows in ctx.rows.items():
            for row in rows if table != "custody_event" else ():  # never rewritten by a merge
                written.update(row)
        real(session, ctx, project_row, *rest)

    monkeypatch.setattr(import_sikb_mod, "_write", spy)
    for n, path in enumerate(sorted(FIRST.parent.glob("*.xml"))):
        with _session(tmp_path / f"{n}.sqlite") as session:
            import_sikb(session, path)
    book = message_book()
    missing = sorted(c for c in written - {"id"} if f"term_col_{c}" not in book.rules)
    assert missing == []
    assert book["term_col_backfill"].text("nl") == "aanvulling"


def _content(db: Path) -> str:
    with sqlite3.connect(db) as conn:
        return "\n".join(conn.iterdump())


def _bored_on(db: Path) -> None:
    """PB01 imported, then bored on in FieldApp from the file's 2.00 m to 2.50 m and that layer logged."""
    with _session(db) as session:
        import_sikb(session, FIRST)
        hole = session.store.query("SELECT id FROM borehole WHERE code = 'PB01'")[0]["id"]
        borehole.set_final_depth(session, hole, "2.50")
        layer.add(session, hole, upper=2.0, lower=2.5, soil="Zs1")


def test_a_file_layer_over_one_logged_in_fieldapp_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    """The office program lengthened PB01's last layer to 2.60 m: merged, it would overlap the layer logged in
    FieldApp at 2.00-2.50 m. Refused by name in both languages, inside the one transaction: nothing changes."""
    db = tmp_path / "field.sqlite"
    _bored_on(db)
    deeper = tmp_path / "deeper.xml"
    text = FIRST.read_text(encoding="utf-8")
    assert text.count('"urn:immetingen:Eenheid:id:19">200<') == 5
    deeper.write_text(text.replace('"urn:immetingen:Eenheid:id:19">200<', '"urn:immetingen:Eenheid:id:19">260<'),
                      encoding="utf-8")
    before = _content(db)
    with pytest.raises(RuleError) as refused:
        _merge(db, deeper)
    assert refused.value.message_in("en") == ("Borehole PB01: layer 1.20-2.60 m of the file overlaps layer "
                                              "2.00-2.50 m that the project already holds.")
    assert refused.value.message_in("nl") == ("Boring PB01: laag 1,20-2,60 m uit het bestand overlapt laag "
                                              "2,00-2,50 m die het project al heeft.")
    assert "niets geïmporteerd" in refused.value.hint_in("nl")
    assert _content(db) == before


def test_an_assumed_final_depth_keeps_a_deeper_stored_one_and_raises_a_shallower(tmp_path: Path) -> None:
    """A file without PB01's final depth: FieldApp assumes its deepest layer. Stored 2.50 m (bored on) stays;
    a file whose layers reach 2.80 m raises a stored 2.50 m to 2.80 m, reported as a change."""
    db = tmp_path / "field.sqlite"
    _bored_on(db)
    text = FIRST.read_text(encoding="utf-8")
    silent = text[:text.index("<imsikb0101:depth>")] + text[text.index("</imsikb0101:depth>") + 19:]
    (tmp_path / "silent.xml").write_text(silent, encoding="utf-8")
    _merge(db, tmp_path / "silent.xml")
    assert _hole(db)["final_depth_cm"] == 250
    with _session(db) as session:  # the layer logged in FieldApp removed again: the file's may reach deeper
        session_layer = session.store.query("SELECT id FROM layer WHERE upper_cm = 200")[0]["id"]
        layer.delete(session, session_layer)
    deeper = silent.replace('"urn:immetingen:Eenheid:id:19">200<', '"urn:immetingen:Eenheid:id:19">280<')
    (tmp_path / "deeper.xml").write_text(deeper, encoding="utf-8")
    report = _merge(db, tmp_path / "deeper.xml")
    assert _hole(db)["final_depth_cm"] == 280
    assert any("final depth (cm) '250' replaced by '280' (Borehole PB01)" in line for line in report.lines("en"))


def test_the_same_file_again_after_boring_on_keeps_the_deeper_final_depth_as_a_conflict(tmp_path: Path) -> None:
    """The office program sends its file again unchanged (final depth 2.00 m) after PB01 was bored on to
    2.50 m in FieldApp: the merge goes through, the final depth and the layer logged stay, a conflict is named."""
    db = tmp_path / "field.sqlite"
    _bored_on(db)
    report = _merge(db, FIRST)
    assert _hole(db)["final_depth_cm"] == 250
    assert _rows(db, "SELECT upper_cm, lower_cm FROM layer ORDER BY upper_cm")[-1] == (200, 250)
    assert "  final depth 2.50 m kept: the file gives 2.00 m, above layer 2.00-2.50 m logged in FieldApp: check " \
        "which is right (Borehole PB01)" in report.lines("en")
    assert "  einddiepte 2,50 m behouden: het bestand geeft 2,00 m, boven laag 2,00-2,50 m die in FieldApp is " \
        "beschreven: controleer welke klopt (Boring PB01)" in report.lines("nl")
    assert report.lines("en")[1] == "rows: 0 new, 0 changed, 37 unchanged"


def test_a_change_to_a_filter_is_named_by_its_borehole_and_tube(tmp_path: Path) -> None:
    db = tmp_path / "field.sqlite"
    with _session(db) as session:
        import_sikb(session, FIRST)
    old = "Op te merken: Goede filter status"
    text = FIRST.read_text(encoding="utf-8")
    assert text.count(old) == 1
    (tmp_path / "filter.xml").write_text(text.replace(old, "Filter dichtgeslibd"), encoding="utf-8")
    report = _merge(db, tmp_path / "filter.xml")
    assert f"  remarks '{old}' replaced by 'Filter dichtgeslibd' (Borehole PB01, filter 1)" in report.lines("en")
    assert f"  opmerkingen '{old}' vervangen door 'Filter dichtgeslibd' (Boring PB01, filter 1)" in report.lines("nl")
    assert _rows(db, "SELECT remarks FROM well") == [("Filter dichtgeslibd",)]
