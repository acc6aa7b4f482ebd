"""The well core's own messages (fieldapp.domain.well, sampling_round) in the user's language.

Rule messages carry their Dutch in resources/rules; these are the plain input checks, matched
by pattern as ui/borehole_closing.py does. The field's name is left out of the Dutch text: the
message stands beside the box it is about.
"""

from __future__ import annotations

from fieldapp.errors import FieldAppError
from ui import form_dialog
from ui.i18n import tr_noop

_WORDS: tuple[tuple[str, str], ...] = (
    (r"[\w ]+: (?P<v>.+) (?P<u>\S+) is not a plausible reading\.", tr_noop("{v} {u} is not a plausible reading.")),
    (r"Give a value from (?P<a>\S+) to (?P<b>\S+) (?P<u>\S+)\.", tr_noop("Give a value from {a} to {b} {u}.")),
    (r"[\w ]+: '(?P<v>.*)' is not a height in metres\.", tr_noop("'{v}' is not a height in metres.")),
    (r"Type metres, e\.g\. 0\.80 above or -0\.05 below the surface\.",
     tr_noop("Type metres, e.g. 0.80 above or -0.05 below the surface.")),
    (r"[\w ]+: (?P<v>.+) (?P<u>\S+) is not plausible\.", tr_noop("{v} {u} is not plausible.")),
    (r"Give whole (?P<u>\S+) from (?P<a>\S+) to (?P<b>\S+)\.", tr_noop("Give whole {u} from {a} to {b}.")),
    (r"A slot width of (?P<v>.+) mm is not plausible\.", tr_noop("A slot width of {v} mm is not plausible.")),
    (r"Give the slot width in mm, e\.g\. 0\.3\.", tr_noop("Give the slot width in mm, e.g. 0.3.")),
    (r"This sampling round is finished; its readings are final\.",
     tr_noop("This sampling round is finished; its readings are final.")),
    (r"Start a new round to purge again\.", tr_noop("Start a new round to purge again.")),
    (r"The purged volume of the reading is empty\.", tr_noop("The purged volume of the reading is empty.")),
    (r"Give the litres purged when the reading was taken\.",
     tr_noop("Give the litres purged when the reading was taken.")),
)


def in_words(exc: FieldAppError) -> FieldAppError:
    """``exc`` with the well core's input messages in the user's language (others as they are)."""
    return form_dialog.in_words(exc, _WORDS)
