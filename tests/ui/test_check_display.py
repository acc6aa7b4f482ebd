"""tools/check_display.py: a clear message instead of Qt's abort when no window can open."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

TOOL = Path(__file__).resolve().parents[2] / "tools" / "check_display.py"


@pytest.fixture
def tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("check_display", TOOL)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_no_display_is_reported(tool: ModuleType) -> None:
    problem = tool.check({}, "linux")
    assert problem is not None
    assert "xvfb-run" in problem and "QT_QPA_PLATFORM=offscreen" in problem


def test_offscreen_or_other_systems_pass(tool: ModuleType) -> None:
    assert tool.check({"QT_QPA_PLATFORM": "offscreen"}, "linux") is None
    assert tool.check({}, "win32") is None
    assert tool.check({"WAYLAND_DISPLAY": "wayland-0"}, "linux") is None


def test_missing_xcb_libraries_name_the_debian_packages(
        tool: ModuleType, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tool, "_loadable", lambda soname: "cursor" not in soname
                        and "icccm" not in soname)
    problem = tool.check({"DISPLAY": ":0"}, "linux")
    assert problem is not None
    assert "sudo apt-get install libxcb-cursor0 libxcb-icccm4" in problem
    assert tool.check({"DISPLAY": ":0", "QT_QPA_PLATFORM": "offscreen"}, "linux") is None


def test_all_four_packages_when_none_is_there(
        tool: ModuleType, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tool, "_loadable", lambda _soname: False)
    problem = tool.check({"DISPLAY": ":0"}, "linux")
    assert problem is not None
    assert ("sudo apt-get install libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 "
            "libxkbcommon-x11-0") in problem


def test_exit_status(tool: ModuleType, monkeypatch: pytest.MonkeyPatch,
                     capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    assert tool.main() == 1
    assert "cannot open the window" in capsys.readouterr().err
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert tool.main() == 0


def test_make_run_checks_the_display_before_installing(tmp_path: Path) -> None:
    """Without a screen `make run` says so at once and installs nothing (it used to spend 27 s first)."""
    import shutil
    import subprocess

    root = TOOL.parents[1]
    shutil.copy(root / "Makefile", tmp_path / "Makefile")
    shutil.copytree(root / "tools", tmp_path / "tools")
    (tmp_path / "pyproject.toml").write_text("", encoding="utf-8")
    env = {k: v for k, v in __import__("os").environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "MAKEFLAGS", "MAKELEVEL")}
    env["PYTHON"] = sys.executable
    done = subprocess.run(["make", "run"], cwd=tmp_path, env=env, capture_output=True, text=True, check=False)
    assert done.returncode != 0
    assert "cannot open the window" in done.stderr and "xvfb-run" in done.stderr
    assert not (tmp_path / ".venv").exists()
