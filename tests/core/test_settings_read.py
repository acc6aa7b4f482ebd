"""A settings file that is not what this version writes never stops FieldApp, and loses nothing silently.

A value of the wrong kind (edited by hand, written by another version) is its default and named; a file
that is no settings file at all gives the defaults and is copied aside before the next save replaces it.
"""

from __future__ import annotations

import json
from pathlib import Path

from fieldapp.settings import Settings, read


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_values_of_the_wrong_kind_are_their_defaults_and_named(tmp_path: Path) -> None:
    path = _write(tmp_path / "settings.json", json.dumps({
        "user": "J. de Vries", "language": ["nl"], "theme": 5, "averaging_count": "30", "rtk_fixed_only": "yes",
        "sync_interval_s": None, "antenna_height_m": 2, "averaging_spread_m": float("nan"),
        "sikb_application_id": True, "role": "inspector", "gnss_port": "/dev/ttyUSB0", "unknown": 1}))
    reading = read(path)
    s = reading.settings
    # what was right is kept; an int where a float goes is that float
    assert (s.user, s.gnss_port, s.antenna_height_m) == ("J. de Vries", "/dev/ttyUSB0", 2.0)
    assert type(s.antenna_height_m) is float
    default = Settings()
    assert (s.language, s.theme, s.averaging_count, s.rtk_fixed_only, s.sync_interval_s, s.averaging_spread_m,
            s.sikb_application_id, s.role) == (
        default.language, default.theme, default.averaging_count, default.rtk_fixed_only, default.sync_interval_s,
        default.averaging_spread_m, default.sikb_application_id, default.role)
    assert set(reading.reset) == {"language", "theme", "averaging_count", "rtk_fixed_only", "sync_interval_s",
                                  "averaging_spread_m", "sikb_application_id", "role"}
    assert reading.damaged_copy is None
    assert Settings.load(path) == s


def test_numbers_outside_what_the_settings_dialog_takes_are_their_defaults(tmp_path: Path) -> None:
    path = _write(tmp_path / "settings.json", json.dumps({
        "averaging_count": -5, "averaging_seconds": 3600, "antenna_height_m": 18.0}))
    reading = read(path)
    assert set(reading.reset) == {"averaging_count", "antenna_height_m"}
    assert reading.settings.averaging_seconds == 3600  # the dialog's highest: kept
    assert reading.settings.averaging_count == Settings().averaging_count


def test_a_damaged_file_gives_the_defaults_and_is_kept_aside(tmp_path: Path) -> None:
    half = '{"user": "J. de Vries", "antenna_height_m": 1.8, "gnss_po'  # a write cut off
    path = _write(tmp_path / "settings.json", half)
    reading = read(path)
    assert reading.settings == Settings() and reading.reset == ()
    assert reading.damaged_copy == tmp_path / "settings.damaged.json"
    assert reading.damaged_copy.read_text(encoding="utf-8") == half  # the user's values can still be read
    Settings(user="J. de Vries").save(path)  # the next save replaces the file, not the copy
    assert reading.damaged_copy.read_text(encoding="utf-8") == half
    assert read(path).settings.user == "J. de Vries"


def test_no_file_and_a_file_of_another_shape(tmp_path: Path) -> None:
    assert read(tmp_path / "none.json").settings == Settings()
    assert not (tmp_path / "none.damaged.json").exists()
    reading = read(_write(tmp_path / "list.json", "[1, 2]"))
    assert reading.settings == Settings() and reading.damaged_copy == tmp_path / "list.damaged.json"
    garbage = tmp_path / "zeros.json"
    garbage.write_bytes(b"\x00" * 512 + b"\xff")  # what a power cut can leave of a file
    reading = read(garbage)
    assert reading.settings == Settings() and reading.damaged_copy == tmp_path / "zeros.damaged.json"
