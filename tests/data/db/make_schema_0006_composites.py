"""How schema-0006-composites.sqlite was made (kept for the record; the file is committed).

It holds field composites (kind field_composite, withdrawn in issue 12) as the
landed FieldApp wrote them at schema step 0006_replica_receipts: M02 across
three boreholes with two jars packed in a cooler, M03 over two intervals of one
borehole without jars, and a plain field sample M01 with a jar. Schema step
0011_analysis_samples (0007 on its branch) converts the composites. It was written by the code of
main at 236a844 (before issue 12), run from that checkout:
cd /work/main && PYTHONPATH=. python /path/to/tests/data/db/make_schema_0006_composites.py OUT
"""

from __future__ import annotations

import sys
from pathlib import Path

from fieldapp.codelists import CodeLists
from fieldapp.domain import borehole, container, layer, project, sample, shipment
from fieldapp.domain.sample import Part
from fieldapp.session import Session
from fieldapp.settings import Settings
from fieldapp.store import Store


def main(out: Path) -> None:
    out.unlink(missing_ok=True)
    store = Store.open(out, actor="A. Bakker", upto="0006_replica_receipts")
    s = Session(store=store, settings=Settings(user="A. Bakker"), lists=CodeLists.load())
    proj = project.create(s, code="P-LANDED", name="Landed composites")
    holes = []
    for n in (1, 2, 3):
        hole = borehole.create(s, proj.id, code=f"B0{n}")
        layer.add(s, hole.id, upper="0", lower="0.5", soil="Zs1h2")
        layer.add(s, hole.id, upper="0.5", lower="1.5", soil="Kz1")
        holes.append(hole)
    single = sample.create(s, proj.id, code="M01", kind="field_sample", matrix="BS",
                           parts=[Part(holes[0].id, "0.5", "1.0")], analyses=["PAK"])
    container.add(s, single.id, container_type="Pot", barcode="FA-LANDED-01")
    comp = sample.create(s, proj.id, code="M02", kind="field_composite", matrix="BS",
                         parts=[Part(h.id, "0", "0.5") for h in holes],
                         analyses=["NEN 5740 standaardpakket grond", "PFAS"], remarks="bovengrond")
    jars = [container.add(s, comp.id, container_type="Pot", barcode=f"FA-LANDED-0{n}") for n in (2, 3)]
    sample.create(s, proj.id, code="M03", kind="field_composite", matrix="BS",
                  parts=[Part(holes[1].id, "0.5", "1.0"), Part(holes[1].id, "1.0", "1.5")])
    shipment.create(s, proj.id, code="COC-1", lab="Eurofins", container_ids=[j.id for j in jars])
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.conn.execute("VACUUM")
    store.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]))
