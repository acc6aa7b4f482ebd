"""The receipt header: who received the cooler, when, at what temperature, with what seal."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from fieldapp.domain.common import optional_text, required_text
from fieldapp.domain.typed_number import plain_float
from fieldapp.errors import RequiredFieldError, ValidationError
from fieldapp.intake.rules import LabRules

SEAL_STATES = ("intact", "broken", "absent")
# a cooler reading outside this is a typo or a broken thermometer, not a finding
PLAUSIBLE_C = (-30.0, 60.0)


def parse_reading(text: str) -> float:
    """A thermometer reading as typed at a Dutch desk: '4,2', '4.2', '4.2 °C'."""
    cleaned = text.strip().removesuffix("°C").removesuffix("C").strip()
    value = plain_float(cleaned, signed=True)  # "4e1", "4_2" or "NaN" is a slip, not a reading
    if math.isnan(value):
        raise ValidationError("temperature", f"'{text.strip()}' is not a temperature.",
                              hint="Type the reading in °C, e.g. 4,2.")
    if not PLAUSIBLE_C[0] <= value <= PLAUSIBLE_C[1]:
        raise ValidationError("temperature", f"{value:g} °C is not a plausible cooler temperature.",
                              hint="Read the thermometer again; give °C.")
    return value


@dataclass
class ReceiptHeader:
    received_by: str = ""
    received_at: str = ""  # ISO 8601 with offset; set to the opening time by the receipt
    time_reason: str = ""  # why received_at is not the time the receipt was opened
    readings: list[float] = field(default_factory=list)
    seal_number: str = ""
    seal_state: str = "intact"
    remarks: str = ""
    consulted: str = ""  # who was consulted about deviations and what they decided (17025 7.4.3)

    @property
    def mean_temperature(self) -> float | None:
        return round(sum(self.readings) / len(self.readings), 2) if self.readings else None

    def temperature_flag(self, rules: LabRules) -> str:
        """'' when the mean is within the lab's range, otherwise what is wrong."""
        mean = self.mean_temperature
        if mean is None:
            return "no temperature measured"
        if not rules.temperature_ok(mean):
            return (f"cooler at {mean:.1f} °C, outside {rules.temperature_min:g}-{rules.temperature_max:g} °C "
                    f"({rules.title})")
        return ""

    def check(self, opened_at: str) -> None:
        """The header as it must be before the receipt is closed."""
        required_text(self.received_by, "received by", "Receipt")
        try:
            when = datetime.fromisoformat(self.received_at)
        except ValueError:
            raise ValidationError("received at", f"'{self.received_at}' is not a date and time.",
                                  hint="Give the date and time, e.g. 2026-11-28 09:15.") from None
        if when.tzinfo is None:
            raise ValidationError("received at", "The receipt time needs its time zone.")
        if self.received_at != opened_at and not optional_text(self.time_reason):
            raise RequiredFieldError("time reason", "The receipt time was changed without a reason.",
                                     hint="Say why, e.g. 'cooler arrived at 07:50, scanned after the meeting'.")
        if self.seal_state not in SEAL_STATES:
            raise ValidationError("seal state", f"Seal state '{self.seal_state}' is not known.",
                                  hint=f"Choose one of: {', '.join(SEAL_STATES)}.")

    def deviations(self, rules: LabRules, coc_seal: str | None) -> list[tuple[str, str]]:
        """(subject, what is wrong) for the header's own findings."""
        out = []
        flag = self.temperature_flag(rules)
        if flag:
            out.append(("temperature", flag))
        if self.seal_state != "intact":
            out.append(("seal", f"seal {self.seal_state}"))
        seal = self.seal_number.strip().upper()
        if coc_seal and seal and seal != coc_seal.strip().upper():
            out.append(("seal", f"seal number {seal} differs from the COC ({coc_seal})"))
        return out

    def summary(self, rules: LabRules) -> str:
        mean = self.mean_temperature
        parts = [f"received by {self.received_by}", f"at {self.received_at}"]
        if self.time_reason:
            parts.append(f"time set by hand: {self.time_reason}")
        if mean is not None:
            readings = ", ".join(f"{r:.1f}" for r in self.readings)
            parts.append(f"temperature {mean:.1f} °C (readings {readings}; accepted "
                         f"{rules.temperature_min:g}-{rules.temperature_max:g} °C)")
        parts.append(f"seal {self.seal_number or '(no number)'} {self.seal_state}")
        if self.remarks:
            parts.append(f"remarks: {self.remarks}")
        if self.consulted:
            parts.append(f"consulted: {self.consulted}")
        return "; ".join(parts)


def mean_of(readings: Sequence[float]) -> float | None:
    return round(sum(readings) / len(readings), 2) if readings else None
