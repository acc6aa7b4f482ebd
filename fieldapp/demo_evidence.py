"""The demo project's Kwalibo evidence: field days with their weather, the PFAS checklists signed,
the asbestos judgements with an inspection pit, and a few photos (fieldapp.demo writes the rest)."""

from __future__ import annotations

import random
import tempfile
from datetime import datetime

from fieldapp.domain import asbestos, field_day, inspection_pit, pfas
from fieldapp.domain.borehole import natural_key
from fieldapp.domain.common import dutch_day, loads_list
from fieldapp.session import Session

_WEATHER = ("droog, bewolkt, 9 °C", "lichte regen, 7 °C", "zonnig, 12 °C", "droog, harde wind (ZW 6), 8 °C")


def field_days(session: Session, project_id: str, people: list[str], seed: int) -> None:
    """A field day for each day with work: the site, the weather, and the crew (both fieldworkers and
    the assistant; on the earlier visit of the kept-back jar, J. de Vries alone)."""
    # the demo's moments are UTC; a field day is the Dutch day they fall on (as the report and the log date them)
    conn = session.store.conn
    hole_days = {dutch_day(r[0]) for r in conn.execute(
        "SELECT DISTINCT started_at FROM borehole WHERE project_id = ? AND started_at IS NOT NULL", (project_id,))}
    days = hole_days | {dutch_day(r[0]) for r in conn.execute(
        "SELECT DISTINCT sampled_at FROM sample WHERE project_id = ? AND sampled_at IS NOT NULL", (project_id,))}
    rng = random.Random(f"{seed}/weather")
    for day in sorted(days):
        field_day.record(session, project_id, day, weather=rng.choice(_WEATHER),
                         staff_ids=people[:3] if day in hole_days else people[:1])


def sign_pfas_checklists(session: Session, project_id: str) -> None:
    """Both fieldworkers sign the PFAS equipment checklist on each day PFAS samples were taken."""
    judged: dict[str, bool] = {}  # a big demo has a handful of distinct analyses over 10,000s of samples
    days: set[str] = set()
    for analyses, stamp in session.store.conn.execute(
            "SELECT analyses, sampled_at FROM sample WHERE project_id = ? AND kind = 'field_sample'", (project_id,)):
        if analyses not in judged:
            judged[analyses] = pfas.is_pfas(loads_list(analyses))
        if judged[analyses] and (day := pfas.local_day(stamp)):
            days.add(day)
    everything = [item.id for item in pfas.load().checklist]
    for day in sorted(days):
        for who in ("J. de Vries", "A. Bakker"):
            pfas.sign(session, project_id, day=day, fieldworker=who, ticked=everything)


#: why a demo location with brick or rubble in its top layer is not asbestos-suspect (the projectleider's words)
_NOT_SUSPECT = ("Fijne bijmenging van baksteen- en betongranulaat zonder plaatmateriaal; het vooronderzoek noemt "
                "geen asbestverdachte bebouwing of verhardingen op deze plek.")


#: why the first location is asbestos-suspect whatever its layers show (the site's history)
_SUSPECT = "Voormalige gasfabriek: het vooronderzoek noemt asbestverdachte verhardingen bij de eerste boring."


def judge_asbestos(session: Session, project_id: str, day: datetime) -> None:
    """The first borehole's location is asbestos-suspect from the site's history and gets a NEN 5707 inspection
    pit (nothing found); the projectleider records in writing why the other locations with rubble are not."""
    conn = session.store.conn
    holes = sorted(conn.execute("SELECT id, code FROM borehole WHERE project_id = ?", (project_id,)),
                   key=lambda r: natural_key(r[1]))
    if not holes:
        return
    first = holes[0][0]
    found = asbestos.suspicions(conn, project_id=project_id)
    asbestos.judge_many(session, [(first, True, _SUSPECT)] + [
        (hole_id, False, _NOT_SUSPECT) for hole_id, _code in holes if hole_id in found and hole_id != first])
    inspection_pit.create(session, project_id, code="IG01", kind="inspectiegat", length_m=0.3, width_m=0.3,
                          depth_m=0.5, borehole_id=first, inspected_at=day.isoformat(),
                          fractions=[inspection_pit.Fraction(0, 50, 20, 27.6)],
                          remarks="Uitgegraven grond gezeefd over 20 mm; geen asbestverdacht materiaal.")


def photos(session: Session, project_id: str) -> None:
    """A photo of the site and of the first boreholes: drawn pictures with the camera's time in EXIF."""
    from pathlib import Path

    from PIL import Image, ImageDraw

    from fieldapp.domain import photo

    holes = session.store.query("SELECT id, code, started_at FROM borehole WHERE project_id = ? "
                                "ORDER BY code LIMIT 2", (project_id,))
    with tempfile.TemporaryDirectory() as tmp:
        for kind, object_id, label, at in [("site", None, "Croeselaan", holes[0]["started_at"] if holes else None)] + [
                ("borehole", h["id"], str(h["code"]), h["started_at"]) for h in holes]:
            image = Image.new("RGB", (320, 240), (110, 150, 90))
            draw = ImageDraw.Draw(image)
            for band, colour in enumerate(((140, 100, 60), (170, 140, 90), (120, 120, 110))):
                draw.rectangle((0, 120 + band * 40, 320, 160 + band * 40), fill=colour)
            draw.text((12, 12), label, fill=(255, 255, 255))
            exif = Image.Exif()
            if isinstance(at, str) and len(at) >= 19:
                exif.get_ifd(0x8769)[0x9003] = at[:19].replace("-", ":").replace("T", " ")
            path = Path(tmp) / f"{label}.jpg"
            image.save(path, "JPEG", quality=80, exif=exif)
            photo.add(session, project_id, path, object_kind=kind, object_id=object_id,
                      caption="terrein" if kind == "site" else f"boorgat {label}")
