"""The intake's words in the clerk's language: outcomes, deviation kinds and the core's messages.

The core (fieldapp/intake) writes its messages in English: they also go to
``fieldapp intake scan`` as JSON and into the receipt report, which must
not change with a desk's language setting. The window translates them here
by pattern, as ui/field_errors.py does for the forms: each known message is
an English template whose Dutch is in the catalogue; a message without a
pattern is shown as the core wrote it rather than hidden.
"""

from __future__ import annotations

from fieldapp.errors import FieldAppError
from fieldapp.intake.scan import Outcome
from ui.field_errors import translate
from ui.i18n import tr

# (regular expression of the core's English text, the English template for tr())
_MESSAGES: tuple[tuple[str, str], ...] = (
    (r"(?P<c>.+) received \((?P<n>\d+) of (?P<t>\d+)\)\.", "{c} received ({n} of {t})."),
    (r"(?P<c>.+) received, but out of holding time: sampled (?P<h>\d+) h before receipt, (?P<a>.+) allows "
     r"(?P<m>\d+) h\.", "{c} received, but out of holding time: sampled {h} h before receipt, {a} allows {m} h."),
    (r"(?P<c>.+) was scanned before: not on this COC, counted once\.",
     "{c} was scanned before: not on this COC, counted once."),
    (r"(?P<c>.+) was already received at (?P<t>.+); counted once\.", "{c} was already received at {t}; counted once."),
    (r"COC (?P<coc>.+) was closed on receipt; nothing recorded\.",
     "COC {coc} was closed on receipt; nothing recorded."),
    (r"'(?P<t>.*)' looks like (?P<c>.+) typed through a (?P<k>.+) keyboard layout\.",
     "'{t}' looks like {c} typed through a {k} keyboard layout."),
    (r"'(?P<t>.*)' is not a container code\.", "'{t}' is not a container code."),
    (r"(?P<c>.+) is not known here and not on this COC\.", "{c} is not known here and not on this COC."),
    (r"(?P<c>.+) belongs to another shipment, COC (?P<coc>.+)\.", "{c} belongs to another shipment, COC {coc}."),
    (r"(?P<c>.+) was already received with COC (?P<coc>.+) \((?P<t>.+)\)\.",
     "{c} was already received with COC {coc} ({t})."),
    (r"(?P<c>.+) is a known container but not on this COC\.", "{c} is a known container but not on this COC."),
    (r"That manifest is of COC (?P<a>.+), not (?P<b>.+)\.", "That manifest is of COC {a}, not {b}."),
    (r"Manifest part (?P<p>\d+) of (?P<n>\d+) read; scan the other pages\.",
     "Manifest part {p} of {n} read; scan the other pages."),
    (r"The COC manifest \((?P<n>\d+) containers\) agrees with the shipment record\.",
     "The COC manifest ({n} containers) agrees with the shipment record."),
    (r"The COC manifest \((?P<n>\d+) containers\) DIFFERS from the shipment record\.",
     "The COC manifest ({n} containers) DIFFERS from the shipment record."),
    (r"Scan the damaged container first, then mark it damaged\.",
     "Scan the damaged container first, then mark it damaged."),
    (r"(?P<c>.+) is already marked damaged\.", "{c} is already marked damaged."),
    (r"(?P<c>.+) marked damaged and rejected: damaged on receipt\.", "{c} marked damaged and rejected."),
    (r"(?P<c>.+) marked damaged and rejected: (?P<w>.+)\.", "{c} marked damaged and rejected: {w}."),
    (r"Empty scan: nothing was read\.", "Empty scan: nothing was read."),
    (r"A scan of (?P<n>[\d,]+) characters is not a container code\.",
     "A scan of {n} characters is not a container code."),
    (r"The scan contains a control character \((?P<x>.+) at position (?P<p>\d+)\)\.",
     "The scan contains a control character ({x} at position {p})."),
    (r"There is no shipment with COC number '(?P<c>.*)'\.", "There is no shipment with COC number '{c}'."),
    (r"'(?P<t>.*)' is not a temperature\.", "'{t}' is not a temperature."),
    (r"(?P<v>.+) °C is not a plausible cooler temperature\.", "{v} °C is not a plausible cooler temperature."),
    (r"The receipt time was changed without a reason\.", "The receipt time was changed without a reason."),
    (r"(?P<n>\d+) deviations found: say who was consulted about them\.",
     "{n} deviations found: say who was consulted about them."),
    (r"COC (?P<c>.+) is already closed on receipt\.", "COC {c} is already closed on receipt."),
    (r"COC (?P<c>.+) was closed on another desk meanwhile\.", "COC {c} was closed on another desk meanwhile."),
    (r"This is not a FieldApp shipment manifest\.", "This is not a FieldApp shipment manifest."),
    (r"The manifest is damaged: .*", "The manifest is damaged."),
    (r"The scanned manifest parts belong to different COC forms\.",
     "The scanned manifest parts belong to different COC forms."),
)

