"""`fieldapp check`: the rule and completeness findings of a project."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from fieldapp.cli.base import CommandLine, user_language


def register(cli: CommandLine) -> None:
    p = cli.command(
        "check",
        "list every rule and completeness finding of a project (object, rule, severity, message, source); "
        "exit 1 if any is an error",
        _check,
    )
    p.add_argument("--db", type=Path, required=True, help="the FieldApp database file (opened read-only)")
    p.add_argument("--project", required=True, help="project code, e.g. 2026-0142")
    p.add_argument("--json", action="store_true", help="write the findings as JSON")
    p.add_argument("--lang", choices=("nl", "en"), default="nl", help="language of the messages (default nl)")


def _check(args: argparse.Namespace) -> int:
    from fieldapp.check import check_project  # only when asked for: `fieldapp` starts without it
    from fieldapp.cli.progress import progress_bar

    with progress_bar("check", "checks", user_language(args)) as progress:
        report = check_project(args.db, args.project, progress=progress)
    if args.json:
        print(json.dumps(report.as_json(args.lang), ensure_ascii=False, indent=2))
    else:
        for text in report.lines(args.lang):
            print(text)
        print(report.summary(args.lang))
    return 1 if report.errors else 0
