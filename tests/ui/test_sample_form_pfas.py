"""The sample form says, before the scan, what the core's PFAS allow-list would refuse (issue 15):
the container type and material per matrix from resources/rules/pfas.json, in the language shown.
It used to warn only about a material the code list marks as containing PFAS (PTFE), and said
nothing about a glass groundwater bottle, which the core refuses."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from fieldapp.domain import borehole, layer, pfas, project
from fieldapp.rules import RuleError
from fieldapp.session import Session
from ui.i18n import install
from ui.main_window import MainWindow


def _core_says(matrix: str, kind: str, material: str, lang: str) -> str:
    with pytest.raises(RuleError) as refused:
        pfas.check_container(matrix, kind, material, ["PFAS"])
    return f"{refused.value.message_in(lang)} {refused.value.hint_in(lang)}"  # type: ignore[arg-type]


def test_the_form_warns_of_what_the_core_refuses_in_dutch_and_english(qtbot: QtBot, session: Session) -> None:
    p = project.create(session, code="P1", name="Site")
    layer.add(session, borehole.create(session, p.id, code="B01").id, upper="0", lower="1", soil="Zs1")
    w = MainWindow(session)
    qtbot.addWidget(w)
    w.select_project(0)
    w.select_borehole(0)
    sf = w.sample_form
    label = sf.pfas_label

    def choose(matrix: str, kind: str, material: str) -> None:
        sf.matrix_combo.setCurrentIndex(sf.matrix_combo.findData(matrix))
        sf.type_combo.setCurrentIndex(sf.type_combo.findData(kind))
        sf.material_combo.setCurrentIndex(sf.material_combo.findData(material))

    sf.analyses_edit.setText("PFAS")
    choose("GW", "Fles", "G")  # glass: PFAS stick to it; the old warning was silent
    assert label.isVisibleTo(sf) and label.text() == _core_says("GW", "Fles", "G", "en")
    assert "glass" in label.text()
    choose("GW", "Fles", "HDPE")
    assert not label.isVisibleTo(sf)
    choose("BS", "Fles", "HDPE")  # a bottle is not on the soil list, whatever its material
    assert label.isVisibleTo(sf) and label.text() == _core_says("BS", "Fles", "HDPE", "en")
    choose("BS", "Pot", "PTFE")
    assert label.text() == _core_says("BS", "Pot", "PTFE", "en")
    app = QApplication.instance()
    assert app is not None
    install(app, "nl")
    try:
        choose("GW", "Fles", "G")
        assert label.text() == _core_says("GW", "Fles", "G", "nl") and "glas" in label.text()
    finally:
        install(app, "en")
    sf.analyses_edit.setText("NEN 5740 standaardpakket grond")  # not a PFAS sample: any container
    assert not label.isVisibleTo(sf)

