"""A container code may start with FAM (FAM-0001 is a valid barcode): only the manifest's whole head, "FAM2|",
makes a scan a part of the COC form's manifest."""

from __future__ import annotations

from pathlib import Path

from intake_helpers import cooler
from test_intake_cli import run

from fieldapp.domain.container import check_barcode
from fieldapp.intake.receipt import open_shipment
from fieldapp.intake.scan import Outcome, ScanResult, check, is_manifest
from fieldapp.labels.manifest import encode_parts
from fieldapp.session import Session


def test_containers_whose_code_starts_with_fam_are_received(session: Session) -> None:
    box = cooler(session, 3, prefix="FAM-")
    assert all(check_barcode(code) for code in box.codes)
    receipt = open_shipment(session, "COC-0001")
    assert [receipt.scan(code).outcome for code in box.codes] == [Outcome.RECEIVED] * 3
    assert receipt.missing() == []
    # the form's manifest is still read in the same loop
    (part,) = encode_parts("COC-0001", [box.codes])
    assert receipt.scan(part).outcome is Outcome.MANIFEST and receipt.manifest_notes == []


def test_the_manifest_is_recognised_by_its_head_only() -> None:
    assert is_manifest("FAM2|COC=COC-0001|P=1/1") and is_manifest("FAM1|COC=X") and is_manifest("FAM3|later")
    assert not any(is_manifest(t) for t in ("FAM-0001", "FAMKE0001", "FAM2", "FAM", "FA-M2|"))
    # a container code starting with FAM has a container code's length limit, not a manifest's
    too_long = check("FAM-" + "0" * 200)
    assert isinstance(too_long, ScanResult) and "204 characters is not a container code" in too_long.message


def test_a_fam_jar_first_in_manifest_mode_is_not_called_an_unknown_manifest_version(session: Session,
                                                                                     tmp_path: Path) -> None:
    cooler(session, 1, prefix="FAM-")
    session.close()
    done = run(["intake", "scan", "--db", str(session.store.path), "--lang", "en"], "FAM-0001\n", tmp_path)
    assert done.returncode == 1
    assert "Line 1: This is not a FieldApp shipment manifest." in done.stderr and "version" not in done.stderr
