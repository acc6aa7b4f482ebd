"""`fieldapp sync` and `fieldapp hub serve|enroll|revoke|grant|ungrant|import|devices|conflicts|resolve`.

What a command did is said in the user's language (:func:`~fieldapp.cli.base.said`, the rows of
resources/messages/cli_sync.json); machine output stays as it is: the enrolment code, the tab-separated
columns of `hub devices` and `hub conflicts` (only their human words are translated), and the server's
"hub listening on" line."""

from __future__ import annotations

import argparse
import socket
import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from fieldapp.cli.base import CommandLine, said, user_language
from fieldapp.errors import BundleError, StoreError, SyncError
from fieldapp.messages import count
from fieldapp.store import Store
from fieldapp.sync.protocol import ROLES

if TYPE_CHECKING:
    from fieldapp.hub.push import PushResult
    from fieldapp.rules import Lang

_STORE_HELP = "the hub database: sqlite:///PATH (sqlite:////abs/path) or postgresql://USER@HOST/DB"


def register(cli: CommandLine) -> None:
    p = cli.command("sync", "sync this device's database with the hub, or write an offline bundle", _sync)
    p.add_argument("--db", type=Path, required=True, help="the device's database file")
    p.add_argument("--hub", help="the hub's URL, e.g. http://hub.example:8750 (kept after the first sync)")
    p.add_argument("--enroll", metavar="CODE", help="the one-time enrolment code from `fieldapp hub enroll`")
    p.add_argument("--bundle-out", type=Path, metavar="FILE", help="write the unsent changes to a signed file")
    group = "hub"
    gh = "run and administer the sync hub"
    p = cli.subcommand(group, "serve", "serve the hub over HTTP", _serve, group_help=gh)
    p.add_argument("--store", required=True, help=_STORE_HELP)
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8750, help="port (default 8750; 0 picks a free one)")
    p.add_argument("--blobs", type=Path, metavar="FOLDER",
                   help="where the hub keeps photo files (default for sqlite: beside its file, STORE.blobs)")
    p = cli.subcommand(group, "enroll", "register a device and print its one-time enrolment code", _enroll,
                       group_help=gh)
    p.add_argument("--store", required=True, help=_STORE_HELP)
    p.add_argument("--role", required=True, choices=ROLES, help="what the device may do")
    p.add_argument("--name", required=True, help="a unique name for the device")
    p.add_argument("--lab", help="for a lab device: the lab whose shipments it receives")
    p.add_argument("--project", action="append", default=[], help="for a sampler: a project code it works on")
    p = cli.subcommand(group, "revoke", "revoke a device's access", _revoke, group_help=gh)
    p.add_argument("--store", required=True, help=_STORE_HELP)
    p.add_argument("--name", required=True, help="the device's name")
    for verb, text in (("grant", "let a sampler device change and pull a project"),
                       ("ungrant", "take a project back from a sampler device")):
        p = cli.subcommand(group, verb, text, _grant if verb == "grant" else _ungrant, group_help=gh)
        p.add_argument("--store", required=True, help=_STORE_HELP)
        p.add_argument("--name", required=True, help="the device's name (see `fieldapp hub devices`)")
        p.add_argument("--project", required=True, metavar="CODE", help="the project's code")
    p = cli.subcommand(group, "import", "apply an offline bundle (idempotent)", _import, group_help=gh)
    p.add_argument("--store", required=True, help=_STORE_HELP)
    p.add_argument("file", type=Path, help="the bundle file")
    p = cli.subcommand(group, "devices", "list devices: name, role, lab, state, granted projects", _devices,
                       group_help=gh)
    p.add_argument("--store", required=True, help=_STORE_HELP)
    p = cli.subcommand(group, "conflicts", "list values that lost a merge (open ones unless --all)", _conflicts,
                       group_help=gh)
    p.add_argument("--store", required=True, help=_STORE_HELP)
    p.add_argument("--all", action="store_true", help="include resolved conflicts")
    p = cli.subcommand(group, "resolve", "mark a conflict as reviewed", _resolve, group_help=gh)
    p.add_argument("--store", required=True, help=_STORE_HELP)
    p.add_argument("id", help="the conflict's id (from `hub conflicts`)")
    p.add_argument("--note", required=True, help="what was decided, e.g. 'kept the lab value'")
    p.add_argument("--by", default="coordinator", help="who resolved it")


