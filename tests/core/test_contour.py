"""The site contour from each file format a projectleider has, in RD or latitude/longitude, or from the
boreholes; each bad file gets one message saying what is wrong and what to do."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from fieldapp.domain import borehole, contour, project
from fieldapp.errors import ValidationError
from fieldapp.positions.rdnap import RdNap
from fieldapp.session import Session

DATA = Path(__file__).parents[1] / "data" / "contour"
# the parcel tests/data/contour/make_contour_files.sh wrote, in RD New
SITE = [(135880.0, 455280.0), (135990.0, 455275.0), (136000.0, 455350.0), (135940.0, 455395.0),
        (135875.0, 455370.0), (135880.0, 455280.0)]


def vertices(wkt: str) -> list[tuple[float, float]]:
    rings, srid = contour.parse_wkt(wkt)
    assert srid is None and len(rings) == 1
    return rings[0]


def near(got: list[tuple[float, float]], metres: float) -> bool:
    return len(got) == len(SITE) and all(abs(a - c) <= metres and abs(b - d) <= metres
                                         for (a, b), (c, d) in zip(got, SITE, strict=True))


@pytest.fixture(scope="module")
def rd() -> RdNap:
    return RdNap()


@pytest.mark.parametrize("name", ["site-rd.geojson", "site-rd.gpkg"])
def test_rd_files_from_gdal_are_taken_as_they_are(name: str, rd: RdNap) -> None:
    assert vertices(contour.read_file(DATA / name, rd)) == SITE


@pytest.mark.parametrize("name", ["site-wgs84.geojson", "site-wgs84.gpkg"])
def test_latitude_longitude_files_are_put_in_rd_with_rdnaptrans(name: str, rd: RdNap) -> None:
    # GDAL made them from the RD parcel with its own (grid-less) transformation: within a metre or two
    assert near(vertices(contour.read_file(DATA / name, rd)), 2.0)


def test_wkt_in_rd_and_ewkt_in_latitude_longitude(tmp_path: Path, rd: RdNap) -> None:
    plain = tmp_path / "site.wkt"
    plain.write_text(contour.to_wkt([SITE]) + "\n", encoding="utf-8")
    assert vertices(contour.read_file(plain, rd)) == SITE
    back = [rd.from_rd(x, y) for x, y in SITE]
    ewkt = tmp_path / "site-4326.wkt"
    ewkt.write_text("SRID=4326;POLYGON((" + ", ".join(f"{p.lon:.9f} {p.lat:.9f}" for p in back) + "))")
    assert near(vertices(contour.read_file(ewkt, rd)), 0.01)


def test_a_repeated_vertex_is_one_vertex() -> None:
    doubled = [SITE[0], SITE[1], SITE[1], *SITE[2:]]
    assert vertices(contour.normalise_wkt(contour.to_wkt([doubled]))) == SITE


def bad(path: Path, rd: RdNap) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        contour.read_file(path, rd)
    assert caught.value.field == "site contour" and caught.value.hint
    return caught.value


def test_bad_files_get_a_message_and_what_to_do(tmp_path: Path, rd: RdNap) -> None:
    def write(name: str, text: str) -> Path:
        (tmp_path / name).write_text(text, encoding="utf-8")
        return tmp_path / name

    two = json.loads((DATA / "site-rd.geojson").read_text())
    two["features"] *= 2
    assert "2 polygons" in bad(write("two.geojson", json.dumps(two)), rd).message
    assert "not valid JSON" in bad(write("cut.geojson", (DATA / "site-rd.geojson").read_text()[:90]), rd).message
    mercator = json.loads((DATA / "site-rd.geojson").read_text())
    mercator["crs"]["properties"]["name"] = "urn:ogc:def:crs:EPSG::3857"
    assert "EPSG:3857" in bad(write("mercator.geojson", json.dumps(mercator)), rd).message
    bowtie = "POLYGON ((135880 455280, 135990 455380, 135990 455280, 135880 455380, 135880 455280))"
    assert "crosses itself" in bad(write("bowtie.wkt", bowtie), rd).message
    assert "not a WKT polygon" in bad(write("line.wkt", "LINESTRING (135880 455280, 135990 455380)"), rd).message
    assert "malformed" in bad(write("brackets.wkt", "POLYGON ((135880 455280, 135990 455380)"), rd).message
    flat = "POLYGON ((135880 455280, 135890 455280, 135900 455280, 135880 455280))"
    assert "no area" in bad(write("flat.wkt", flat), rd).message
    paris = "POLYGON ((2.35 48.85, 2.36 48.85, 2.36 48.86, 2.35 48.85))"
    assert "not in RD New" in bad(write("paris.wkt", paris), rd).message
    assert "not a polygon" in bad(DATA / "points.gpkg", rd).message
    assert "not a GeoPackage" in bad(write("fake.gpkg", "just text"), rd).message
    assert "GeoJSON, GeoPackage or WKT" in bad(write("site.shp", "x"), rd).message
    assert "does not exist" in bad(tmp_path / "gone.geojson", rd).message


def test_a_damaged_geometry_in_a_geopackage(tmp_path: Path, rd: RdNap) -> None:
    path = tmp_path / "damaged.gpkg"
    shutil.copy(DATA / "site-rd.gpkg", path)
    conn = sqlite3.connect(path)
    for (trigger,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
        conn.execute(f'DROP TRIGGER "{trigger}"')  # GDAL's R-tree triggers call SpatiaLite functions
    conn.execute("UPDATE site_contour SET geom = substr(geom, 1, 60)")
    conn.commit()
    conn.close()
    assert "damaged geometry" in bad(path, rd).message


def test_contour_from_the_boreholes_holds_every_borehole(session: Session) -> None:
    proj = project.create(session, code="P1", name="x")
    with pytest.raises(ValidationError, match="not three or more"):
        contour.from_boreholes(session.store, proj.id)
    spots = [(135900.0, 455300.0), (135960.0, 455305.0), (135930.0, 455360.0), (135930.0, 455320.0)]
    for n, (x, y) in enumerate(spots):
        borehole.create(session, proj.id, code=f"B0{n + 1}", planned_x_rd=x, planned_y_rd=y)
    wkt = contour.from_boreholes(session.store, proj.id, margin_m=1.0)
    ring = vertices(wkt)
    assert all(contour._inside(p, ring) for p in spots)  # inside, not on the edge
    assert 1.0 < abs(contour.area(ring)) - abs(contour.area(contour.hull(spots[:3]))) < 200
    stored = project.edit(session, proj.id, {"site_contour": wkt})
    assert stored.site_contour == wkt
