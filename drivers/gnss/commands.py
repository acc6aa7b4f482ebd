"""`fieldapp gps listen` and `fieldapp gps ports`: live receivers from the command line."""

from __future__ import annotations

import argparse
import sys
import threading

from drivers.gnss.detect import detect, list_serial_ports
from drivers.gnss.receiver import GnssReceiver, ReceiverState
from drivers.gnss.sources import COMMON_BAUDS, SerialSource
from fieldapp.cli import CommandLine
from fieldapp.errors import NoReceiverError
from fieldapp.positions.model import Fix
from fieldapp.positions.output import fix_json, fix_text

_GROUP_HELP = "GNSS receivers: replay logs, listen to ports, find receivers"


def register(cli: CommandLine) -> None:
    p = cli.subcommand(
        "gps",
        "listen",
        "print accepted fixes from a live receiver until interrupted",
        _listen,
        group_help=_GROUP_HELP,
    )
    p.add_argument("port", metavar="PORT_OR_URL", help="e.g. /dev/ttyUSB0, COM3, socket://host:port")
    p.add_argument("--baud", default="auto", help="baud rate, or 'auto' to detect (default)")
    p.add_argument("--json", action="store_true", help="one JSON object per fix")
    q = cli.subcommand(
        "gps",
        "ports",
        "list serial ports and which one talks NMEA at which baud rate",
        _ports,
        group_help=_GROUP_HELP,
    )
    q.add_argument("extra", nargs="*", metavar="PORT", help="also probe these ports or URLs")


def _baud(args: argparse.Namespace) -> int:
    if args.baud != "auto":
        try:
            return int(args.baud)
        except ValueError:
            raise NoReceiverError(f"--baud must be a number or 'auto', not {args.baud!r}") from None
    if "://" in args.port:
        return COMMON_BAUDS[0]  # a network or loop URL has no baud rate
    (found,) = detect([args.port])
    if found.baudrate is None:
        raise NoReceiverError(
            f"no NMEA on {args.port} at {', '.join(map(str, COMMON_BAUDS))} baud",
            hint="Is the receiver on and connected? Try --baud N.",
        )
    print(f"fieldapp: {args.port}: NMEA at {found.baudrate} baud", file=sys.stderr)
    return found.baudrate


def _listen(args: argparse.Namespace) -> int:
    show = fix_json if args.json else fix_text

    def on_fix(fix: Fix) -> None:
        print(show(fix), flush=True)

    def on_status(state: ReceiverState) -> None:
        text = f": {state.message}" if state.message else ""
        print(f"fieldapp: {state.source}: {state.status}{text}", file=sys.stderr, flush=True)

    source = SerialSource(args.port, _baud(args))
    receiver = GnssReceiver(source, on_fix=on_fix, on_status=on_status)
    receiver.start()
    try:
        threading.Event().wait()  # until Ctrl-C
    except KeyboardInterrupt:
        pass
    finally:
        receiver.stop()
    return 0


def _ports(args: argparse.Namespace) -> int:
    listed = list_serial_ports()
    described = {p.device: p.description for p in listed}
    names = [p.device for p in listed] + [e for e in args.extra if e not in described]
    if not names:
        print("no serial ports found")
        return 0
    for d in detect(names):
        if d.baudrate is not None:
            verdict = f"NMEA at {d.baudrate} baud"
        elif d.error:
            verdict = f"cannot open: {d.error}"
        else:
            verdict = "silent" if d.silent else "no NMEA at any common baud rate"
        desc = described.get(d.port, "")
        print(f"{d.port}\t{desc}\t{verdict}" if desc else f"{d.port}\t{verdict}")
    return 0