def _sync(args: argparse.Namespace) -> int:
    from fieldapp.sync.bundle import write_bundle
    from fieldapp.sync.client import HubClient
    from fieldapp.sync.engine import enroll, sync
    from fieldapp.sync.local import Replica

    new_device = _new_device(args)
    try:
        with Store.open(args.db, actor="sync") as store:
            if args.bundle_out:
                from fieldapp.cli.progress import progress_bar

                with progress_bar("bundle", "changes", user_language(args)) as progress:
                    count = write_bundle(store, args.bundle_out, progress)
                print(said(args, "cli_sync_bundle_written", count=count, path=args.bundle_out))
                return 0
            url = args.hub or Replica(store).get("hub_url")
            if not url:
                raise SyncError("No hub given.", hint="Give --hub URL (it is kept after the first sync).")
            with HubClient(url) as client:
                if args.enroll:
                    role = enroll(store, client, args.enroll)
                    new_device = False  # the file now holds the device's token: keep it whatever follows
                    print(said(args, "cli_sync_enrolled", url=url, role=_role(args, role)))
                with _bars(user_language(args)) as told:
                    report = sync(store, client, progress=told)
            Replica(store).put_committed(hub_url=url)
    except BaseException:
        if new_device:
            _remove_new(args.db)
        raise
    print(report.summary(user_language(args)))
    return 0


def _role(args: argparse.Namespace, role: str) -> str:
    """A device's role as the window names it (monsternemer, laboratorium, coördinator); as given if unknown."""
    return said(args, f"cli_sync_role_{role}") if role in ROLES else role


@contextmanager
def _bars(lang: Lang) -> Iterator[Callable[[str, int], None]]:
    """The sync's ``progress(step, count)`` as a counter per step on stderr ("sync push: 15000 changes"),
    drawn when stderr is a terminal, quiet on a pipe, as every long command's."""
    from fieldapp.cli.progress import progress_bar
    from fieldapp.progress import Progress

    with ExitStack() as shown:
        bars: dict[str, Progress] = {}

        def told(step: str, count: int) -> None:
            if step not in bars:
                unit = "photos" if step.startswith("photos") else "changes"
                bars[step] = shown.enter_context(progress_bar(f"sync {step}", unit, lang))
            bars[step](count, 0)

        yield told


def _new_device(args: argparse.Namespace) -> bool:
    """Whether this sync creates the device database: only a first enrolment
    (--hub and --enroll) on a path where no file is."""
    if args.db.is_file():
        return False
    if args.db.exists():
        raise StoreError(f"{args.db} is not a file.", hint="Give the path of a FieldApp database.")
    if not (args.enroll and args.hub) or args.bundle_out:
        raise StoreError(f"{args.db} does not exist.",
                         hint="Give the path of a FieldApp database, or make a new device database with "
                              "--hub URL --enroll CODE.")
    if not args.db.parent.is_dir():
        raise StoreError(f"The folder {args.db.parent} does not exist.", hint="Create it or pick another path.")
    return True


