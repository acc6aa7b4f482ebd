"""The borehole overview: a summary line, its layers, its samples and a sample's containers, its photos."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from fieldapp.domain import container as container_mod
from fieldapp.domain import layer as layer_mod
from fieldapp.domain import sample as sample_mod
from fieldapp.domain.borehole import Borehole
from fieldapp.domain.container import Container
from fieldapp.domain.layer import Layer
from fieldapp.domain.sample import Sample
from fieldapp.session import Session
from ui.i18n import decimal, in_metres, tr
from ui.models import (
    ALIGN_RIGHT,
    DASH,
    Column,
    RecordTableModel,
    SampleRow,
    Words,
    analyses,
    current_record,
    fit,
    metres,
    panel,
    select_row,
    table,
    title_label,
)
from ui.photo_strip import PhotoStrip


class Overview(QWidget):
    def __init__(self, session: Session, words: Words, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        w = words
        self.layers_model: RecordTableModel[Layer] = RecordTableModel([
            Column(tr("From (m)"), lambda x: in_metres(x.upper_cm), ALIGN_RIGHT),
            Column(tr("To (m)"), lambda x: in_metres(x.lower_cm), ALIGN_RIGHT),
            Column(tr("Soil (NEN 5104)"), lambda x: w.soil(x.soil_code)),
            Column(tr("Colour"), lambda x: w.label("colour", x.colour)),
            Column(tr("Admixtures"), w.admixtures),
        ], self)
        self.samples_model: RecordTableModel[SampleRow] = RecordTableModel([
            Column(tr("Sample"), lambda s: s.sample.code),
            Column(tr("Depth (m)"), lambda s: s.intervals, ALIGN_RIGHT),
            Column(tr("Containers"), lambda s: str(s.containers), ALIGN_RIGHT),
            Column(tr("Analyses"), lambda s: "; ".join(analyses(s.sample)),
                   tooltip=lambda s: "\n".join(analyses(s.sample))),
        ], self)
        self.containers_model: RecordTableModel[Container] = RecordTableModel([
            Column(tr("Barcode"), lambda c: c.barcode),
            Column(tr("Type"), lambda c: w.label("container_type", c.container_type)),
            Column(tr("Material"), lambda c: w.label("container_material", c.material)),
            Column(tr("Volume"), lambda c: DASH if c.volume_ml is None else f"{c.volume_ml} ml", ALIGN_RIGHT),
        ], self)
        self.layer_view = table(self.layers_model)
        self.sample_view = table(self.samples_model)
        self.container_view = table(self.containers_model)
        self.borehole_summary = QLabel()
        self.borehole_summary.setWordWrap(True)
        self.layers_title = title_label(tr("Layers"))
        self.samples_title = title_label(tr("Samples"))
        self.containers_title = title_label(tr("Containers"))
        lower = QSplitter(Qt.Orientation.Horizontal)
        lower.addWidget(panel(self.samples_title, self.sample_view))
        lower.addWidget(panel(self.containers_title, self.container_view))
        lower.setChildrenCollapsible(False)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(panel(self.layers_title, self.borehole_summary, self.layer_view))
        split.addWidget(lower)
        # the borehole's and the site's photos (ui/photo_strip.py)
        self.photos = PhotoStrip(session)
        split.addWidget(self.photos)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setStretchFactor(2, 0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)
        self.sample_view.selectionModel().currentRowChanged.connect(self._sample_changed)
        self.show_borehole(None)

    def show_borehole(self, bh: Borehole | None) -> None:
        store = self.session.store
        if bh is None:
            self.layers_model.set_records([])
            self.samples_model.set_records([])
            self.layers_title.setText(tr("Layers"))
            self.samples_title.setText(tr("Samples"))
            self.borehole_summary.setText(tr("Select a borehole to see its layers and samples."))
        else:
            layers = layer_mod.of_borehole(store, bh.id)
            self.layers_model.set_records(layers)
            self.samples_model.set_records([self._sample_row(s, bh.id)
                                            for s in sample_mod.of_borehole(store, bh.id)])
            self.layers_title.setText(tr("Layers of {c} ({n})").format(c=bh.code, n=len(layers)))
            self.samples_title.setText(tr("Samples from {c} ({n})").format(
                c=bh.code, n=self.samples_model.rowCount()))
            self.borehole_summary.setText(self._borehole_text(bh))
        fit(self.layer_view)
        fit(self.sample_view)
        self.show_sample(None)
        self.photos.show_borehole(bh)

    def _sample_row(self, s: Sample, borehole_id: str) -> SampleRow:
        store = self.session.store
        parts = [p for p in sample_mod.parts_of(store, s.id) if p.borehole_id == borehole_id]
        intervals = ", ".join(f"{in_metres(p.upper_cm)}–{in_metres(p.lower_cm)}" for p in parts)
        return SampleRow(s, intervals, len(container_mod.of_sample(store, s.id)))

    def _borehole_text(self, bh: Borehole) -> str:
        bits = [f"<b>{bh.code}</b>"]
        if bh.measured and bh.lat is not None and bh.lon is not None:
            fix = f" ({bh.fix_type.upper()})" if bh.fix_type else ""
            bits.append(tr("measured {lat} N, {lon} E").format(lat=decimal(bh.lat, 6), lon=decimal(bh.lon, 6)) + fix)
        else:
            bits.append(tr("position not yet measured"))
        bits.append(tr("final depth {d} m").format(d=metres(bh.final_depth_cm)))
        bits.append(tr("groundwater {d} m").format(d=metres(bh.groundwater_cm)) if bh.groundwater_cm is not None
                    else tr("no groundwater recorded"))
        if bh.apparatus:
            bits.append(bh.apparatus)
        if bh.started_at:
            bits.append(bh.started_at.replace("T", " ")[:16])
        if bh.sampler:
            bits.append(bh.sampler)
        return " · ".join(bits)

    def current_sample(self) -> Sample | None:
        row = current_record(self.sample_view, self.samples_model)
        return None if row is None else row.sample

    def select_sample(self, row: int) -> None:
        select_row(self.sample_view, row)

    def _sample_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.samples_model.record(current.row()) if current.isValid() else None
        self.show_sample(None if row is None else row.sample)

    def show_sample(self, s: Sample | None) -> None:
        containers = [] if s is None else container_mod.of_sample(self.session.store, s.id)
        self.containers_model.set_records(containers)
        self.containers_title.setText(tr("Containers") if s is None
                                      else tr("Containers of {c} ({n})").format(c=s.code, n=len(containers)))
        fit(self.container_view)
