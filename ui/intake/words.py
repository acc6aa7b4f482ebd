"""The intake's words in the clerk's language: outcomes, deviation kinds and the core's messages.

The core (fieldapp/intake) writes its messages in English: they also go to
``fieldapp intake scan`` as JSON, which stays English (it is for programs).
Their Dutch is in the core's table, resources/messages/intake.json
(:mod:`fieldapp.error_text`), which the receipt report and the command line
say them by too: one Dutch text per message. A message without a row is shown
as the core wrote it rather than hidden.
"""

from __future__ import annotations

from fieldapp.error_text import said, word
from fieldapp.errors import FieldAppError
from fieldapp.intake.scan import Outcome
from ui.i18n import shown, tr

#: a deviation kind as the window's status line counts it ("2 missing, 1 analysis sample incomplete")
_COUNTED = {"analysis sample": "analysis sample incomplete"}


def say(text: str, *, hint: bool = False) -> str:
    """A message (or, with ``hint``, a what-to-do) of the intake core in the user's language."""
    return said(text, shown(), hint=hint) if text else ""


def error_text(exc: FieldAppError) -> tuple[str, str]:
    """An intake error's message and hint, translated."""
    return say(exc.message), say(exc.hint, hint=True)


def outcome_words(outcome: Outcome) -> str:
    """What the clerk reads, in large letters, for an outcome."""
    return {
        Outcome.RECEIVED: tr("RECEIVED"),
        Outcome.HOLDING_TIME: tr("RECEIVED - OUT OF HOLDING TIME"),
        Outcome.DUPLICATE: tr("ALREADY SCANNED"),
        Outcome.UNKNOWN: tr("UNKNOWN CODE - SET APART"),
        Outcome.OTHER_SHIPMENT: tr("WRONG COOLER - SET APART"),
        Outcome.NOT_ON_COC: tr("NOT ON THIS COC - SET APART"),
        Outcome.CLOSED_SHIPMENT: tr("RECEIVED BEFORE - SET APART"),
        Outcome.RECEIPT_CLOSED: tr("RECEIPT IS CLOSED"),
        Outcome.KEYBOARD_LAYOUT: tr("WRONG KEYBOARD LAYOUT?"),
        Outcome.INVALID: tr("NOT A CONTAINER CODE"),
        Outcome.MANIFEST: tr("COC MANIFEST READ"),
        Outcome.DAMAGED: tr("DAMAGED - REJECTED"),
    }[outcome]


def deviation_kind(kind: str) -> str:
    return word(_COUNTED.get(kind, kind), shown())


def seal_state(state: str) -> str:
    return word(state, shown())
