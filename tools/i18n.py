"""Keep the Dutch translation in step with the GUI's strings.

    python tools/i18n.py            # collect tr("...") strings from ui/ (and below) into resources/i18n/fieldapp_nl.ts
    python tools/i18n.py --compile  # and compile the .ts to the .qm the program loads
    python tools/i18n.py --check    # exit 1 when a string has no Dutch translation

Strings are English literals passed to ``tr()`` or ``tr_noop()`` (see
ui/i18n.py), the message templates (``_MESSAGES``, ``_HINTS``) of the
window's own tables (ui/project_messages.py and the like), and the label
layouts' titles (resources/labels/*.json); the core's errors and the lab
intake's messages have their Dutch in resources/messages/errors.json and
intake.json (fieldapp/error_text.py). Existing
translations are kept; new strings are added as unfinished, strings no
longer used are dropped.
"""

from __future__ import annotations

import argparse
import ast
import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS = ROOT / "resources" / "i18n" / "fieldapp_nl.ts"
QM = TS.with_suffix(".qm")
CONTEXT = "FieldApp"
_TABLES = {"_MESSAGES", "_HINTS"}


def collect(folder: Path = ROOT / "ui") -> list[str]:
    found: dict[str, None] = {}
    for path in sorted(folder.rglob("*.py")):  # ui/ and its packages (ui/intake)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("tr", "tr_noop")
                    and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
                found[node.args[0].value] = None
            elif isinstance(node, ast.AnnAssign | ast.Assign):
                targets = [node.target] if isinstance(node, ast.AnnAssign) else node.targets
                names = {t.id for t in targets if isinstance(t, ast.Name)}
                value = node.value
                if names & _TABLES and isinstance(value, ast.Tuple):
                    for pair in value.elts:
                        if isinstance(pair, ast.Tuple) and isinstance(pair.elts[1], ast.Constant):
                            found[str(pair.elts[1].value)] = None
                elif names & {"FIELD_NAMES", "SOIL_WORDS"} and isinstance(value, ast.Tuple):
                    for elt in value.elts:
                        if isinstance(elt, ast.Constant):
                            found[str(elt.value)] = None
    if folder == ROOT / "ui":
        for title in label_layout_titles():
            found[title] = None
    return list(found)


def label_layout_titles() -> list[str]:
    """The label layouts' titles (resources/labels/*.json): the print dialog shows them through tr()."""
    return [str(json.loads(path.read_text(encoding="utf-8"))["title"])
            for path in sorted((ROOT / "resources" / "labels").glob("*.json"))]


def read_ts(path: Path = TS) -> dict[str, str]:
    if not path.exists():
        return {}
    out: dict[str, str] = {}
    for msg in ET.parse(path).getroot().iter("message"):
        source = msg.findtext("source") or ""
        tr_el = msg.find("translation")
        if tr_el is not None and tr_el.get("type") != "unfinished" and tr_el.text:
            out[source] = tr_el.text
    return out


def write_ts(sources: list[str], translations: dict[str, str], path: Path = TS) -> list[str]:
    """Write the .ts; returns the sources without a translation."""
    root = ET.Element("TS", version="2.1", language="nl_NL", sourcelanguage="en")
    ctx = ET.SubElement(root, "context")
    ET.SubElement(ctx, "name").text = CONTEXT
    missing = []
    for source in sources:
        msg = ET.SubElement(ctx, "message")
        ET.SubElement(msg, "source").text = source
        el = ET.SubElement(msg, "translation")
        if source in translations:
            el.text = translations[source]
        else:
            el.set("type", "unfinished")
            missing.append(source)
    ET.indent(root)
    path.parent.mkdir(parents=True, exist_ok=True)
    body = ET.tostring(root, encoding="unicode")
    path.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8")
    return missing


def lrelease() -> str:
    here = Path(sys.executable).parent / "pyside6-lrelease"
    return str(here) if here.exists() else (shutil.which("pyside6-lrelease") or "pyside6-lrelease")


def compile_ts(ts: Path = TS, qm: Path = QM) -> None:
    subprocess.run([lrelease(), "-silent", str(ts), "-qm", str(qm)], check=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--compile", action="store_true")
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    sources = collect()
    translations = read_ts()
    if args.check:
        missing = [s for s in sources if s not in translations]
        for s in missing:
            print(f"untranslated: {s!r}")
        return 1 if missing else 0
    missing = write_ts(sources, translations)
    print(f"{TS.relative_to(ROOT)}: {len(sources)} strings, {len(missing)} untranslated")
    if args.compile:
        compile_ts()
        print(f"wrote {QM.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
