"""Write the project-metadata code lists (issue 12) from the BRO SAD 1.1 lists and SIKB's domain tables.

    python tools/project_codelists.py [/work/shared/data/chain-formats/bro/sad-1.1]

Reads ``lists/OnderzoekType.xml``, ``lists/OnderzoekAanleidingen.xml``, ``lists/AsbestAanwezigheid.xml`` and the
tables StrategieType, OnderzoeksfaseType and BevoegdGezag of ``control-xslt/imsikb0101 lookup.xml``, and writes
``resources/codelists/investigation_*.json``, ``competent_authority.json`` and ``asbestos_presence.json``.
The English labels are FieldApp's own translation, kept here so that a new upstream release is one run.
"""

from __future__ import annotations

import json
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resources" / "codelists"
SAD = "BROprogramma/SAD @ cb13475aebf7adb4d5b77760b2861b00eccfffcf"
LOCAL = "/work/shared/data/chain-formats/bro/sad-1.1"
LOOKUP = (f"SIKB0101 domain tables 14.7.0 (2022-06-24) as published with the SAD 1.1 control rules ({SAD}, "
          f"'Versie 1.1.0/SAD Uitwisselberichten/Controle XSLT/imsikb0101 lookup.xml'; local copy "
          f"{LOCAL}/control-xslt/imsikb0101 lookup.xml)")
WITHDRAWN_SAD = ("BRO SAD 1.1 accepts it only as IMBRO/A (data from before the registration duty), "
                 "so FieldApp keeps it readable but does not offer it for a new project")

EN_TYPE = {
    "historischOnderzoek": "historical investigation",
    "verkennendOnderzoekNEN5740": "exploratory investigation NEN 5740",
    "naderOnderzoek": "further investigation", "evaluatieverslagSaneren": "remediation evaluation report",
    "monitoringsRapportage": "monitoring report", "nazorgRapportage": "aftercare report",
    "nulOfEindsituatieOnderzoek": "baseline or final-situation investigation",
    "asbestOnderzoekNEN5707": "asbestos investigation NEN 5707", "partijkeuringGrond": "soil batch inspection",
    "verkennendAsbestOnderzoek": "exploratory and asbestos investigation",
    "naderEnAsbestonderzoek": "further and asbestos investigation",
    "naderLandEnWaterbodemonderzoek": "further land and water-bed investigation",
    "evaluatieverslagGraven": "excavation evaluation report",
    "bijzonderInventariserendOnderzoek": "special inventory investigation",
    "indicatiefOnderzoek": "indicative investigation",
    "bodemSaneringBedrijven": "remediation of business sites (BSB)",
    "verkennendOnderzoekNVN5740": "exploratory investigation NVN 5740",
    "orienterendBodemonderzoek": "orientating soil investigation", "briefRapport": "letter report",
    "aanvullendRapport": "supplementary report", "fax": "fax", "bouwstoffenBesluit": "Building Materials Decree",
    "preHO": "pre-historical investigation", "boot": "underground tank (BOOT)",
    "meldingsformulierBusEvaluatieverslag": "BUS notification, evaluation report",
    "verkennendOnderzoekStortplaatsen": "exploratory investigation of landfills",
    "versnellingsProtocolSpoedlocaties": "urgent sites protocol",
    "organisatieSpecifiekOnderzoek": "organisation-specific investigation",
}
EN_REASON = {
    "bestemmingswijziging": "change of land use, site development", "civieltechnisch": "civil engineering works",
    "calamiteit": "incident", "nulsituatie": "baseline situation", "transactie": "property transaction",
    "vermoedenVerontreiniging": "suspected or reported contamination", "voorgaand": "previous investigations",
    "omgevingsvergunning": "environmental permit", "eindsituatie": "final situation",
    "boot": "underground tank (BOOT)", "bouwvergunning": "building permit", "landsdekkendBeeld": "national survey",
    "isvProgrammering": "ISV programme", "onbekend": "unknown",
}
EN_ASBESTOS = {"aanwezig": "present", "afwezig": "absent", "onbekend": "unknown", "nietOnderzocht": "not investigated"}
EN_STRATEGY = {
    "ONV-NL": "unsuspected, not linear", "ONV-L": "unsuspected, linear",
    "ONV-GR-NL": "unsuspected large-scale, not linear", "ONV-GR-L": "unsuspected large-scale, linear",
    "VEP": "suspected, point source with a clear core", "VEP-OO": "suspected, underground storage tank(s)",
    "VED-HO-L": "suspected, diffuse, homogeneous, linear", "VED-HO-NL": "suspected, diffuse, homogeneous, not linear",
    "VED-HE-NL": "suspected, diffuse, heterogeneous, not linear",
    "VED-HE-L": "suspected, diffuse, heterogeneous, linear",
    "ONB": "unknown soil load", "NUL": "baseline investigation", "TOETS-S": "test for clean soil",
    "TOETS-S-GR": "test for clean soil, large-scale",
    "KEU-I-HE": "batch inspection, non-clean soil from a diffusely loaded area, heterogeneous",
}
PHASES = {  # SIKB0101 ID -> (code, English)
    1: ("HO", "historical investigation phase"), 2: ("BIO", "special inventory phase"),
    3: ("MELDING", "notification phase"), 4: ("OO", "orientating investigation phase"),
    5: ("NO", "further investigation phase"), 6: ("SO", "remediation investigation phase"),
    7: ("SP", "remediation plan phase"), 8: ("SANERING", "remediation phase"), 9: ("EVALUATIE", "evaluation phase"),
    10: ("ZORG", "care phase"), 11: ("NAZORG", "aftercare phase"),
}


