"""`fieldapp gps listen` and `fieldapp gps ports`: live receivers from the command line."""

from __future__ import annotations

import argparse
import sys
import threading
import time

from drivers.gnss.detect import detect, list_serial_ports
from drivers.gnss.receiver import GnssReceiver, ReceiverState, Status
from drivers.gnss.sources import COMMON_BAUDS, SerialSource
from fieldapp import error_text
from fieldapp.cli import CommandLine
from fieldapp.cli.base import said, user_language
from fieldapp.errors import NoReceiverError
from fieldapp.positions.model import Fix
from fieldapp.positions.output import fix_json, fix_text
from fieldapp.positions.why import reasons_said, state_said

_GROUP_HELP = "GNSS receivers: replay logs, listen to ports, find receivers"
GIVE_UP_S = 5.0  # a receiver sends every second; this long with nothing is a dead port
#: what pyserial and common USB-serial adapters can be set to
BAUD_RANGE = (50, 4_000_000)


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
    p.add_argument("--give-up", type=float, default=GIVE_UP_S, metavar="SECONDS",
                   help=f"stop with an error after this long without data from the port "
                        f"(default {GIVE_UP_S:g}; 0 waits for ever)")
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
            baud = int(args.baud)
        except ValueError:
            raise NoReceiverError(f"--baud must be a number or 'auto', not {args.baud!r}") from None
        if not BAUD_RANGE[0] <= baud <= BAUD_RANGE[1]:
            raise NoReceiverError(f"--baud {baud} is not a baud rate.",
                                  hint=f"Receivers use {', '.join(map(str, COMMON_BAUDS))}; or give 'auto'.")
        return baud
    if "://" in args.port:
        return COMMON_BAUDS[0]  # a network or loop URL has no baud rate
    (found,) = detect([args.port])
    if found.baudrate is None:
        raise NoReceiverError(
            f"no NMEA on {args.port} at {', '.join(map(str, COMMON_BAUDS))} baud.",
            hint="Is the receiver on and connected? Try --baud N.",
        )
    print(f"fieldapp: {said(args, 'cli_gps_baud_found', port=args.port, baud=found.baudrate)}", file=sys.stderr)
    return found.baudrate


def _listen(args: argparse.Namespace) -> int:
    show = fix_json if args.json else fix_text
    if not (args.give_up >= 0 and args.give_up < float("inf")):
        raise NoReceiverError(f"--give-up {args.give_up} is not a number of seconds", hint="Give 0 or more.")

    def on_fix(fix: Fix) -> None:
        print(show(fix), flush=True)

    lang = user_language(args)

    def on_status(state: ReceiverState) -> None:
        # why there is no fix in the user's language (fieldapp.positions.why), not the acceptor's English;
        # "not NMEA" is a state change, so it is said once, not with every read of garbage
        message = reasons_said(state.reasons, lang) if state.reasons else state.message
        print(f"fieldapp: {state.source}: {state_said(state.status, message, lang)}", file=sys.stderr, flush=True)

    source = SerialSource(args.port, _baud(args))
    try:
        source.open()  # a port that cannot be opened at all is an error now, not a retry loop
    except NoReceiverError as exc:
        raise NoReceiverError(f"{exc}.", hint="Check the port name, the cable and the baud rate.") from None
    receiver = GnssReceiver(source, on_fix=on_fix, on_status=on_status)
    receiver.start()
    try:
        return _until_dead(receiver, args.port, args.give_up)
    except KeyboardInterrupt:
        return 0
    finally:
        receiver.stop()


def _until_dead(receiver: GnssReceiver, port: str, give_up: float) -> int:
    """Wait until Ctrl-C, or until the port has sent nothing for ``give_up`` seconds."""
    quiet_since = time.monotonic()
    tick = threading.Event()
    while True:
        tick.wait(0.2)
        if receiver.state.status in (Status.FIX, Status.NO_FIX, Status.NOT_NMEA):  # bytes are coming in
            quiet_since = time.monotonic()
        elif give_up and time.monotonic() - quiet_since > give_up:
            # a refusal, so that the command line says it in the user's language as any other
            raise NoReceiverError(f"nothing from {port} for {give_up:g} s; giving up.",
                                  hint="Is the receiver on and connected, at this baud rate?")


def _ports(args: argparse.Namespace) -> int:
    listed = list_serial_ports()
    described = {p.device: p.description for p in listed}
    names = [p.device for p in listed] + [e for e in args.extra if e not in described]
    if not names:
        print(said(args, "cli_gps_no_ports"))
        return 0
    for d in detect(names):
        if d.baudrate is not None:
            verdict = said(args, "cli_gps_port_nmea", baud=d.baudrate)
        elif d.error:
            verdict = said(args, "cli_gps_port_cannot_open", error=error_text.reason(d.error, user_language(args)))
        else:
            verdict = said(args, "cli_gps_port_silent" if d.silent else "cli_gps_port_no_nmea")
        desc = described.get(d.port, "")
        print(f"{d.port}\t{desc}\t{verdict}" if desc else f"{d.port}\t{verdict}")
    return 0
