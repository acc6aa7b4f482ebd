"""The COC form's words in Dutch, the language it travels in to a Dutch lab.

The form is Dutch by default (``fieldapp coc --lang en`` for a lab abroad);
keys are the English texts the form is written in, templates keep their
``{page}``-style fields.
"""

from __future__ import annotations

from contextvars import ContextVar
from typing import Literal

CocLang = Literal["nl", "en"]
LANGUAGES: tuple[CocLang, ...] = ("nl", "en")

DUTCH: dict[str, str] = {
    "Chain of custody": "Overdrachtsformulier monsters (chain of custody)",
    "Laboratory order form": "Opdrachtformulier laboratorium",
    "Site": "Locatie",
    "Analysis samples": "Analysemonsters",
    "Client number": "Klantnummer",
    "Quotation number": "Offertenummer",
    "Results to": "Uitslag naar",
    "Turnaround": "Doorlooptijd",
    "normal": "normaal",
    "urgent": "spoed",
    "{kind}, {days} working days": "{kind}, {days} werkdagen",
    "{kind}, {days} working day": "{kind}, {days} werkdag",
    "normal / urgent: ___ working days": "normaal / spoed: ___ werkdagen",
    "AS3000 required": "AS3000 vereist",
    "yes": "ja",
    "no": "nee",
    "Analysis sample": "Analysemonster",
    "Analysis package": "Analysepakket",
    "Parameters": "Parameters",
    "Jars to combine": "Te mengen potten",
    "also: {jars}": "ook: {jars}",
    "not shipped": "nog niet verzonden",
    "analyses: {analyses}": "analyses: {analyses}",
    "Jars and bottles": "Potten en flessen",
    "Filtered": "Gefilterd",
    "For analysis sample": "Voor analysemonster",
    "Results e-mail": "E-mail uitslag",
    "Sampler's statement": "Verklaring monsternemer",
    "I hereby declare that the samples were taken, preserved and packed according to BRL SIKB 2000, "
    "protocol {protocols}, and that this form is correct.":
        "Hierbij verklaar ik dat de monsters volgens BRL SIKB 2000, protocol {protocols}, zijn genomen, "
        "geconserveerd en verpakt, en dat dit formulier juist is ingevuld.",
    "{a} and {b}": "{a} en {b}",
    "Received by the laboratory": "Ontvangst laboratorium",
    "Statement, custody and signatures on page {pages}":
        "Verklaring, overdracht en handtekeningen op pagina {pages}",
    "COC number": "COC-nummer",
    "Project": "Project",
    "Client": "Opdrachtgever",
    "Laboratory": "Laboratorium",
    "Sampler": "Monsternemer",
    "Containers": "Potten/flessen",
    "Page {page} of {pages}": "Pagina {page} van {pages}",
    "Manifest part {page} of {pages}:": "Manifest deel {page} van {pages}:",
    "scan to check the cooler's containers": "scan om de inhoud van de koelbox te controleren",
    "Barcode": "Barcode",
    "Sample": "Monster",
    "Borehole": "Boring",
    "Depth": "Diepte",
    "Sampled": "Bemonsterd",
    "Analyse by": "Analyse vóór",
    "no holding time": "geen termijn",
    "Matrix": "Matrix",
    "Container": "Verpakking",
    "Preservation": "Conservering",
    "Analyses requested": "Gevraagde analyses",
    "Custody": "Overdracht",
    "Seal number": "Zegelnummer",
    "Temperature on receipt (°C)": "Temperatuur bij ontvangst (°C)",
    "Cooler intact on receipt": "Koelbox intact bij ontvangst",
    "yes / no": "ja / nee",
    "Remarks": "Opmerkingen",
    "Name": "Naam",
    "Date": "Datum",
    "Time": "Tijd",
    "Signature": "Handtekening",
    "Relinquished by": "Overgedragen door",
    "Received by": "Ontvangen door",
    "COC {coc} · {project} · made by FieldApp": "COC {coc} · {project} · gemaakt met FieldApp",
    "Custody block and signatures on page {pages}": "Overdracht en handtekeningen op pagina {pages}",
}

_lang: ContextVar[CocLang] = ContextVar("coc_lang", default="nl")


def use(lang: CocLang) -> object:
    """Write the forms of this context in ``lang``; returns the token to reset it with."""
    return _lang.set(lang)


def reset(token: object) -> None:
    _lang.reset(token)  # type: ignore[arg-type]


def word(text: str, **fields: object) -> str:
    """``text`` (English) in the form's language, its fields filled in."""
    chosen = DUTCH.get(text, text) if _lang.get() == "nl" else text
    return chosen.format(**fields) if fields else chosen
