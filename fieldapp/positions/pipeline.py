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
    """

    def __init__(self, reference_clock: Clock | None = None) -> None:
        self._framer = Framer()
        self._epochs = EpochAssembler(reference_clock)
        self._acceptor = Acceptor()
        self.sentence_counts: Counter[str] = Counter()
        self.unused_frames = 0

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
            if done is not None:
                out.append(self._acceptor.judge(done))
        return out

    def close_epoch(self, *, quiet: bool = True) -> list[Judged]:
        """Finish the open epoch now: the receiver went ``quiet`` after a burst (the epoch stays
        open while a sentence that could refuse it may still come), or it is gone."""
        done = self._epochs.close(quiet=quiet)
        return [] if done is None else [self._acceptor.judge(done)]

    def flush(self) -> list[Judged]:
        """End of stream."""
        self._framer.flush()
        return self.close_epoch(quiet=False)


def fixes(judged: list[Judged]) -> list[Fix]:
    return [j.fix for j in judged if j.fix is not None]
