"""The COC form names its shipment: COC numbers repeat across projects (each has its COC-0001), so scanning the
form must never open, let alone close, another project's shipment of the same number."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from intake_helpers import cooler, events
from test_intake_cli import run

from fieldapp.codelists import CodeLists
from fieldapp.errors import NotFoundError
from fieldapp.intake.receipt import open_manifest
from fieldapp.labels.manifest import decode_manifest, encode_parts
from fieldapp.session import Session
from fieldapp.settings import Settings


def _form(codes: list[str], coc: str = "COC-0001") -> list[str]:
    """The manifest codes of a two-page COC form, as a scanner reads them."""
    return encode_parts(coc, [codes[:2], codes[2:]])


def _db(path: Path) -> Session:
    return Session.open(path, settings=Settings(user="lab-clerk"), lists=CodeLists.load())


def test_the_form_opens_the_shipment_holding_its_containers_not_another_projects(tmp_path: Path) -> None:
    with _db(tmp_path / "lab.sqlite") as lab:
        ours = cooler(lab, 4, project_code="P-OURS", prefix="FA-O")
        other = cooler(lab, 3, project_code="P-OTHER", prefix="FA-X")  # the same COC number, COC-0001
        receipt = open_manifest(lab, decode_manifest(*_form(ours.codes)))
        assert receipt.shipment is not None and receipt.shipment.id == ours.shipment.id
        assert receipt.manifest_notes == []
        again = open_manifest(lab, decode_manifest(*_form(other.codes)), "P-OTHER")
        assert again.shipment is not None and again.shipment.id == other.shipment.id
        with pytest.raises(NotFoundError, match="Project P-OTHER has no shipment with COC number 'COC-0009'"):
            open_manifest(lab, decode_manifest(*_form(other.codes, "COC-0009")), "P-OTHER")


def test_a_form_whose_shipment_is_not_in_the_database_is_refused_and_the_other_project_is_untouched(
        tmp_path: Path) -> None:
    with _db(tmp_path / "field.sqlite") as field:
        sent = cooler(field, 4, project_code="2026-0142", prefix="FA-S")
    lab_db = tmp_path / "lab.sqlite"
    with _db(lab_db) as lab:
        theirs = cooler(lab, 3, project_code="2026-0999", prefix="FA-L")
    done = run(["intake", "scan", "--db", str(lab_db), "--temperature", "4", "--consulted", "x", "--close", "--lang",
                "en"],
               "\n".join([*_form(sent.codes), *sent.codes]) + "\n", tmp_path)
    assert done.returncode == 1
    assert "holds COC COC-0001 of project 2026-0999, not the shipment on this form" in done.stderr
    with _db(lab_db) as lab:
        row = lab.store.query("SELECT received_at FROM shipment WHERE id = ?", (theirs.shipment.id,))[0]
        assert row["received_at"] is None and events(lab, theirs.shipment.id) == []


def test_project_is_honoured_when_the_form_is_scanned(tmp_path: Path) -> None:
    db = tmp_path / "lab.sqlite"
    with _db(db) as lab:
        ours = cooler(lab, 3, project_code="P-OURS", prefix="FA-O")
        cooler(lab, 3, project_code="P-OTHER", prefix="FA-X")
    done = run(["intake", "scan", "--db", str(db), "--project", "P-OURS"], "\n".join(
        [*_form(ours.codes), ours.codes[0]]) + "\n", tmp_path)
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert lines[2]["outcome"] == "received" and lines[-1]["offline"] is False
    wrong = run(["intake", "scan", "--db", str(db), "--project", "P-OTHER", "--lang", "en"],
                "\n".join(_form(ours.codes)) + "\n", tmp_path)
    assert wrong.returncode == 1 and "holds COC COC-0001 of project P-OTHER" in wrong.stderr


def test_the_window_opens_the_shipment_the_form_names(qapp: object, tmp_path: Path) -> None:
    from ui.intake.launch import read_coc

    with _db(tmp_path / "lab.sqlite") as lab:
        cooler(lab, 3, project_code="P-A", prefix="FA-A")
        ours = cooler(lab, 3, project_code="P-B", prefix="FA-B")
        parts: dict[int, object] = {}
        first, second = _form(ours.codes)
        read_coc(lab, parts, first)  # type: ignore[arg-type]
        receipt = read_coc(lab, parts, second)  # type: ignore[arg-type]
        assert getattr(receipt, "shipment", None) is not None and receipt.shipment.id == ours.shipment.id  # type: ignore[union-attr]
