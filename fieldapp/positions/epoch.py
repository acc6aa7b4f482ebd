"""Group parsed sentences into epochs by their time of day.

A receiver sends one burst of sentences per measurement (GGA, RMC, GSA, GST,
ZDA, GNS, from any talker); those with a time field name the epoch, and those
without one (GSA, PGRME) belong to the epoch they arrive in. An epoch ends
when a sentence with another time arrives, or when the caller says the
stream is over (or idle).

An epoch closed because the receiver went quiet is not always over: a busy
laptop or a Bluetooth link can pause inside a burst (RMC, then the GGA of the
same second 0.2 s later). A sentence of that same time (also after a GSA,
which has none) reopens it, and the epoch is given again, whole, marked as
amending the one given before; so one second is one fix, with its satellites
and every frame as evidence. A late sentence may also refuse a second that
looked complete, so the pipeline (fieldapp.positions.pipeline) hands an epoch
closed on quiet out only once it can no longer be reopened.

A pause is taken as the end of the burst only when the epoch already holds
every kind of sentence that can refuse it (GGA, GNS, RMC, GLL, GSA) this
receiver has sent in a finished epoch. Otherwise the epoch waits for the next
second's first sentence (or the end of the stream): an RMC alone, given as a
fix at the pause, could not be taken back when the GGA behind it says quality
0 or three satellites, and a position the receiver called not good enough
would stay in a borehole's average. The first epoch of a stream always waits.

An epoch whose GGA (or GNS) was malformed, or came without a satellite
count, carries a defect and is not a fix: RMC alone says nothing of the
satellites or the fix quality, and must not stand in for a GGA that said
something wrong. A malformed GGA whose time cannot be read may belong to the
epoch before or after it; both get the defect. (An epoch without any GGA, from
a receiver that sends GGA less often than RMC, is judged by RMC as before.)
"""

from __future__ import annotations

from datetime import date, time, timedelta

from fieldapp.positions.dates import Clock, DateKeeper
from fieldapp.positions.model import Epoch, FixType
from fieldapp.positions.sentences import (
    BadField,
    Gga,
    Gll,
    Gns,
    Gsa,
    Gst,
    Pgrme,
    Rmc,
    Sentence,
    Zda,
    parse_time,
)

_GGA_QUALITY = {
    0: FixType.NONE,
    1: FixType.GPS,
    2: FixType.DGPS,
    3: FixType.GPS,  # "PPS fix": a standard fix with a precise time pulse
    4: FixType.RTK_FIXED,
    5: FixType.RTK_FLOAT,
    6: FixType.DEAD_RECKONING,
    7: FixType.MANUAL,
    8: FixType.SIMULATOR,
    9: FixType.DGPS,  # some receivers report SBAS corrections as 9
}
# NMEA 2.3+ mode indicators of RMC, GLL and GNS.
_MODE = {
    "A": FixType.GPS,
    "P": FixType.GPS,
    "D": FixType.DGPS,
    "R": FixType.RTK_FIXED,
    "F": FixType.RTK_FLOAT,
    "E": FixType.DEAD_RECKONING,
    "M": FixType.MANUAL,
    "S": FixType.SIMULATOR,
    "N": FixType.NONE,
}
_RANK = [FixType.RTK_FIXED, FixType.RTK_FLOAT, FixType.DGPS, FixType.GPS,
         FixType.DEAD_RECKONING, FixType.MANUAL, FixType.NONE]  # fmt: skip
# the sentences whose word can make an epoch no fix (ZDA, GST and PGRME only date or weigh it)
_DECIDING: tuple[type, ...] = (Gga, Gns, Rmc, Gll, Gsa)


