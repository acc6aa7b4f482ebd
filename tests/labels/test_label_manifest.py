"""The shipment manifest in the COC's 2D code: round trip and damage detection."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fieldapp.errors import ManifestError
from fieldapp.labels.manifest import (
    ManifestAnalysis,
    decode_manifest,
    decode_part,
    encode_manifest,
    encode_parts,
    encode_parts_v1,
)

CODES = ["FA-000001", "FA-000002", "FA-000003"]

code = st.text(st.characters(min_codepoint=0x21, max_codepoint=0x7E), min_size=1, max_size=20)


def test_a_manifest_reads_back_exactly() -> None:
    text = encode_manifest("COC-2026-0042", CODES)
    assert text.startswith("FAM2|COC=COC-2026-0042|P=1/1|T=3|N=3|FA-000001,FA-000002,FA-000003|A=0|M=0||")
    m = decode_manifest(text)
    assert (m.coc_number, m.codes, m.analyses, m.version) == ("COC-2026-0042", tuple(CODES), (), 2)


MM = (ManifestAnalysis("MM1", "NEN5740-GROND", ("FA-000001", "FA-000002")),
      ManifestAnalysis("MM2", "PFAS:EU+", ("FA-000003",)))  # ':' and '+' inside a value survive


def test_the_analysis_samples_read_back_with_their_package_and_jars() -> None:
    text = encode_manifest("COC-1", CODES, MM)
    assert "|A=2|M=2|MM1:NEN5740-GROND:FA-000001+FA-000002,MM2:PFAS%3AEU%2B:FA-000003|" in text
    assert decode_manifest(text).analyses == MM
    # spread over two pages, each page's part carries what that page lists
    parts = encode_parts("COC-1", [CODES[:2], CODES[2:]], [MM[:1], MM[1:]])
    m = decode_manifest(parts[1], parts[0])
    assert (m.codes, m.analyses) == (tuple(CODES), MM)


def test_a_dropped_analysis_sample_is_caught() -> None:
    text = encode_manifest("COC-1", CODES, MM)
    bad = text.replace("A=2|M=2|", "A=1|M=1|").replace(",MM2:PFAS%3AEU%2B:FA-000003", "")
    body = bad[: bad.rindex("|H=")]
    import hashlib

    refreshed = f"{body}|H={hashlib.sha256(body.encode()).hexdigest()[:16]}"  # even with a fresh part hash
    with pytest.raises(ManifestError, match="do not add up"):
        decode_manifest(refreshed)


def test_a_version_1_manifest_printed_before_the_lab_order_still_reads() -> None:
    parts = encode_parts_v1("COC-2026-0042", [CODES[:2], CODES[2:]])
    assert parts[0].startswith("FAM1|COC=COC-2026-0042|P=1/2|T=3|N=2|FA-000001,FA-000002|ALL=")
    m = decode_manifest(*parts)
    assert (m.codes, m.analyses, m.version) == (tuple(CODES), (), 1)
    mixed = encode_parts("COC-2026-0042", [CODES[:2], CODES[2:]])
    with pytest.raises(ManifestError):
        decode_manifest(parts[0], mixed[1])


@given(st.text(min_size=1, max_size=10).filter(str.strip), st.lists(st.lists(code, min_size=1),
       min_size=1, max_size=4))
def test_any_codes_in_any_number_of_parts_read_back(coc: str, pages: list[list[str]]) -> None:
    parts = encode_parts(coc, pages)
    m = decode_manifest(*reversed(parts))  # parts may be scanned in any order
    assert m.codes == tuple(c for page in pages for c in page)
    assert m.coc_number == coc


@pytest.mark.parametrize("position", [10, 25, 40, 60, -20, -3])
def test_any_changed_character_is_caught(position: int) -> None:
    text = encode_manifest("COC-1", CODES)
    ch = text[position]
    bad = text[:position] + ("0" if ch != "0" else "1") + text[position + 1 :]
    with pytest.raises(ManifestError, match="damaged"):
        decode_manifest(bad)


@pytest.mark.parametrize("position", [10, 40, 75, 95, -20, -3])
def test_any_changed_character_of_a_manifest_with_analysis_samples_is_caught(position: int) -> None:
    text = encode_manifest("COC-1", CODES, MM)
    ch = text[position]
    bad = text[:position] + ("0" if ch != "0" else "1") + text[position + 1 :]
    with pytest.raises(ManifestError, match="damaged"):
        decode_manifest(bad)


def test_a_dropped_container_is_caught_even_with_a_fixed_count() -> None:
    text = encode_manifest("COC-1", CODES).replace("N=3|FA-000001,", "N=2|")
    with pytest.raises(ManifestError, match="hash"):
        decode_manifest(text)


def test_missing_and_mixed_parts_are_named() -> None:
    parts = encode_parts("COC-1", [CODES[:2], CODES[2:]])
    with pytest.raises(ManifestError, match="parts 2 of 2 are not scanned"):
        decode_manifest(parts[0])
    other = encode_parts("COC-2", [CODES[:2], CODES[2:]])
    with pytest.raises(ManifestError, match="different COC"):
        decode_manifest(parts[0], other[1])


def test_foreign_and_future_codes_are_refused_clearly() -> None:
    with pytest.raises(ManifestError, match="not a FieldApp shipment manifest"):
        decode_part("https://example.org")
    with pytest.raises(ManifestError, match="version 'FAM9' is not known"):
        decode_part("FAM9|COC=1")
    with pytest.raises(ManifestError, match="at least one container"):
        encode_manifest("COC-1", [])


analysis = st.builds(ManifestAnalysis, code, code, st.lists(code, max_size=6).map(tuple))


@given(st.lists(st.tuples(st.lists(code, min_size=1, max_size=5), st.lists(analysis, max_size=3)),
                min_size=1, max_size=4))
def test_any_analysis_samples_on_any_pages_read_back(pages: list[tuple[list[str], list[ManifestAnalysis]]]) -> None:
    parts = encode_parts("COC-1", [codes for codes, _a in pages], [a for _c, a in pages])
    m = decode_manifest(*reversed(parts))
    assert m.codes == tuple(c for codes, _a in pages for c in codes)
    assert m.analyses == tuple(a for _c, found in pages for a in found)
