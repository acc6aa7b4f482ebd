"""User and device settings, kept in a small JSON file beside the database."""

from __future__ import annotations

import json
import os
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
        """Read settings; unknown keys are ignored and a damaged file gives defaults."""
        try:
            raw: Any = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        if not isinstance(raw, dict):
            return cls()
        known = {f.name: f for f in fields(cls)}
        values = {k: v for k, v in raw.items() if k in known}
        if values.get("role") not in (None, *ROLES):
            del values["role"]  # a role this version does not know: the default, never a crash
        try:
            return cls(**values)
        except TypeError:
            return cls()

    def save(self, path: Path) -> None:
        """Write atomically so that a crash never leaves half a settings file."""
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".settings-", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(asdict(self), fh, indent=2)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
