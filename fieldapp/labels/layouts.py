"""Label layouts, loaded as data from ``resources/labels/*.json``.

A layout names the label size, the printer resolution whose dot grid every
bar must fall on, the inset the printer cannot reach (or that absorbs
die-cut and sheet-feed registration), and for sheets the grid of labels on
the page. Where things go on the label is computed by the renderers from
these few numbers, so a new label size is a new JSON file, not new code.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fieldapp.errors import LabelError, NotFoundError
from fieldapp.labels.data import LabelData
from fieldapp.runtime import resource_path

MM = 72.0 / 25.4  # PDF points per millimetre


def default_layout_dir() -> Path:
    return resource_path("labels")


@dataclass(frozen=True, slots=True)
class Sheet:
    """A page carrying a grid of labels (e.g. Avery L7651)."""

    page_w_mm: float
    page_h_mm: float
    columns: int
    rows: int
    left_mm: float  # page edge to the left edge of the first column
    top_mm: float  # page edge to the top edge of the first row
    pitch_x_mm: float
    pitch_y_mm: float

    @property
    def per_page(self) -> int:
        return self.columns * self.rows


@dataclass(frozen=True, slots=True)
class Layout:
    name: str
    title: str
    dpi: int
    label_w_mm: float
    label_h_mm: float
    inset_mm: tuple[float, float, float, float]  # left, top, right, bottom
    font_pt: float
    code128_height_mm: float
    gap_mm: float
    zpl: bool
    sheet: Sheet | None = None
    # Each line names LabelData fields joined with a middle dot; empty means the default.
    lines: tuple[tuple[str, ...], ...] = ()

    @property
    def dot_pt(self) -> float:
        """One printer dot in PDF points."""
        return 72.0 / self.dpi

    @property
    def page_size_pt(self) -> tuple[float, float]:
        if self.sheet is not None:
            return (self.sheet.page_w_mm * MM, self.sheet.page_h_mm * MM)
        return (self.label_w_mm * MM, self.label_h_mm * MM)

    def slots(self, count: int, start: int = 1) -> Iterator[tuple[int, float, float]]:
        """(page index, left mm, top mm) of each of ``count`` labels.

        ``start`` is the 1-based position on the first sheet, counted along
        rows, so a part-used sheet can be fed again; roll layouts ignore it.
        """
        if self.sheet is None:
            for i in range(count):
                yield (i, 0.0, 0.0)
            return
        sh = self.sheet
        if not 1 <= start <= sh.per_page:
            raise LabelError(
                "start",
                f"Start position {start} is not on a {self.name} sheet.",
                hint=f"Choose a position from 1 to {sh.per_page}.",
            )
        for i in range(count):
            pos = start - 1 + i
            page, cell = divmod(pos, sh.per_page)
            row, col = divmod(cell, sh.columns)
            yield (page, sh.left_mm + col * sh.pitch_x_mm, sh.top_mm + row * sh.pitch_y_mm)


def _pair(raw: Any, what: str) -> tuple[float, float]:
    if not (isinstance(raw, list) and len(raw) == 2):
        raise ValueError(f"{what} must be [width, height]")
    return (float(raw[0]), float(raw[1]))


def _parse(raw: dict[str, Any]) -> Layout:
    w, h = _pair(raw["label_mm"], "label_mm")
    inset = tuple(float(v) for v in raw["inset_mm"])
    if len(inset) != 4:
        raise ValueError("inset_mm must be [left, top, right, bottom]")
    sheet = None
    if raw.get("sheet") is not None:
        s = raw["sheet"]
        pw, ph = _pair(s["page_mm"], "sheet.page_mm")
        px, py = _pair(s["pitch_mm"], "sheet.pitch_mm")
        sheet = Sheet(pw, ph, int(s["columns"]), int(s["rows"]), float(s["left_mm"]),
                      float(s["top_mm"]), px, py)
        if sheet.left_mm + (sheet.columns - 1) * px + w > pw + 0.01 or (
            sheet.top_mm + (sheet.rows - 1) * py + h > ph + 0.01
        ):
            raise ValueError("the label grid runs off the page")
    return Layout(
        name=str(raw["name"]),
        title=str(raw["title"]),
        dpi=int(raw["dpi"]),
        label_w_mm=w,
        label_h_mm=h,
        inset_mm=(inset[0], inset[1], inset[2], inset[3]),
        font_pt=float(raw["font_pt"]),
        code128_height_mm=float(raw["code128_height_mm"]),
        gap_mm=float(raw["gap_mm"]),
        zpl=bool(raw.get("zpl", False)),
        sheet=sheet,
        lines=_lines(raw.get("lines", [])),
    )


def _lines(raw: Any) -> tuple[tuple[str, ...], ...]:
    known = set(LabelData.__dataclass_fields__)
    lines = tuple(tuple(str(name) for name in line) for line in raw)
    unknown = {name for line in lines for name in line} - known
    if unknown:
        raise ValueError(f"lines name unknown fields {sorted(unknown)}")
    return lines


def load_layouts(directory: Path | None = None) -> dict[str, Layout]:
    """Every layout in ``directory`` (default: the shipped ones), by name."""
    folder = directory or default_layout_dir()
    layouts: dict[str, Layout] = {}
    for path in sorted(folder.glob("*.json")):
        try:
            layout = _parse(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise LabelError("layout", f"Label layout {path.name} is broken: {exc}.") from exc
        layouts[layout.name] = layout
    return layouts


def get_layout(name: str, directory: Path | None = None) -> Layout:
    layouts = load_layouts(directory)
    try:
        return layouts[name]
    except KeyError:
        raise NotFoundError(
            f"There is no label layout {name!r}.",
            hint="Known layouts: " + ", ".join(sorted(layouts)) + ".",
        ) from None
