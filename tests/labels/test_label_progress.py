"""Rendering many labels or a long COC reports progress and can be cancelled, returning nothing
(issue 16, item 9: 17,688 labels took 28 s behind "Preparing the pages..." with no way out)."""

from __future__ import annotations

import pytest

from fieldapp.errors import LabelError
from fieldapp.labels.data import LabelData
from fieldapp.labels.layouts import get_layout
from fieldapp.labels.pdf import STEP, render_labels_pdf


def labels(n: int) -> list[LabelData]:
    return [LabelData(barcode=f"FA-{i:06d}", sample_code=f"M{i}", project_code="2026-0142", borehole_code="B01",
                      depth="0.00-0.50 m", sampled="2026-12-06", container_type="glas 250 ml") for i in range(n)]


def test_progress_counts_up_to_the_end() -> None:
    steps: list[tuple[int, int]] = []
    pdf = render_labels_pdf(get_layout("avery-l7651"), labels(3 * STEP), progress=lambda d, t: steps.append((d, t)))
    assert pdf.startswith(b"%PDF")
    total = 6 * STEP
    assert {t for _d, t in steps} == {total}
    assert [d for d, _t in steps] == sorted(d for d, _t in steps) and steps[-1] == (total, total)
    assert len(steps) >= 6


def test_a_cancel_stops_the_render_with_nothing_returned() -> None:
    asked = [0]

    def cancelled() -> bool:
        asked[0] += 1
        return asked[0] > 2  # the sampler pressed Cancel while the labels were being drawn

    with pytest.raises(LabelError, match="cancelled; nothing was printed or saved"):
        render_labels_pdf(get_layout("brother-62x29"), labels(3 * STEP), cancelled=cancelled)
    assert asked[0] == 3
