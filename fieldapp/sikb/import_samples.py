"""Samples, their packages and analysis samples from a SIKB0101 file.

A Sample's MonsterType says what it is, through FieldApp's list of sample
kinds (``sikb0101_monstertype_id``): 1 a field sample (a groundwater one when
taken in a Filter), 10 an analysis sample made of its parts (role 10
HeeftDeelmonster, or 9 InAnalyseMonster from the part). A package is a
container with its barcode. One barcode under a field sample and the analysis
sample made of it is one jar: it stays with the field sample.
"""

from __future__ import annotations

from typing import Any

from fieldapp.domain import sample_rules
from fieldapp.domain.container import check_barcode, new_barcode, normalise_barcode
from fieldapp.errors import ValidationError
from fieldapp.messages import Told, metres, named, refused
from fieldapp.sikb import import_rounds
from fieldapp.sikb.import_context import Context, measure_cm, moment
from fieldapp.sikb.import_names import derived_id
from fieldapp.sikb.names import SPEC
from fieldapp.sikb.read_xml import GML_ID, HREF, Element, child, parse_urn, text

IN_BOREHOLE, IN_FILTER, IN_ANALYSIS, HAS_PART = 6, 7, 9, 10
#: MonsterTypes FieldApp has no kind of its own for -> (the MonsterType it is kept as, its Dutch name):
#: a sieve or material sample (NEN 5707) is taken in the field; a conclusion or merged sample is made of others
_KEPT_AS = {7: (1, "zeefmonster"), 8: (1, "materiaalmonster"), 11: (10, "samengevoegd monster"),
            12: (10, "conclusiemonster")}
GROUNDWATER = "GW"


def samples(ctx: Context, holes: dict[str, dict[str, Any]], wells: dict[str, dict[str, Any]],
            barcodes: dict[str, tuple[str, str]]) -> None:
    """``barcodes``: barcode -> (container id, sample id) already stored (in any project)."""
    kinds = {e.extra.get("sikb0101_monstertype_id"): e for e in reversed(ctx.codes.lists.entries("sample_kind"))}
    field_rows: dict[str, dict[str, Any]] = {}
    analysis: list[tuple[Element, str]] = []
    seen_barcodes: dict[str, tuple[str, str]] = {}  # barcode -> (sample row id, sample code)
    for el in ctx.file.of_kind("Sample"):
        gml_id = el.get(GML_ID, "")
        kind_urn = parse_urn(_href(el, "specimenType"))
        name = text(el, "name") or gml_id
        entry = kinds.get(kind_urn.id) if kind_urn else kinds.get(1)
        if kind_urn is None:
            ctx.report.defaulted("sample_no_type", named("sample", name))
        elif kind_urn.id in _KEPT_AS:
            as_id, dutch = _KEPT_AS[kind_urn.id]
            entry = kinds.get(as_id)
            ctx.report.defaulted("sample_as_field" if as_id == 1 else "sample_as_analysis", named("sample", name),
                                 name=dutch, type=kind_urn.id)
        if entry is None:
            ctx.report.skipped("sample_type_skipped", named("sample", name), type=kind_urn.id if kind_urn else "?")
            continue
        if entry.withdrawn:
            raise refused("kind", "refuse_sample_withdrawn", what=named("sample", name), type=str(kind_urn),
                          label=entry.nl)
        if entry.code == "analysis_sample":
            analysis.append((el, gml_id))
            continue
        field_rows[gml_id] = _field_sample(ctx, el, gml_id, holes, wells, seen_barcodes, barcodes)
    in_analysis = ctx.file.pointing_at(IN_ANALYSIS)  # analysis sample -> the samples that name it
    for el, gml_id in analysis:
        _analysis_sample(ctx, el, gml_id, field_rows, seen_barcodes, barcodes, in_analysis.get(gml_id, []))


