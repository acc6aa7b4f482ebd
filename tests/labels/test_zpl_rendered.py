"""ZPL labels as a Zebra draws them: the printer's own ^BC and ^BQ carry the
container's code, checked by rendering the ZPL offline (zebrash, the Go ZPL
renderer, as WebAssembly from the npm package zpl-renderer-js, installed by
`npm ci --prefix tools/zplrender`) and reading the picture with zxing-cpp.

Without node or that package the tests skip, unless FIELDAPP_REQUIRE_ZPL_RENDER
is set (CI sets it), when they fail.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from fieldapp.labels.data import LabelData
from fieldapp.labels.layouts import get_layout
from fieldapp.labels.plan import plan_label
from fieldapp.labels.symbols import CODE128_QUIET, code128_worst_modules
from fieldapp.labels.zpl import render_labels_zpl

RENDERER = Path(__file__).resolve().parents[2] / "tools" / "zplrender"
LABELS = [
    LabelData("FA-000001", "M01-1", "2026-0142", "B03", "0.50-1.00 m", "2026-09-14", "potje glas 250 ml"),
    LabelData("FA-1E7565XVBS", "RH24-B03-12", "RH2024_017", "B03", "1.00-1.50 m", "2026-11-27",
              "glas ~ ^ 250 ml"),
    LabelData("FA-0000012345", "M12-3", "2026-0142"),
]


def _render(zpl: str, layout_name: str, folder: Path) -> list[Image.Image]:
    node = shutil.which("node")
    if node is None or not (RENDERER / "node_modules" / "zpl-renderer-js").is_dir():
        if os.environ.get("FIELDAPP_REQUIRE_ZPL_RENDER"):
            pytest.fail("the ZPL renderer is missing: run `npm ci --prefix tools/zplrender`")
        pytest.skip("no offline ZPL renderer (npm ci --prefix tools/zplrender)")
    layout = get_layout(layout_name)
    subprocess.run([node, str(RENDERER / "render.cjs"), str(folder), str(layout.label_w_mm),
                    str(layout.label_h_mm), str(round(layout.dpi / 25.4))],
                   input=zpl, text=True, check=True, timeout=120)
    return [Image.open(folder / f"label-{i}.png").convert("L") for i in range(zpl.count("^XA"))]


@pytest.mark.parametrize("layout_name", ["zebra-2x1-203", "zebra-2x1-300"])
def test_the_printer_draws_codes_that_scan_as_the_containers_barcode(layout_name: str, tmp_path: Path) -> None:
    layout = get_layout(layout_name)
    zpl = render_labels_zpl(layout, LABELS)
    assert "^BQN," in zpl and "^BCN," in zpl and "^GF" not in zpl  # the printer's commands, no bitmaps
    images = _render(zpl, layout_name, tmp_path)
    assert len(images) == len(LABELS)
    for image, label in zip(images, LABELS, strict=True):
        found = {r.format: r for r in zxingcpp.read_barcodes(image)}
        assert set(found) == {zxingcpp.BarcodeFormat.QRCode, zxingcpp.BarcodeFormat.Code128}, label
        qr, bars = found[zxingcpp.BarcodeFormat.QRCode], found[zxingcpp.BarcodeFormat.Code128]
        assert qr.text == bars.text == label.barcode
        plan = plan_label(layout, label, printer_encodes=True)
        # the planned room holds what the printer drew: the QR as wide as planned, above the
        # bars, and the Code 128 within the width budgeted for any encoding, quiet zones kept
        qr_left, qr_right = qr.position.top_left.x, qr.position.top_right.x
        assert abs(qr_left - plan.qr_x) <= plan.qr_module  # a Zebra offsets ^BQ by a few dots
        assert abs(qr_right - qr_left - plan.matrix.size * plan.qr_module) <= 2
        assert qr.position.bottom_left.y < plan.bars_y
        left, right = bars.position.top_left.x, bars.position.top_right.x
        assert left >= plan.bars_x - 1
        assert right - left <= code128_worst_modules(label.barcode) * plan.bar_module + 1
        assert left - CODE128_QUIET * plan.bar_module >= 0
        assert right + CODE128_QUIET * plan.bar_module <= image.width
