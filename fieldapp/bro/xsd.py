"""XSD validation of the BRO messages FieldApp writes, offline, against the schemas under resources/bro/.

The BHR-GT schemas import their profiles (gml, swe, xlink) by relative paths,
so no catalogue and no network are needed. A schema is parsed once per
process: it is several thousand lines.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from fieldapp.errors import ExportError
from fieldapp.runtime import resource_path

if TYPE_CHECKING:
    from lxml import etree

BHRGT_DIR = ("bro", "bhr-gt-2.1")
BHRGT_REQUEST = "isbhr-gt-messages.xsd"


@cache
def schema(*parts: str) -> etree.XMLSchema:
    """The schema at ``resources/<parts>``, parsed without network access."""
    from lxml import etree

    path = resource_path(*parts)
    if not path.is_file():
        raise ExportError(f"The schema {path} is missing from this FieldApp installation.",
                          hint="Reinstall FieldApp.")
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    return etree.XMLSchema(etree.parse(str(path), parser))


def bhrgt_schema() -> etree.XMLSchema:
    return schema(*BHRGT_DIR, BHRGT_REQUEST)


def findings(xsd: etree.XMLSchema, doc: etree._Element | etree._ElementTree) -> list[str]:
    """Every schema error of ``doc`` as ``line N: message``; empty when it is valid."""
    if xsd.validate(doc):
        return []
    return [f"line {e.line}: {e.message}" for e in xsd.error_log]  # type: ignore[attr-defined]
