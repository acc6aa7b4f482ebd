"""`fieldapp report`: the field report (veldwerkrapportage) of a project as a Dutch PDF."""

from __future__ import annotations

import argparse
from pathlib import Path

from fieldapp.cli.base import CommandLine, said
from fieldapp.errors import FieldAppError
from fieldapp.messages import count


def register(cli: CommandLine) -> None:
    p = cli.command("report", "write the field report (veldwerkrapportage) of a project as a Dutch PDF: "
                    "fieldworkers, days and weather, work done, data collected, deviations, certificate", _report)
    p.add_argument("--db", type=Path, required=True, help="the FieldApp database file (opened read-only)")
    p.add_argument("--project", required=True, help="project code, e.g. 2026-0142")
    p.add_argument("--out", type=Path, required=True, help="the PDF file to write, e.g. veldwerkrapportage.pdf")


def _report(args: argparse.Namespace) -> int:
    from fieldapp.report import write_report  # only when asked for: `fieldapp` starts without reportlab

    if args.out.suffix.lower() != ".pdf" or args.out.is_dir():
        raise FieldAppError(f"--out {args.out} is not a PDF file name.", hint="Give a file name ending in .pdf.")
    report = write_report(args.db, args.project, args.out)
    print(said(args, "cli_report_written", p=report.project.code, workers=count(len(report.workers), "fieldworker"),
               days=count(len(report.days), "day"), devs=count(len(report.deviations), "deviation"), out=args.out))
    return 0
