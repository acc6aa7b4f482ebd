"""ZPL II for Zebra printers: the printer draws the barcodes itself.

The same plan as the PDF places everything, in printer dots. Code 128 uses
automatic subset selection (``^BC...,A``), so the width is budgeted for the
longest encoding (subset B throughout); the printer's own choice can only be
narrower. One ``^XA ... ^XZ`` format per container, so a jam or a reprint
affects single labels.
"""

from __future__ import annotations

from collections.abc import Sequence

from fieldapp.errors import LabelError
from fieldapp.labels.data import LabelData
from fieldapp.labels.layouts import Layout
from fieldapp.labels.pdf import STEP
from fieldapp.labels.plan import ASCENT, LabelPlan, dots, plan_label
from fieldapp.progress import Progress


def field_text(text: str) -> str:
    """``text`` for a ``^FH_`` field: the command characters and the escape itself as hex."""
    return text.replace("_", "_5F").replace("^", "_5E").replace("~", "_7E")


def label_zpl(layout: Layout, plan: LabelPlan) -> str:
    width = round(dots(layout.label_w_mm, layout.dpi))
    length = round(dots(layout.label_h_mm, layout.dpi))
    code = plan.code  # checked by symbols.check_barcode: printable ASCII without ^ and ~
    out = [
        "^XA",
        "^CI28",  # field data is UTF-8 (ë, é in Dutch place names)
        f"^PW{width}",
        f"^LL{length}",
        "^LH0,0",
        f"^FO{plan.qr_x},{plan.qr_y}^BQN,2,{plan.qr_module}^FDMA,{code}^FS",
        f"^FO{plan.bars_x},{plan.bars_y}^BY{plan.bar_module},3,{plan.bar_height}"
        f"^BCN,{plan.bar_height},N,N,N,A^FD{code}^FS",
    ]
    dpt = layout.dot_pt
    for line in plan.lines:
        if not line.text:
            continue
        height = round(line.size_pt / dpt)
        top = round(line.baseline_pt / dpt - ASCENT * height)
        block = round(line.width_pt / dpt)
        out.append(
            f"^FO{line.x},{top}^A0N,{height}^FB{block},1,0,L,0^FH_^FD{field_text(line.text)}^FS"
        )
    out.append("^PQ1")
    out.append("^XZ")
    return "\n".join(out) + "\n"


def render_labels_zpl(layout: Layout, labels: Sequence[LabelData], *,
                      progress: Progress | None = None) -> str:
    """One ZPL format per label, planned before any output so a bad label stops the run.

    The printer draws both barcodes from ``^BC`` and ``^BQ``; planning needs
    only their sizes, so no symbol is encoded here."""
    if layout.sheet is not None or not layout.zpl:
        raise LabelError(
            "layout",
            f"Layout {layout.name} is not for a Zebra printer; ZPL needs a Zebra layout.",
            hint="Choose zebra-2x1-203 or zebra-2x1-300, or write a PDF.",
        )
    if not labels:
        raise LabelError("containers", "No containers were chosen, so there is nothing to print.")
    plans = []
    for i, label in enumerate(labels):
        if progress is not None and i % STEP == 0:
            progress(i, len(labels))
        plans.append(plan_label(layout, label, printer_encodes=True))
    zpl = "".join(label_zpl(layout, plan) for plan in plans)
    if progress is not None:
        progress(len(labels), len(labels))
    return zpl
