"""One progress bar for every command that can take over a second.

The core reports progress through the same ``progress(done, total)``
callbacks the GUI's task manager uses; this turns one into a tqdm bar on
stderr, so stdout stays the command's answer. tqdm keeps quiet by itself
when stderr is not a terminal (a script, a pipe, a test), so nothing is
written there but what was written before.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

from tqdm import tqdm

from fieldapp.progress import Progress
from fieldapp.rules import Lang


@contextmanager
def progress_bar(what: str, unit: str = "steps", lang: Lang = "en") -> Iterator[Progress]:
    """A ``progress(done, total)`` callback that draws ``what`` (the command, as typed) on stderr while
    the block runs (a counter while ``total`` is 0), counting ``unit`` in ``lang`` ("rijen"); the bar is
    removed when it ends."""
    from fieldapp.rules import message_book

    said = message_book()[f"cli_unit_{unit}"].text(lang)
    bar = tqdm(desc=what, unit=f" {said}", file=sys.stderr, disable=None, leave=False, dynamic_ncols=True)

    def progress(done: int, total: int) -> None:
        # a total of 0: not known (a pull does not know how much the hub holds for it), so a counter
        if bar.total != (total or None):
            bar.total = total or None
        bar.update(done - bar.n)

    try:
        yield progress
    finally:
        bar.close()
