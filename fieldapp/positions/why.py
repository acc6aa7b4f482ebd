"""Why there is no fix, in the user's language.

The acceptor (:mod:`fieldapp.positions.fix`) names each reason an epoch is
not a fix in English ("3 satellites", "fix type simulator"); a sampler
looking at "no fix" under trees needs to read which, and what to do, in
Dutch. The words are rows of ``resources/messages/gnss.json``, said through
:mod:`fieldapp.error_text` as the core's other English is.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from fieldapp import error_text
from fieldapp.messages import Count
from fieldapp.positions.model import Judged
from fieldapp.rules import Lang, message_book


def reasons_said(reasons: Sequence[str], lang: Lang) -> str:
    """The reasons of one epoch, each in ``lang``, most telling first; "" for none."""
    return "; ".join(error_text.said(r, lang) for r in telling_first(reasons))


def state_said(status: str, message: str, lang: Lang) -> str:
    """A receiver's state ("no fix", and why) as `gps listen` says it; "not NMEA" by its message alone,
    which begins by saying so (fieldapp.positions.linecheck)."""
    if status == "not NMEA" and message:
        return error_text.said(message, lang)
    word = error_text.word(status, lang)
    return f"{word}: {error_text.said(message, lang)}" if message else word


# what a sampler can act on, before what follows from it (no fix type, hence no fix from GSA either)
_FIRST = ("fix type simulator", "fix type manual", "fix type dead-reckoning", " satellites", "position 0/0")


def telling_first(reasons: Sequence[str]) -> list[str]:
    """``reasons`` with what a sampler can act on first (simulator mode, too few satellites)."""
    def rank(reason: str) -> int:
        return next((n for n, key in enumerate(_FIRST) if key in reason), len(_FIRST))

    return sorted(reasons, key=rank)


@dataclass
class Tally:
    """The epochs of a replayed log: how many became fixes, and why the others did not."""

    epochs: int = 0
    fixes: int = 0
    reasons: Counter[str] = field(default_factory=Counter)

    def add(self, judged: Iterable[Judged]) -> None:
        for j in judged:
            self.epochs += 1
            if j.fix is not None:
                self.fixes += 1
            else:
                self.reasons.update(j.reasons)

    def lines(self, file: str, lang: Lang) -> list[str]:
        """What `gps replay` says at the end: fixes of epochs, and each reason with its count."""
        book = message_book()
        if not self.epochs:
            return [book["gnss_replay_no_nmea"].text(lang, file=file), book["gnss_replay_no_nmea"].hint(lang)]
        said = [book["gnss_replay_fixes"].text(lang, file=file, n=self.fixes, m=Count(self.epochs, "epoch"))]
        if self.epochs > self.fixes:
            ordered = sorted(self.reasons.items(), key=lambda kv: (-kv[1], kv[0]))
            why = "; ".join(f"{n} × {error_text.said(r, lang)}" for r, n in ordered)
            said.append(book["gnss_replay_rejected"].text(lang, why=why))
        return said
