"""Analysis samples (mengmonsters) through the core: each rule broken gets its
message and writes nothing; composing, changing and removing keep the audit
chain; a database with field composites written by the landed schema is
converted without loss."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from tests_store_helpers import refused, snapshot

from fieldapp.codelists import CodeLists
from fieldapp.domain import analysis_package, borehole, container, layer, project, sample
from fieldapp.domain import analysis_sample as mm
from fieldapp.domain.sample import Part
from fieldapp.errors import CompositeSampleError, DuplicateCodeError, ValidationError
from fieldapp.labels.from_store import project_labels
from fieldapp.rules import RuleError, load_rules
from fieldapp.session import Session
from fieldapp.settings import Settings
from fieldapp.store import Store
from fieldapp.store.migrations import MIGRATIONS
from fieldapp.store.verify import verify

LANDED = Path(__file__).parents[1] / "data" / "db" / "schema-0006-composites.sqlite"


@pytest.fixture
def site(session: Session) -> dict[str, str]:
    proj = project.create(session, code="P1", name="Gasfabriek")
    ids: dict[str, str] = {"project": proj.id}
    for n in (1, 2, 3):
        hole = borehole.create(session, proj.id, code=f"B0{n}")
        layer.add(session, hole.id, upper="0", lower="0.5", soil="Zs1h2")
        layer.add(session, hole.id, upper="0.5", lower="1.0", soil="Kz1")
        top = sample.create(session, proj.id, code=f"M0{n}", kind="field_sample", matrix="BS",
                            parts=[Part(hole.id, "0", "0.5")])
        container.add(session, top.id, container_type="Pot", barcode=f"FA-TEST-0{n}")
        ids[f"B0{n}"] = hole.id
        ids[f"M0{n}"] = top.id
    asb = sample.create(session, proj.id, code="A01", kind="field_sample", matrix="ASB",
                        parts=[Part(ids["B01"], "0", "0.5")])
    ids["A01"] = asb.id
    return ids


def test_compose_across_boreholes(session: Session, site: dict[str, str]) -> None:
    parts = [site["M01"], site["M02"], site["M03"]]
    assert mm.next_code(session.store, site["project"]) == "MM1"
    made = mm.create(session, site["project"], code="MM1", field_sample_ids=parts, package="NEN5740_GROND",
                     remarks="bovengrond")
    assert (made.code, made.matrix, made.analysis_package) == ("MM1", "BS", "NEN5740_GROND")
    assert mm.next_code(session.store, site["project"]) == "MM2"
    members = mm.members(session.store, made.id)
    assert [(m.code, m.borehole_code, m.upper_cm, m.lower_cm) for m in members] == [
        ("M01", "B01", 0, 50), ("M02", "B02", 0, 50), ("M03", "B03", 0, 50)]
    assert [j.barcode for j in mm.jars(session.store, made.id)] == ["FA-TEST-01", "FA-TEST-02", "FA-TEST-03"]
    assert [a.code for a in mm.containing(session.store, site["M02"])] == ["MM1"]
    # an analysis sample is not a field sample: it is not offered as a part
    assert "MM1" not in [m.code for m in mm.field_samples(session.store, site["project"])]

    changed = mm.update(session, made.id, field_sample_ids=[site["M01"], site["M03"]], package="PAK10")
    assert changed.analysis_package == "PAK10"
    assert [m.code for m in mm.members(session.store, made.id)] == ["M01", "M03"]
    assert mm.findings(session.store.conn, site["project"], load_rules()) == []
    mm.delete(session, made.id)
    assert mm.of_project(session.store, site["project"]) == []
    assert len(sample.of_project(session.store, site["project"])) == 4  # the field samples stay
    verify(session.store)


@pytest.mark.parametrize(
    ("parts", "package", "rule", "words"),
    [
        ([], "NEN5740_GROND", "analysis_sample_min_parts", ("MM1", "no field sample")),
        (["M01", "M02", "M01"], "NEN5740_GROND", "analysis_sample_part_once", ("M01", "more than once")),
        (["M01", "A01"], "NEN5740_GROND", "analysis_sample_one_matrix",
         ("A01", "ASB", "BS", "one analysis sample per matrix")),
        (["M01", "M02"], None, "analysis_sample_package_required", ("MM1", "no analysis package")),
        (["M01", "M02"], "ASBEST_NEN5898", "analysis_sample_package_matrix", ("ASBEST_NEN5898", "BS", "NEN5740_GROND")),
        (["A01"], "NEN5740_GROND", "analysis_sample_package_matrix", ("NEN5740_GROND", "ASB", "ASBEST_NEN5898")),
    ],
)
def test_each_rule_refuses_and_writes_nothing(session: Session, site: dict[str, str], parts: list[str],
                                              package: str | None, rule: str, words: tuple[str, ...]) -> None:
    error = refused(session, RuleError, words, lambda: mm.create(
        session, site["project"], code="MM1", field_sample_ids=[site[p] for p in parts], package=package))
    assert isinstance(error, RuleError) and error.rule.id == rule
    assert error.rule.source and error.message_in("nl") != str(error)  # Dutch text from the rules table


def test_a_part_must_be_a_field_sample(session: Session, site: dict[str, str]) -> None:
    first = mm.create(session, site["project"], code="MM1", field_sample_ids=[site["M01"]], package="PAK10")
    error = refused(session, RuleError, ("MM1", "not a field sample", "analysis_sample"), lambda: mm.create(
        session, site["project"], code="MM2", field_sample_ids=[site["M02"], first.id], package="PAK10"))
    assert isinstance(error, RuleError) and error.rule.id == "analysis_sample_part_kind"


def test_update_is_checked_like_create(session: Session, site: dict[str, str]) -> None:
    made = mm.create(session, site["project"], code="MM1", field_sample_ids=[site["M01"]], package="PAK10")
    refused(session, RuleError, ("A01", "ASB"), lambda: mm.update(
        session, made.id, field_sample_ids=[site["M01"], site["A01"]]))
    refused(session, RuleError, ("no field sample",), lambda: mm.update(session, made.id, field_sample_ids=[]))
    mm.create(session, site["project"], code="MM2", field_sample_ids=[site["M02"]], package="PAK10")
    refused(session, DuplicateCodeError, ("MM2", "already used"), lambda: mm.update(session, made.id, code="MM2"))
    refused(session, DuplicateCodeError, ("M03", "already used"), lambda: mm.create(
        session, site["project"], code="M03", field_sample_ids=[site["M01"]], package="PAK10"))


def test_field_sample_in_an_analysis_sample_is_not_removed(session: Session, site: dict[str, str]) -> None:
    mm.create(session, site["project"], code="MM1", field_sample_ids=[site["A01"]], package="ASBEST_NEN5898")
    refused(session, ValidationError, ("A01", "MM1"), lambda: sample.delete(session, site["A01"]))


def test_field_composites_are_no_longer_taken(session: Session, site: dict[str, str]) -> None:
    refused(session, CompositeSampleError, ("composed of field samples",), lambda: sample.create(
        session, site["project"], code="X1", kind="field_composite", matrix="BS",
        parts=[Part(site["B01"], "0", "0.5"), Part(site["B02"], "0", "0.5")]))
    entry = session.lists.get("sample_kind", "field_composite")  # still readable
    assert entry.extra["offered"] is False and entry.extra["sikb0101_monstertype_id"] == 3
    assert session.lists.get("sample_kind", "analysis_sample").extra["sikb0101_monstertype_id"] == 10


def test_findings_list_each_broken_analysis_sample(session: Session, site: dict[str, str]) -> None:
    made = mm.create(session, site["project"], code="MM1", field_sample_ids=[site["M01"], site["M02"]],
                     package="NEN5740_GROND")
    # written past the core (as an old or synced record may hold it): the check still finds it
    with session.store.action("test: break the record") as tx:
        tx.update("sample", made.id, {"analysis_package": None})
        tx.insert("analysis_sample_part", {"analysis_sample_id": made.id, "field_sample_id": site["A01"]})
    for jar in container.of_sample(session.store, site["M02"]):
        container.void(session, jar.id, "gebroken")
    found = {(f.rule_id, f.object_code) for f in mm.findings(session.store.conn, site["project"], load_rules())}
    assert found == {("analysis_sample_package_required", "MM1"), ("analysis_sample_one_matrix", "MM1"),
                     ("analysis_sample_part_no_jar", "MM1")}


def test_packages_table() -> None:
    packages = analysis_package.load()
    codes = {p.code for p in packages}
    assert {"NEN5740_GROND", "NEN5740_GRONDWATER", "PFAS", "ASBEST_NEN5898", "ASBEST_NEN5897", "MINERALE_OLIE",
            "PAK10", "ZWARE_METALEN", "VOCL", "BTEX"} <= codes
    lists = CodeLists.load()
    for package in packages:
        assert package.source and package.parameters
        for matrix in package.matrices:
            lists.check("matrix", matrix, "matrix")
    water = analysis_package.get("NEN5740_GRONDWATER")
    organic = {p.code for p in water.parameters if p.organic}
    assert "benzeen" in organic and "Zn" not in organic
    assert [p.code for p in analysis_package.for_matrix("GW")][:2] == ["NEN5740_GRONDWATER", "PFAS"]


# the migration -----------------------------------------------------------------

def _rows(path: Path, table: str) -> list[dict[str, object]]:
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in conn.execute(f"SELECT * FROM {table} ORDER BY id")]
    finally:
        conn.close()


def test_landed_field_composites_become_analysis_samples(tmp_path: Path) -> None:
    db = tmp_path / "landed.sqlite"
    shutil.copy(LANDED, db)
    before = {t: _rows(db, t) for t in ("project", "borehole", "layer", "sample", "sample_part", "container",
                                        "shipment", "shipment_item", "custody_event")}
    assert sorted(r["kind"] for r in before["sample"]) == ["field_composite", "field_composite", "field_sample"]
    with Session.open(db, settings=Settings(user="A. Bakker"), lists=CodeLists.load()) as session:
        assert [r[0] for r in session.store.conn.execute("SELECT name FROM schema_migration ORDER BY name")] == [
            m.name for m in MIGRATIONS]
        report = verify(session.store)  # every rewritten row is journalled
        assert report.rows > sum(len(v) for v in before.values())
        store = session.store
        project_id = before["project"][0]["id"]
        heads = {a.code: a for a in mm.of_project(store, project_id)}
        assert sorted(heads) == ["M02", "M03"]
        m02 = heads["M02"]
        assert (m02.id, m02.matrix, m02.remarks) == (
            next(r["id"] for r in before["sample"] if r["code"] == "M02"), "BS", "bovengrond")
        assert m02.analyses == before_value(before, "M02", "analyses")
        parts = mm.members(store, m02.id)
        assert [(m.borehole_code, m.upper_cm, m.lower_cm, m.kind) for m in parts] == [
            ("B01", 0, 50, "field_sample"), ("B02", 0, 50, "field_sample"), ("B03", 0, 50, "field_sample")]
        assert [m.code for m in parts] == ["M02-1", "M02-2", "M02-3"]
        # the jars filled in the field stay with the analysis sample, packed as before, and their
        # labels still name the boreholes and depths they were filled from (as before the step)
        assert [j.barcode for j in mm.jars(store, m02.id)] == ["FA-LANDED-02", "FA-LANDED-03"]
        labels = {label.barcode: label for _id, label in project_labels(store, "P-LANDED")}
        assert (labels["FA-LANDED-02"].borehole_code, labels["FA-LANDED-02"].depth) == ("B01+B02+B03", "0,00-0,50 m")
        m03 = mm.members(store, heads["M03"].id)
        assert [(m.borehole_code, m.upper_cm) for m in m03] == [("B02", 50), ("B02", 100)]
        found = {(f.rule_id, f.object_code) for f in mm.findings(store.conn, project_id, load_rules())}
        assert found == {("analysis_sample_package_required", "M02"), ("analysis_sample_package_required", "M03"),
                         ("analysis_sample_part_no_jar", "M03")}
        # the converted record takes new work: a package is chosen
        mm.update(session, m02.id, package="NEN5740_GROND")
        verify(store)
    after = {t: _rows(db, t) for t in before}
    for table, rows in before.items():
        by_id = {r["id"]: r for r in after[table]}
        for row in rows:  # every old row is still there; only a composite's kind and its parts' sample change
            now = {k: by_id[row["id"]][k] for k in row}
            changed = {k for k in row if now[k] != row[k]}
            assert changed <= {"kind", "sample_id", "analysis_package", "sampled_at"}, (table, changed)
    part_ids = {r["id"] for r in before["sample_part"]}
    assert {r["id"] for r in after["sample_part"]} == part_ids  # each part kept, none added


def before_value(before: dict[str, list[dict[str, object]]], code: str, column: str) -> object:
    return next(r[column] for r in before["sample"] if r["code"] == code)


def test_two_copies_convert_to_the_same_rows(tmp_path: Path) -> None:
    """Two devices holding the same synced composite make the same rows (which merge, not double)."""
    results = []
    for name in ("a.sqlite", "b.sqlite"):
        shutil.copy(LANDED, tmp_path / name)
        with Store.open(tmp_path / name, actor="x") as store:
            results.append(store.query("SELECT id, code, kind FROM sample ORDER BY id")
                           + store.query("SELECT * FROM analysis_sample_part ORDER BY id"))
    assert results[0] == results[1]


def test_refused_compose_in_a_snapshot(session: Session, site: dict[str, str]) -> None:
    before = snapshot(session)
    with pytest.raises(ValidationError):
        mm.create(session, site["project"], code="MM 1", field_sample_ids=[site["M01"]], package="PAK10")
    assert snapshot(session) == before
