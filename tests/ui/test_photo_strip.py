"""Photos on the workbench: the overview shows the borehole's and the site's
thumbnails; a photo added from a file is kept with its object and shown."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image
from pytestqt.qtbot import QtBot

from fieldapp import demo
from fieldapp.codelists import CodeLists
from fieldapp.domain import borehole, layer, photo
from fieldapp.session import Session
from fieldapp.settings import Settings
from ui.main_window import MainWindow


@pytest.fixture
def demo_session(tmp_path: Path, lists: CodeLists) -> Iterator[Session]:
    s = Session.open(tmp_path / "field.sqlite", settings=Settings(user="J. de Vries"), lists=lists)
    demo.create(s, boreholes=3, seed=1)
    yield s
    s.close()


def test_overview_shows_thumbnails_and_adds_a_photo_of_a_layer(qtbot: QtBot, demo_session: Session,
                                                               tmp_path: Path) -> None:
    w = MainWindow(demo_session)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.boreholes_model.rowCount() == 3)
    w.select_borehole(0)
    strip = w.overview.photos
    qtbot.waitUntil(lambda: strip.borehole is not None)
    hole = strip.borehole
    assert hole is not None and hole.code == "B01"
    # the demo's photo of B01 and the site's, each with a thumbnail decoded at its shown size
    assert [strip.view.item(i).text() for i in range(strip.view.count())] == ["boorgat B01", "terrein"]
    icon = strip.view.item(0).icon()
    assert not icon.isNull() and icon.availableSizes()[0].width() <= 96
    assert "SHA-256" in strip.view.item(0).toolTip()

    first_layer = layer.of_borehole(demo_session.store, hole.id)[0]
    strip.target.setCurrentIndex(strip.target.findData(f"layer:{first_layer.id}"))
    strip.caption.setText("bovenlaag met puin")
    source = tmp_path / "IMG_2001.png"
    Image.new("RGB", (640, 480), (120, 90, 60)).save(source)
    added = strip.add_from_file(source)
    assert added is not None and (added.object_kind, added.object_id) == ("layer", first_layer.id)
    assert strip.view.count() == 3 and "bovenlaag met puin" in {strip.view.item(i).text() for i in range(3)}
    assert photo.blobs(demo_session.store).has(added.sha256)


def test_a_file_that_is_no_photo_is_refused_with_a_message(qtbot: QtBot, demo_session: Session,
                                                            tmp_path: Path) -> None:
    w = MainWindow(demo_session)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.boreholes_model.rowCount() == 3)
    w.select_borehole(0)
    strip = w.overview.photos
    qtbot.waitUntil(lambda: strip.borehole is not None)
    before = demo_session.store.count("photo")
    notes = tmp_path / "notes.txt"
    notes.write_text("not a picture")
    assert strip.add_from_file(notes) is None
    assert not strip.error.isHidden() and "notes.txt is not a photo" in strip.error.text()
    assert demo_session.store.count("photo") == before
    assert borehole.get(demo_session.store, strip.borehole.id) is not None  # type: ignore[union-attr]


def test_the_site_photo_is_read_and_decoded_once_for_all_boreholes(qtbot: QtBot, demo_session: Session,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 18: selecting a borehole read every photo of the project to find the site's, and decoded the
    site's photo again each time: a project of 50,000 boreholes paid for its photos on every click."""
    from ui import photo_strip

    decoded: list[str] = []
    thumbnail = photo_strip.thumbnail
    monkeypatch.setattr(photo_strip, "thumbnail", lambda path, *a: (decoded.append(Path(path).name),
                                                                    thumbnail(path, *a))[1])
    w = MainWindow(demo_session)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.boreholes_model.rowCount() == 3)
    strip = w.overview.photos
    site = photo.of_site(demo_session.store, w.boreholes_model.record(0).project_id)
    assert [p.object_kind for p in site] == ["site"]
    for row in (0, 1, 2, 0, 1):
        w.select_borehole(row)
        assert strip.view.item(strip.view.count() - 1).text() == "terrein"  # the site's, after the borehole's
    assert decoded.count(site[0].sha256) == 1
