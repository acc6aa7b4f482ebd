"""The COC manifest's refusals ("Line N: ...", an unknown version, a part not scanned) in ``--lang``: Dutch by
default, the lab's, whatever the desk's locale or setting; English with ``--lang en``."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest
from intake_helpers import cooler

from fieldapp import error_text
from fieldapp.codelists import CodeLists
from fieldapp.errors import ManifestError
from fieldapp.labels.manifest import combine, decode_part, encode_parts
from fieldapp.session import Session
from fieldapp.settings import Settings


def _scan(tmp: Path, db: Path, stdin: str, *, language: str = "", locale: str = "C.UTF-8",
          args: tuple[str, ...] = ()) -> str:
    """`fieldapp intake scan` without --shipment: its one line of refusal."""
    config = tmp / "config"
    config.mkdir(exist_ok=True)
    (config / "settings.json").write_text(json.dumps({"user": "L. Smit", "role": "lab", "language": language}))
    env = {"FIELDAPP_CONFIG_DIR": str(config), "PATH": "/usr/bin:/bin", "USER": "lab-clerk", "LANG": locale}
    done = subprocess.run([sys.executable, "-m", "ui.main", "intake", "scan", "--db", str(db), *args],
                          input=stdin, capture_output=True, text=True, env=env, check=False, timeout=120)
    assert done.returncode == 1 and done.stderr.count("\n") == 1, done.stderr
    return done.stderr.strip()


@pytest.fixture
def lab(tmp_path: Path) -> tuple[Path, list[str]]:
    db = tmp_path / "lab.sqlite"
    with Session.open(db, settings=Settings(user="lab-clerk"), lists=CodeLists.load()) as session:
        return db, cooler(session, 3).codes


def test_a_jar_scanned_before_the_form_is_refused_in_dutch_by_default_and_in_english_with_lang_en(
        lab: tuple[Path, list[str]], tmp_path: Path) -> None:
    db, codes = lab
    dutch = ("fieldapp: fout: Regel 2: Dit is geen zendingsmanifest van FieldApp. Scan zonder --shipment eerst de "
             "manifestcode(s) van het COC-formulier.")
    english = ("fieldapp: error: Line 2: This is not a FieldApp shipment manifest. Without --shipment, scan the "
               "COC's manifest code(s) first.")
    stdin = f"\n{codes[0]}\n"  # a lone suffix key, then a jar where the form's code was expected
    assert _scan(tmp_path, db, stdin, locale="nl_NL.UTF-8") == dutch  # the lab's desk: Dutch without a setting
    assert _scan(tmp_path, db, stdin, language="nl") == dutch
    # --lang governs what intake scan says, its default (nl) too: not the clerk's setting, not the locale
    assert _scan(tmp_path, db, stdin, language="en", locale="en_US.UTF-8") == dutch
    assert _scan(tmp_path, db, stdin, locale="nl_NL.UTF-8", args=("--lang", "en")) == english
    assert _scan(tmp_path, db, stdin, language="nl", args=("--lang", "en")) == english


def test_a_damaged_form_and_a_form_scanned_in_part_are_said_in_dutch(lab: tuple[Path, list[str]],
                                                                      tmp_path: Path) -> None:
    db, codes = lab
    first, second = encode_parts("COC-0001", [codes[:1], codes[1:]])
    damaged = first[:-1] + ("0" if first[-1] != "0" else "1")
    assert _scan(tmp_path, db, f"{second}\n{damaged}\n", language="nl") == (
        "fieldapp: fout: Regel 2: Het manifest is beschadigd: de controlehash klopt niet. Scan zonder --shipment "
        "eerst de manifestcode(s) van het COC-formulier.")
    assert _scan(tmp_path, db, f"{second}\n", language="nl") == (
        "fieldapp: fout: Het manifest is niet compleet: niet elk deel is gescand.")
    assert _scan(tmp_path, db, f"{second}\n", language="en", args=("--lang", "en")) == (
        "fieldapp: error: The manifest is not complete: not every part was scanned.")
    unknown = first.replace("FAM2|", "FAM9|", 1)
    assert _scan(tmp_path, db, f"{unknown}\n", language="nl") == (
        "fieldapp: fout: Regel 1: Manifestversie 'FAM9' is hier niet bekend. Scan zonder --shipment eerst de "
        "manifestcode(s) van het COC-formulier.")


def _rehashed(part: str, old: str, new: str) -> str:
    """``part`` with ``old`` replaced by ``new`` and its part hash made right again: damage only a reader of
    the fields finds."""
    body = part[: part.rindex("|H=")].replace(old, new, 1)
    return f"{body}|H={hashlib.sha256(body.encode()).hexdigest()[:16]}"


def _refusals(codes: list[str]) -> list[ManifestError]:
    """Every refusal of reading a manifest, as :mod:`fieldapp.labels.manifest` raises it."""
    first = encode_parts("COC-0001", [codes[:1], codes[1:]])[0]
    other = encode_parts("COC-0002", [codes[:1], codes[1:]])[1]
    alone = encode_parts("COC-0001", [codes[:1]])[0]
    tries = [
        lambda: decode_part("FA-T0001"), lambda: decode_part(first.replace("FAM2|", "FAM9|", 1)),
        lambda: decode_part(first + "|x"), lambda: decode_part("FAM2|Ф"),
        lambda: decode_part(first[:-1] + ("0" if first[-1] != "0" else "1")),
        lambda: decode_part(_rehashed(first, "|N=1|", "|N=2|")),
        lambda: decode_part(_rehashed(first, "|M=0||", "|M=1|MM1|")),
        lambda: combine([]), lambda: combine([decode_part(first)]),
        lambda: combine([decode_part(first), decode_part(other)]),
        lambda: combine([decode_part(_rehashed(alone, "|T=1|", "|T=3|"))]),
    ]
    found = []
    for attempt in tries:
        with pytest.raises(ManifestError) as refused:
            attempt()
        found.append(refused.value)
    return found


def test_every_refusal_of_reading_a_manifest_has_its_dutch_and_keeps_its_english() -> None:
    refusals = _refusals(["FA-T0001", "FA-T0002"])
    assert len({r.message for r in refusals}) == len(refusals)  # each refusal of the reader, once
    for exc in refusals:
        dutch, hint = error_text.said(exc.message, "nl"), error_text.said(exc.hint, "nl", hint=True)
        assert dutch != exc.message and (not exc.hint or hint != exc.hint), exc.message
        assert error_text.said(exc.message, "en") == exc.message, exc.message
        assert error_text.said(f"Line 4: {exc.message}", "nl") == f"Regel 4: {dutch}"


def test_every_refusal_of_building_a_manifest_has_its_dutch(tmp_path: Path) -> None:
    """The field side's refusals when the COC's manifest code cannot be made ("A manifest needs ..."): the COC
    goes to a Dutch lab, and a Dutch sampler reads why it was not printed in Dutch."""
    import dataclasses

    from fieldapp.labels.coc import render_coc_pdf
    from fieldapp.labels.from_store import shipment_coc

    with Session.open(tmp_path / "field.sqlite", settings=Settings(user="J. de Vries"),
                      lists=CodeLists.load()) as session:
        cooler(session, 2)
        coc = shipment_coc(session.store, "COC-0001")
    refusals = []
    for attempt in (lambda: render_coc_pdf(dataclasses.replace(coc, coc_number="")),
                    lambda: encode_parts("COC-0001", [[]]), lambda: encode_parts("COC-0001", [["FA-T0001"]], [])):
        with pytest.raises(ManifestError) as refused:
            attempt()
        refusals.append(refused.value)
    assert [error_text.message(exc, "nl") for exc in refusals] == [
        "Een manifest heeft het COC-nummer nodig.",
        "Een manifest heeft minstens één pot of fles nodig.",
        "Een manifest heeft de analysemonsters van elke pagina nodig.",
    ]
    assert [error_text.message(exc, "en") for exc in refusals] == [exc.message for exc in refusals]
