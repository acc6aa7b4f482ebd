"""Label benchmarks: 1,000 labels to one PDF against the plain reportlab way, and a big COC.

Run alone with ``python -m bench.bench_labels``; ``make bench`` calls ``main()``.
The baseline draws the same labels with reportlab's own Code 128 and QR
widgets created per label, in the same run, because the machines are noisy.
"""

from __future__ import annotations

import io
import time
from collections.abc import Callable

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.code128 import Code128
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from bench.report import line
from fieldapp.labels.coc import render_coc_pdf
from fieldapp.labels.data import CocData, CocRow, LabelData
from fieldapp.labels.layouts import get_layout
from fieldapp.labels.pdf import render_labels_pdf
from fieldapp.labels.plan import plan_label
from fieldapp.labels.qr import QrEncoder
from fieldapp.labels.symbols import code128, qr
from fieldapp.labels.zpl import label_zpl, render_labels_zpl

COUNT = 1000
COC_ROWS = 500
ZPL_COUNT = 5000


def _labels(count: int = COUNT) -> list[LabelData]:
    return [
        LabelData(f"FA-{i:010d}", f"M{i // 3 + 1:02d}-{i % 3 + 1}", "2026-0142", "B03",
                  "0.50-1.00 m", "2026-09-14", "potje glas 250 ml")
        for i in range(count)
    ]


def _plain(labels: list[LabelData]) -> bytes:
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=(62 * mm, 29 * mm))
    for lab in labels:
        Code128(lab.barcode, barWidth=0.34 * mm, barHeight=7 * mm).drawOn(c, 2 * mm, 3 * mm)
        qr = QrCodeWidget(lab.barcode, barWidth=13 * mm, barHeight=13 * mm)
        drawing = Drawing(13 * mm, 13 * mm)
        drawing.add(qr)
        renderPDF.draw(drawing, c, 2 * mm, 13 * mm)
        c.setFont("Helvetica", 8)
        texts = (lab.sample_code, lab.barcode, lab.project_code, lab.depth, lab.container_type)
        for k, text in enumerate(texts):
            c.drawString(18 * mm, 25 * mm - k * 3 * mm, text)
        c.showPage()
    c.save()
    return buf.getvalue()


def _zpl_encoding_both(labels: list[LabelData]) -> str:
    """ZPL as before issue 18: both symbols encoded on the computer for every
    label (to plan their size), although the printer draws them from ^BC and ^BQ."""
    layout = get_layout("zebra-2x1-203")
    encoder = QrEncoder()
    out = []
    for label in labels:
        code128(label.barcode)
        qr(label.barcode, encoder)
        out.append(label_zpl(layout, plan_label(layout, label, printer_encodes=True)))
    return "".join(out)


def _seconds(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    labels = _labels()
    zpl_labels = _labels(ZPL_COUNT)
    layout = get_layout("brother-62x29")
    ours = COUNT / _seconds(lambda: render_labels_pdf(layout, labels))
    plain = COUNT / _seconds(lambda: _plain(labels))
    print(line(f"{COUNT} labels to one PDF ({layout.name})", ours, "labels/s",
               "reportlab widgets per label", plain, ">= 5x", higher_is_better=True))
    zebra = get_layout("zebra-2x1-203")
    zpl = ZPL_COUNT / _seconds(lambda: render_labels_zpl(zebra, zpl_labels))
    before = ZPL_COUNT / _seconds(lambda: _zpl_encoding_both(zpl_labels))
    print(line(f"{ZPL_COUNT} labels to ZPL ({zebra.name})", zpl, "labels/s",
               "the same ZPL with both symbols encoded per label (the way before issue 18)", before, ">= 10x",
               higher_is_better=True))
    rows = tuple(
        CocRow(f"FA-{i:010d}", f"M{i:03d}", "B01", "0.50-1.00 m", "2026-09-14 10:00", "BS",
               "potje glas 250 ml", "koel", "NEN 5740 standaardpakket grond, PFAS")
        for i in range(COC_ROWS)
    )
    coc = CocData("COC-0001", "2026-0142", rows=rows)
    seconds = _seconds(lambda: render_coc_pdf(coc))
    print(f"COC of {COC_ROWS} containers: {seconds:.2f} s ({seconds / COC_ROWS * 1000:.2f} ms per row)")


if __name__ == "__main__":
    main()
