"""`fieldapp print-zpl`: send a ZPL file made by `fieldapp labels` to a Zebra printer."""

from __future__ import annotations

import argparse
from pathlib import Path

from drivers.printers.base import in_labels, open_printer
from fieldapp.cli import CommandLine
from fieldapp.cli.base import said, user_language
from fieldapp.errors import LabelError
from fieldapp.messages import count


def register(cli: CommandLine) -> None:
    p = cli.command("print-zpl", "send a ZPL label file to a Zebra printer", _print_zpl)
    p.add_argument("file", type=Path, help="a .zpl file written by `fieldapp labels`")
    p.add_argument("--printer", required=True,
                   help="tcp:HOST[:PORT] (port 9100 by default), serial:PORT[@BAUD] "
                        "(a device or a pyserial URL), or folder:PATH (writes job files)")


def _print_zpl(args: argparse.Namespace) -> int:
    try:
        data = args.file.read_bytes()
    except OSError as exc:
        raise LabelError("file", f"Cannot read {args.file}: {exc.strerror}.") from None
    # A file that is not ZPL would print as pages of garbage text on many printers.
    if not data.lstrip().startswith(b"^XA") or b"^XZ" not in data:
        raise LabelError("file", f"{args.file} is not a ZPL label file (no ^XA ... ^XZ).")
    from fieldapp.cli.progress import progress_bar  # only when asked for: `fieldapp` starts without tqdm

    printer = open_printer(args.printer)
    # thousands of labels take minutes on a serial line: a bar on a terminal, nothing on a pipe
    with progress_bar("print-zpl", "labels", user_language(args)) as progress:
        printer.send(data, in_labels(data, progress))
    print(said(args, "cli_zpl_sent", n=count(data.count(b"^XA"), "label"), printer=args.printer))
    return 0
