"""A small wrapper over argparse so that each feature registers its own commands."""

from __future__ import annotations

import argparse
import sqlite3
import sys
from collections.abc import Callable

from fieldapp.errors import FieldAppError, ValidationError

Handler = Callable[[argparse.Namespace], int]


class CommandLine:
    """The `fieldapp` argument parser, built up by each feature's ``register``."""

    def __init__(self, description: str = "") -> None:
        self.parser = argparse.ArgumentParser(prog="fieldapp", description=description)
        self._commands = self.parser.add_subparsers(dest="command", metavar="COMMAND")
        self._groups: dict[str, argparse._SubParsersAction[argparse.ArgumentParser]] = {}

    def command(self, name: str, help: str, handler: Handler) -> argparse.ArgumentParser:
        """A top-level command such as ``fieldapp verify``."""
        p = self._commands.add_parser(name, help=help, description=help)
        p.set_defaults(handler=handler)
        return p

    def subcommand(
        self, group: str, name: str, help: str, handler: Handler, *, group_help: str = ""
    ) -> argparse.ArgumentParser:
        """A command inside a group, such as ``fieldapp gps replay``.

        Several packages may add to one group (the core adds ``gps replay``,
        drivers add ``gps listen``).
        """
        if group not in self._groups:
            gp = self._commands.add_parser(group, help=group_help, description=group_help)
            gp.set_defaults(handler=_group_usage(gp))
            self._groups[group] = gp.add_subparsers(dest=f"{group}_command", metavar="COMMAND")
        p = self._groups[group].add_parser(name, help=help, description=help)
        p.set_defaults(handler=handler)
        return p


def _group_usage(parser: argparse.ArgumentParser) -> Handler:
    def handler(_args: argparse.Namespace) -> int:
        parser.print_help(sys.stderr)
        return 2

    return handler


def run_handler(handler: Handler, args: argparse.Namespace) -> int:
    """Run a command; turn FieldApp errors into one clear line on stderr."""
    try:
        return handler(args)
    except ValidationError as exc:
        print(f"fieldapp: error: {exc.field}: {exc}", file=sys.stderr)
        return 1
    except FieldAppError as exc:
        print(f"fieldapp: error: {exc}", file=sys.stderr)
        return 1
    except sqlite3.DatabaseError as exc:
        # a file damaged where no open-time check looks (its pages are read later)
        print(f"fieldapp: error: the database file is damaged ({exc}). Restore it from a backup; "
              "`fieldapp verify --db FILE` checks a file.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
