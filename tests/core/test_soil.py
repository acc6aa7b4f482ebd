"""NEN 5104 soil-code parsing, validation and description."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fieldapp.codelists import CodeLists
from fieldapp.errors import SoilCodeError, ValidationError
from fieldapp.soil import SoilCode, is_valid_soil_code, parse_soil_code


@pytest.fixture(scope="module")
def cl() -> CodeLists:
    return CodeLists.load()


@pytest.mark.parametrize(
    ("text", "nl", "en"),
    [
        ("Zs1h2", "zand, zwak siltig, matig humeus", "sand, slightly silty, moderately humic"),
        ("Ks3", "klei, sterk siltig", "clay, highly silty"),
        ("Kz2", "klei, matig zandig", "clay, moderately sandy"),
        ("Gz1", "grind, zwak zandig", "gravel, slightly sandy"),
        ("Zk", "zand, kleiig", "sand, clayey"),
        ("Vm", "veen, mineraalarm", "peat, low in minerals"),
        ("Vk3", "veen, sterk kleiig", "peat, highly clayey"),
        ("Gs", "grind, siltig", "gravel, silty"),
        ("Zs4", "zand, uiterst siltig", "sand, extremely silty"),
        ("Lz3g2", "leem, sterk zandig, matig grindig", "loam, highly sandy, moderately gravelly"),
        ("Kz1h3g1", "klei, zwak zandig, sterk humeus, zwak grindig",
         "clay, slightly sandy, highly humic, slightly gravelly"),
    ],
)  # fmt: skip
def test_describe(cl: CodeLists, text: str, nl: str, en: str) -> None:
    soil = parse_soil_code(text, cl)
    assert soil.describe("nl") == nl
    assert soil.describe("en") == en
    assert soil.describe() == nl


def test_fields_of_a_parsed_code(cl: CodeLists) -> None:
    soil = parse_soil_code("Zs1h2g3", cl)
    assert soil == SoilCode(
        main_type="Z", admixtures=(("s", 1),), humus=2, gravel=3, code="Zs1h2g3"
    )
    assert str(soil) == "Zs1h2g3"
    bare = parse_soil_code("K", cl, legacy=True)  # as an older record may carry it
    assert (bare.admixtures, bare.humus, bare.gravel) == ((), None, None)
    assert parse_soil_code("Zk", cl).admixtures == (("k", None),)


def test_soil_code_is_frozen_and_hashable(cl: CodeLists) -> None:
    soil = parse_soil_code("Ks3", cl)
    with pytest.raises(AttributeError):
        soil.code = "Ks4"  # type: ignore[misc]
    assert len({soil, parse_soil_code(" Ks3 ", cl)}) == 1


@pytest.mark.parametrize(
    ("text", "canonical"),
    [(" Zs1h2 ", "Zs1h2"), ("Zs1g1h2", "Zs1h2g1"), ("Zh2s1", "Zs1h2"), ("\tKz2\n", "Kz2"),
     ("Zs2g2", "Zs2g2"), ("Zh1s1", "Zs1h1")],
)  # fmt: skip
def test_canonical_code(cl: CodeLists, text: str, canonical: str) -> None:
    assert parse_soil_code(text, cl).code == canonical


def test_every_listed_combination_parses(cl: CodeLists) -> None:
    for entry in cl.entries("soil_admixture"):
        soil = parse_soil_code(entry.code, cl)
        assert soil.code == entry.code
        assert soil.describe("nl").endswith(entry.nl)
    for main in cl.entries("soil_main_type"):  # still readable in old records
        assert parse_soil_code(main.code, cl, legacy=True).describe("en") == main.en


def _fails(cl: CodeLists, text: str) -> SoilCodeError:
    with pytest.raises(SoilCodeError) as info:
        parse_soil_code(text, cl)
    err = info.value
    assert isinstance(err, ValidationError)
    assert err.field == "soil"
    assert err.hint, "every soil-code error says how to put it right"
    return err


@pytest.mark.parametrize(
    ("text", "in_message", "in_hint"),
    [
        ("Zs5", "grade 5 of silt admixture is not in NEN 5104; sand takes s1 to s4", "'Zs4'"),
        ("Ks0", "grade 0 of silt admixture", "'Ks1'"),
        ("Lz2", "loam takes z1 or z3", "'Lz1', 'Lz3'"),
        ("Kz4", "clay takes z1 to z3", "'Kz3'"),
        ("Vk2", "peat takes k1 or k3", "'Vk1'"),
        ("Gz5", "gravel takes z1 to z4", "'Gz4'"),
        ("Zs12", "grade '12'", "Zs1"),
        ("Zs", "needs a grade", "s1 to s4"),
        ("Kz", "needs a grade", "z1 to z3"),
        ("Zk1", "takes no grade", "'Zk'"),
        ("Gs2", "takes no grade", "'Gs'"),
        ("Vm1", "takes no grade", "'Vm'"),
        ("Zz1", "admixture 'z' is not allowed for sand", "Zs1"),
        ("Zm", "admixture 'm' is not allowed for sand", "Zk"),
        ("Lk1", "admixture 'k' is not allowed for loam", "Lz1"),
        ("Ks1z2", "one main admixture", "'Ks1' or 'Kz2'"),
        ("Zs1k", "one main admixture", "'Zs1' or 'Zk'"),
        ("Zs1z1", "one main admixture", "Write 'Zs1'."),
        ("Zs1x", "'x' is not a NEN 5104 admixture letter", "Zs1, Zs2, Zs3, Zs4, Zk"),
        ("Z", "sand (zand) alone is not a NEN 5104 soil name", "Zs1, Zs2, Zs3, Zs4, Zk"),
        ("K", "clay (klei) alone is not a NEN 5104 soil name", "Ks1, Ks2, Ks3, Ks4, Kz1, Kz2, Kz3"),
        ("L", "loam (leem) alone", "Lz1, Lz3"),
        ("V", "peat (veen) alone", "Vm, Vk1, Vk3, Vz1, Vz3"),
        ("G", "gravel (grind) alone", "Gs, Gz1, Gz2, Gz3, Gz4"),
        ("Zh2", "sand (zand) alone", "Zs1"),
        ("Kg1", "clay (klei) alone", "Kz1"),
        ("Zs1s2", "'s' is repeated", "once"),
        ("Zs1h1h2", "humus admixture 'h' is repeated", "once"),
        ("Zg1g1", "gravel admixture 'g' is repeated", "once"),
        ("Zh4", "grade 4 of humus is not in NEN 5104", "h1 to h3"),
        ("Zg0", "grade 0 of gravel", "g1 to g3"),
        ("Zh", "needs a grade", "h1 to h3"),
        ("Vmh1", "humus grade does not apply to peat", "remove 'h1'"),
        ("Gz1g1", "gravel grade does not apply to gravel", "remove 'g1'"),
        ("Vm1", "takes no grade", "'Vm'"),
        ("Zx1", "'x' is not a NEN 5104 admixture letter", "s"),
        ("X", "'X' is not a NEN 5104 main soil type", "Z (zand)"),
        ("S", "'S' is not a NEN 5104 main soil type", "V (veen)"),
        ("Q1", "'Q' is not a NEN 5104 main soil type", "G (grind)"),
    ],
)
def test_invalid_codes_name_the_problem(
    cl: CodeLists, text: str, in_message: str, in_hint: str
) -> None:
    err = _fails(cl, text)
    assert repr(text) in err.message, "the message quotes the code as entered"
    assert in_message in err.message
    assert in_hint in err.hint


@pytest.mark.parametrize(("text", "suggestion"), [("zs1", "'Zs1'"), ("ZS1H2", "'Zs1h2'"),
                                                  ("kZ2", "'Kz2'"), ("vM", "'Vm'")])  # fmt: skip
def test_wrong_case_is_refused_with_a_hint(cl: CodeLists, text: str, suggestion: str) -> None:
    err = _fails(cl, text)
    assert "case-sensitive" in err.message
    assert suggestion in err.hint


def test_wrong_case_without_a_valid_fix_still_explains(cl: CodeLists) -> None:
    err = _fails(cl, "zS9")
    assert "case-sensitive" in err.message
    assert "'Zs1'" in err.hint


@pytest.mark.parametrize(
    "text", ["", "   ", "12", "1Zs", "Zs1-", "Zs1/h2", "Zs1 h2", "Z s", "Zś1", "Zs1."]
)
def test_garbage_is_refused(cl: CodeLists, text: str) -> None:
    err = _fails(cl, text)
    assert "soil code" in err.message


def test_inner_space_gets_a_did_you_mean(cl: CodeLists) -> None:
    assert "'Zs1h2'" in _fails(cl, "Zs1 h2").hint


def test_empty_code_says_so(cl: CodeLists) -> None:
    assert "empty" in _fails(cl, "  ").message


def test_is_valid_soil_code(cl: CodeLists) -> None:
    assert is_valid_soil_code("Zs1h2", cl)
    assert not is_valid_soil_code("Zs5", cl)


def test_describe_rejects_unknown_language(cl: CodeLists) -> None:
    with pytest.raises(ValueError, match="'de'"):
        parse_soil_code("Vm", cl).describe("de")  # type: ignore[arg-type]


def test_rules_follow_the_data(tmp_path: Path, cl: CodeLists) -> None:
    """Allowed combinations come from the list file, not from code."""
    directory = tmp_path
    for name in cl.names():
        raw = json.loads((cl.directory / f"{name}.json").read_text(encoding="utf-8"))
        if name == "soil_admixture":
            raw["entries"] = [e for e in raw["entries"] if e["code"] != "Zs4"]
        (directory / f"{name}.json").write_text(json.dumps(raw), encoding="utf-8")
    trimmed = CodeLists.load(directory)
    assert parse_soil_code("Zs3", trimmed).code == "Zs3"
    assert "sand takes s1 to s3" in _fails(trimmed, "Zs4").message


def test_zs1x_hint_names_real_codes_not_zx(cl: CodeLists) -> None:
    """Reported: 'Zs1x' got the hint 'Zx', which is no code either."""
    err = _fails(cl, "Zs1x")
    assert "Zx" not in err.hint
    assert "'x' is not a NEN 5104 admixture letter" in err.message


def test_bare_main_types_are_refused_for_new_records_but_read_in_old_ones(cl: CodeLists) -> None:
    for main in "ZKLVG":
        assert not is_valid_soil_code(main, cl, legacy=False)
        assert is_valid_soil_code(main, cl)  # a record written before the rule stays valid (sync, export)
        assert parse_soil_code(main, cl, legacy=True).code == main


def test_every_code_the_parser_accepts_is_a_sikb_and_bro_soil_type(cl: CodeLists) -> None:
    """The 24 SIKB0101 GrondSoort values with a letter code, each also one of the 31 BRO values."""
    import csv
    import xml.etree.ElementTree as ET

    root = Path(__file__).parents[1] / "data" / "chain-formats"  # copies of the shared BRO lists
    sad = ET.parse(root / "bro" / "sad-1.1" / "lists" / "GrondSoort.xml").getroot()
    sikb = {e.findtext("Waarde"): int(e.findtext("SIKB0101ID") or 0) for e in sad}
    with open(root / "bro" / "bhr-gt-2.1" / "xsd" / "BHR_GT_Codelijsten.csv", encoding="utf-8") as f:
        bro = {row[2] for row in csv.reader(f, delimiter=";") if row and row[0] == "GrondsoortNEN5104"}
    assert len(bro) == 31
    entries = cl.entries("soil_admixture")
    assert len(entries) == 24 == len([v for v in sikb if not v.endswith(("Slib", "slib"))])
    for entry in entries:
        assert entry.extra["bro"] in bro
        assert sikb[entry.extra["bro"]] == entry.extra["sikb0101"]["id"]
        assert parse_soil_code(entry.code, cl).code == entry.code
    # the BRO values without a letter code (blokken, gyttja, dy, ...) cannot be typed
    assert len(bro - {e.extra["bro"] for e in entries}) == 7