class EpochAssembler:
    """Feed typed sentences (with their raw frames); get finished epochs."""

    def __init__(self, reference_clock: Clock | None = None) -> None:
        self._dates = DateKeeper(reference_clock)
        self._tod: time | None = None
        self._parts: list[Sentence] = []
        self._raw: list[str] = []
        self._defects: list[str] = []
        self._carry: list[str] = []  # defects for the next epoch too
        # the epoch last closed on quiet, which a late sentence of its time reopens
        self._quiet: tuple[time, list[Sentence], list[str], list[str]] | None = None
        self._amends = False
        # the deciding sentence kinds of every epoch ended by the next second's sentence; None
        # until one has ended so
        self._kinds: frozenset[type] | None = None

    @property
    def open(self) -> bool:
        return bool(self._raw)

    @property
    def amendable(self) -> bool:
        """Could a late sentence still reopen the epoch last closed on quiet? (Until a sentence of
        another time comes, or the stream ends.)"""
        return self._quiet is not None

    @property
    def amending(self) -> bool:
        """Is the open epoch one closed on quiet and reopened by a late sentence of its time?"""
        return self._amends

    def add(self, frame: str, sentence: Sentence | None) -> Epoch | None:
        """Add one frame; return the previous epoch if this frame started a new one."""
        # ZDA is often stamped a few milliseconds after the epoch it closes
        # (Trimble), so it gives the date but never starts an epoch.
        tod = None if isinstance(sentence, Zda) else getattr(sentence, "tod", None)
        broken = _malformed_position_sentence(frame) if sentence is None else None
        if broken is not None:
            tod = _time_field(frame)
        done = None
        if tod is not None:
            if self._tod is None and self._quiet is not None and self._quiet[0] == tod:
                # a late sentence of the second closed on quiet, perhaps after a GSA (no time) that came
                # between: all of it belongs to that second
                _, parts, raw, defects = self._quiet
                self._parts, self._raw = parts + self._parts, raw + self._raw
                self._defects = defects + self._defects
                self._amends = True
            elif self._tod is not None and tod != self._tod:
                self._learn()
                done = self._finish()
            self._tod = tod
            self._quiet = None
        self._raw.append(frame)
        if sentence is not None:
            self._parts.append(sentence)
        if broken is not None:
            self._defects.append(f"malformed {broken}")
            if tod is None:
                self._carry.append(f"malformed {broken}")
        return done

    def close(self, *, quiet: bool = False) -> Epoch | None:
        """Finish the open epoch: at the end of the stream always; when the receiver went
        ``quiet``, only if no sentence that could still refuse it is missing (else None, and
        the epoch stays open)."""
        if quiet and not self._complete():
            return None
        tod, parts, raw, defects = self._tod, list(self._parts), list(self._raw), list(self._defects)
        epoch = self._finish()
        if epoch is not None and tod is not None:
            self._quiet = (tod, parts, raw, defects)
        return epoch

    def _complete(self) -> bool:
        if self._kinds is None:
            return False
        have = {type(s) for s in self._parts}
        return all(kind in have for kind in self._kinds)

    def _learn(self) -> None:
        kinds = {type(s) for s in self._parts if isinstance(s, _DECIDING)}
        self._kinds = frozenset(kinds) if self._kinds is None else self._kinds | kinds

    def _finish(self) -> Epoch | None:
        if not self._raw:
            return None
        if self._tod is None and not self._parts:
            self._raw.clear()
            self._defects, self._carry = self._carry, []
            return None
        epoch = self._build()
        self._tod = None
        self._parts = []
        self._raw = []
        self._defects, self._carry = self._carry, []
        self._amends = False
        return epoch

    def _build(self) -> Epoch:
        gga = gns = rmc = gll = gst = None
        zda_day: date | None = None
        pgrme: Pgrme | None = None
        gsas: list[Gsa] = []
        simulated = False
        for s in self._parts:
            if isinstance(s, Gga):
                gga = gga or s
            elif isinstance(s, Rmc):
                rmc = rmc or s
                simulated |= s.mode == "S"
            elif isinstance(s, Gns):
                if s.position is not None:
                    gns = gns or s
                simulated |= "S" in s.modes
            elif isinstance(s, Gll):
                gll = gll or s
            elif isinstance(s, Gsa):
                gsas.append(s)
            elif isinstance(s, Gst):
                gst = gst or s
            elif isinstance(s, Zda) and zda_day is None and s.day is not None:
                zda_day = s.day
                if s.tod is not None and self._tod is not None and _crossed(self._tod, s.tod):
                    zda_day -= timedelta(days=1)
            elif isinstance(s, Pgrme):
                pgrme = s
        day = zda_day or (rmc.day if rmc else None)
        utc, flag = self._dates.resolve(self._tod, day)
        pos = next(
            (p.position for p in (gga, gns, rmc, gll) if p is not None and p.position), None
        )
        heights = gga if gga is not None and gga.position else gns
        modes = [g.mode for g in gsas if g.mode is not None]
        dop = next((g for g in gsas if g.pdop is not None or g.hdop is not None), None)
        fix = _fix_type(gga, gns, rmc, gll)
        if simulated:
            fix = FixType.SIMULATOR
        hdops = (s.hdop for s in (gga, gns, dop) if s is not None)
        hdop = next((h for h in hdops if h is not None), None)
        sats = gga.sats if gga and gga.sats is not None else (gns.sats if gns else None)
        defects = list(dict.fromkeys(self._defects))
        if (gga is not None or gns is not None) and sats is None:
            defects.append("no satellite count")
        return Epoch(
            tod=self._tod,
            utc=utc,
            date_flag=flag,
            lat=pos.lat if pos else None,
            lon=pos.lon if pos else None,
            alt_msl=heights.alt_msl if heights else None,
            geoid_sep=heights.geoid_sep if heights else None,
            fix_type=fix,
            rmc_valid=rmc.valid if rmc else None,
            gsa_mode=max(modes) if modes else None,
            sats=sats,
            hdop=hdop,
            pdop=dop.pdop if dop else None,
            vdop=dop.vdop if dop else None,
            gst_sigma_lat=gst.sigma_lat if gst else None,
            gst_sigma_lon=gst.sigma_lon if gst else None,
            gst_sigma_alt=gst.sigma_alt if gst else None,
            pgrme_hpe=pgrme.hpe if pgrme else None,
            raw=tuple(self._raw),
            defects=tuple(defects),
            amends=self._amends,
            clock_dated=self._dates.clock_dated,
        )


