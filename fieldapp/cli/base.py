"""A small wrapper over argparse so that each feature registers its own commands, and the one place
where whatever a command raises becomes one line for the user.

A Dutch user (:func:`user_language`) reads the help in Dutch: before the first parse the whole parser tree's
help texts are replaced by their Dutch from resources/i18n/cli_help_nl.json, and argparse's own words
("usage:", "options", its errors) are said in Dutch while our parsers parse or write (:class:`_Words`)."""

from __future__ import annotations

import argparse
import gettext
import os
import sqlite3
import sys
import traceback
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any, NoReturn

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


class _Words(gettext.NullTranslations):
    """argparse's own words ("usage: ", "options", "the following arguments are required: %s", ...) in Dutch:
    the ``"argparse"`` part of resources/i18n/cli_help_nl.json, keyed by argparse's msgids. A msgid the table
    lacks stays English, as NullTranslations leaves it."""

    def __init__(self, catalog: dict[str, str]) -> None:
        super().__init__()
        self._catalog = catalog

    def gettext(self, message: str) -> str:
        return self._catalog.get(message, message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return self.gettext(msgid1 if n == 1 else msgid2)  # Dutch counts as English does: 1, else plural


class _Speaking:
    """While in this block, argparse says its own words through ``words``; before and after, as before.

    Why this way: argparse has no parameter for its language. It calls the module-level ``_`` and
    ``ngettext`` it took from :mod:`gettext`, which look in the process-wide default text domain, found
    through LANGUAGE/LC_ALL/LANG and ``.mo`` files. Binding that domain (``gettext.bindtextdomain``) would
    change every other user of plain ``gettext.gettext`` in the process too, could not follow ``--lang`` or
    the settings, and needs compiled ``.mo`` files. So ``argparse._`` and ``argparse.ngettext`` point at a
    :class:`_Words` only while one of our parsers parses, formats its help or usage, or reports an error
    (re-entrant: a subparser restores what its parent set), and are put back after: an English user, and
    argparse anywhere else in the process, are untouched. (The group titles and ``--help``'s help that
    argparse translates once, when a parser is made, are translated with the tree: :func:`_translate`.)"""

    def __init__(self, words: _Words | None) -> None:
        self._words = words
        self._before: tuple[Any, Any] | None = None

    def __enter__(self) -> None:
        if self._words is not None:
            names = vars(argparse)  # argparse's module globals, where its functions look ``_`` up
            self._before = (names["_"], names["ngettext"])
            names["_"], names["ngettext"] = self._words.gettext, self._words.ngettext

    def __exit__(self, *_exc: object) -> None:
        if self._before is not None:
            vars(argparse)["_"], vars(argparse)["ngettext"] = self._before
            self._before = None


class _Parser(argparse.ArgumentParser):
    #: argparse's own words while this parser parses or writes; None: argparse's English (set by _translate)
    _words: _Words | None = None
    #: the root parser's: chooses the language from the arguments, once, before the first parse
    _before_parse: Callable[[list[str]], None] | None = None

    def add_argument(self, *names: Any, **kwargs: Any) -> argparse.Action:
        if "--lang" in names and "action" not in kwargs:
            kwargs["action"] = _Chosen
        return super().add_argument(*names, **kwargs)

    def parse_args(self, args: Iterable[str] | None = None, namespace: Any = None) -> Any:
        argv = self._arguments(args)
        with _Speaking(self._words):  # "unrecognized arguments" is said here, after parse_known_args
            return super().parse_args(argv, namespace)

    def parse_known_args(self, args: Iterable[str] | None = None, namespace: Any = None) -> Any:
        argv = self._arguments(args)
        with _Speaking(self._words):
            return super().parse_known_args(argv, namespace)

    def _arguments(self, args: Iterable[str] | None) -> list[str]:
        """The arguments to parse; on the root's first parse, the user's language chosen from them."""
        argv = sys.argv[1:] if args is None else list(args)
        if self._before_parse is not None:
            choose, self._before_parse = self._before_parse, None
            choose(argv)
        return argv

    def format_usage(self) -> str:
        with _Speaking(self._words):
            return super().format_usage()

    def format_help(self) -> str:
        with _Speaking(self._words):
            return super().format_help()

    def error(self, message: str) -> NoReturn:
        with _Speaking(self._words):
            super().error(message)
        raise AssertionError("argparse's error() exits")  # pragma: no cover


class CommandLine:
    """The `fieldapp` argument parser, built up by each feature's ``register``."""

    def __init__(self, description: str = "") -> None:
        self.parser = _Parser(prog="fieldapp", description=description)
        self.parser.add_argument(
            "--debug", action="store_true",
            help=f"on an unexpected failure, print its details (the traceback) too; or set {DEBUG_ENV}=1")
        self._commands = self.parser.add_subparsers(dest="command", metavar="COMMAND")
        self._groups: dict[str, argparse._SubParsersAction[_Parser]] = {}
        self._language: Lang | None = None
        # every command is registered by the first parse: then the language is known, and the tree translated
        self.parser._before_parse = lambda argv: self.use_language(language_before_parsing(argv))

    def use_language(self, lang: Lang) -> None:
        """Show the help and argparse's words in ``lang``: for Dutch, every help text, description and group
        title of the whole parser tree becomes its Dutch from resources/i18n/cli_help_nl.json (one without a
        row keeps its English). Once per command line: the first parse calls it with the user's language."""
        if self._language is not None:
            return
        self._language = lang
        if lang == "nl":
            texts, words = _dutch_help()
            _translate(self.parser, texts, _Words(words), set())

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


def language_before_parsing(argv: Sequence[str]) -> Lang:
    """The user's language (:func:`user_language`) before the arguments are parsed: a light look for
    ``--lang nl|en`` or ``--lang=nl|en`` (the last one given, before a ``--``); else the settings; else the
    locale. argparse needs it before it parses: its errors are said while it parses."""
    given = None
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(argv):
            given = argv[i + 1]
        elif arg.startswith("--lang="):
            given = arg.partition("=")[2]
    chosen = argparse.Namespace(lang=given, lang_chosen=True) if given in ("nl", "en") else argparse.Namespace()
    return user_language(chosen)


def _dutch_help() -> tuple[dict[str, str], dict[str, str]]:
    """The Dutch of the help texts and of argparse's words (resources/i18n/cli_help_nl.json), read only for a
    Dutch user; empty (English) if the table cannot be read: the help must not fail."""
    import json

    from fieldapp.runtime import resource_path

    try:
        table = json.loads(resource_path("i18n", "cli_help_nl.json").read_text(encoding="utf-8"))
        texts, words = table["help"], table["argparse"]
    except (OSError, ValueError, KeyError, TypeError):
        return {}, {}
    if not isinstance(texts, dict) or not isinstance(words, dict):
        return {}, {}
    return ({k: v for k, v in texts.items() if isinstance(v, str)},
            {k: v for k, v in words.items() if isinstance(v, str)})


def _translate(parser: argparse.ArgumentParser, texts: dict[str, str], words: _Words, done: set[int]) -> None:
    """Replace every help text of ``parser`` and the parsers below it by its Dutch: the description and
    epilog, the group titles and descriptions, each argument's help, each subcommand's line in the list.
    A text the help table lacks is looked up in argparse's words ("positional arguments", "show this help
    message and exit", made in English when the parser was made), else stays English."""
    if id(parser) in done:  # a parser under two names (an alias) is translated once
        return
    done.add(id(parser))
    if isinstance(parser, _Parser):
        parser._words = words

    def dutch(text: str | None) -> str | None:
        if not text or text == argparse.SUPPRESS:
            return text
        return texts.get(text) or words.gettext(text)

    parser.description, parser.epilog = dutch(parser.description), dutch(parser.epilog)
    for group in parser._action_groups:
        group.title, group.description = dutch(group.title), dutch(group.description)
    for action in parser._actions:
        action.help = dutch(action.help)
        if isinstance(action, argparse._SubParsersAction):
            for line in action._choices_actions:
                line.help = dutch(line.help)
            for sub in action.choices.values():
                _translate(sub, texts, words, done)


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
        # a file damaged where no open-time check looks (its pages are read later), or held by another writer
        from fieldapp.store.files import damaged

        db = getattr(args, "db", None)  # the file the command works on, where it names one
        return refused(damaged(Path(db) if isinstance(db, (str, Path)) else None, exc), args)
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
    (resources/messages/cli*.json). Machine output (JSON, tab-separated lists, codes) stays as it is.
    The language is looked up once per command (it reads the settings file), not once per line of a list."""
    from fieldapp.rules import message_book

    return message_book()[key].text(_said_in(args), **values)


def counted(args: argparse.Namespace, n: int, noun: str) -> str:
    """``n`` things in the user's language, the noun in the number it takes ("1 potje", "3 potjes"):
    :class:`fieldapp.messages.Count`, for a line that is no row of the tables (a tab-separated list)."""
    from fieldapp.messages import Count

    return Count(n, noun).said(_said_in(args))


def _said_in(args: argparse.Namespace) -> Lang:
    lang: Lang | None = vars(args).get("said_in")
    if lang is None:
        lang = args.said_in = user_language(args)
    return lang


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