_HINTS: tuple[tuple[str, str], ...] = (
    (r"Put it with the items to report\.", "Put it with the items to report."),
    (r"Nothing new recorded\.", "Nothing new recorded."),
    (r"Set it apart and consult the customer before analysing\.",
     "Set it apart and consult the customer before analysing."),
    (r"Open the next cooler; a change to a closed receipt is a correction\.",
     "Open the next cooler; a change to a closed receipt is a correction."),
    (r"Set the scanner \(or this computer\) to the same keyboard layout, then scan again; or take (?P<c>.+) if the "
     r"label says so\. Nothing was recorded\.",
     "Set the scanner (or this computer) to the same keyboard layout, then scan again; or take {c} if the label "
     "says so. Nothing was recorded."),
    (r"Scan the container's barcode label\. Nothing was recorded\.",
     "Scan the container's barcode label. Nothing was recorded."),
    (r"Set it apart as unexpected; it goes into the receipt report\.",
     "Set it apart as unexpected; it goes into the receipt report."),
    (r"Set it apart: it travelled in the wrong cooler\. It goes into the report\.",
     "Set it apart: it travelled in the wrong cooler. It goes into the report."),
    (r"Nothing recorded: check the label; it goes into the report\.",
     "Nothing recorded: check the label; it goes into the report."),
    (r"Scan the COC form that came with this cooler\.", "Scan the COC form that came with this cooler."),
    (r"Only a container received from this cooler can be marked\.",
     "Only a container received from this cooler can be marked."),
    (r"Set it apart; it goes into the receipt report\.", "Set it apart; it goes into the receipt report."),
    (r"Scan the label again\. If this repeats, the scanner sends only its suffix key\.",
     "Scan the label again. If this repeats, the scanner sends only its suffix key."),
    (r"Aim at the container's own label \(codes have at most 32 characters\); nothing was recorded\.",
     "Aim at the container's own label (codes have at most 32 characters); nothing was recorded."),
    (r"The scanner sends GS1 separators or function keys: .*",
     "The scanner sends GS1 separators or function keys: set it to plain Code 128 text, then scan again. "
     "Nothing was recorded."),
    (r"Check the number\.", "Check the number."),
    (r"Type the reading in °C, e\.g\. 4,2\.", "Type the reading in °C, e.g. 4,2."),
    (r"Read the thermometer again; give °C\.", "Read the thermometer again; give °C."),
    (r"Say why, e\.g\. .*", "Say why, e.g. 'cooler arrived at 07:50, scanned after the meeting'."),
    (r"Name the customer's contact and what they decided, or 'not reached' with the time tried\.",
     "Name the customer's contact and what they decided, or 'not reached' with the time tried."),
    (r"Record a correction instead\.", "Record a correction instead."),
    (r"Open it again to see that receipt\.", "Open it again to see that receipt."),
    (r"Scan the square code on the COC form\.", "Scan the square code on the COC form."),
    (r"Scan it again or type the containers in\.", "Scan it again or type the containers in."),
)


def say(text: str) -> str:
    """A message or hint of the intake core in the user's language."""
    return translate(translate(text, _MESSAGES), _HINTS) if text else ""


def error_text(exc: FieldAppError) -> tuple[str, str]:
    """An intake error's message and hint, translated."""
    return say(exc.message), say(exc.hint)


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
    return {"temperature": tr("temperature"), "seal": tr("seal"), "manifest": tr("manifest"),
            "missing": tr("missing"), "unexpected": tr("unexpected"), "damaged": tr("damaged"),
            "holding time": tr("holding time"), "analysis sample": tr("analysis sample incomplete")}.get(kind, kind)


def seal_state(state: str) -> str:
    return {"intact": tr("intact"), "broken": tr("broken"), "absent": tr("absent")}.get(state, state)
