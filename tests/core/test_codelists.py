"""The code-list files and the CodeLists API."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fieldapp.codelists import DEFAULT_DIR, CodeEntry, CodeLists
from fieldapp.errors import CodeListError, FieldAppError

EXPECTED = [
    "soil_main_type", "soil_admixture", "humus_grade", "gravel_grade", "colour",
    "colour_shade", "smell", "oil_water_reaction", "anthropogenic_admixture",
    "anthropogenic_grade", "sand_median_class", "borehole_technique",
    "borehole_apparatus", "stop_criterion", "container_type", "container_material",
    "sample_kind", "qc_role", "matrix", "natural_component", "component_grade", "gravel_median_class",
]  # fmt: skip


@pytest.fixture(scope="module")
def codelists() -> CodeLists:
    return CodeLists.load()


def test_default_directory_is_the_repository_resources() -> None:
    assert Path(__file__).resolve().parents[2] / "resources" / "codelists" == DEFAULT_DIR
    assert CodeLists.load().directory == DEFAULT_DIR


@pytest.mark.parametrize("name", EXPECTED)
def test_expected_list_exists(codelists: CodeLists, name: str) -> None:
    assert name in codelists.names()


@pytest.mark.parametrize("path", sorted(DEFAULT_DIR.glob("*.json")), ids=lambda p: p.stem)
def test_every_list_file_loads_and_has_the_keys(codelists: CodeLists, path: Path) -> None:
    raw = json.loads(path.read_text(encoding="utf-8"))
    assert raw["name"] == path.stem
    assert len(raw["source"]) > 40, "the source note must say where the values come from"
    entries = codelists.entries(path.stem)
    assert entries and len(entries) == len(raw["entries"])
    for entry in entries:
        assert isinstance(entry, CodeEntry)
        assert entry.code and entry.nl and entry.en


def test_sources_md_mentions_every_list() -> None:
    text = (DEFAULT_DIR / "SOURCES.md").read_text(encoding="utf-8")
    for name in EXPECTED:
        assert f"{name}.json" in text


def test_lookups(codelists: CodeLists) -> None:
    assert codelists.has("colour", "bruin")
    assert not codelists.has("colour", "Bruin")
    assert codelists.label("colour", "bruin") == "bruin"
    assert codelists.label("colour", "bruin", "en") == "brown"
    assert codelists.label("soil_main_type", "V", "en") == "peat"
    entry = codelists.get("sand_median_class", "matigFijnNEN5104")
    assert (entry.extra["min_um"], entry.extra["max_um"]) == (150, 210)
    assert codelists.get("container_material", "PTFE").extra["contains_pfas"] is True


def test_entries_keep_file_order(codelists: CodeLists) -> None:
    assert [e.code for e in codelists.entries("soil_main_type")] == ["Z", "K", "L", "V", "G"]
    medians = [e.extra["min_um"] for e in codelists.entries("sand_median_class")]
    assert medians == sorted(medians)


def test_extra_is_read_only(codelists: CodeLists) -> None:
    entry = codelists.get("humus_grade", "h1")
    with pytest.raises(TypeError):
        entry.extra["grade"] = 9  # type: ignore[index]
    assert entry.extra["applies_to"] == ("Z", "K", "L")


def test_unknown_code_names_the_list_and_lists_valid_codes(codelists: CodeLists) -> None:
    with pytest.raises(CodeListError) as info:
        codelists.get("colour", "paarsblauw")
    err = info.value
    assert err.field == "colour"
    assert "'paarsblauw'" in err.message and "'colour'" in err.message
    assert "'wit'" in err.hint and "more" in err.hint


def test_case_slip_gets_a_did_you_mean(codelists: CodeLists) -> None:
    with pytest.raises(CodeListError) as info:
        codelists.check("colour", "Bruin", field="layer_colour")
    assert info.value.field == "layer_colour"
    assert "'bruin'" in info.value.hint


def test_check_passes_for_valid_code(codelists: CodeLists) -> None:
    codelists.check("stop_criterion", "einddoel", field="stop_criterion")
    codelists.check("borehole_apparatus", "Edelmanboor", field="apparatus")


def test_label_rejects_unknown_code(codelists: CodeLists) -> None:
    with pytest.raises(CodeListError):
        codelists.label("matrix", "XX", "en")


def test_unknown_list_is_a_clear_error(codelists: CodeLists) -> None:
    with pytest.raises(FieldAppError, match="no code list 'colours'"):
        codelists.entries("colours")


def test_missing_directory(tmp_path: Path) -> None:
    with pytest.raises(FieldAppError, match="does not exist"):
        CodeLists.load(tmp_path / "nope")


def _write(directory: Path, name: str, data: object) -> None:
    (directory / f"{name}.json").write_text(json.dumps(data), encoding="utf-8")


GOOD = {"name": "x", "source": "somewhere exact", "entries": [{"code": "a", "nl": "A", "en": "A"}]}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({k: v for k, v in GOOD.items() if k != "source"}, "missing key 'source'"),
        ({k: v for k, v in GOOD.items() if k != "entries"}, "missing key 'entries'"),
        ({**GOOD, "name": "y"}, "must match the file name"),
        ({**GOOD, "entries": []}, "non-empty list"),
        ({**GOOD, "entries": [{"code": "a", "nl": "A"}]}, "no text for key 'en'"),
        ({**GOOD, "entries": [{"nl": "A", "en": "A"}]}, "no text for key 'code'"),
        ({**GOOD, "entries": [GOOD["entries"][0]] * 2}, "appears twice"),
        ([1, 2], "JSON object"),
    ],
)
def test_malformed_file_names_the_file(tmp_path: Path, data: object, message: str) -> None:
    _write(tmp_path, "x", data)
    lists = CodeLists.load(tmp_path)
    with pytest.raises(FieldAppError) as info:
        lists.entries("x")
    assert "x.json" in str(info.value)
    assert message in str(info.value)


def test_unreadable_json_names_the_file(tmp_path: Path) -> None:
    (tmp_path / "x.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(FieldAppError, match=r"x\.json: cannot be read"):
        CodeLists.load(tmp_path).validate_all()


def test_cache_is_per_instance(tmp_path: Path) -> None:
    _write(tmp_path, "x", GOOD)
    first = CodeLists.load(tmp_path)
    assert first.has("x", "a")
    changed = {**GOOD, "entries": [{"code": "b", "nl": "B", "en": "B"}]}
    _write(tmp_path, "x", changed)
    assert first.has("x", "a"), "an instance reads each file once"
    assert CodeLists.load(tmp_path).has("x", "b"), "a new instance sees the new file"


@pytest.mark.parametrize(("name", "upstream"), [
    ("colour", "Kleur"), ("colour_shade", "Kleursterkte"), ("natural_component", "BijzonderBestanddeelSoort"),
    ("anthropogenic_admixture", "BijzonderBestanddeelSoort"), ("component_grade", "BijzonderBestanddeelGradatie"),
    ("anthropogenic_grade", "BijzonderBestanddeelGradatie"), ("sand_median_class", "ZandMediaanKlasse"),
    ("gravel_median_class", "GrindMediaanKlasse"),
])
def test_layer_description_lists_carry_the_sikb0101_ids_of_the_sad_lists(codelists: CodeLists, name: str,
                                                                         upstream: str) -> None:
    """Each value with its SIKB0101 id as BRO SAD 1.1 publishes it (copies under tests/data); a value absent
    from IMBRO (IMBRO/A only: withdrawn upstream) is marked withdrawn and not offered."""
    import xml.etree.ElementTree as ET

    path = Path(__file__).parents[1] / "data" / "chain-formats" / "bro" / "sad-1.1" / "lists" / f"{upstream}.xml"
    sad = {e.findtext("Waarde"): e for e in ET.parse(path).getroot()}
    for entry in codelists.entries(name):
        row = sad[entry.code]
        assert entry.extra["sikb0101_id"] == int(row.findtext("SIKB0101ID") or 0), entry.code
        assert entry.withdrawn == (row.findtext("IMBRO") != "v"), entry.code
        assert (entry in codelists.offered(name)) != entry.withdrawn
