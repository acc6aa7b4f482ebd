"""`fieldapp layouts`, `fieldapp labels` and `fieldapp coc`.

Output goes to a temporary file beside the target and is renamed into place
only when complete; a failure at any step leaves no file. Labels and their
``label_printed`` events are saved both or neither, by the ordering and the
recovery rule of :func:`fieldapp.labels.from_store.save_labels`.
What a command wrote is said in the user's language (resources/messages/cli_shipment.json).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from fieldapp.cli.base import CommandLine, counted, said, user_language
from fieldapp.domain.depth import DecimalText
from fieldapp.errors import LabelError, StoreError
from fieldapp.labels.coc import render_coc_pdf
from fieldapp.labels.coc_words import LANGUAGES
from fieldapp.labels.from_store import project_labels, save_labels, shipment_coc
from fieldapp.labels.layouts import MM, get_layout, load_layouts
from fieldapp.labels.pdf import render_labels_pdf
from fieldapp.labels.zpl import render_labels_zpl
from fieldapp.outputs import write_failure, write_whole
from fieldapp.session import Session


def register(cli: CommandLine) -> None:
    cli.command("layouts", "list the label layouts", _layouts)
    p = cli.command("labels", "write container labels of a project as PDF or ZPL", _labels)
    p.add_argument("--db", type=Path, required=True, help="the FieldApp database")
    p.add_argument("--project", required=True, help="project code")
    p.add_argument("--containers", help="only these barcodes, comma-separated (default: all)")
    p.add_argument("--layout", required=True, help="layout name (see `fieldapp layouts`)")
    p.add_argument("--start", type=int, default=1,
                   help="first position on a part-used label sheet, 1 = top left (default 1)")
    p.add_argument("--out", type=Path, required=True,
                   help="output file; .pdf for any printer, .zpl for Zebra printers")
    p = cli.command("coc", "write the chain-of-custody form of a shipment as PDF", _coc)
    p.add_argument("--db", type=Path, required=True, help="the FieldApp database")
    p.add_argument("--shipment", required=True, help="COC number of the shipment")
    p.add_argument("--project", help="project code, when COC numbers repeat across projects")
    p.add_argument("--out", type=Path, required=True, help="output PDF file")
    p.add_argument("--lang", choices=LANGUAGES, default="nl",
                   help="language of the form (default nl: it goes to a Dutch lab; en for a lab abroad)")


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all; a failed write is one clear :class:`LabelError`."""
    try:
        write_whole(path, data)
    except OSError as exc:
        message, hint = write_failure(path, exc)
        raise LabelError("out", message, hint=hint) from None


def _existing_db(path: Path) -> Path:
    if not path.is_file():
        raise StoreError(f"{path} does not exist.", hint="Give the path of a FieldApp database.")
    return path


def _writable(out: Path) -> None:
    if not out.parent.is_dir() and str(out.parent):
        raise LabelError("out", f"Folder {out.parent} does not exist.")
    if out.is_dir():
        raise LabelError("out", f"{out} is a folder.", hint="Give the name of the file to write.")


def _layouts(args: argparse.Namespace) -> int:
    from fieldapp.rules import message_book

    for layout in load_layouts().values():
        w, h = layout.page_size_pt
        kind = said(args, "cli_labels_layout_sheet" if layout.sheet else "cli_labels_layout_roll")
        per = said(args, "cli_labels_layout_per_sheet", n=layout.sheet.per_page) if layout.sheet else ""
        outputs = "PDF, ZPL" if layout.zpl else "PDF"
        # the window's Dutch title of a layout (as in the .ts catalogue); a layout without a row keeps its English
        title = f"cli_labels_title_{layout.name.replace('-', '_')}"
        print(said(args, "cli_labels_layout", name=f"{layout.name:24}", w=DecimalText(f"{layout.label_w_mm:g}"),
                   h=DecimalText(f"{layout.label_h_mm:g}"), kind=kind, per=per, dpi=layout.dpi,
                   pw=DecimalText(f"{w / MM:.1f}"), ph=DecimalText(f"{h / MM:.1f}"), outputs=outputs,
                   title=said(args, title) if title in message_book().rules else layout.title))
    return 0


def _labels(args: argparse.Namespace) -> int:
    suffix = args.out.suffix.lower()
    if suffix not in (".pdf", ".zpl"):
        raise LabelError("out", f"{args.out.name}: write labels to a .pdf or a .zpl file.")
    _writable(args.out)
    layout = get_layout(args.layout)
    codes = None
    if args.containers is not None:
        codes = [c for c in (part.strip() for part in args.containers.split(",")) if c]
    from fieldapp.cli.progress import progress_bar

    with Session.open_for_user(_existing_db(args.db)) as session:
        chosen = project_labels(session.store, args.project, codes, session.lists)
        labels = [label for _cid, label in chosen]
        with progress_bar("labels", "labels", user_language(args)) as progress:
            if suffix == ".zpl":
                data = render_labels_zpl(layout, labels, progress=progress).encode("utf-8")
            else:
                data = render_labels_pdf(layout, labels, start=args.start, progress=progress)
        settled = save_labels(session, [cid for cid, _label in chosen], layout.name, args.out, data)
    for path in settled:
        print(f"fieldapp: {said(args, 'cli_labels_interrupted', path=path)}", file=sys.stderr)
    n = len(labels)
    print(said(args, "cli_labels_written", labels=counted(args, n, "label"),
               layout=layout.name, out=args.out))
    return 0


def _coc(args: argparse.Namespace) -> int:
    if args.out.suffix.lower() != ".pdf":
        raise LabelError("out", f"{args.out.name}: the COC form is written as a .pdf file.")
    _writable(args.out)
    with Session.open_for_user(_existing_db(args.db)) as session:
        coc = shipment_coc(session.store, args.shipment, args.project, session.lists, lang=args.lang)
    data = render_coc_pdf(coc, lang=args.lang)
    write_atomic(args.out, data)
    print(said(args, "cli_labels_coc_written", coc=coc.coc_number, containers=counted(args, len(coc.rows), "pot"),
               analyses=counted(args, len(coc.analyses), "analysis_sample"), out=args.out))
    return 0