def _href(el: Element, name: str) -> str | None:
    node = next(el.iterchildren(f"{{{SPEC}}}{name}"), None)
    return node.get(HREF) if node is not None else None


def _common(ctx: Context, el: Element, gml_id: str, kind: str, what_kind: str) -> dict[str, Any]:
    """``what_kind``: "sample" or "analysis_sample", how the messages name it."""
    ident = ctx.id_of(gml_id)
    name = text(el, "name")
    code = ctx.names["sample"].claim(name, ident, what_kind)
    sampled = moment(text(el, "samplingTime", "TimeInstant", "timePosition") or text(el, "startTime"))
    try:
        sample_rules.check_moment_text(sampled, "sampled at")
    except ValidationError:
        ctx.report.skipped("sampled_at_bad", named(what_kind, code), when=sampled)
        sampled = None
    matrix = ctx.codes.resolve(parse_urn(_href(el, "materialClass")), named(what_kind, code), "matrix")
    if not (name or "").strip():
        ctx.assumed.add((ident, "code"))
    if matrix is None:  # taken from the sample's well or parts, or assumed: a stored matrix stays
        ctx.assumed.add((ident, "matrix"))
    return {"id": ident, "project_id": ctx.project_id, "code": code, "kind": kind, "matrix": matrix,
            "sampled_at": sampled, "analyses": None, "qc_role": None, "remarks": text(el, "remarks"),
            "analysis_package": None, "sampling_round_id": None}


def _field_sample(ctx: Context, el: Element, gml_id: str, holes: dict[str, dict[str, Any]],
                  wells: dict[str, dict[str, Any]], seen: dict[str, tuple[str, str]],
                  barcodes: dict[str, tuple[str, str]]) -> dict[str, Any]:
    row = _common(ctx, el, gml_id, "field_sample", "sample")
    what = named("sample", row["code"])
    rel = ctx.file.relations(el)
    hole = next((holes[t] for r, t in rel if r == IN_BOREHOLE and t in holes), None)
    well = next((wells[t] for r, t in rel if r == IN_FILTER and t in wells), None)
    missing = [t for r, t in rel if r in (IN_BOREHOLE, IN_FILTER) and t not in holes and t not in wells]
    if well is not None:
        row["kind"], hole = "groundwater", ctx.holes_by_id.get(well["borehole_id"], hole)
        import_rounds.round_of(ctx, el, row, well)
    if row["matrix"] is None:
        row["matrix"] = GROUNDWATER if well is not None else "BS"
        ctx.report.defaulted("sample_no_matrix", what, matrix=row["matrix"])
    ctx.add("sample", row, gml_id)
    upper = measure_cm(ctx, child(el, "upperDepth"), what, "upper depth")
    lower = measure_cm(ctx, child(el, "lowerDepth"), what, "lower depth")
    if well is not None and (upper is None or lower is None):
        upper, lower = well["filter_top_cm"], well["filter_bottom_cm"]
    if hole is None:
        shown = row["code"] + (f" ({missing[0]})" if missing else "")
        ctx.report.skipped("sample_hole_missing", named("sample", shown))
    elif upper is None or lower is None:
        ctx.report.skipped("sample_no_depths", what)
    else:
        if upper >= lower:  # depth.check_interval's rule, said with the sample named in either language
            raise refused("lower depth", "refuse_sample_interval", what=what, upper=metres(upper),
                          lower=metres(lower))
        ctx.add("sample_part", {"id": derived_id(row["id"], "part"), "sample_id": row["id"],
                                "borehole_id": hole["id"], "upper_cm": upper, "lower_cm": lower})
    _packages(ctx, el, row, seen, barcodes, parts=())
    return row


