"""`fieldapp shipment add` and a container past its holding time (issue 15): without a deviation the
command names the rule and the options that record one, and packs nothing; with them the jar is packed
and the deviation is recorded on it, listed by `fieldapp deviations` and covering `fieldapp check`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from fieldapp.domain import borehole, container, layer, project, sample, shipment, staff
from fieldapp.domain.sample import Part
from fieldapp.session import Session
from fieldapp.settings import Settings

FIELDAPP = Path(sys.executable).parent / "fieldapp"
LAB = "SYNLAB Analytics & Services, Rotterdam"


def fieldapp(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(FIELDAPP), *argv], capture_output=True, text=True, timeout=120,
                          env={k: v for k, v in os.environ.items() if not k.startswith("FIELDAPP_CRASH")})


def _site(path: Path) -> None:
    """Project P1 with a jar sampled 15 days ago for PAK (336 h) and an empty shipment COC-0001."""
    with Session.open(path, settings=Settings(user="J. de Vries")) as s:
        pid = project.create(s, code="P1", name="Holding", lab=LAB).id
        hole = borehole.create(s, pid, code="B01")
        layer.add(s, hole.id, upper="0", lower="1", soil="Zs1")
        taken = (datetime.now(UTC) - timedelta(days=15)).isoformat(timespec="seconds")
        smp = sample.create(s, pid, code="M01", kind="field_sample", matrix="BS", parts=[Part(hole.id, "0", "0.5")],
                            sampled_at=taken, analyses=("PAK (10 VROM)",))
        container.add(s, smp.id, container_type="Pot", barcode="FA-H001")
        staff.create(s, name="M. van den Berg", role="projectleader", registration_number="BP-1234")
        shipment.create(s, pid, lab=LAB, code="COC-0001")


def _packed(path: Path) -> int:
    with Session.open(path, settings=Settings(user="t")) as s:
        return int(s.store.query("SELECT COUNT(*) AS n FROM shipment_item")[0]["n"])


def test_a_late_jar_is_refused_naming_the_rule_and_the_deviation_options(tmp_path: Path) -> None:
    db = tmp_path / "site.sqlite"
    _site(db)
    run = fieldapp("shipment", "add", "--db", str(db), "--shipment", "COC-0001", "FA-H001")
    assert run.returncode == 1 and run.stdout == ""
    err = run.stderr
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "FA-H001" in err and "past its holding time" in err and "holding_time_exceeded" in err
    assert "--deviation-reason" in err and "--deviation-consequences" in err
    assert _packed(db) == 0
    # half a deviation is refused too, naming the option that is missing
    half = fieldapp("shipment", "add", "--db", str(db), "--shipment", "COC-0001", "FA-H001",
                    "--deviation-reason", "opdrachtgever wil het indicatief weten")
    assert half.returncode == 1 and "--deviation-consequences" in half.stderr and _packed(db) == 0
    nobody = fieldapp("shipment", "add", "--db", str(db), "--shipment", "COC-0001", "FA-H001",
                      "--deviation-reason", "r", "--deviation-consequences", "c", "--deviation-by", "X. Onbekend")
    assert nobody.returncode == 1 and "not in the staff register" in nobody.stderr and _packed(db) == 0


def test_with_the_options_the_jar_is_packed_and_the_deviation_recorded(tmp_path: Path) -> None:
    db = tmp_path / "site.sqlite"
    _site(db)
    run = fieldapp("shipment", "add", "--db", str(db), "--shipment", "COC-0001", "FA-H001",
                   "--deviation-reason", "De opdrachtgever wil een indicatie.",
                   "--deviation-consequences", "PAK-gehalten mogelijk te laag; uitslag indicatief.",
                   "--deviation-by", "BP-1234")
    assert run.returncode == 0, run.stderr
    assert "packed 1 container" in run.stdout and "deviation recorded" in run.stdout
    assert _packed(db) == 1
    listed = json.loads(fieldapp("deviations", "--db", str(db), "--project", "P1", "--json").stdout)
    (d,) = listed["deviations"]
    assert (d["object_kind"], d["object_code"], d["rule_id"]) == ("container", "FA-H001", "holding_time_exceeded")
    assert d["reason"] == "De opdrachtgever wil een indicatie." and d["staff_name"] == "M. van den Berg"
    assert d["part"].startswith("AS SIKB 3000 protocol 3001")  # the rule's source when no part is given
    assert "conserveringstermijn" in d["nature"]  # the rule's Dutch message when no nature is given
    check = fieldapp("check", "--db", str(db), "--project", "P1", "--json")
    found = [f for f in json.loads(check.stdout)["findings"] if f["rule"] == "holding_time_exceeded"]
    assert [bool(f["deviation_id"]) for f in found] == [True]
