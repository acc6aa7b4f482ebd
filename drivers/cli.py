"""Subcommands that talk to devices (serial GNSS, printers, scanners)."""

from __future__ import annotations

from fieldapp.cli import CommandLine


def register_devices(cli: CommandLine) -> None:
    from drivers.gnss import commands as gnss_commands
    from drivers.printers import commands as printer_commands

    gnss_commands.register(cli)
    printer_commands.register(cli)
