"""Where FieldApp finds its data files and how it starts a child of itself, interpreted or frozen."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from fieldapp import runtime
from fieldapp.codelists import DEFAULT_DIR
from fieldapp.labels.layouts import default_layout_dir


def test_resources_of_a_checkout() -> None:
    root = Path(__file__).resolve().parents[2]
    assert runtime.resource_path("labels") == root / "resources" / "labels" == default_layout_dir()
    assert root / "resources" / "codelists" == DEFAULT_DIR
    assert (runtime.resource_path("i18n") / "fieldapp_nl.qm").is_file()


def test_resources_of_a_frozen_build(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert runtime.resource_path("intake", "labs.json") == tmp_path / "resources" / "intake" / "labs.json"
    command, env = runtime.module_command("fieldapp.demo_boreholes")
    assert command == [sys.executable] and env[runtime.CHILD_MODULE_ENV] == "fieldapp.demo_boreholes"
    with pytest.raises(ValueError):
        runtime.module_command("os")


def test_a_child_module_runs_as_python_m_runs_it() -> None:
    command, env = runtime.module_command("fieldapp.demo_boreholes")
    assert command[1:] == ["-m", "fieldapp.demo_boreholes"] and runtime.CHILD_MODULE_ENV not in env
    # the frozen entry point's switch, run here by an interpreter: only the named modules
    entry = "from fieldapp.runtime import run_child_module; run_child_module()"
    refused = subprocess.run([sys.executable, "-c", entry], env={**env, runtime.CHILD_MODULE_ENV: "os"},
                             capture_output=True, text=True, check=False)
    assert refused.returncode == 1 and "is not a module FieldApp runs" in refused.stderr
    # the demo child reads its jobs from stdin: an empty job list gives an empty answer
    done = subprocess.run([sys.executable, "-c", entry],
                          env={**env, runtime.CHILD_MODULE_ENV: "fieldapp.demo_boreholes"},
                          input=_no_jobs(), capture_output=True, check=True)
    assert done.stdout == b""


def _no_jobs() -> bytes:
    import pickle

    work = pickle.dumps((DEFAULT_DIR, "test", []))
    return len(work).to_bytes(8, "big") + work  # the generator's framing: 8 bytes of length, then the pickle


def test_every_data_file_is_found_through_resource_path() -> None:
    # one helper, so that a frozen build and a checkout find resources/ the same way
    root = Path(__file__).resolve().parents[2]
    found = [f"{path.relative_to(root)}:{n}" for top in ("fieldapp", "drivers", "ui")
             for path in sorted((root / top).rglob("*.py")) if path.name != "runtime.py"
             for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if "__file__" in text and "resources" in text]
    assert found == [], f"use fieldapp.runtime.resource_path(...) instead of __file__ in {found}"
