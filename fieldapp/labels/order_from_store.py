"""The analysis samples of one shipment's lab order, read from the store.

An analysis sample is on a shipment's order when one of the jars the lab
combines for it (:func:`fieldapp.domain.analysis_sample.jars`: the jars of its
field samples, and its own for a converted field composite) travels in that
cooler. Its jars in other coolers, or not yet shipped, are named on the form
so that the lab knows to wait for them; the manifest carries only the jars of
this cooler, which is what intake checks against.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from fieldapp.domain import analysis_package
from fieldapp.domain.analysis_sample import KIND
from fieldapp.errors import CodeListError
from fieldapp.labels.coc_words import CocLang
from fieldapp.labels.data import CocAnalysis
from fieldapp.labels.manifest import ManifestAnalysis

if TYPE_CHECKING:
    from fieldapp.store import Store

# One query for the whole project: every analysis sample with every live jar it combines,
# in the order of analysis_sample.jars (by field sample code, then barcode).
_JARS = (
    "SELECT a.id, a.code, a.matrix, a.analysis_package, a.analyses, a.sampled_at, c.id AS container_id, c.barcode "
    "FROM sample a JOIN (SELECT analysis_sample_id AS aid, field_sample_id AS sid FROM analysis_sample_part "
    "UNION ALL SELECT id, id FROM sample WHERE project_id = ? AND kind = ?) m ON m.aid = a.id "
    "JOIN container c ON c.sample_id = m.sid AND c.voided_at IS NULL JOIN sample f ON f.id = m.sid "
    "WHERE a.project_id = ? AND a.kind = ? ORDER BY length(a.code), a.code, f.code, c.barcode"
)
# Where each jar of the project travels: the latest shipment it was packed in.
_SHIPPED = (
    "SELECT i.container_id, s.code FROM shipment_item i JOIN shipment s ON s.id = i.shipment_id "
    "WHERE s.project_id = ? ORDER BY s.id"
)


def _package(code: str | None, free_text: str | None, lang: CocLang) -> tuple[str, str, str]:
    """(code, name, parameters summary) of a package; a converted composite keeps its old free text."""
    if not code:
        return "", "", free_text or ""
    try:
        package = analysis_package.get(code)
    except CodeListError:
        return code, "", ""  # a package no longer in the table still prints as its code
    names = [p.label(lang) for p in package.parameters]
    return package.code, package.label(lang), f"{len(names)} parameters: {', '.join(names)}"  # the same in Dutch


def shipment_analyses(store: Store, project_id: str, shipment_id: str, lang: CocLang,
                      local_time: Callable[[str | None], str]) -> tuple[CocAnalysis, ...]:
    in_cooler = {r["container_id"] for r in store.query(
        "SELECT container_id FROM shipment_item WHERE shipment_id = ?", (shipment_id,))}
    if not in_cooler:
        return ()
    shipped = {r["container_id"]: r["code"] for r in store.query(_SHIPPED, (project_id,))}
    rows: dict[str, list[dict[str, Any]]] = {}
    for r in store.query(_JARS, (project_id, KIND, project_id, KIND)):
        rows.setdefault(str(r["id"]), []).append(r)
    out = []
    for jars in rows.values():
        if not any(j["container_id"] in in_cooler for j in jars):
            continue
        first = jars[0]
        code, name, parameters = _package(first["analysis_package"], first["analyses"], lang)
        here = tuple(str(j["barcode"]) for j in jars if j["container_id"] in in_cooler)
        elsewhere = tuple((str(j["barcode"]), str(shipped.get(j["container_id"], "")))
                          for j in jars if j["container_id"] not in in_cooler)
        out.append(CocAnalysis(code=str(first["code"]), package_code=code, package_name=name, parameters=parameters,
                               matrix=str(first["matrix"] or ""), barcodes=here, elsewhere=elsewhere,
                               sampled_at=local_time(first["sampled_at"])))
    return tuple(out)


def shipment_order(store: Store, project_id: str, shipment_id: str) -> tuple[ManifestAnalysis, ...]:
    """The shipment's lab order as its COC's manifest carries it (the same analysis samples, each with
    the jars of this cooler): what intake checks the cooler against when it opens the shipment from the
    database rather than from the printed form."""
    return tuple(ManifestAnalysis(a.code, a.package_code, a.barcodes)
                 for a in shipment_analyses(store, project_id, shipment_id, "en", lambda t: t or ""))
