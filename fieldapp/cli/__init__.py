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
    """Register every core subcommand (no devices, no GUI)."""
    from fieldapp.cli import store_commands

    store_commands.register(cli)
    try:
        from fieldapp.cli import gps_commands
    except ImportError:  # the GNSS commands land separately
        pass
    else:
        gps_commands.register(cli)
    try:
        from fieldapp.cli import label_commands
    except ImportError:  # the label commands land separately
        pass
    else:
        label_commands.register(cli)
    try:
        from fieldapp.cli import export_commands
    except ImportError:  # the export commands land separately
        pass
    else:
        export_commands.register(cli)
    try:
        from fieldapp.cli import sync_commands
    except ImportError:  # the hub's packages (fastapi, uvicorn, httpx) are missing
        pass
    else:
        sync_commands.register(cli)
