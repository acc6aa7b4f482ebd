"""`fieldapp shipment ...` as a sampler types it: the real program in a subprocess on a real
SQLite file. Each step prints what it did; bad input is one line naming what is wrong and
what to do, exit 1, and nothing saved."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from fieldapp.domain import borehole, container, layer, project, sample
from fieldapp.domain.sample import Part
from fieldapp.session import Session
from fieldapp.settings import Settings
from fieldapp.store.verify import verify

ROOT = Path(__file__).parents[2]


def fieldapp(tmp: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "FIELDAPP_CONFIG_DIR": str(tmp / "config")}
    return subprocess.run([sys.executable, "-m", "ui.main", *args], capture_output=True, text=True, cwd=ROOT,
                          env=env, timeout=300, check=False)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "field.sqlite"
    (tmp_path / "config").mkdir()
    Settings(user="A. Bakker").save(tmp_path / "config" / "settings.json")  # the user of the laptop
    with Session.open(path, settings=Settings(user="A. Bakker")) as s:
        proj = project.create(s, code="P-16", name="Gasfabriek")
        hole = borehole.create(s, proj.id, code="B01")
        layer.add(s, hole.id, upper="0", lower="1", soil="Zs1")
        smp = sample.create(s, proj.id, code="M01", kind="field_sample", matrix="BS",
                            parts=[Part(hole.id, "0", "0.5")], analyses=["NEN 5740 standaardpakket grond"])
        for code in ("FA-A001", "FA-A002", "FA-A003"):
            container.add(s, smp.id, container_type="Pot", barcode=code)
    return path


def test_a_cooler_from_create_to_hand_over(db: Path, tmp_path: Path) -> None:
    d = str(db)
    made = fieldapp(tmp_path, "shipment", "create", "--db", d, "--project", "P-16", "--lab", "SYNLAB Rotterdam")
    assert made.returncode == 0, made.stderr
    code = made.stdout.strip()
    assert code == "COC-0001"
    added = fieldapp(tmp_path, "shipment", "add", "--db", d, "--shipment", code, "fa-a001", "FA-A002")
    assert added.returncode == 0 and "packed 2 containers (2 in the shipment)" in added.stdout
    sealed = fieldapp(tmp_path, "shipment", "seal", "--db", d, "--shipment", code, "--seal", "S-0042")
    assert sealed.returncode == 0 and "S-0042" in sealed.stdout
    handed = fieldapp(tmp_path, "shipment", "handover", "--db", d, "--shipment", code, "--to", "DHL koerier")
    assert handed.returncode == 0, handed.stderr
    assert "by A. Bakker to DHL koerier" in handed.stdout
    listed = fieldapp(tmp_path, "shipment", "list", "--db", d, "--project", "P-16", "--json")
    row = json.loads(listed.stdout)
    assert (row["code"], row["state"], row["containers"], row["seal"]) == (code, "handed over", 2, "S-0042")
    shown = json.loads(fieldapp(tmp_path, "shipment", "show", "--db", d, "--shipment", code, "--json").stdout)
    assert [i["barcode"] for i in shown["items"]] == ["FA-A001", "FA-A002"]
    assert all(i["holding_hours"] == 96 and i["deadline"] for i in shown["items"])  # NEN 5740 at SYNLAB
    kinds = [(e["kind"], e["actor"]) for e in shown["events"]]
    assert kinds == [("packed", "A. Bakker")] * 2 + [("sealed", "A. Bakker"), ("relinquished", "A. Bakker")]
    second = fieldapp(tmp_path, "shipment", "create", "--db", d, "--project", "P-16", "--lab", "SYNLAB")
    assert second.stdout.strip() == "COC-0002"
    with Session.open(db) as s:
        verify(s.store)


@pytest.mark.parametrize(("args", "words"), [
    (("create", "--project", "NOPE", "--lab", "SYNLAB"), ("NOPE",)),
    (("create", "--project", "P-16", "--lab", " "), ("lab is empty", "Fill in the lab")),
    (("add", "--shipment", "COC-0001", "FA-A001", "FA-ZZZZ"), ("FA-ZZZZ", "Scan it in its sample first")),
    (("seal", "--shipment", "COC-0001", "--seal", "S1"), ("COC-0001 is empty", "before sealing")),
    (("handover", "--shipment", "COC-0001", "--to", "DHL", "--at", "morgen"), ("'morgen' is not a date",)),
    (("handover", "--shipment", "COC-0009", "--to", "DHL"), ("no shipment with COC number 'COC-0009'",)),
])
def test_bad_input_is_one_line_and_saves_nothing(db: Path, tmp_path: Path, args: tuple[str, ...],
                                                  words: tuple[str, ...]) -> None:
    assert fieldapp(tmp_path, "shipment", "create", "--db", str(db), "--project", "P-16",
                    "--lab", "SYNLAB").returncode == 0
    with Session.open(db) as s:
        before = s.store.query("SELECT COUNT(*) AS n FROM journal")[0]["n"]
    done = fieldapp(tmp_path, "shipment", args[0], "--db", str(db), *args[1:])
    assert done.returncode == 1 and done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("fieldapp: error: "), done.stderr
    for word in words:
        assert word in lines[0]
    with Session.open(db) as s:
        assert s.store.query("SELECT COUNT(*) AS n FROM journal")[0]["n"] == before


def test_every_shipment_command_has_help(tmp_path: Path) -> None:
    for name in ("create", "add", "seal", "handover", "list", "show"):
        done = fieldapp(tmp_path, "shipment", name, "--help")
        assert done.returncode == 0 and "--db" in done.stdout
