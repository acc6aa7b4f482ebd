"""Bottles of a groundwater sample: filled for an analysis package (and, where one
package needs several bottles, for some of its parameters), with their preservation
and whether the water was filtered in the field.

Two rules, both data: organic parameters are never filtered (the package table
marks them, ``resources/analysis/packages.json``), and a package takes only the
bottle types and materials ``resources/groundwater/bottles.json`` allows in a
matrix (no glass for PFAS in groundwater: PP or HDPE). A refused bottle says why
and is not written.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from fieldapp.domain import analysis_package, container
from fieldapp.domain.analysis_package import Package, Parameter
from fieldapp.domain.common import optional_text
from fieldapp.errors import FieldAppError, NotFoundError, ValidationError
from fieldapp.rules import RuleBook, RuleError, default_book
from fieldapp.runtime import resource_path

if TYPE_CHECKING:
    from fieldapp.codelists import CodeLists
    from fieldapp.domain.container import Container
    from fieldapp.session import Session

BOTTLES_FILE = resource_path("groundwater", "bottles.json")


@dataclass(frozen=True)
class BottleRule:
    """What a package takes in a matrix: bottle materials and types (empty: any),
    the preservation expected and whether it is filtered; why, and the source."""

    package: str
    matrix: str
    materials: tuple[str, ...]
    container_types: tuple[str, ...]
    preservation: str | None
    filtered: bool | None
    reason_nl: str
    reason_en: str
    source: str
    confirmed: bool


@cache
def rules(path: Path = BOTTLES_FILE) -> dict[tuple[str, str], BottleRule]:
    """The bottle table by (package, matrix), read once."""
    try:
        rows = json.loads(path.read_text(encoding="utf-8"))["rows"]
        found = {(str(r["package"]), str(r["matrix"])): BottleRule(
            str(r["package"]), str(r["matrix"]), tuple(r.get("materials") or ()),
            tuple(r.get("container_types") or ()), r.get("preservation"), r.get("filtered"),
            str(r["reason_nl"]), str(r["reason_en"]), str(r["source"]), bool(r.get("confirmed", False)))
            for r in rows}
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise FieldAppError(f"The bottle table {path.name} cannot be read ({exc}).",
                            hint="Reinstall FieldApp or restore resources/groundwater.") from exc
    return found


def parameters_of(package: Package, codes: Sequence[str]) -> list[Parameter]:
    """The parameters a bottle is for: those named, else all of the package."""
    if not codes:
        return list(package.parameters)
    known = {p.code: p for p in package.parameters}
    unknown = [c for c in codes if c not in known]
    if unknown:
        raise ValidationError("parameters", f"'{unknown[0]}' is not a parameter of {package.code}.",
                              hint=f"Choose from: {', '.join(known)}.")
    return [known[c] for c in codes]


def organic_filtered(package: Package, codes: Sequence[str], filtered: bool | None) -> list[Parameter]:
    """The organic parameters a filtered bottle would be analysed for (none when not filtered)."""
    return [p for p in parameters_of(package, codes) if p.organic] if filtered else []


def check(lists: CodeLists, package_code: str, matrix: str, container_type: str, material: str | None,
          filtered: bool | None, parameters: Sequence[str] = (), book: RuleBook | None = None) -> Package:
    """A bottle for ``package_code`` in ``matrix``: raises RuleError with the reason when
    filtering or the bottle is not allowed; writes nothing."""
    book = book or default_book()
    package = analysis_package.get(package_code)
    if not package.fits(matrix):
        raise ValidationError("package", f"{package.code} is not analysed in matrix {matrix}.",
                              hint=f"Choose a package for {matrix}.")
    organic = organic_filtered(package, parameters, filtered)
    if organic:
        shown = ", ".join(p.code for p in organic[:5]) + (" …" if len(organic) > 5 else "")
        raise RuleError("filtered", book["bottle_filtered_organic"], package=package.code, parameters=shown)
    rule = rules().get((package.code, matrix))
    if rule is None:
        return package
    if rule.container_types and container_type not in rule.container_types:
        kind = lists.get("container_type", container_type)
        raise _not_allowed(book, rule, "container type", (kind.nl, kind.en),
                           [lists.label("container_type", c, "nl") for c in rule.container_types])
    if rule.materials and material not in rule.materials:
        if not material:
            raise ValidationError("material", f"The bottle's material is not given; {package.code} in {matrix} "
                                  f"takes only {', '.join(rule.materials)}.", hint="Choose the bottle's material.")
        stuff = lists.get("container_material", material)
        raise _not_allowed(book, rule, "material", (f"een fles van {stuff.nl}", f"a bottle of {stuff.en}"),
                           list(rule.materials))
    return package


def _not_allowed(book: RuleBook, rule: BottleRule, field: str, what: tuple[str, str], allowed: list[str]) -> RuleError:
    return RuleError(field, book["bottle_not_allowed"], what_nl=what[0].capitalize(), what_en=what[1].capitalize(),
                     package=rule.package, matrix=rule.matrix, reason_nl=rule.reason_nl, reason_en=rule.reason_en,
                     allowed=" / ".join(allowed))


def expected_preservation(package_code: str | None, matrix: str) -> str | None:
    rule = rules().get((package_code or "", matrix))
    return None if rule is None else rule.preservation


def fill(session: Session, sample_id: str, *, package: str, container_type: str, material: str | None,
         volume_ml: int | None = None, preservation: str | None = None, filtered: bool = False,
         parameters: Sequence[str] = (), barcode: str | None = None, remarks: str | None = None,
         collected_at: str | None = None, book: RuleBook | None = None) -> Container:
    """Fill a bottle from a (groundwater) sample for a package (one action with its
    'collected' custody event), or refuse it with the reason."""
    sample = session.store.get("sample", sample_id)
    if sample is None:
        raise NotFoundError(f"Sample {sample_id} does not exist.")
    session.lists.check("container_type", container_type, "container type")
    if material:
        session.lists.check("container_material", material, "material")
    checked = check(session.lists, package, str(sample["matrix"]), container_type, optional_text(material),
                    filtered, parameters, book)
    return container.add(session, sample_id, container_type=container_type, barcode=barcode, material=material,
                         volume_ml=volume_ml, preservation=preservation, remarks=remarks,
                         collected_at=collected_at, filtered=filtered, analysis_package=checked.code,
                         parameters=list(parameters))
