"""The start of `fieldapp intake scan`'s input as Windows tools and scanners send it: a UTF-8 byte order mark
(Notepad, PowerShell) or an empty line (a lone suffix key) before the COC form or the first jar."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from intake_helpers import cooler

from fieldapp.codelists import CodeLists
from fieldapp.labels.manifest import encode_parts
from fieldapp.session import Session
from fieldapp.settings import Settings

BOM = b"\xef\xbb\xbf"


def _run(args: list[str], stdin: bytes, tmp: Path) -> list[dict[str, object]]:
    env = {"FIELDAPP_CONFIG_DIR": str(tmp / "config"), "PATH": "/usr/bin:/bin", "USER": "lab-clerk"}
    done = subprocess.run([sys.executable, "-m", "ui.main", "intake", "scan", *args], input=stdin,
                          capture_output=True, env=env, check=False, timeout=120)
    assert done.returncode == 0, done.stderr.decode()
    return [json.loads(line) for line in done.stdout.decode().splitlines()]


@pytest.fixture
def lab(tmp_path: Path) -> tuple[Path, list[str]]:
    db = tmp_path / "lab.sqlite"
    with Session.open(db, settings=Settings(user="lab-clerk"), lists=CodeLists.load()) as session:
        return db, cooler(session, 3).codes


@pytest.mark.parametrize("before", [BOM, b"\n", b"\r\n", BOM + b"\n"], ids=["bom", "lf", "crlf", "bom-lf"])
def test_the_form_is_read_after_a_byte_order_mark_or_an_empty_line(lab: tuple[Path, list[str]], tmp_path: Path,
                                                                   before: bytes) -> None:
    db, codes = lab
    form = "\n".join([*encode_parts("COC-0001", [codes[:1], codes[1:]]), codes[0]]) + "\n"
    lines = _run(["--db", str(db)], before + form.encode(), tmp_path)
    assert [line.get("outcome") for line in lines[:3]] == ["manifest", "manifest", "received"]
    assert lines[-1]["offline"] is False


def test_a_byte_order_mark_before_the_first_jar_is_no_part_of_its_code(lab: tuple[Path, list[str]],
                                                                       tmp_path: Path) -> None:
    db, codes = lab
    lines = _run(["--db", str(db), "--shipment", "COC-0001"], BOM + "\n".join(codes).encode() + b"\n", tmp_path)
    assert [line.get("outcome") for line in lines[:3]] == ["received"] * 3
