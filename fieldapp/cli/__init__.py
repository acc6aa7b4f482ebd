"""The headless command line of the core.

The `fieldapp` program is assembled in :mod:`ui.main` (the top of the import
layers, because with no arguments it opens the GUI); it asks this package
and :mod:`drivers.cli` to register their subcommands on one
:class:`CommandLine`. Every handler takes the parsed arguments and returns an
exit code; a :class:`~fieldapp.errors.FieldAppError` it raises becomes a
one-line message and exit code 1.
"""

from fieldapp.cli.base import CommandLine, Handler, run_handler

__all__ = ["CommandLine", "Handler", "register_core", "run_handler"]


def register_core(cli: CommandLine) -> None:
    """Register every core subcommand (no devices, no GUI).

    Command modules import what their handlers need inside the handlers, so
    that registering them all costs `fieldapp` (and the GUI's start) nothing
    noticeable."""
    from fieldapp.cli import (
        check_commands,
        deviation_commands,
        export_commands,
        gps_commands,
        import_commands,
        inspect_commands,
        label_commands,
        report_commands,
        shipment_commands,
        store_commands,
        sync_commands,
    )

    for module in (store_commands, gps_commands, label_commands, export_commands, sync_commands,
                   shipment_commands, check_commands, deviation_commands, inspect_commands, report_commands,
                   import_commands):
        module.register(cli)
