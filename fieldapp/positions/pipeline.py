"""Bytes in, judged epochs out: the one code path for live receivers and replays."""

from __future__ import annotations

from collections import Counter

from fieldapp.positions.dates import Clock
from fieldapp.positions.epoch import EpochAssembler
from fieldapp.positions.fix import Acceptor
from fieldapp.positions.framing import Framer, FramingStats
from fieldapp.positions.model import Fix, Judged
from fieldapp.positions.sentences import parse_frame


class NmeaPipeline:
    """Framing, parsing, epoch assembly and acceptance over a byte stream.

    ``reference_clock`` (the laptop clock for a live receiver) is what
    receiver dates are checked against; a replay has none.

    An epoch closed because the receiver went quiet is judged at once but handed out only when
    it can no longer change: when a sentence of another second comes, or the stream ends. Until
    then a late sentence of its second may reopen it and refuse it (fieldapp.positions.epoch),
    and a fix already given to an averaging, a photo or ``gps listen`` could not be taken back.
    A fix thus comes at the start of the next second's burst (at most one epoch late).
    """

    def __init__(self, reference_clock: Clock | None = None) -> None:
        self._framer = Framer()
        self._epochs = EpochAssembler(reference_clock)
        self._acceptor = Acceptor()
        self.sentence_counts: Counter[str] = Counter()
        self.unused_frames = 0
        # the verdict on the epoch closed on quiet, kept back while a late sentence of its second may
        # still reopen it: a fix handed out cannot be taken back from an averaging or a photo
        self._held: Judged | None = None

    @property
    def framing(self) -> FramingStats:
        return self._framer.stats

    @property
    def epoch_open(self) -> bool:
        return self._epochs.open

    def feed(self, data: bytes) -> list[Judged]:
        out: list[Judged] = []
        for frame in self._framer.feed(data):
            sentence = parse_frame(frame)
            if sentence is None:
                self.unused_frames += 1
            else:
                self.sentence_counts[type(sentence).__name__.upper()] += 1
            done = self._epochs.add(frame, sentence)
            if self._held is not None and not self._epochs.amendable:
                if not self._epochs.amending:  # a sentence of another second: the held verdict is final
                    out.append(self._held)
                self._held = None  # (reopened: the amended epoch, judged whole, takes its place)
            if done is not None:
                out.append(self._acceptor.judge(done))
        return out

    def close_epoch(self, *, quiet: bool = True) -> list[Judged]:
        """Finish the open epoch now: the receiver went ``quiet`` after a burst (the epoch stays
        open while a sentence that could refuse it may still come), or it is gone. An epoch closed
        on quiet is judged now but given only when no late sentence of its second can amend it."""
        out = [] if quiet or self._held is None else [self._held]
        if not quiet:
            self._held = None
        done = self._epochs.close(quiet=quiet)
        if done is None:
            return out
        judged = self._acceptor.judge(done)
        if not quiet:
            return [*out, judged]
        if self._held is not None:  # not reached: a second close on quiet needs a new epoch between
            out.append(self._held)
        self._held = judged
        return out

    def flush(self) -> list[Judged]:
        """End of stream."""
        self._framer.flush()
        return self.close_epoch(quiet=False)


def fixes(judged: list[Judged]) -> list[Fix]:
    return [j.fix for j in judged if j.fix is not None]
