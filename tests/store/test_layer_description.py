"""The NEN 5104 layer description as SIKB0101 carries it: kleur, bijkleur, kleursterkte, natural
components, medians; withdrawn values and bare main types kept in old records, refused in new ones;
the schema step from the landed version."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from tests_store_helpers import refused

from fieldapp.codelists import CodeLists
from fieldapp.domain import borehole, layer, project
from fieldapp.domain.layer import Admixture, Component
from fieldapp.domain.layer_words import colour_words, describe, read_colour
from fieldapp.errors import CodeListError, SoilCodeError
from fieldapp.session import Session
from fieldapp.settings import Settings
from fieldapp.store import Store
from fieldapp.store.migrations import MIGRATIONS, applied
from fieldapp.store.verify import verify


@pytest.fixture
def hole(session: Session) -> str:
    proj = project.create(session, code="P1", name="Gasfabriek")
    return borehole.create(session, proj.id, code="B01").id


@pytest.mark.parametrize(("typed", "colour", "secondary", "shade"), [
    ("donkerbruin", "bruin", None, "donker"),
    ("Donker bruin", "bruin", None, "donker"),
    ("lichtgrijs", "grijs", None, "licht"),
    ("grijsbruin", "bruin", "grijs", None),
    ("donkergrijsbruin", "bruin", "grijs", "donker"),
    ("zeer donkerbruin", "bruin", None, "zeerDonker"),
    ("roestbruin", "roestbruin", None, None),
    ("dark brown", "bruin", None, "donker"),
    ("bruin", "bruin", None, None),
])
def test_a_typed_colour_is_taken_apart(lists: CodeLists, typed: str, colour: str, secondary: str | None,
                                       shade: str | None) -> None:
    read = read_colour(typed, lists)
    assert (read.colour, read.secondary, read.shade) == (colour, secondary, shade)


@pytest.mark.parametrize("typed", ["paarsig", "donker", "bruinbruin", "blauwgroenrood"])
def test_a_word_that_is_no_colour_is_refused(lists: CodeLists, typed: str) -> None:
    with pytest.raises(CodeListError, match="is not a SIKB0101 colour") as info:
        read_colour(typed, lists)
    assert "donkerbruin" in info.value.hint


def test_donkerbruin_is_stored_as_kleur_and_kleursterkte(session: Session, hole: str) -> None:
    """Reported: "donkerbruin" was refused; SIKB0101 records it as kleur bruin + kleursterkte donker."""
    new = layer.add(session, hole, upper="0", lower="0.4", soil="Zs1h2", colour="donkerbruin")
    assert (new.colour, new.colour_shade, new.secondary_colour) == ("bruin", "donker", None)
    new = layer.add(session, hole, upper="0.4", lower="0.9", soil="Ks2", colour="grijs",
                    secondary_colour="blauw", colour_shade="licht")
    assert colour_words(new.colour, new.secondary_colour, new.colour_shade, session.lists) == "lichtblauwgrijs"


def test_colour_word_that_contradicts_its_field_is_refused(session: Session, hole: str) -> None:
    err = refused(session, CodeListError, ("names another colour shade",), lambda: layer.add(
        session, hole, upper="0", lower="0.4", soil="Zs1", colour="donkerbruin", colour_shade="licht"))
    assert err.field == "colour shade"


def test_components_and_medians_are_kept(session: Session, hole: str) -> None:
    new = layer.add(session, hole, upper="0", lower="0.5", soil="Zs1", sand_median="matigFijnNEN5104",
                    gravel_median="fijnNEN5104", components=[Component("schelpen", "zwak"),
                                                              Component("wortels", "sporen")])
    assert new.component_list() == [Component("schelpen", "zwak"), Component("wortels", "sporen")]
    assert new.gravel_median == "fijnNEN5104"


@pytest.mark.parametrize(("kwargs", "field", "word"), [
    ({"components": [Component("schelpen", "heel veel")]}, "component grade", "heel veel"),
    ({"components": [Component("kiezels", "zwak")]}, "component", "kiezels"),
    ({"components": [Component("kalk", "zwak"), Component("kalk", "matig")]}, "component", "twice"),
    ({"gravel_median": "grofNEN5104"}, "gravel median", "grofNEN5104"),
    ({"colour_shade": "donkerder"}, "colour shade", "donkerder"),
])
def test_bad_description_values_are_refused(session: Session, hole: str, kwargs: dict[str, object],
                                            field: str, word: str) -> None:
    err = refused(session, CodeListError, (word,),
                  lambda: layer.add(session, hole, upper="0", lower="0.5", soil="Zs1", **kwargs))  # type: ignore[arg-type]
    assert err.field == field


def test_withdrawn_values_are_refused_for_new_layers(session: Session, hole: str) -> None:
    """Reported: the withdrawn "kolengruis" was accepted; SIKB0101 withdrew it (and roest)."""
    err = refused(session, CodeListError, ("'kolengruis' is withdrawn",), lambda: layer.add(
        session, hole, upper="0", lower="0.5", soil="Zs1", admixtures=[Admixture("kolengruis", "zwak")]))
    assert err.field == "admixture"
    refused(session, CodeListError, ("'roest' is withdrawn",), lambda: layer.add(
        session, hole, upper="0", lower="0.5", soil="Zs1", components=[Component("roest", "zwak")]))
    assert "kolengruis" not in [e.code for e in session.lists.offered("anthropogenic_admixture")]
    assert session.lists.get("anthropogenic_admixture", "kolengruis").nl == "kolengruis"  # still readable
    # what stays accepted: the current values beside it
    layer.add(session, hole, upper="0", lower="0.5", soil="Zs1", admixtures=[Admixture("kolen", "zwak")])


def test_bare_main_type_is_refused_for_a_new_layer(session: Session, hole: str) -> None:
    err = refused(session, SoilCodeError, ("alone is not a NEN 5104 soil name",), lambda: layer.add(
        session, hole, upper="0", lower="0.5", soil="Z"))
    assert "Zs1" in err.hint


@pytest.mark.parametrize(("row", "text"), [
    ({"soil_code": "Zs1", "sand_median": "matigFijnNEN5104", "admixtures": '[{"code": "puin", "grade": "zwak"}]'},
     "zand, matig fijn, zwak siltig, zwak puinhoudend"),
    ({"soil_code": "Zs2h1", "sand_median": "zeerFijnNEN5104", "colour": "bruin", "colour_shade": "donker",
      "components": '[{"code": "wortels", "grade": "sporen"}]',
      "admixtures": '[{"code": "baksteen", "grade": "matig"}]'},
     "zand, zeer fijn, matig siltig, zwak humeus, sporen wortels, matig baksteenhoudend, donkerbruin"),
    ({"soil_code": "Kz1", "sand_median": "matigGrofNEN5104", "colour": "grijs", "secondary_colour": "blauw"},
     "klei, zwak zandig, matig grof, blauwgrijs"),
    ({"soil_code": "Zs1g2", "gravel_median": "fijnNEN5104", "components": '[{"code": "schelpen", "grade": "zwak"}]'},
     "zand, zwak siltig, matig grindig, grind fijn, zwak schelphoudend"),
    ({"soil_code": "Gz1", "gravel_median": "matigGrofNEN5104", "oil_water": "geen"},
     "grind, matig grof, zwak zandig, geen olie-waterreactie"),
    ({"soil_code": "V", "admixtures": '[{"code": "kolengruis", "grade": "sporen"}]'}, "veen, sporen kolengruis"),
])  # fmt: skip
def test_description_in_dutch_as_a_log_writes_it(lists: CodeLists, row: dict[str, str], text: str) -> None:
    assert describe(row, lists) == text


def _landed_database(path: Path) -> dict[str, object]:
    """A borehole with layers written by the landed schema and its API (bare 'V', kolengruis were accepted)."""
    with Store.open(path, actor="A. Bakker", upto="0006_replica_receipts") as store:
        session = Session(store=store, settings=Settings(user="A. Bakker"), lists=CodeLists.load())
        proj = project.create(session, code="2025-0007", name="Spoorzone")
        hole = borehole.create(session, proj.id, code="B01")
        with store.action("Log layers") as tx:
            for upper, lower, soil, colour, mixes in ((0, 50, "Zs1h2", "bruin", [{"code": "kolengruis",
                                                                                   "grade": "zwak"}]),
                                                      (50, 120, "V", None, None)):
                tx.insert("layer", {"borehole_id": hole.id, "upper_cm": upper, "lower_cm": lower,
                                    "soil_code": soil, "colour": colour, "sand_median": None, "smell": None,
                                    "oil_water": None, "admixtures": json.dumps(mixes) if mixes else None,
                                    "remarks": None})
        assert "secondary_colour" not in store.db["layer"].columns_dict
        return {"hole": hole.id}


def test_landed_database_migrates_keeps_its_layers_and_verifies(tmp_path: Path) -> None:
    db = tmp_path / "landed.sqlite"
    ids = _landed_database(db)
    conn = sqlite3.connect(db)
    before = conn.execute("SELECT * FROM layer ORDER BY upper_cm").fetchall()
    conn.close()
    with Session.open(db, settings=Settings(user="A. Bakker"), lists=CodeLists.load()) as session:
        assert applied(session.store.conn)[-1] == MIGRATIONS[-1].name
        assert "0010_layer_description" in applied(session.store.conn)
        verify(session.store)  # the old rows' hashes hold: the new columns are empty
        rows = session.store.query("SELECT * FROM layer ORDER BY upper_cm")
        assert [tuple(r[k] for k in list(r)[:len(before[0])]) for r in rows] == before
        assert all(r["components"] is None and r["colour_shade"] is None for r in rows)
        old = layer.of_borehole(session.store, str(ids["hole"]))
        # an old layer keeps what it carries through a change of something else
        changed = layer.update(session, old[0].id, remarks="herkeurd", colour="donkerbruin")
        assert changed.admixture_list() == [Admixture("kolengruis", "zwak")]
        assert (changed.colour, changed.colour_shade) == ("bruin", "donker")
        assert layer.update(session, old[1].id, remarks="oud").soil_code == "V"
        verify(session.store)
