"""One natural order: an export lists boreholes and samples in the order of the borehole list in the
window (the SQL key behind its index), also for codes where the export's own key used to differ
("1A" before "A1") or could not be computed ("B1²")."""

from __future__ import annotations

from pathlib import Path

from fieldapp.domain import borehole, borehole_page, layer, project, sample
from fieldapp.domain.sample import Part
from fieldapp.export import data
from fieldapp.session import Session
from fieldapp.store.natural import FUNCTION

# typed codes (human_code) and, written into the file directly, what an older or imported file may hold
TYPED = ["1A", "A1", "a2", "A10", "B01", "B1", "b1", "10", "010", "B2", "B10", "A", "HB-2-10", "HB-2-9"]
UNTYPED = ["", "Ø3", "ø10", "B1²", "B٣", "B5"]


def test_the_export_orders_boreholes_and_samples_as_the_borehole_list(tmp_path: Path) -> None:
    with Session.open(tmp_path / "field.sqlite") as s:
        p = project.create(s, code="P", name="natural order")
        holes = {code: borehole.create(s, p.id, code=code) for code in TYPED + [f"X{n}" for n in range(len(UNTYPED))]}
        for code, hole in holes.items():
            layer.add(s, hole.id, upper="0", lower="0.5", soil="Zs1", colour="grijs", smell="geen", oil_water="geen")
            sample.create(s, p.id, code=code, kind="field_sample", matrix="BS", parts=[Part(hole.id, "0", "0.5")])
        for n, code in enumerate(UNTYPED):  # the SQL key is computed by the index as the row is written
            s.store.conn.execute("UPDATE borehole SET code = ? WHERE code = ?", (code, f"X{n}"))
            s.store.conn.execute("UPDATE sample SET code = ? WHERE code = ?", (code, f"X{n}"))
        s.store.conn.commit()

        window = [b.code for b in borehole_page.page(s.store, p.id, None, 0, 100)]
        by_sql = [r[0] for r in s.store.conn.execute(
            f"SELECT code FROM sample WHERE project_id = ? ORDER BY {FUNCTION}(code)", (p.id,))]
        got = data.load(s, "P", tables=False)

    assert sorted(window) == sorted(TYPED + UNTYPED)
    assert window.index("A1") < window.index("1A")  # letters before digits, as the list has always shown
    assert window[:4] == ["", "A", "A1", "a2"]
    assert [b["code"] for b in got.boreholes] == window
    assert [m["code"] for m in got.samples] == by_sql == window
