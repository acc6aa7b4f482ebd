"""Subcommands that talk to devices (serial GNSS, printers, scanners)."""

from __future__ import annotations

from fieldapp.cli import CommandLine


def register_devices(cli: CommandLine) -> None:
    try:
        from drivers.gnss import commands as gnss_commands
    except ImportError:  # the GNSS driver lands separately
        pass
    else:
        gnss_commands.register(cli)
    try:
        from drivers.printers import commands as printer_commands
    except ImportError:  # the printer commands land separately
        pass
    else:
        printer_commands.register(cli)
