"""The workbench's parts built once, just after the window is first shown: the overview, the forms
(Position, Layers, Samples, Well) and the sync panel.

A mixin of :class:`ui.main_window.MainWindow` (kept apart to keep the window's module short). Each
form is loaded with the selected borehole when its tab is shown or it is asked for (ui/form_loads.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from ui.i18n import tr

if TYPE_CHECKING:
    from ui.borehole_form import BoreholeForm
    from ui.layer_form import LayerForm
    from ui.main_window import MainWindow
    from ui.overview import Overview
    from ui.sample_form import SampleForm
    from ui.sync_status import SyncPanel
    from ui.well_tab import WellTab

#: per workbench tab, the form's buttons kept in view under it ("" is a stretch), by attribute name
FORM_BUTTONS: dict[int, tuple[str, ...]] = {1: ("status_label", "close_button", "save_button"),
                                             2: ("new_button", "delete_button", "", "save_button")}


class WorkbenchParts:
    # the workbench forms, built once --------------------------------------------
    # each loaded with the selected borehole when its tab is shown or it is asked for (ui/form_loads.py)
    @property
    def borehole_form(self: MainWindow) -> BoreholeForm:
        return self._loads.done(self._ensure_forms().borehole)

    @property
    def layer_form(self: MainWindow) -> LayerForm:
        return self._loads.done(self._ensure_forms().layer)

    @property
    def sample_form(self: MainWindow) -> SampleForm:
        return self._loads.done(self._ensure_forms().sample)

    @property
    def well_tab(self: MainWindow) -> WellTab:
        return self._loads.done(self._ensure_forms().well)

    @property
    def forms_built(self: MainWindow) -> bool:
        return self._forms is not None

    def _ensure_forms(self: MainWindow) -> _Forms:
        if self._forms is not None:
            return self._forms
        from fieldapp.positions.rdnap import RdNap
        from ui.borehole_form import BoreholeForm
        from ui.layer_form import LayerForm
        from ui.sample_form import SampleForm
        from ui.well_tab import WellTab

        # Ctrl+Z from the forms' fields (an application event filter): with the forms, not before the
        # first paint, as PySide6 wraps every event of the window for it (the first costs ~30 ms)
        self._install_undo_keys()
        s = self.session
        forms = _Forms(BoreholeForm(s, self.bridge, RdNap(), self.undo, self.lang),
                       LayerForm(s, self.undo, self.words, self.lang),
                       SampleForm(s, self.undo, self.words, self.lang), WellTab(s, self.lang, self.undo))
        self._forms = forms
        current = self.tabs.currentIndex()
        for index, (form, title) in enumerate(((forms.borehole, tr("Position")), (forms.layer, tr("Layers")),
                                              (forms.sample, tr("Samples"))), start=1):
            placeholder = self.tabs.widget(index)
            self.tabs.removeTab(index)
            # the form scrolls when the window is short, its buttons stay in view (ui/screen.py)
            footer = [getattr(form, name, None) if name else None for name in FORM_BUTTONS.get(index, ())
                      if not name or isinstance(getattr(form, name, None), QWidget)]
            self.tabs.insert_form(index, form, title, footer)
            placeholder.deleteLater()
        self.tabs.insert_form(self.tabs.count(), forms.well, tr("Well"), forms.well.footer())  # a peilbuis: its well
        self.tabs.setCurrentIndex(current)
        forms.borehole.saved.connect(self._borehole_saved)
        forms.borehole.close_requested.connect(self.close_borehole)
        forms.layer.saved.connect(lambda _x: self._reload_current_borehole())
        forms.sample.saved.connect(lambda _x: self._reload_current_borehole())
        if not self.loading:
            proj = self._shown_project
            self._loads.load(forms.borehole, lambda: forms.borehole.load(proj, None))
            self._load_forms(self.current_borehole())
        return forms

    @property
    def overview(self: MainWindow) -> Overview:
        """The borehole overview, the first tab (ui/overview.py), built once."""
        if self._overview is None:
            from ui.overview import Overview

            overview = self._overview = Overview(self.session, self.words)
            # a photo added now keeps the receiver's last fix, whatever its age (its time is in the row)
            overview.photos.fix_source = lambda: None if (last := self.bridge.last_fix()) is None else last[0]
            current = self.tabs.currentIndex()
            placeholder = self.tabs.widget(0)
            # swapping the current tab would show another one for a moment: nobody needs to hear of it
            blocked = self.tabs.blockSignals(True)
            try:
                self.tabs.removeTab(0)
                self.tabs.insertTab(0, overview, tr("Overview"))
                self.tabs.setCurrentIndex(current)
            finally:
                self.tabs.blockSignals(blocked)
            placeholder.deleteLater()
            if not self.loading:
                overview.show_borehole(self.current_borehole())
        return self._overview

    @property
    def sync(self: MainWindow) -> SyncPanel:
        """The sync controls in the status bar (ui/sync_status.py), built once."""
        if self._sync is None:
            from ui.sync_status import SyncPanel

            self._sync = SyncPanel(self.session, self.tasks, self)
            self.status.add_sync(self._sync)
            self._sync.synced.connect(lambda pulled: self.refresh() if pulled else None)
        return self._sync


@dataclass(frozen=True)
class _Forms:
    borehole: BoreholeForm
    layer: LayerForm
    sample: SampleForm
    well: WellTab
