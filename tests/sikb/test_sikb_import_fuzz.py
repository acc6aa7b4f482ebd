"""Foreign SIKB0101 files that are hostile or garbled: refused with FieldApp's own message, never a crash,
never expanded or fetched, and nothing of them written.

tests/sikb/test_sikb_import.py covers the mutated examples, a zip instead of XML, overlaps and unknown
codes; these are what it does not: XML bombs and external entities, numbers beyond a float, ids of
thousands of digits, moments before the first one UTC can write, and any text where a depth stands
(hypothesis)."""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fieldapp.codelists import CodeLists
from fieldapp.errors import FieldAppError
from fieldapp.session import Session
from fieldapp.settings import Settings
from fieldapp.sikb.import_sikb import import_sikb

FIRST = Path(__file__).parent.parent / "data" / "sikb" / "examples" / "1._SAD_registrationRequest_IMBROA.xml"
DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>'
DEPTH = '"urn:immetingen:Eenheid:id:19">50.0<'  # the lower depth of PB01's first layer, in cm
LISTS = CodeLists.load()


def _text() -> str:
    text = FIRST.read_text(encoding="utf-8")
    assert text.startswith(DECLARATION)
    return text


def _file(tmp: Path, text: str, name: str = "foreign.xml", encoding: str = "utf-8") -> Path:
    path = tmp / name
    path.write_bytes(text.encode(encoding))
    return path


def _import(tmp: Path, path: Path) -> list[str]:
    with Session.open(tmp / "field.sqlite", settings=Settings(user="J. de Vries"), lists=LISTS) as session:
        return import_sikb(session, path).lines("en")


def _refused(tmp: Path, path: Path, *words: str) -> None:
    with pytest.raises(FieldAppError) as caught:
        _import(tmp, path)
    for word in words:
        assert word in str(caught.value), str(caught.value)
    with Session.open(tmp / "field.sqlite", settings=Settings(user="J. de Vries"), lists=LISTS) as session:
        assert session.store.count("project") == 0  # nothing of the file written


