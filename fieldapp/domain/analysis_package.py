"""Analysis packages (analysepakketten): what a lab analyses an analysis sample for.

The packages are data (``resources/analysis/packages.json``): each names its
matrices (codes of the matrix code list), its parameters, whether each
parameter is organic (an organic parameter is never analysed on a filtered
groundwater sample) and its source.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

from fieldapp.errors import CodeListError, FieldAppError
from fieldapp.runtime import resource_path

Lang = Literal["nl", "en"]

DEFAULT_PATH = resource_path("analysis", "packages.json")


@dataclass(frozen=True)
class Parameter:
    code: str
    nl: str
    en: str
    organic: bool
    confirmed: bool = True

    def label(self, lang: Lang = "nl") -> str:
        return self.nl if lang == "nl" else self.en


@dataclass(frozen=True)
class Package:
    code: str
    nl: str
    en: str
    matrices: tuple[str, ...]
    parameters: tuple[Parameter, ...]
    source: str
    confirmed: bool = True

    def label(self, lang: Lang = "nl") -> str:
        return self.nl if lang == "nl" else self.en

    def fits(self, matrix: str) -> bool:
        return matrix in self.matrices

    @property
    def organic(self) -> bool:
        """Whether any parameter is organic (the sample must not be filtered for it)."""
        return any(p.organic for p in self.parameters)


def _broken(path: Path, why: str) -> FieldAppError:
    return FieldAppError(f"The analysis package table {path.name} cannot be read ({why}).",
                         hint="Reinstall FieldApp or restore resources/analysis.")


@cache
def load(path: Path = DEFAULT_PATH) -> tuple[Package, ...]:
    """Every package of the table, in file order."""
    try:
        rows = json.loads(path.read_text(encoding="utf-8"))["packages"]
        packages = tuple(
            Package(
                code=str(row["code"]), nl=str(row["nl"]), en=str(row["en"]),
                matrices=tuple(str(m) for m in row["matrix"]),
                parameters=tuple(Parameter(str(p["code"]), str(p["nl"]), str(p["en"]), bool(p["organic"]),
                                           bool(p.get("confirmed", True))) for p in row["parameters"]),
                source=str(row["source"]), confirmed=bool(row.get("confirmed", True)),
            )
            for row in rows
        )
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise _broken(path, str(exc)) from exc
    codes = [p.code for p in packages]
    if len(set(codes)) != len(codes):
        raise _broken(path, "a package code appears twice")
    for package in packages:
        if not package.source.strip() or not package.parameters or not package.matrices:
            raise _broken(path, f"package {package.code} lacks its source, parameters or matrix")
    return packages


def get(code: str, *, field: str = "package") -> Package:
    for package in load():
        if package.code == code:
            return package
    raise CodeListError(field, f"'{code}' is not an analysis package.",
                        hint=f"Choose one of: {', '.join(p.code for p in load())}.")


def for_matrix(matrix: str) -> list[Package]:
    """The packages a sample of this matrix can be analysed for."""
    return [p for p in load() if p.fits(matrix)]
