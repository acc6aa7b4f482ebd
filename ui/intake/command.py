"""``fieldapp intake`` opens the intake window; ``fieldapp intake scan`` is the headless scan loop.

Registered from :mod:`ui.main` because the window needs Qt; the window is
imported only when it is opened.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from fieldapp.cli import CommandLine
from fieldapp.intake import commands as headless


def register_intake(cli: CommandLine) -> None:
    text = "receive a cooler at the lab: scan its containers against the COC"
    p = cli.command("intake", text, _open_window)
    p.add_argument("--db", type=Path, help="the FieldApp database (default: the device's)")
    p.add_argument("--shipment", help="COC number of the cooler (default: scan the COC's manifest code first)")
    p.add_argument("--project", help="project code, when COC numbers repeat across projects (default: the window "
                                     "offers the shipments of that number to pick from)")
    p.add_argument("--scanner", metavar="PORT", help="a serial scanner's port or pyserial URL, besides the keyboard")
    sub = p.add_subparsers(dest="intake_command", metavar="COMMAND")
    scan = sub.add_parser("scan", help="read scanned codes from stdin, print one JSON outcome per line",
                          description=headless.__doc__)
    headless.add_arguments(scan)
    scan.set_defaults(handler=headless.run)


def _open_window(args: argparse.Namespace) -> int:
    from ui.intake.launch import run_intake  # Qt is imported here and only here

    return run_intake(db=args.db, shipment=args.shipment, scanner=args.scanner, project=args.project)