def _analysis_sample(ctx: Context, el: Element, gml_id: str, field_rows: dict[str, dict[str, Any]],
                     seen: dict[str, tuple[str, str]], barcodes: dict[str, tuple[str, str]],
                     naming_it: list[str]) -> None:
    row = _common(ctx, el, gml_id, "analysis_sample", "analysis_sample")
    what = named("analysis_sample", row["code"])
    parts = [t for r, t in ctx.file.relations(el) if r == HAS_PART]
    parts += [t for t in naming_it if t in field_rows and t not in parts]
    members = []
    for target in parts:
        if target in field_rows:
            members.append(field_rows[target])
        else:
            ctx.report.skipped("part_not_field_sample", what)
    if members:
        matrix = members[0]["matrix"]
        if row["matrix"] not in (None, matrix):
            ctx.report.defaulted("analysis_matrix_differs", what, matrix=matrix)
        row["matrix"] = matrix
    elif row["matrix"] is None:
        row["matrix"] = "BS"
        ctx.report.defaulted("analysis_no_matrix", what)
    ctx.report.defaulted("analysis_no_package", what)
    ctx.add("sample", row, gml_id)
    for member in members:
        ctx.add("analysis_sample_part", {"id": derived_id(row["id"], f"part/{member['id']}"),
                                         "analysis_sample_id": row["id"], "field_sample_id": member["id"]})
    _packages(ctx, el, row, seen, barcodes, parts=tuple(m["id"] for m in members))


def _packages(ctx: Context, el: Element, row: dict[str, Any], seen: dict[str, tuple[str, str]],
              barcodes: dict[str, tuple[str, str]], parts: tuple[str, ...]) -> None:
    what = named(row["kind"] if row["kind"] == "analysis_sample" else "sample", row["code"])
    packages = [p for wrapper in el.iterchildren("{*}consistsOfPackages") for p in wrapper]
    for n, package in enumerate(packages, start=1):
        raw = text(package, "barcode")
        kind = ctx.codes.resolve(parse_urn(text(package, "packageType")), what, "package type")
        material_urn = text(package, "packageMaterialType") or text(package, "packageMaterial")
        material = ctx.codes.resolve(parse_urn(material_urn), what, "package material")
        ident = derived_id(row["id"], f"package/{n}")
        if raw:
            barcode = normalise_barcode(raw)
            try:
                check_barcode(barcode)
            except ValidationError as exc:
                raise refused("barcode", "refuse_barcode_unusable", what=what, raw=raw, message=Told(exc),
                              advice=Told(exc, hint=True)) from None
        else:
            barcode = new_barcode()
            ctx.report.defaulted("package_no_barcode", what.part("package", barcode))
        holder = seen.get(barcode)
        if holder is not None:
            # one jar under two samples: a field sample and the analysis sample made of it, or (seen in
            # the SAD examples) two field samples; a barcode is one container, kept with the first
            ctx.report.skipped("barcode_under_part" if holder[0] in parts else "barcode_under_sample", what,
                               barcode=barcode, other=holder[1])
            continue
        stored = barcodes.get(barcode)
        if stored is not None and stored[0] != ident:
            if stored[1] == row["id"]:  # not another container: this one, as its own database holds it
                raise refused("barcode", "refuse_own_export", what=what, barcode=barcode, project=ctx.project_code)
            raise refused("barcode", "refuse_barcode_used", what=what, barcode=barcode)
        seen[barcode] = (row["id"], row["code"])
        if kind is None:
            kind = "Pot" if row["matrix"] != GROUNDWATER else "Fles"
            ctx.assumed.add((ident, "container_type"))
            ctx.report.defaulted("package_no_type", what.part("package", barcode), kind=kind)
        ctx.add("container", {"id": ident, "sample_id": row["id"], "barcode": barcode, "container_type": kind,
                              "material": material, "volume_ml": None, "preservation": None, "remarks": None})
        ctx.add("custody_event", {"id": derived_id(ident, "collected"), "container_id": ident, "shipment_id": None,
                                  "kind": "collected", "actor": ctx.session.actor, "at_laptop": row["sampled_at"],
                                  "at_receiver": None, "place": None, "corrects": None, "remarks": None})

