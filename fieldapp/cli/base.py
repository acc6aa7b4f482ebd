"""A small wrapper over argparse so that each feature registers its own commands, and the one place
where whatever a command raises becomes one line for the user."""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
import traceback
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from fieldapp.errors import FieldAppError, ValidationError
from fieldapp.rules import Lang, RuleError

#: the exit code of a failure FieldApp did not foresee (a bug), as sysexits.h's EX_SOFTWARE
UNEXPECTED = 70
DEBUG_ENV = "FIELDAPP_DEBUG"

Handler = Callable[[argparse.Namespace], int]


class _Chosen(argparse.Action):
    """Store the option and note that the user gave it (``lang_chosen``): a command's ``--lang`` defaults
    to the language of what it writes (Dutch for a Dutch lab), which is not the user's own language."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, values: Any,
                 option_string: str | None = None) -> None:
        setattr(namespace, self.dest, values)
        setattr(namespace, f"{self.dest}_chosen", True)


class _Parser(argparse.ArgumentParser):
    def add_argument(self, *names: Any, **kwargs: Any) -> argparse.Action:
        if "--lang" in names and "action" not in kwargs:
            kwargs["action"] = _Chosen
        return super().add_argument(*names, **kwargs)


class CommandLine:
    """The `fieldapp` argument parser, built up by each feature's ``register``."""

    def __init__(self, description: str = "") -> None:
        self.parser = _Parser(prog="fieldapp", description=description)
        self.parser.add_argument(
            "--debug", action="store_true",
            help=f"on an unexpected failure, print its details (the traceback) too; or set {DEBUG_ENV}=1")
        self._commands = self.parser.add_subparsers(dest="command", metavar="COMMAND")
        self._groups: dict[str, argparse._SubParsersAction[_Parser]] = {}

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
    """Run a command; turn whatever it raises into one clear line on stderr, never a traceback.

    An error FieldApp raises on purpose is said in the user's language (:func:`user_language`: the
    ``--lang`` given; else the settings; else the locale); a refusal of the rules tables
    (:class:`~fieldapp.rules.RuleError`, which carries its Dutch) also in the command's default --lang
    where that is Dutch. The core's other errors are said by :mod:`fieldapp.error_text`; one without a
    Dutch text keeps its English. Anything
    FieldApp did not foresee is a bug: one line in the user's language says so and where its
    details were written (a log file in the data folder; stderr with ``--debug`` or FIELDAPP_DEBUG),
    exit code 70."""
    try:
        return handler(args)
    except FieldAppError as exc:
        return refused(exc, args)
    except sqlite3.DatabaseError as exc:
        # a file damaged where no open-time check looks (its pages are read later)
        return refused(FieldAppError(f"the database file is damaged ({exc}).",
                                     hint="Restore it from a backup; `fieldapp verify --db FILE` checks a file."), args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # the last line: a bug still reaches the user as one line
        return unexpected(exc, args)


def refused(exc: FieldAppError, args: argparse.Namespace) -> int:
    """Print ``exc`` as the one line of a refusal: "fieldapp: error: ..." in English, "fieldapp: fout: ..."
    in Dutch; exit code 1."""
    field = exc.field if isinstance(exc, ValidationError) else ""
    # a refusal of the rules tables follows the command's --lang, its default too (Dutch first, as before)
    lang: Lang = "nl" if isinstance(exc, RuleError) and getattr(args, "lang", None) == "nl" else user_language(args)
    if lang == "en":  # the core's own English, with what a command may have added to it
        print(f"fieldapp: error: {field + ': ' if field else ''}{exc}", file=sys.stderr)
        return 1
    try:
        from fieldapp import error_text

        text = error_text.message(exc, lang)
        field = "" if isinstance(exc, RuleError) else error_text.field_name(field, lang)
    except Exception:  # the report of a failure must not fail: then as the core wrote it
        text = str(exc)
    if field and not text.startswith(f"{field}:"):
        text = f"{field}: {text}"
    print(f"fieldapp: fout: {text}", file=sys.stderr)
    return 1


def unexpected(exc: BaseException, args: argparse.Namespace) -> int:
    """Say in one line that something went wrong unexpectedly, and where its traceback is."""
    details = "".join(traceback.format_exception(exc))
    lang = user_language(args)
    if getattr(args, "debug", False) or os.environ.get(DEBUG_ENV, "").strip() not in ("", "0"):
        print(details, file=sys.stderr, end="")
        print(_said(lang, "cli_unexpected_debug", kind=type(exc).__name__, error=exc), file=sys.stderr)
        return UNEXPECTED
    try:
        log = _write_log(details, args)
    except OSError as why:
        print(_said(lang, "cli_unexpected_no_log", kind=type(exc).__name__, error=exc, why=why), file=sys.stderr)
        return UNEXPECTED
    print(_said(lang, "cli_unexpected", kind=type(exc).__name__, error=exc, log=log), file=sys.stderr)
    return UNEXPECTED


def _write_log(details: str, args: argparse.Namespace) -> Path:
    from fieldapp import __version__
    from fieldapp.settings import data_dir

    folder = data_dir() / "logs"
    folder.mkdir(parents=True, exist_ok=True)
    now = datetime.now().astimezone()
    path = folder / f"error-{now:%Y%m%d-%H%M%S}-{os.getpid()}.log"
    command = " ".join(sys.argv) if sys.argv else str(getattr(args, "command", ""))
    path.write_text(f"FieldApp {__version__}, {now.isoformat(timespec='seconds')}\n"
                    f"command: {command}\n\n{details}", encoding="utf-8")
    return path


def user_language(args: argparse.Namespace) -> Lang:
    """The --lang the user gave; else the language setting; else Dutch where the system's locale is Dutch.

    A command's default --lang is the language of what it writes (a COC for a Dutch lab), not the user's."""
    chosen = getattr(args, "lang", None) if getattr(args, "lang_chosen", False) else None
    if chosen in ("nl", "en"):
        return "nl" if chosen == "nl" else "en"
    try:
        from fieldapp.settings import Settings, settings_path

        chosen = Settings.load(settings_path()).language.strip().lower()
    except Exception:  # a broken settings file must not hide the failure being reported
        chosen = ""
    chosen = chosen or next((os.environ[k] for k in ("LC_ALL", "LC_MESSAGES", "LANG") if os.environ.get(k)), "")
    return "nl" if chosen.lower().startswith("nl") else "en"


def said(args: argparse.Namespace, key: str, **values: object) -> str:
    """A line a command prints (what it did, what it found), in the user's language
    (:func:`user_language`): the row ``key`` of the command line's message tables
    (resources/messages/cli*.json). Machine output (JSON, tab-separated lists, codes) stays as it is."""
    return sayer(args)(key, **values)


def sayer(args: argparse.Namespace) -> Callable[..., str]:
    """:func:`said` with the user's language looked up once (it reads the settings file), for a list of
    thousands of rows."""
    from fieldapp.rules import message_book

    lang, book = user_language(args), message_book()

    def say(key: str, **values: object) -> str:
        return book[key].text(lang, **values)

    return say


def _said(lang: Lang, key: str, **values: object) -> str:
    """A line of resources/messages/cli.json; plain English if the tables themselves cannot be read."""
    try:
        from fieldapp.rules import message_book

        rule = message_book()[key]
        return f"fieldapp: {rule.text(lang, **values)} {rule.hint(lang, **values)}".rstrip()
    except Exception:  # the report of a failure must not fail
        where = values.get("log") or "(not written)"
        return (f"fieldapp: unexpected error ({values.get('kind')}: {values.get('error')}); "
                f"the details are in {where}.")
