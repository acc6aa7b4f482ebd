"""User and device settings, kept in a small JSON file beside the database."""

from __future__ import annotations

import json
import math
import os
import shutil
import tempfile
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

import platformdirs

APP_NAME = "FieldApp"
ROLES = ("sampler", "lab", "coordinator")


def data_dir() -> Path:
    """Where the device's databases live (e.g. ~/.local/share/FieldApp)."""
    override = os.environ.get("FIELDAPP_DATA_DIR")
    return Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    override = os.environ.get("FIELDAPP_CONFIG_DIR")
    return Path(override) if override else Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def login_name() -> str:
    """Who is logged in, for a device whose user has not given a name (the command line)."""
    return os.environ.get("USER") or os.environ.get("USERNAME") or "unknown user"


def settings_path() -> Path:
    return config_dir() / "settings.json"


@dataclass
class Settings:
    # the user's name, recorded on every action and printed on the COC and
    # receipts; empty until given (the GUI asks on first start)
    user: str = ""
    language: str = ""  # empty: follow the system locale
    theme: str = "normal"  # or "sunlight"
    gnss_port: str = "auto"
    gnss_baud: str = "auto"
    required_position_class: str = ""
    averaging_count: int = 30
    averaging_seconds: int = 60
    averaging_spread_m: float = 0.0
    rtk_fixed_only: bool = False
    # what this device is for; "lab" opens the app in lab intake (the hub's token carries the
    # same roles, but a lab desk without hub access must know it at start too)
    role: str = "sampler"
    sync_interval_s: int = 60  # background sync with the hub this often while the window is open
    # the receiver profile: the antenna's height above the ground (the pole), taken off
    # a GNSS height for the surface level; 0 = not set, and a GNSS surface level is refused
    antenna_height_m: float = 0.0
    # SIKB0101 export (issue 14): the codes SIKB assigns to a software supplier for metaData/application
    # (domain table Applicaties) and metaData/supplier (Leveranciers); 0 = not set, and the export refuses
    # without the application code rather than invent one (README, "SIKB0101 export")
    sikb_application_id: int = 0
    sikb_supplier_id: int = 0

    @property
    def actor(self) -> str:
        """The name recorded on actions: the user's, or the login name until one is given."""
        return self.user.strip() or login_name()

    @classmethod
    def load(cls, path: Path) -> Settings:
        """Read settings; unknown keys are ignored, and an unusable value or a damaged file gives defaults
        (:func:`read` says which)."""
        return read(path).settings

    def save(self, path: Path) -> None:
        """Write atomically so that a crash never leaves half a settings file."""
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".settings-", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(asdict(self), fh, indent=2)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)


@dataclass(frozen=True)
class Reading:
    """The settings as read, and what of the file could not be used."""

    settings: Settings
    #: the settings whose value in the file was of the wrong kind (a word where a number goes), now their default
    reset: tuple[str, ...] = ()
    #: where a file that is no settings file at all (half written, overwritten) was kept before it is replaced
    damaged_copy: Path | None = None


def read(path: Path) -> Reading:
    """The settings of ``path``. A value of the wrong kind, edited by hand or written by another version,
    is its default (it would stop the window at start); a damaged file gives every default and is copied
    aside first, as the next save replaces it and the user's values in it can still be read there."""
    try:
        data = path.read_bytes()
    except OSError:
        return Reading(Settings())
    try:
        raw: Any = json.loads(data.decode("utf-8"))
    except ValueError:  # not JSON, or not even text (UnicodeDecodeError is one)
        raw = None
    if not isinstance(raw, dict):
        return Reading(Settings(), damaged_copy=_keep_aside(path))
    values: dict[str, Any] = {}
    reset: list[str] = []
    for f in fields(Settings):
        if f.name not in raw:
            continue
        value = _fitting(raw[f.name], getattr(Settings, f.name))
        low, high = BOUNDS.get(f.name, (value, value))
        if value is None or (f.name == "role" and value not in ROLES) or not low <= value <= high:
            reset.append(f.name)  # a role this version does not know too: the default, never a crash
        else:
            values[f.name] = value
    return Reading(Settings(**values), tuple(reset))


#: the measuring settings' bounds in the Settings dialog (ui/settings_dialog.py): a number outside them, from
#: a file edited by hand, is its default as a value of the wrong kind is (an average of -5 fixes never ends)
BOUNDS: dict[str, tuple[float, float]] = {
    "averaging_count": (1, 3600), "averaging_seconds": (0, 3600), "antenna_height_m": (0.0, 5.0),
}


def _fitting(value: Any, default: Any) -> Any:
    """``value`` as the setting takes it, or None when it is of another kind than its default."""
    if isinstance(default, bool):
        return value if type(value) is bool else None
    if isinstance(default, int):
        return value if type(value) is int else None
    if isinstance(default, float):
        return float(value) if type(value) in (int, float) and math.isfinite(value) else None
    return value if type(value) is str else None


def _keep_aside(path: Path) -> Path | None:
    copy = path.with_name(f"{path.stem}.damaged{path.suffix}")
    try:
        shutil.copyfile(path, copy)
    except OSError:
        return None
    return copy
