"""`fieldapp inspect`: the inspector's pass/fail table per essential requirement."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from fieldapp.cli.base import CommandLine, user_language


def register(cli: CommandLine) -> None:
    p = cli.command(
        "inspect",
        "judge a project against the essential requirements of BRL SIKB 2000 / SIKB 8821: audit chain, "
        "positions from their NMEA, chain of custody, staffing, holding times, deviations; exit 1 if one fails",
        _inspect,
    )
    p.add_argument("--db", type=Path, required=True, help="the FieldApp database file (opened read-only)")
    p.add_argument("--project", help="project code, e.g. 2026-0142 (default: the only project in the file)")
    p.add_argument("--json", action="store_true", help="write the table as JSON, every finding included")
    p.add_argument("--lang", choices=("nl", "en"), default="nl", help="language of the table (default nl)")


def _inspect(args: argparse.Namespace) -> int:
    from fieldapp.cli.progress import progress_bar
    from fieldapp.inspect.run import inspect  # only when asked for: `fieldapp` starts without it

    with progress_bar("inspect", "rows", user_language(args)) as progress:
        result = inspect(args.db, args.project, progress=progress)
    if args.json:
        print(json.dumps(result.as_json(args.lang), ensure_ascii=False, indent=2))
    else:
        for line in result.text(args.lang):
            print(line)
    return 0 if result.passed else 1
