"""`fieldapp shipment create|add|order|seal|handover|list|show`: a cooler from the command line.

Each step is one action in the database (custody events, journalled), as in
the GUI's shipment view. Bad input is one line on stderr and exit 1, and
nothing of the step is saved. What a step did is said in the user's language
(resources/messages/cli_shipment.json); ``--json`` and the code `create` prints stay as they are.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING

from fieldapp.cli.base import CommandLine, counted, said
from fieldapp.errors import StoreError, ValidationError

if TYPE_CHECKING:
    from fieldapp.domain.deviation import Overrides
    from fieldapp.domain.lab_order import LabOrder
    from fieldapp.domain.shipment import Shipment
    from fieldapp.session import Session

_GROUP = "pack, seal and hand over coolers (shipments) with their COC"


def register(cli: CommandLine) -> None:
    p = cli.subcommand("shipment", "create", "create a shipment for a lab; prints its COC number", _create,
                       group_help=_GROUP)
    _db(p)
    p.add_argument("--project", required=True, help="project code")
    p.add_argument("--lab", required=True, help="the lab it goes to, e.g. 'SYNLAB Analytics & Services'")
    p.add_argument("--code", help="COC number (default: the project's next COC-nnnn)")
    p = cli.subcommand("shipment", "add", "pack containers (by barcode) into a shipment", _add)
    _db(p)
    _shipment(p)
    p.add_argument("barcodes", nargs="+", metavar="BARCODE", help="container barcodes, as scanned")
    _deviation(p)
    p = cli.subcommand("shipment", "order", "set the lab order of a shipment: the lab's client and quotation "
                       "numbers, results to, turnaround, AS3000 (printed on its COC form)", _order)
    _db(p)
    _shipment(p)
    p.add_argument("--client-number", metavar="NUMBER", help="your client number (klantnummer) at the lab")
    p.add_argument("--quotation", metavar="NUMBER", help="the lab's quotation number (offertenummer)")
    p.add_argument("--results-to", metavar="NAME", help="who gets the results (uitslag naar)")
    p.add_argument("--results-email", metavar="ADDRESS", help="the e-mail address the results go to")
    p.add_argument("--turnaround", choices=("normal", "urgent"), help="normal or urgent (spoed)")
    p.add_argument("--days", type=int, metavar="N", help="turnaround in working days (needed when urgent)")
    p.add_argument("--as3000", choices=("yes", "no"), help="results under AS3000 accreditation")
    p = cli.subcommand("shipment", "seal", "seal a packed shipment with the seal's number", _seal)
    _db(p)
    _shipment(p)
    p.add_argument("--seal", required=True, metavar="NUMBER", help="the number on the seal")
    p = cli.subcommand("shipment", "handover", "hand a shipment over to a courier or the lab", _handover)
    _db(p)
    _shipment(p)
    p.add_argument("--to", required=True, metavar="NAME", help="who takes the cooler")
    p.add_argument("--by", metavar="NAME", help="who hands it over (default: the user in the settings)")
    p.add_argument("--at", metavar="TIME", help="when, as YYYY-MM-DD HH:MM (default: now)")
    p = cli.subcommand("shipment", "list", "list a project's shipments with their state", _list)
    _db(p)
    p.add_argument("--project", required=True, help="project code")
    p.add_argument("--json", action="store_true", help="one JSON object per line")
    p = cli.subcommand("shipment", "show", "a shipment's containers with their holding-time deadlines, and "
                       "its custody events", _show)
    _db(p)
    _shipment(p)
    p.add_argument("--json", action="store_true", help="one JSON object")


#: the rule a deviation given to `shipment add` lets pass (and the only one it may)
PACKING_RULE = "holding_time_exceeded"
_DEVIATION_OPTIONS = ("--deviation-reason TEXT --deviation-consequences TEXT "
                      "[--deviation-part TEXT] [--deviation-nature TEXT] [--deviation-by NAME]")


def _deviation(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group(
        "deviation (afwijking)", "a container past its holding time (conserveringstermijn) is packed only with a "
        "recorded deviation: the projectleider's reason and the consequences, recorded on each late container "
        "in the same step (listed by `fieldapp deviations`, on the borehole log and in the field report)")
    g.add_argument("--deviation-reason", metavar="TEXT", help="motivatie: why it is shipped anyway")
    g.add_argument("--deviation-consequences", metavar="TEXT",
                   help="gevolgen en risico's: what it means for the result")
    g.add_argument("--deviation-part", metavar="TEXT",
                   help="onderdeel of the protocol (default: the rule's source, AS SIKB 3000 protocol 3001)")
    g.add_argument("--deviation-nature", metavar="TEXT", help="aard: what was done otherwise "
                   "(default: the refused rule's Dutch message)")
    g.add_argument("--deviation-by", metavar="NAME", help="who decided: a name or Bodem+ registration number "
                   "in the staff register")


def _overrides(session: Session, args: argparse.Namespace) -> Overrides | None:
    """The deviation the options state, or None when none of them is given."""
    from fieldapp.domain import staff
    from fieldapp.domain.deviation import DeviationDraft, Overrides

    given = (args.deviation_reason, args.deviation_consequences, args.deviation_part, args.deviation_nature,
             args.deviation_by)
    if all(v is None for v in given):
        return None
    staff_id = None
    if args.deviation_by:
        wanted = args.deviation_by.strip().casefold()
        found = [p for p in staff.register(session.store)
                 if wanted in (p.name.casefold(), (p.registration_number or "").casefold())]
        if len(found) != 1:
            raise ValidationError("--deviation-by", f"{args.deviation_by!r} is "
                                  + ("not in the staff register." if not found else "more than one person."),
                                  hint="Give a name or registration number as the staff register has it.")
        staff_id = found[0].id
    try:
        draft = DeviationDraft(PACKING_RULE, args.deviation_part or "", args.deviation_nature or "",
                               args.deviation_reason or "", args.deviation_consequences or "", staff_id)
    except ValidationError as exc:  # named as the option that is missing
        raise ValidationError(f"--deviation-{exc.field}", exc.message,
                              hint=f"{exc.hint} Give --deviation-{exc.field} TEXT.") from None
    return Overrides([draft])


def _db(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", type=Path, required=True, help="the FieldApp database")


def _shipment(p: argparse.ArgumentParser) -> None:
    p.add_argument("--shipment", required=True, metavar="CODE", help="COC number of the shipment")
    p.add_argument("--project", help="project code, when COC numbers repeat across projects")


def _open(path: Path) -> Session:
    from fieldapp.session import Session

    if not path.exists():
        raise StoreError(f"There is no database at {path}.", hint="Check --db.")
    return Session.open_for_user(path)


def _find(session: Session, args: argparse.Namespace) -> Shipment:
    from fieldapp.domain import project, shipment

    project_id = project.by_code(session.store, args.project).id if args.project else None
    return shipment.by_code(session.store, args.shipment, project_id)


def _create(args: argparse.Namespace) -> int:
    from fieldapp.domain import project, shipment

    with _open(args.db) as session:
        proj = project.by_code(session.store, args.project)
        ship = shipment.create(session, proj.id, lab=args.lab, code=args.code)
        print(ship.code)
    return 0


def _add(args: argparse.Namespace) -> int:
    from fieldapp.domain import shipment
    from fieldapp.rules import RuleError

    with _open(args.db) as session:
        ship = _find(session, args)
        overrides = _overrides(session, args)
        try:
            jars = shipment.add_barcodes(session, ship.id, args.barcodes, overrides=overrides)
        except RuleError as exc:
            if exc.deviation_possible:  # name the rule, and the options that record the deviation
                exc.message = f"{exc.message} (rule {exc.rule.id}: {exc.rule.citation})"
                exc.hint = (f"{exc.rule.hint('en', **exc.values)} To ship it anyway, record the projectleider's "
                            f"deviation (afwijking) with {_DEVIATION_OPTIONS}.")
            raise
        total = len(shipment.container_ids(session.store, ship.id))
        recorded = 0
        if overrides:
            from fieldapp.domain import deviation

            ids = {j.id for j in jars}
            recorded = sum(d.object_id in ids and d.rule_id == PACKING_RULE
                           for d in deviation.for_project(session.store.conn, ship.project_id))
        print(said(args, "cli_shipment_packed", code=ship.code, containers=counted(args, len(jars), "pot"),
                   total=total)
              + (said(args, "cli_shipment_packed_deviation", recorded=recorded) if recorded else ""))
    return 0


def _order(args: argparse.Namespace) -> int:
    """Only the options given change; the others keep their value (carried over from the
    last shipment to the same lab when the shipment was created)."""
    from dataclasses import replace

    from fieldapp.domain import lab_order

    given = {"client_number": args.client_number, "quotation": args.quotation, "results_name": args.results_to,
             "results_email": args.results_email, "turnaround": args.turnaround, "turnaround_days": args.days,
             "as3000": None if args.as3000 is None else args.as3000 == "yes"}
    with _open(args.db) as session:
        ship = _find(session, args)
        current = lab_order.of_shipment(session.store, ship.id)
        order = lab_order.set_order(session, ship.id,
                                    replace(current, **{k: v for k, v in given.items() if v is not None}))
        print(f"{ship.code}: {_order_text(args, order)}")
    return 0


def _order_text(args: argparse.Namespace, order: LabOrder) -> str:
    """The order's values as "client number 1234, turnaround urgent, ...", in the user's language."""
    from dataclasses import asdict

    shown = []
    for k, v in asdict(order).items():
        if v is None:
            continue
        if k == "turnaround":
            key = f"cli_shipment_order_turnaround_{v}" if v in ("normal", "urgent") else "cli_shipment_order_turnaround"
        elif k == "as3000":
            key = "cli_shipment_order_as3000_yes" if v else "cli_shipment_order_as3000_no"
        elif k == "turnaround_days":
            shown.append(counted(args, v, "working_day"))
            continue
        else:
            key = f"cli_shipment_order_{k}"
        shown.append(said(args, key, v=v))
    return ", ".join(shown) or said(args, "cli_shipment_order_none")


def _state(args: argparse.Namespace, state: str) -> str:
    """A shipment's state (packing, sealed, handed over, received) in the user's language."""
    from fieldapp.rules import message_book

    key = f"cli_shipment_state_{state.replace(' ', '_')}"
    return said(args, key) if key in message_book().rules else state


def _seal(args: argparse.Namespace) -> int:
    from fieldapp.domain import shipment

    with _open(args.db) as session:
        ship = shipment.seal(session, _find(session, args).id, args.seal)
        print(said(args, "cli_shipment_sealed", code=ship.code, seal=ship.seal_number))
    return 0


def _handover(args: argparse.Namespace) -> int:
    from fieldapp.domain import shipment

    with _open(args.db) as session:
        ship = shipment.relinquish(session, _find(session, args).id, by=args.by, to=args.to, at=args.at)
        print(said(args, "cli_shipment_handed_over", code=ship.code, by=ship.relinquished_by,
                   to=ship.relinquished_to, at=ship.relinquished_at))
    return 0


def _summary(session: Session, ship: Shipment) -> dict[str, object]:
    from dataclasses import asdict

    from fieldapp.domain import lab_order, shipment

    order = {k: v for k, v in asdict(lab_order.of_shipment(session.store, ship.id)).items() if v is not None}
    return {"code": ship.code, "lab": ship.lab, "state": ship.state, "order": order,
            "containers": len(shipment.container_ids(session.store, ship.id)), "seal": ship.seal_number,
            "handed_over_by": ship.relinquished_by, "handed_over_to": ship.relinquished_to,
            "handed_over_at": ship.relinquished_at, "received_at": ship.received_at}


def _list(args: argparse.Namespace) -> int:
    from fieldapp.domain import project, shipment

    with _open(args.db) as session:
        proj = project.by_code(session.store, args.project)
        ships = shipment.of_project(session.store, proj.id)
        for ship in ships:
            if args.json:
                print(json.dumps(_summary(session, ship), ensure_ascii=False))
            else:
                n = len(shipment.container_ids(session.store, ship.id))
                print(f"{ship.code}\t{_state(args, ship.state)}\t{counted(args, n, 'pot')}\t{ship.lab}")
        if not ships and not args.json:
            print(said(args, "cli_shipment_list_none", project=proj.code))
    return 0


def _show(args: argparse.Namespace) -> int:
    from fieldapp.domain import custody, holding, shipment

    with _open(args.db) as session:
        ship = _find(session, args)
        items = holding.packed(session.store, ship)
        events = custody.of_shipment(session.store, ship.id)
        if args.json:
            print(json.dumps({**_summary(session, ship), "items": [
                {"barcode": p.barcode, "sample": p.sample_code, "sampled_at": p.sampled_at,
                 "holding_hours": p.hours, "holding_analysis": p.analysis,
                 "deadline": p.deadline.isoformat() if p.deadline else None} for p in items],
                "events": [{"kind": e.kind, "actor": e.actor, "at": e.at_laptop, "remarks": e.remarks,
                            "container_id": e.container_id} for e in events]}, ensure_ascii=False))
            return 0
        n = len(shipment.container_ids(session.store, ship.id))
        print(said(args, "cli_shipment_show_head", code=ship.code, lab=ship.lab, state=_state(args, ship.state),
                   containers=counted(args, n, "pot"))
              + (said(args, "cli_shipment_show_seal", seal=ship.seal_number) if ship.seal_number else ""))
        if ship.relinquished_at:
            print(said(args, "cli_shipment_show_handed_over", by=ship.relinquished_by,
                       to=ship.relinquished_to or "-", at=ship.relinquished_at))
        for p in items:
            if p.hours is None:
                print(f"  {p.barcode}\t{p.sample_code}\t"
                      + said(args, "cli_shipment_show_no_holding", analysis=p.analysis))
                continue
            due = (p.deadline.astimezone().strftime("%Y-%m-%d %H:%M") if p.deadline
                   else said(args, "cli_shipment_show_sampling_unknown"))
            print(f"  {p.barcode}\t{p.sample_code}\t"
                  + said(args, "cli_shipment_show_holding", due=due, hours=p.hours, analysis=p.analysis))
        print(said(args, "cli_shipment_show_custody"))
        for e in events:
            print(f"  {e.at_laptop}\t{e.kind}\t{e.actor}" + (f"\t{e.remarks}" if e.remarks else ""))
    return 0