def _remove_new(path: Path) -> None:
    """Take away a device database this sync made but could not enrol (a
    mistyped code): no half-made device is left behind."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from fieldapp.hub.app import hub_app
    from fieldapp.hub.service import HubService

    _check_port(args.port)
    service = HubService.open(args.store, args.blobs)
    family = socket.AF_INET6 if ":" in args.host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    # without TCP_NODELAY every small answer waits ~40 ms for the client's
    # delayed ACK (Nagle), which alone would make an idle sync take 50 ms
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    try:
        sock.bind((args.host, args.port))
        # listening before the line below is printed: a client that reads it and connects at once
        # waits in the backlog until uvicorn accepts, instead of being refused
        sock.listen(2048)
    except OSError as exc:
        sock.close()
        service.close()
        raise SyncError(f"Cannot listen on {args.host}:{args.port}: {exc.strerror}.") from exc
    host, port = sock.getsockname()[:2]
    # a server log line, left in English on purpose: tests and bench/bench_sync.py read its URL
    # (split()[3]), as a script that starts a hub may
    print(f"hub listening on http://{host}:{port} (store {args.store.split('@')[-1]})", flush=True)
    config = uvicorn.Config(hub_app(service), log_level="info", lifespan="off")
    try:
        uvicorn.Server(config).run(sockets=[sock])
    finally:
        sock.close()
        service.close()
    return 0


def _check_port(port: int) -> None:
    if not 0 <= port <= 65535:
        raise SyncError(f"--port {port} is not a TCP port.", hint="Give 1 to 65535, or 0 for a free one.")


def _imported(run: Callable[[], PushResult]) -> PushResult:
    # JSON nested thousands deep exhausts the parser's recursion before any check sees it
    try:
        return run()
    except RecursionError:
        raise BundleError("The bundle is damaged: it is nested too deeply to be a FieldApp bundle; "
                          "nothing was imported.", hint="Copy the file again from the device.") from None


def _enroll(args: argparse.Namespace) -> int:
    from fieldapp.hub.devices import create_enrolment
    from fieldapp.hub.service import HubService

    service = HubService.open(args.store)
    try:
        code = create_enrolment(service.db, role=args.role, name=args.name, lab=args.lab, projects=args.project)
    finally:
        service.close()
    print(code)
    print(said(args, "cli_hub_enroll_code", name=args.name, role=_role(args, args.role)), file=sys.stderr)
    return 0


def _revoke(args: argparse.Namespace) -> int:
    from fieldapp.hub.devices import revoke
    from fieldapp.hub.service import HubService

    service = HubService.open(args.store)
    try:
        device = revoke(service.db, args.name)
    finally:
        service.close()
    print(said(args, "cli_hub_revoked", name=device.name, role=_role(args, device.role)))
    return 0


def _grant(args: argparse.Namespace) -> int:
    return _set_grant(args, give=True)


def _ungrant(args: argparse.Namespace) -> int:
    return _set_grant(args, give=False)


def _set_grant(args: argparse.Namespace, *, give: bool) -> int:
    from fieldapp.hub.devices import grant, grants, ungrant
    from fieldapp.hub.service import HubService

    service = HubService.open(args.store)
    try:
        (grant if give else ungrant)(service.db, args.name, args.project)
        now = ", ".join(grants(service.db, args.name)) or said(args, "cli_hub_no_projects")
    finally:
        service.close()
    print(said(args, "cli_hub_granted" if give else "cli_hub_ungranted", project=args.project, name=args.name,
               now=now))
    return 0


def _import(args: argparse.Namespace) -> int:
    from fieldapp.hub.service import HubService, import_bundle

    try:
        raw = args.file.read_bytes()
    except OSError as exc:
        raise SyncError(f"Cannot read {args.file}: {exc.strerror}.") from exc
    from fieldapp.cli.progress import progress_bar

    service = HubService.open(args.store)
    try:
        # a bundle of a big project is 100,000s of changes, seconds to merge: a bar on a terminal
        with progress_bar("hub import", "changes", user_language(args)) as progress:
            result = _imported(lambda: import_bundle(service, raw, progress))
    finally:
        service.close()
    print(said(args, "cli_hub_imported", file=args.file, accepted=count(result.accepted, "new_change"),
               duplicates=result.duplicates, conflicts=count(result.conflicts, "conflict")))
    return 0


def _devices(args: argparse.Namespace) -> int:
    from fieldapp.hub.devices import grants, list_devices
    from fieldapp.hub.service import HubService

    service = HubService.open(args.store)
    try:
        for d in list_devices(service.db):
            state = said(args, "cli_hub_device_revoked" if d.revoked else
                         "cli_hub_device_enrolled" if d.device_id else "cli_hub_device_code_issued")
            granted = ",".join(grants(service.db, d.name)) if d.role == "sampler" else ""
            print(f"{d.name}\t{d.role}\t{d.lab or ''}\t{state}\t{granted}")
    finally:
        service.close()
    return 0


def _conflicts(args: argparse.Namespace) -> int:
    from fieldapp.hub.service import HubService

    service = HubService.open(args.store)
    try:
        rows = service.list_conflicts(open_only=not args.all)
    finally:
        service.close()
    for c in rows:
        state = (said(args, "cli_hub_conflict_resolved_by", by=c["resolved_by"], resolution=c["resolution"])
                 if c["resolved_at"] else said(args, "cli_hub_conflict_open"))
        lost = said(args, "cli_hub_conflict_lost", lost=c["value"])
        print(f"{c['id']}\t{c['tbl']} {c['row_id']}\t{c['field']}\t{c['kind']}\t{lost}\t{state}")
    print(said(args, "cli_hub_conflicts_count", n=count(len(rows), "conflict")), file=sys.stderr)
    return 0


def _resolve(args: argparse.Namespace) -> int:
    from fieldapp.hub.service import HubService

    service = HubService.open(args.store)
    try:
        if not service.mark_resolved(args.id, args.by, args.note):
            raise SyncError(f"There is no conflict {args.id}.", hint="See `fieldapp hub conflicts`.")
    finally:
        service.close()
    print(said(args, "cli_hub_resolved", id=args.id))
    return 0
