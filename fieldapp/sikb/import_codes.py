"""SIKB0101 code-list ids back to FieldApp's codes, through the code lists' own ids.

Each FieldApp list that has a SIKB0101 counterpart carries the SIKB id of its
entries (``sikb0101_id``; a soil code's ``sikb0101.id``), the same ids the
export writes (:mod:`fieldapp.export.sikb_ids`). A file names the list in
any case (``Monstertype``, ``MonsterType``). An id the list does not hold, or
one it marks withdrawn, is refused: FieldApp will not store a value it cannot
show or one that may no longer be used (:mod:`fieldapp.sikb.read_lookup`).
"""

from __future__ import annotations

from collections.abc import Mapping

from fieldapp.codelists import CodeEntry, CodeLists
from fieldapp.messages import Named, refused, term
from fieldapp.sikb.import_report import ImportReport
from fieldapp.sikb.read_lookup import WITHDRAWN, SikbTables
from fieldapp.sikb.read_xml import Code

#: SIKB0101 list (case-folded) -> FieldApp code list
LISTS: Mapping[str, str] = {
    "bodemsoort": "soil_admixture",
    "kleur": "colour",
    "kleursterkte": "colour_shade",
    "bodemsoortmediaan": "sand_median_class",
    "grindmediaanklasse": "gravel_median_class",
    "oliewaterreactiemate": "oil_water_reaction",
    "grindgehalte": "gravel_grade",
    "organischestofgehalte": "humus_grade",
    "monsterverpakking": "container_type",
    "materiaalmonsterverpakking": "container_material",
    "compartiment": "matrix",
    "bemonsteringsapparaat": "borehole_apparatus",
    "onderzoektype": "investigation_type",
    "onderzoekaanleidingen": "investigation_reason",
    "onderzoeksfasetype": "investigation_phase",
    "onderzoeksstrategie": "investigation_strategy",
    "strategietype": "investigation_strategy",
    "asbestaanwezigheid": "asbestos_presence",
    "bodemlaagbodemkenmerken": "anthropogenic_admixture",
    "bodemlaagbodemkenmerkengradatie": "anthropogenic_grade",
    "bodemlaagbijzonderheden": "natural_component",
    "bodemlaagbijzonderhedengradatie": "component_grade",
}
#: ids that mean "none of these" (GrindGehalte and OrganischeStofGehalte 1: 'geen grind', 'geen humus')
ABSENT: Mapping[str, int] = {"grindgehalte": 1, "organischestofgehalte": 1}


def _sikb_id(entry: CodeEntry) -> int | None:
    value = entry.extra.get("sikb0101_id")
    if value is None:
        nested = entry.extra.get("sikb0101")
        value = nested.get("id") if isinstance(nested, Mapping) else None
    return value if isinstance(value, int) else None


class CodeMap:
    """The reverse of the export's ids, built once per import."""

    def __init__(self, lists: CodeLists, report: ImportReport | None = None, sikb: SikbTables | None = None) -> None:
        self.lists = lists
        self.report = report
        self.sikb = sikb or SikbTables()
        self._seen: dict[tuple[Code, tuple[str, ...]], tuple[str, CodeEntry | None, str | None]] = {}
        self._plain: dict[tuple[Code, tuple[str, ...]], tuple[str, str]] = {}
        self._by_id: dict[str, dict[int, CodeEntry]] = {}

    def _table(self, list_name: str) -> dict[int, CodeEntry]:
        table = self._by_id.get(list_name)
        if table is None:
            table = {}
            for entry in self.lists.entries(list_name):
                ident = _sikb_id(entry)
                # an entry exported as another (Vial as Fles) carries no id of its own
                if ident is not None and ident not in table:
                    table[ident] = entry
            self._by_id[list_name] = table
        return table

    def _looked_up(self, code: Code, lists: tuple[str, ...]) -> tuple[str, CodeEntry | None, str | None]:
        """The first of ``lists`` holding the id, FieldApp's entry there and SIKB's status ('?': SIKB's
        tables lack the list); the same few codes recur in every layer, so each is looked up once."""
        found = self._seen.get((code, lists))
        if found is None:
            status = self.sikb.status(code.list_name, code.id) if self.sikb.knows_table(code.list_name) else "?"
            holder = next((n for n in lists if code.id in self._table(n)), lists[0])
            found = self._seen[(code, lists)] = (holder, self._table(holder).get(code.id), status)
        return found

    def knows(self, code: Code) -> bool:
        return code.key in LISTS

    def resolve(self, code: Code | None, what: Named, field: str) -> str | None:
        """FieldApp's code for ``code``; None for no code, or a list or value FieldApp does not record
        (reported). ``what`` names the object in the file (e.g. "Borehole PB01, layer 0.00-0.50 m").

        SIKB's own tables judge the id where they have the list: an id they lack
        is unknown, one they mark 'Vervallen' withdrawn, and both are refused."""
        if code is None or code.key not in LISTS:
            return None
        found = self.resolve_in(code, (LISTS[code.key],), what, field)
        return found[1] if found else None

    def resolve_in(self, code: Code, lists: tuple[str, ...], what: Named, field: str) -> tuple[str, str] | None:
        """As :meth:`resolve`, the value looked for in each of ``lists`` (one SIKB table can hold the values
        of two FieldApp lists: BodemlaagBijzonderheden holds natural components and man-made admixtures);
        gives the list that holds it and FieldApp's code."""
        plain = self._plain.get((code, lists))
        if plain is not None:  # a current value FieldApp records, seen before in this file
            return plain
        if ABSENT.get(code.key) == code.id:
            return None
        list_name, entry, status = self._looked_up(code, lists)
        named = f"'{entry.nl}' ({code.list_name} id {code.id})" if entry else f"{code.list_name} id {code.id}"
        if status is None:
            raise refused(field, "refuse_code_unknown", what=what, item=term(field), code=named)
        if status == WITHDRAWN or (status == "?" and entry is not None and withdrawn_upstream(entry)):
            raise refused(field, "refuse_code_withdrawn", what=what, item=term(field), code=named)
        if entry is None:
            if self.report is not None:
                self.report.skipped("code_not_on_list", what, item=term(field), code=named, list=list_name)
            return None
        if not entry.withdrawn:
            self._plain[(code, lists)] = (list_name, entry.code)
        elif self.report is not None:
            self.report.defaulted("code_not_offered", what, item=term(field), label=entry.nl)
        return list_name, entry.code


def withdrawn_upstream(entry: CodeEntry) -> bool:
    """Withdrawn by SIKB itself ('Vervallen'), not only kept from new records by FieldApp.

    FieldApp's lists mark both as ``withdrawn``; the note says which. A value
    BRO takes only as IMBRO/A (data from before the registration duty) is right
    in an investigation of those years, so an import keeps it."""
    if not entry.withdrawn:
        return False
    why = f"{entry.extra.get('withdrawn_why', '')} {entry.extra.get('upstream_status', '')}".casefold()
    return "vervallen" in why or "imbro/a" not in why