@pytest.fixture
def listener() -> Iterator[tuple[str, list[bytes]]]:
    """A port on 127.0.0.1 that records every connection made to it: an entity must never be fetched."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    server.settimeout(0.2)
    calls: list[bytes] = []
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                continue
            calls.append(conn.recv(1024))
            conn.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}/evil.dtd", calls
    stop.set()
    thread.join()
    server.close()


def _laughs(levels: int = 9) -> str:
    ents = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, levels + 1)]
    return f"<!DOCTYPE FeatureCollectionIMSIKB0101 [{''.join(ents)}]>"


@pytest.mark.parametrize("case", ["billion laughs", "laughs in an attribute", "external file", "external url",
                                  "parameter entity", "behind a long comment", "utf-16"])
def test_a_doctype_is_refused_before_anything_is_expanded_or_fetched(
        tmp_path: Path, listener: tuple[str, list[bytes]], case: str) -> None:
    """Before: the bombs were refused only by libxml2's amplification limit, as "not well-formed XML";
    a file whose entities read /etc/hostname or a URL was imported with those names silently emptied."""
    url, calls = listener
    body = _text().removeprefix(DECLARATION)
    if case == "billion laughs":
        text = DECLARATION + _laughs() + body.replace(">PB01<", ">&lol9;<", 1)
    elif case == "laughs in an attribute":
        text = DECLARATION + _laughs() + body.replace('gml:id="', 'gml:id="&lol9;', 1)
    elif case == "external file":
        text = (DECLARATION + '<!DOCTYPE x [<!ENTITY name SYSTEM "file:///etc/hostname">]>'
                + body.replace(">PB01<", ">&name;<", 1))
    elif case == "external url":
        text = DECLARATION + f'<!DOCTYPE x [<!ENTITY name SYSTEM "{url}">]>' + body.replace(">PB01<", ">&name;<", 1)
    elif case == "parameter entity":
        text = DECLARATION + f'<!DOCTYPE x [<!ENTITY % remote SYSTEM "{url}"> %remote;]>' + body
    elif case == "behind a long comment":
        text = (DECLARATION + "<!--" + "x" * 100_000 + '--><!DOCTYPE x [<!ENTITY name SYSTEM "file:///etc/hostname">]>'
                + body.replace(">PB01<", ">&name;<", 1))
    else:
        text = DECLARATION.replace("UTF-8", "UTF-16") + _laughs() + body.replace(">PB01<", ">&lol9;<", 1)
    path = _file(tmp_path, text, encoding="utf-16" if case == "utf-16" else "utf-8")
    _refused(tmp_path, path, "foreign.xml declares a DTD", "Export the file again")
    assert calls == []


@pytest.mark.parametrize(("old", "new", "words"), [
    # a depth beyond any float: round() of infinity raised OverflowError (exit 70)
    (DEPTH, '"urn:immetingen:Eenheid:id:19">1e400<', ["Borehole PB01", "'1e400' is not a number"]),
    (DEPTH, '"urn:immetingen:Eenheid:id:19">-1e400<', ["'-1e400' is not a number"]),
    (DEPTH, '"urn:immetingen:Eenheid:id:19">' + "9" * 400 + "<", ["is not a number"]),
    (DEPTH, '"urn:immetingen:Eenheid:id:19">NaN<', ["'NaN' is not a number"]),
    # a unit id of thousands of digits: int() refused it with ValueError (exit 70); now no unit FieldApp knows
    (DEPTH, '"urn:immetingen:Eenheid:id:' + "1" * 5000 + '">50.0<', []),
    # a coordinate system of thousands of digits
    ('srsName="urn:ogc:def:crs:EPSG::4326"', 'srsName="urn:ogc:def:crs:EPSG::' + "4" * 5000 + '"',
     ["coordinate system FieldApp does not convert"]),
])
def test_numbers_beyond_a_float_or_an_int_are_refused_by_name(tmp_path: Path, old: str, new: str,
                                                             words: list[str]) -> None:
    text = _text()
    assert old in text
    path = _file(tmp_path, text.replace(old, new))
    if words:
        _refused(tmp_path, path, *words)
    else:
        _import(tmp_path, path)  # read as a depth without its unit, which the report says


@pytest.mark.parametrize("diameter", ["1e400", "9" * 400, "-1e400"])
def test_an_infinite_diameter_is_left_out_and_reported(tmp_path: Path, diameter: str) -> None:
    """A bore process's or a filter's diameter beyond a float raised OverflowError; a bad diameter is
    left out of the import and said in its report, as a malformed one always was."""
    text = _text()
    drill = "<imsikb0101:drillType>urn:immetingen:BemonsteringsApparaat:id:1</imsikb0101:drillType>"
    tube = '<imsikb0101:filtertubeDiameter uom="urn:immetingen:Eenheid:id:19">82<'
    assert drill in text and tube in text
    text = text.replace(drill, drill + f'<imsikb0101:drillDiameter uom="urn:immetingen:Eenheid:id:66">{diameter}'
                        "</imsikb0101:drillDiameter>", 1)
    text = text.replace(tube, f'<imsikb0101:filtertubeDiameter uom="urn:immetingen:Eenheid:id:19">{diameter}<', 1)
    report = "\n".join(_import(tmp_path, _file(tmp_path, text)))
    assert "imported as project" in report
    assert report.count(diameter[:20]) >= 2, report  # both said, neither kept


@pytest.mark.parametrize("moment", ["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00"])
def test_a_moment_utc_cannot_write_is_kept_as_given_not_a_crash(tmp_path: Path, moment: str) -> None:
    """astimezone(UTC) of these raised OverflowError."""
    text = _text()
    old = "<immetingen:startTime>2018-03-08T00:00:00+01:00<"
    assert old in text
    _import(tmp_path, _file(tmp_path, text.replace(old, f"<immetingen:startTime>{moment}<", 1)))


_GARBAGE = (st.floats(allow_nan=True, allow_infinity=True).map(repr)
            | st.integers(min_value=-(10 ** 500), max_value=10 ** 500).map(str)
            | st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="<&"), max_size=30)
            | st.sampled_from(["1e400", "-0", "1,5", "0x10", "١٢٣", "1_0", " 5 ", "+inf", "5e-400"]))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=_GARBAGE, where=st.sampled_from(["depth", "unit", "urn", "point", "moment"]))
def test_any_text_in_a_number_is_imported_or_refused_never_a_crash(tmp_path_factory: pytest.TempPathFactory,
                                                                    value: str, where: str) -> None:
    tmp = tmp_path_factory.mktemp("any")
    text = _text()
    replaced = {
        "depth": (DEPTH, f'"urn:immetingen:Eenheid:id:19">{value}<'),
        "unit": (DEPTH, f'"urn:immetingen:Eenheid:id:{value}">50.0<'),
        "urn": ("urn:immetingen:bodemsoort:id:8<", f"urn:immetingen:bodemsoort:id:{value}<"),
        "point": ('srsName="urn:ogc:def:crs:EPSG::4326"', f'srsName="urn:ogc:def:crs:EPSG::{value}"'),
        "moment": ("<immetingen:startTime>2018-03-08T00:00:00+01:00<", f"<immetingen:startTime>{value}<"),
    }[where]
    path = _file(tmp, text.replace(*replaced, 1))
    with contextlib.suppress(FieldAppError):
        _import(tmp, path)


@pytest.mark.parametrize("value", ["NaN", "inf", "-Infinity", "1e400", "n.b."])
def test_a_field_reading_that_is_no_number_is_left_out_and_reported(tmp_path: Path, value: str) -> None:
    """The pumped volume of the first example's groundwater sample (1 l) given as no finite number: before,
    "NaN" and "inf" were stored as such (no export or hub can carry them) and "n.b." vanished unreported."""
    old = '<immetingen:numericValue uom="44">1</immetingen:numericValue>'
    text = _text()
    assert text.count(old) == 1
    lines = _import(tmp_path, _file(tmp_path, text.replace(old, old.replace(">1<", f">{value}<"))))
    assert any(f"field reading '{value}' is not a number: left out" in line for line in lines), lines
    with Session.open(tmp_path / "field.sqlite", settings=Settings(user="J. de Vries"), lists=LISTS) as session:
        volumes = [r["volume_l"] for r in session.store.query("SELECT volume_l FROM purge_reading")]
    assert volumes == [0.0]  # the round is kept; its volume is unknown, as a round without one