def _fix_type(gga: Gga | None, gns: Gns | None, rmc: Rmc | None, gll: Gll | None) -> FixType:
    # GGA states the quality outright; the mode letters of the others are the fallback.
    if gga is not None and gga.quality is not None:
        return _GGA_QUALITY.get(gga.quality, FixType.NONE)
    if gns is not None and gns.modes:
        found = {_MODE.get(c, FixType.NONE) for c in gns.modes}
        return next(t for t in _RANK if t in found or t is FixType.NONE)
    for s in (rmc, gll):
        if s is not None:
            if not s.valid:
                return FixType.NONE
            return _MODE.get(s.mode, FixType.NONE) if s.mode else FixType.GPS
    return FixType.NONE


def _crossed(epoch_tod: time, zda_tod: time) -> bool:
    """Was midnight passed between the epoch's time and the ZDA stamped after it?"""
    return zda_tod.hour == 0 and epoch_tod.hour == 23


def _malformed_position_sentence(frame: str) -> str | None:
    """'GGA' or 'GNS' for a frame of that kind that did not parse; None otherwise."""
    head = frame[1:7].split(",", 1)[0]
    kind = head[2:]
    return kind if len(head) == 5 and kind in ("GGA", "GNS") else None


def _time_field(frame: str) -> time | None:
    try:
        return parse_time(frame.split(",", 2)[1].strip())
    except (BadField, IndexError):
        return None
