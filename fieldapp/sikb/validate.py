"""Is a SIKB0101 14.9.0 document acceptable: the profile XSD and SIKB's control rules, offline.

Two checks, each giving :class:`DocFinding` records:

- :func:`xsd_findings`: lxml against the BRO-SAD profile of SIKB0101 14.9.0
  (``resources/sikb/xsd``), the OGC and W3C schemas found through
  ``resources/sikb/catalog.xml`` so that nothing is fetched from the network;
- :func:`control_findings`: the official control XSLT (IMBRO/A or IMBRO,
  ``resources/sikb/control-xslt``), XSLT 2.0, so Saxon (``saxonche``) runs it;
  its ERROR and WARNING records carry Dutch messages.

A finding names the object as the document does (its ``gml:id``); the export's
check (:mod:`fieldapp.sikb.check`) turns that into the FieldApp object's name.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, cast

from lxml import etree

from fieldapp.errors import FieldAppError
from fieldapp.runtime import resource_path
from fieldapp.sikb.names import GML, GML_ID, NSMAP

Severity = Literal["error", "warning"]
Level = Literal["IMBRO/A", "IMBRO"]

#: the XSDs a document can be validated against, by the name callers use
SCHEMAS = {
    "imsikb0101": "imsikb0101_v14.9.0.xsd",  # a FeatureCollectionIMSIKB0101
    "issad": "issad-messages.xsd",  # a SAD registration or correction request
    "dssad": "dssad-messages.xsd",  # a SAD dispatch message
}
_XSLT = {"IMBRO/A": "SIKB_SAD_IMBROA.xslt", "IMBRO": "SIKB_SAD_IMBRO.xslt"}
CONTROL_VERSION = "1.1.0"  # the control XSLT's own version line (21-8-2024), for the findings' source

# The control XSLT is run as SIKB wrote it, with three changes that keep its rules and make it usable:
# - it has two templates for immetingen:Analysis; Saxon takes the later one (the XSLT 2.0 recovery) but
#   prints a warning per Analysis on stderr; the same choice is made explicit;
# - it finds a lookup table with document(...)//*[@categorie=...], a scan of a 110,000-line file for
#   every coded value, then the code's row among the table's (923 for Hoedanigheid, for every Depth), and
#   a borehole's layers with //imsikb0101:Layer[...], a scan of the document per borehole: these are
#   replaced by keys (xsl:key) that select the same nodes in the same order. The demo project took 6 s
#   with the scans and 1 s with keys; 10,000 boreholes would have taken hours.
_KEYS = ('<xsl:key name="sikbCategorie" match="*[@categorie]" use="@categorie"/>'
         '<xsl:key name="sikbEntry" match="*[@categorie]/*" '
         'use="for $i in (ID|id|Id|iD) return concat(../@categorie, \'|\', $i)"/>'
         '<xsl:key name="sikbLayerOf" match="imsikb0101:Layer" '
         'use="sam:relatedSamplingFeature/sam:SamplingFeatureComplex/sam:relatedSamplingFeature/@xlink:href"/>')
_PATCHES = (
    ("<xsl:output ", '<xsl:mode on-multiple-match="use-last" warning-on-multiple-match="no"/>' + _KEYS
     + "<xsl:output "),
    ("document($lookupFile)//*[@categorie=$lookupItem]/*[ID|id|Id|iD=$lookupId]",
     "(for $d in document($lookupFile) return key('sikbEntry', concat($lookupItem, '|', $lookupId), $d))"),
    ("document($lookupFile)//*[@categorie=$lookupItem]",
     "(for $d in document($lookupFile) return key('sikbCategorie', $lookupItem, $d))"),
    ("document($immetingenLookupFile)//*[@categorie='Eenheid']",
     "(for $d in document($immetingenLookupFile) return key('sikbCategorie', 'Eenheid', $d))"),
    ("//imsikb0101:Layer[sam:relatedSamplingFeature/sam:SamplingFeatureComplex/sam:relatedSamplingFeature/"
     "@xlink:href = concat('#', $prGUID) and ",
     "key('sikbLayerOf', concat('#', $prGUID))["),
)


def patched(stylesheet: str) -> str:
    """The control stylesheet with :data:`_PATCHES` applied (each where its text occurs)."""
    for old, new in _PATCHES:
        stylesheet = stylesheet.replace(old, new, 1 if old == "<xsl:output " else -1)
    return stylesheet


@dataclass(frozen=True)
class DocFinding:
    """One finding on a SIKB0101 document."""

    severity: Severity
    rule: str  # "xsd", "xml", or the control record's Title (the element it checks)
    message: str  # Dutch: the control rules' own text, or the schema error with a Dutch lead
    object_id: str = ""  # the gml:id of the object it names, when the document has one
    line: int = 0  # line in the document (XSD findings)
    source: str = ""
    detail: str = ""  # the schema validator's own (English) text, for an XSD finding

    def message_en(self) -> str:
        """The finding in English where FieldApp has it (the XSD's); SIKB's rules are Dutch only."""
        if self.rule == "xsd":
            return f"Not valid against the XSD (line {self.line}): {self.detail}"
        if self.rule == "xml":
            return f"Not well-formed XML: {self.detail}"
        return self.message

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


def catalog_path() -> Path:
    return resource_path("sikb", "catalog.xml")


def _use_catalog() -> None:
    # libxml2 reads XML_CATALOG_FILES when it first resolves a URI; FieldApp's catalogue goes
    # in front of any the user has, so that the OGC schemas come from resources/, never the network
    ours = catalog_path().as_uri()
    have = os.environ.get("XML_CATALOG_FILES", "").split()
    if ours not in have:
        os.environ["XML_CATALOG_FILES"] = " ".join([ours, *have])


_LOADING = threading.Lock()


def load_schema(name: str = "imsikb0101") -> etree.XMLSchema:
    """The named XSD, loaded anew (about 50 ms): one per thread that validates (lxml's validators are
    not to be shared between threads at the same time). One thread loads at a time: libxml2 sets up its
    built-in types when it first reads a schema, and two threads doing that at once fail ("the given type
    is not a built-in type")."""
    path = resource_path("sikb", "xsd", SCHEMAS[name])
    _use_catalog()
    try:
        with _LOADING:
            return etree.XMLSchema(etree.parse(str(path), etree.XMLParser(no_network=True)))
    except (OSError, etree.XMLSchemaParseError, etree.XMLSyntaxError) as exc:
        raise FieldAppError(f"The SIKB0101 schema {path.name} cannot be loaded: {exc}",
                            hint="Reinstall FieldApp or restore resources/sikb.") from None


_LOCAL = threading.local()


def schema(name: str = "imsikb0101") -> etree.XMLSchema:
    """The named XSD, loaded once per thread."""
    loaded: dict[str, etree.XMLSchema] = _LOCAL.__dict__.setdefault("schemas", {})
    if name not in loaded:
        loaded[name] = load_schema(name)
    return loaded[name]


def parse(doc: bytes | Path) -> etree._ElementTree:
    """A document as lxml reads it; :class:`etree.XMLSyntaxError` when it is not XML."""
    parser = etree.XMLParser(no_network=True, resolve_entities=False, huge_tree=True)
    if isinstance(doc, Path):
        return etree.parse(str(doc), parser)
    return etree.ElementTree(etree.fromstring(doc, parser))


def xsd_findings(doc: bytes | Path | etree._ElementTree, name: str = "imsikb0101") -> list[DocFinding]:
    """Every schema error of the document (none when it is valid)."""
    source = f"XSD {SCHEMAS[name]}"
    try:
        tree = doc if isinstance(doc, etree._ElementTree) else parse(doc)
    except etree.XMLSyntaxError as exc:
        return [DocFinding("error", "xml", f"Geen geldige XML: {exc}", line=exc.lineno or 0, source=source,
                           detail=str(exc))]
    return schema_errors(tree, schema(name), source)


def schema_errors(tree: etree._ElementTree, xsd: etree.XMLSchema, source: str, shift: int = 0) -> list[DocFinding]:
    """The errors of ``xsd`` on ``tree``; ``shift`` is added to each line (a part of a longer file)."""
    if xsd.validate(tree):
        return []
    out = []
    for err in cast(Iterable[Any], xsd.error_log):
        line = err.line + shift
        out.append(DocFinding("error", "xsd", f"Voldoet niet aan het XSD (regel {line}): {err.message}",
                              _owner(tree, err.path, err.line), line, source, str(err.message)))
    return out


def _owner(tree: etree._ElementTree, path: str | None, line: int) -> str:
    """The gml:id of the element an error points at, or of its nearest ancestor that has one."""
    root = tree.getroot()
    prefixes = {**{k: v for k, v in NSMAP.items() if k}, **{k: v for k, v in root.nsmap.items() if k}}
    node: Any = None
    try:
        found = tree.xpath(path, namespaces=prefixes) if path else None
        node = found[0] if isinstance(found, list) and found else None
    except etree.XPathError:
        pass
    if node is None:  # a path lxml cannot evaluate: the last element that starts on the error's line
        for element in root.iter():
            if getattr(element, "sourceline", None) == line:
                node = element
    while node is not None:
        ident = node.get(GML_ID) if isinstance(node, etree._Element) else None
        if ident:
            return str(ident)
        node = node.getparent()
    return ""


class _Control:
    """One Saxon processor and the compiled control stylesheets. Saxon wants one processor per
    process, and its executables are not documented as thread-safe, so calls are serialised."""

    def __init__(self) -> None:
        from saxonche import PySaxonProcessor  # loads the GraalVM image (about 0.1 s): only when asked for

        self.lock = threading.Lock()
        self.proc = PySaxonProcessor(license=False)
        self.compiled: dict[str, Any] = {}

    def run(self, text: str, level: Level) -> str:
        with self.lock:
            executable = self.compiled.get(level)
            if executable is None:
                folder = resource_path("sikb", "control-xslt")
                stylesheet = patched((folder / _XSLT[level]).read_text(encoding="utf-8"))
                compiler = self.proc.new_xslt30_processor()
                compiler.set_cwd(str(folder))  # the lookups are opened by document('imsikb0101 lookup.xml')
                executable = self.compiled[level] = compiler.compile_stylesheet(stylesheet_text=stylesheet)
            node = self.proc.parse_xml(xml_text=text)
            result = executable.transform_to_string(xdm_node=node)
            return str(result or "")


_CONTROL_LOCK = threading.Lock()
_CONTROLS: list[_Control] = []


def _control() -> _Control:
    """The process's one Saxon processor, made by whichever thread asks first."""
    with _CONTROL_LOCK:
        if not _CONTROLS:
            _CONTROLS.append(_Control())
        return _CONTROLS[0]


def control_findings(doc: bytes | Path, level: Level = "IMBRO/A") -> list[DocFinding]:
    """The official control rules' ERROR and WARNING records, in document order."""
    data = doc.read_bytes() if isinstance(doc, Path) else doc
    try:
        ids = {str(i) for i in cast(list[Any], parse(data).xpath("//@gml:id", namespaces={"gml": GML}))}
    except etree.XMLSyntaxError as exc:
        return [DocFinding("error", "xml", f"Geen geldige XML: {exc}", line=exc.lineno or 0, detail=str(exc))]
    source = f"SIKB controle-XSLT {CONTROL_VERSION} {level}"
    try:
        output = _control().run(data.decode("utf-8"), level)
    except Exception as exc:  # saxonche raises its own PySaxonApiError, not importable without the JVM image
        raise FieldAppError(f"The SIKB control rules could not run: {exc}",
                            hint="Reinstall FieldApp (saxonche) or restore resources/sikb/control-xslt.") from None
    return list(_records(output.encode("utf-8"), ids, source))


def _records(output: bytes, ids: set[str], source: str) -> Iterable[DocFinding]:
    if not output.strip():
        return
    for rec in etree.fromstring(output).iter("LogRecord"):
        kind = (rec.findtext("Type") or "").strip().upper()
        message = (rec.findtext("Message") or "").strip()
        severity: Severity = "error" if kind == "ERROR" else "warning"
        yield DocFinding(severity, (rec.findtext("Title") or "").strip(), message, _named(message, ids),
                         source=source)


_TOKEN = re.compile(r"[^\s,;:'\"()=]+")


def _named(message: str, ids: set[str]) -> str:
    # the rules name an object by its gml:id inside the sentence ("Meetpunt _0191... heeft ..."),
    # some glued to the words around it ("gml:id =_0191...")
    for token in _TOKEN.findall(message):
        word = str(token).rstrip(".")
        if word in ids:
            return word
        if "_" + word in ids:  # "met gml:id ( 0191... )": the id without its underscore
            return "_" + word
    glued = [i for i in ids if len(i) >= 8 and i in message]
    return str(max(glued, key=len)) if glued else ""


def validate(doc: bytes | Path, *, name: str = "imsikb0101", level: Level | None = "IMBRO/A") -> list[DocFinding]:
    """The XSD findings, then (if ``level``) the control rules' findings. The control rules are
    run even on a schema-invalid document: they say more about what is missing."""
    data = doc.read_bytes() if isinstance(doc, Path) else doc
    found = xsd_findings(data, name)
    if level is not None and not any(f.rule == "xml" for f in found):
        found.extend(control_findings(data, level))
    return found


def errors(found: Iterable[DocFinding]) -> list[DocFinding]:
    return [f for f in found if f.is_error]