def _text(el: ET.Element, tag: str) -> str:
    return " ".join((el.findtext(tag) or "").split())


def _lookup(base: Path, table: str) -> list[ET.Element]:
    root = ET.parse(base / "control-xslt" / "imsikb0101 lookup.xml").getroot()
    found = root.find(f"sikb.{table}_c")
    assert found is not None, table
    return list(found)


def _sad(base: Path, name: str, english: dict[str, str], dutch: dict[int, str]) -> list[dict[str, Any]]:
    entries = []
    for el in ET.parse(base / "lists" / f"{name}.xml").getroot():
        code, ident = _text(el, "Waarde"), int(_text(el, "SIKB0101ID"))
        entry: dict[str, Any] = {"code": code, "nl": dutch[ident], "en": english[code], "sikb0101_id": ident}
        if _text(el, "IMBRO") != "v":
            entry["withdrawn"] = True
            entry["withdrawn_why"] = WITHDRAWN_SAD
        entries.append(entry)
    return entries


def _dutch(base: Path, table: str) -> dict[int, str]:
    return {int(_text(el, "ID")): _text(el, "Waarde") for el in _lookup(base, table)}


def build(base: Path) -> dict[str, dict[str, Any]]:
    lists: dict[str, dict[str, Any]] = {}
    sad_src = (f"BRO SAD 1.1 list '{{0}}' ({SAD}, lists/{{0}}.xml; local copy {LOCAL}/lists/{{0}}.xml): codes are "
               f"its 'Waarde', 'sikb0101_id' its SIKB0101ID; Dutch labels are the 'Waarde' of the same ID in "
               f"{LOOKUP}, table {{1}}. Values without the IMBRO flag are marked 'withdrawn': {WITHDRAWN_SAD}. "
               "English labels are FieldApp's own translation. Written by tools/project_codelists.py.")
    lists["investigation_type"] = {
        "source": sad_src.format("OnderzoekType", "OnderzoekType") + " SIKB0101 types that BRO SAD does not "
        "take at all (remediation plans, water-bed investigations) are left out: a FieldApp project is a land "
        "investigation that ends in SAD.",
        "entries": _sad(base, "OnderzoekType", EN_TYPE, _dutch(base, "OnderzoekType"))}
    lists["investigation_reason"] = {
        "source": sad_src.format("OnderzoekAanleidingen", "OnderzoekAanleidingen"),
        "entries": _sad(base, "OnderzoekAanleidingen", EN_REASON, _dutch(base, "OnderzoekAanleidingen"))}
    lists["asbestos_presence"] = {
        "source": sad_src.format("AsbestAanwezigheid", "AsbestAanwezigheid"),
        "entries": _sad(base, "AsbestAanwezigheid", EN_ASBESTOS, _dutch(base, "AsbestAanwezigheid"))}
    strategies = []
    for el in _lookup(base, "StrategieType"):
        if _text(el, "Groep") != "NEN 5740":
            continue
        name = _text(el, "Waarde")
        match = re.search(r"\(([A-Z0-9-]+)\)$", name)
        assert match, name
        code = match.group(1)
        strategies.append({"code": code, "nl": name, "en": f"{EN_STRATEGY[code]} ({code})",
                           "sikb0101_id": int(_text(el, "ID"))})
    lists["investigation_strategy"] = {
        "source": f"{LOOKUP}, table StrategieType, the rows of group 'NEN 5740' (the investigation strategies, "
        "or hypotheses, of NEN 5740:2009+A1:2016); the NEN 5720 water-bed strategies are left out. Codes are the "
        "abbreviation in brackets of the upstream 'Waarde', 'sikb0101_id' the upstream ID. StrategieType is not a "
        "BRO SAD list. English labels are FieldApp's own translation. Written by tools/project_codelists.py.",
        "entries": strategies}
    phases = []
    for el in _lookup(base, "OnderzoeksfaseType"):
        ident = int(_text(el, "ID"))
        code, english = PHASES[ident]
        entry: dict[str, Any] = {"code": code, "nl": _text(el, "Waarde"), "en": english, "sikb0101_id": ident}
        if el.get("status") == "Vervallen":
            entry["withdrawn"] = True
            entry["withdrawn_why"] = "status 'Vervallen' upstream"
        phases.append(entry)
    lists["investigation_phase"] = {
        "source": f"{LOOKUP}, table OnderzoeksfaseType. Codes are FieldApp's short form of the upstream 'Waarde' "
        "(HO fase -> HO), 'sikb0101_id' the upstream ID; the row with status 'Vervallen' is marked 'withdrawn'. "
        "English labels are FieldApp's own translation. Written by tools/project_codelists.py.",
        "entries": phases}
    authorities = []
    for el in _lookup(base, "BevoegdGezag"):
        name = _text(el, "Waarde")
        kvk = re.search(r"KVK NR:\s*(\d+)", _text(el, "Omschrijving"))
        entry = {"code": name, "nl": name, "en": name, "sikb0101_id": int(_text(el, "ID"))}
        if kvk:
            entry["kvk"] = kvk.group(1).zfill(8)  # upstream drops leading zeros of some numbers
        authorities.append(entry)
    lists["competent_authority"] = {
        "source": f"{LOOKUP}, table BevoegdGezag (399 municipalities, provinces, water boards and national "
        "bodies, each with its KvK number in 'Omschrijving'). Codes and both labels are the upstream 'Waarde' "
        "(a name); 'sikb0101_id' the upstream ID, 'kvk' the KvK number padded to 8 digits. Written by "
        "tools/project_codelists.py.",
        "entries": authorities}
    return lists


def main(argv: list[str]) -> int:
    base = Path(argv[1]) if len(argv) > 1 else Path(LOCAL)
    for name, body in build(base).items():
        text = json.dumps({"name": name, **body}, ensure_ascii=False, indent=2) + "\n"
        (OUT / f"{name}.json").write_text(text, encoding="utf-8")
        print(f"{name}: {len(body['entries'])} values")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
