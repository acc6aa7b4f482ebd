"""The NEN 5707 inspection dialog is Dutch in the Dutch GUI, its refusals included (issue 15): the core's
rules carry their own Dutch (and their English now names the kind in English), the core's other
messages go through tr(). Before, "The length of 0.0 m is not a measure." and "Inspection 'IG01'
already exists in this project." stood in English in the Dutch dialog."""

from __future__ import annotations

from collections.abc import Callable

from every_window import look
from pytestqt.qtbot import QtBot
from test_translation import _texts, untranslated

from fieldapp.codelists import CodeLists
from fieldapp.domain import borehole, inspection_pit, layer, project
from fieldapp.session import Session
from ui.inspection_pit_dialog import InspectionPitDialog

Step = Callable[[InspectionPitDialog], None]


def _measure(d: InspectionPitDialog) -> None:
    d.length_edit.setText("0")


def _too_small(d: InspectionPitDialog) -> None:
    d.length_edit.setText("0,2")


def _weighed_only(d: InspectionPitDialog) -> None:
    d.weight_edit.setText("12")


def _bad_layer(d: InspectionPitDialog) -> None:
    d.set_layer(0, "0", "0,5", "12", "31,5")  # 12 mm is no NEN 5707 sieve


def _taken(d: InspectionPitDialog) -> None:
    d.code_edit.setText("IG01")  # recorded already (below)


STEPS: list[tuple[str, Step, str]] = [
    ("length", _measure, "De lengte van 0.0 m is geen maat."),
    ("width", _too_small, "Inspectiegat IG02 is 0,2 x 0,3 m; elke zijde is ten minste 0,3 m."),
    ("suspect material", _weighed_only, "Er is verdacht materiaal gewogen maar niet omschreven."),
    ("fractions", _bad_layer, "geen NEN 5707-zeef"),
    ("code", _taken, "Inspectie 'IG01' bestaat al in dit project."),
]


def _shown(qtbot: QtBot, session: Session, lang: str, step: Step) -> tuple[list[tuple[str, str]], str]:
    proj = project.by_code(session.store, "P1")
    hole = borehole.of_project(session.store, proj.id)[0]
    with look("normal", lang):
        dialog = InspectionPitDialog(session, proj, hole)
        qtbot.addWidget(dialog)
        dialog.show()
        step(dialog)
        assert not dialog.save()
        texts = _texts(dialog)
        said = " ".join(t for _k, t in texts)
        dialog.close()
    return texts, said


def test_every_text_of_the_dialog_and_its_refusals_is_dutch(qtbot: QtBot, session: Session,
                                                           lists: CodeLists) -> None:
    proj = project.create(session, code="P1", name="Asbest")
    hole = borehole.create(session, proj.id, code="B01")
    layer.add(session, hole.id, upper="0", lower="1", soil="Zs1")
    inspection_pit.create(session, proj.id, code="IG01", kind="inspectiegat", length_m=0.3, width_m=0.3,
                          depth_m=0.5, borehole_id=hole.id)
    for field, step, dutch in STEPS:
        en, said_en = _shown(qtbot, session, "en", step)
        nl, said_nl = _shown(qtbot, session, "nl", step)
        assert dutch in said_nl, (field, said_nl)
        assert untranslated(en, nl, lists) == [], field
        assert "Inspectiegat" not in said_en and "bestaat" not in said_en, said_en  # English stays English
    assert len(inspection_pit.of_project(session.store.conn, proj.id)) == 1  # nothing refused was written


def test_the_english_rule_message_names_the_kind_in_english(session: Session) -> None:
    import pytest

    from fieldapp.rules import RuleError

    proj = project.create(session, code="P1", name="Asbest")
    with pytest.raises(RuleError) as refused:
        inspection_pit.create(session, proj.id, code="SL01", kind="sleuf", length_m=0.2, width_m=2, depth_m=1)
    assert refused.value.message_in("en").startswith("Trench SL01 is 0.2 x 2.0 m")
    assert refused.value.message_in("nl").startswith("Sleuf SL01 is 0,2 x 2,0 m")
