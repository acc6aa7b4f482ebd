"""The `fieldapp` program: the GUI without arguments, headless subcommands otherwise.

This module sits at the top of the import layers (ui -> drivers -> fieldapp)
because it must be able to open the GUI; it imports Qt only when the GUI is
actually started, so the headless commands run on a machine without Qt's
system libraries.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from drivers.cli import register_devices
from fieldapp import __version__
from fieldapp.cli import CommandLine, register_core, run_handler
from ui.intake.command import register_intake


def build_command_line() -> CommandLine:
    cli = CommandLine(
        description="FieldApp: field records for soil sampling. "
        "Without a command it opens the window."
    )
    cli.parser.add_argument(
        "--demo", action="store_true", help="open the demo database (created on first run)"
    )
    cli.parser.add_argument("--db", type=Path, help="open this database file")
    cli.parser.add_argument("--version", action="version", version=f"FieldApp {__version__}")
    # for the frozen build's smoke test and the start-time benchmark (ui/selfcheck.py)
    cli.parser.add_argument("--quit-after", type=float, metavar="SECONDS", help=argparse.SUPPRESS)
    cli.parser.add_argument("--screenshot", type=Path, metavar="PNG", help=argparse.SUPPRESS)
    register_core(cli)
    register_devices(cli)
    register_intake(cli)
    return cli


def main(argv: list[str] | None = None) -> int:
    cli = build_command_line()
    args = cli.parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    if handler is not None:
        return run_handler(handler, args)
    return run_handler(_open_gui, args)


def _open_gui(args: argparse.Namespace) -> int:
    if args.quit_after is not None:
        from ui.selfcheck import run_briefly

        return run_briefly(args.db, args.demo, args.quit_after, args.screenshot)
    from ui.app import run_gui  # Qt is imported here and only here

    return run_gui(db=args.db, demo=args.demo)


if __name__ == "__main__":
    sys.exit(main())
