"""How schema-v1.sqlite was made (kept for the record; the file is committed).

It holds a small project written by FieldApp when its schema was at step
0001_initial, before shipments held containers (0002_shipment_items).
Run from the repository root: python tests/data/db/make_schema_v1.py
"""

from __future__ import annotations

from pathlib import Path

from fieldapp.codelists import CodeLists
from fieldapp.domain import borehole, container, custody, layer, project, sample
from fieldapp.domain.sample import Part
from fieldapp.session import Session
from fieldapp.settings import Settings
from fieldapp.store import Store

OUT = Path(__file__).with_name("schema-v1.sqlite")


def main() -> None:
    OUT.unlink(missing_ok=True)
    store = Store.open(OUT, actor="A. Bakker", upto="0001_initial")
    session = Session(store=store, settings=Settings(user="A. Bakker"), lists=CodeLists.load())
    proj = project.create(session, code="2025-0007", name="Spoorzone Amersfoort", client="ProRail",
                          standard="NEN 5740", lab="Eurofins Analytico")
    for n in range(1, 4):
        hole = borehole.create(session, proj.id, code=f"B0{n}", planned_x_rd=155000.0 + n * 20,
                               planned_y_rd=463000.0, apparatus="Edelmanboor", diameter_mm=70)
        layer.add(session, hole.id, upper="0", lower="0.5", soil="Zs1h2", colour="bruin")
        layer.add(session, hole.id, upper="0.5", lower="1.2", soil="Zs2", colour="grijs")
        layer.add(session, hole.id, upper="1.2", lower="2.0", soil="Kz1", colour="grijs")
        borehole.set_final_depth(session, hole.id, "2.0", "einddoel")
        smp = sample.create(session, proj.id, code=f"M0{n}", kind="field_sample", matrix="BS",
                            parts=[Part(hole.id, "0", "0.5")], analyses=["NEN 5740 standaardpakket grond"])
        jar = container.add(session, smp.id, container_type="Pot", material="G", volume_ml=250,
                            barcode=f"FA-V1-000{n}")
        custody.record(session, "label_printed", container_id=jar.id)
    store.close()


if __name__ == "__main__":
    main()
