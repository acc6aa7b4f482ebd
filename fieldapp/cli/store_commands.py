"""`fieldapp verify` and `fieldapp demo-data`."""

from __future__ import annotations

import argparse
import contextlib
import sqlite3
from pathlib import Path

from fieldapp import demo
from fieldapp.cli.base import CommandLine, said, user_language
from fieldapp.errors import FieldAppError, StoreError
from fieldapp.messages import count
from fieldapp.session import Session
from fieldapp.store import Store
from fieldapp.store.verify import verify


def register(cli: CommandLine) -> None:
    p = cli.command("verify", "check the audit chain against the data; non-zero if anything was "
                    "changed behind FieldApp's back", _verify)
    p.add_argument("--db", type=Path, required=True, help="the database file to check")
    p = cli.command("demo-data", "write a realistic demo project (the same records for a seed, with new ids and "
                                 "barcodes)", _demo_data)
    p.add_argument("--db", type=Path, required=True, help="database file (created if missing)")
    p.add_argument("--boreholes", type=int, default=12, help="number of boreholes (default 12)")
    p.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    p.add_argument("--project", default="2026-0142", help="project code (default 2026-0142)")


def _verify(args: argparse.Namespace) -> int:
    # read-only: verify never writes, not even a missing device id or a schema step
    from fieldapp.cli.progress import progress_bar

    with Store.open(args.db, actor="verify", read_only=True) as store, \
            progress_bar("verify", "rows", user_language(args)) as progress:
        report = verify(store, progress=progress)
    print(said(args, "cli_verified_receipts" if report.receipts else "cli_verified",
               entries=count(report.entries, "entry"), receipts=count(report.receipts, "receipt"),
               rows=count(report.rows, "row"),
               tables=count(report.tables, "table")))
    return 0


def _demo_data(args: argparse.Namespace) -> int:
    if not 1 <= args.boreholes <= 1_000_000:
        raise FieldAppError(f"--boreholes {args.boreholes} is out of range.", hint="Give 1 to 1000000.")
    existed = args.db.exists()
    from fieldapp.cli.progress import progress_bar

    try:
        with Session.open_for_user(args.db) as session, \
                progress_bar("demo-data", "boreholes", user_language(args)) as progress:
            summary = demo.create(session, boreholes=args.boreholes, seed=args.seed, project_code=args.project,
                                  progress=progress)
    except (FieldAppError, sqlite3.Error) as exc:
        if not existed:  # a database this command began is no use half-made
            for suffix in ("", "-wal", "-shm", "-journal"):
                with contextlib.suppress(OSError):
                    args.db.with_name(args.db.name + suffix).unlink()
        if _disk_full(exc):
            raise StoreError(f"Cannot write the demo project to {args.db}: the disk is full.",
                             hint="Free some space or choose another disk; nothing of it was kept.") from None
        if isinstance(exc, sqlite3.Error):
            raise StoreError(f"Cannot write the demo project to {args.db}: {exc}.") from None
        raise
    print(said(args, "cli_demo_written", p=summary.project_code, bh=count(summary.boreholes, "borehole"),
               layers=count(summary.layers, "layer"), samples=count(summary.samples, "sample"),
               containers=count(summary.containers, "pot"), shipments=count(summary.shipments, "shipment"),
               db=args.db))
    return 0


def _disk_full(exc: BaseException | None) -> bool:
    while exc is not None:
        if getattr(exc, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL:
            return True
        exc = exc.__cause__ or exc.__context__
    return False
