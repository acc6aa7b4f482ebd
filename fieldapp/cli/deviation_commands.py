"""`fieldapp deviations`: the deviations (afwijkingen) recorded in a project."""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict
from pathlib import Path

from fieldapp.cli.base import CommandLine

#: the headings of a deviation, per language
HEADINGS = {"nl": ("onderdeel", "aard", "motivatie", "gevolgen en risico's", "besloten door"),
            "en": ("part", "nature", "reason", "consequences and risks", "decided by")}


def register(cli: CommandLine) -> None:
    p = cli.command("deviations", "list the deviations (afwijkingen) recorded in a project: what, which rule, "
                    "part of the protocol, nature, reason, consequences, who decided and when", _deviations)
    p.add_argument("--db", type=Path, required=True, help="the FieldApp database file (opened read-only)")
    p.add_argument("--project", required=True, help="project code, e.g. 2026-0142")
    p.add_argument("--json", action="store_true", help="write them as JSON")
    p.add_argument("--lang", choices=("nl", "en"), default="nl", help="language of the headings (default nl)")


def _deviations(args: argparse.Namespace) -> int:
    from fieldapp.domain import deviation, project
    from fieldapp.store import Store

    with Store.open(args.db, actor="deviations", read_only=True) as store:
        proj = project.by_code(store, args.project)
        found = deviation.for_project(store.conn, proj.id)
        # a deviation on a whole shipment concerns the boreholes whose containers it carries
        carried = deviation.shipment_boreholes(store.conn, found)
    if args.json:
        print(json.dumps({"project": proj.code, "deviations": [
            {**asdict(d), **({"boreholes": carried[d.id]} if d.id in carried else {})} for d in found]},
            ensure_ascii=False, indent=2))
        return 0
    heads = HEADINGS[args.lang]
    for d in found:
        print(f"{d.object_code or d.object_id} ({d.object_kind})  [{d.rule_id}]  {d.decided_at[:16].replace('T', ' ')}")
        if d.id in carried:
            print(f"  {'boringen' if args.lang == 'nl' else 'boreholes'}: {', '.join(carried[d.id]) or '-'}")
        for head, text in zip(heads, (d.part, d.nature, d.reason, d.consequences, d.staff_name or "-"), strict=True):
            print(f"  {head}: {text}")
    n = len(found)
    print(f"Project {proj.code}: {n} {'afwijking' if n == 1 else 'afwijkingen'}." if args.lang == "nl"
          else f"Project {proj.code}: {n} deviation{'' if n == 1 else 's'}.")
    return 0
