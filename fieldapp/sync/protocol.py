"""What the device and the hub agree on: versions, headers and limits."""

from __future__ import annotations

from fieldapp.store.migrations import MIGRATIONS

# The schema version is the number of schema steps this FieldApp knows. The
# hub accepts its own and the previous one; an older client must update.
SCHEMA_VERSION = len(MIGRATIONS)
OLDEST_ACCEPTED = SCHEMA_VERSION - 1

SCHEMA_HEADER = "X-FieldApp-Schema"
CLOCK_HEADER = "X-FieldApp-Clock"  # the device's wall clock in ms, to flag a wrong clock

MAX_BODY_BYTES = 16 * 1024 * 1024
MAX_PUSH_CHANGES = 5000
PUSH_BATCH = MAX_PUSH_CHANGES  # fewer, fuller requests; _within keeps each under the body limit
PULL_BATCH = 5000

# How far ahead of the hub's clock a change's HLC may be before the hub bounds
# it. Beyond this the device's clock is wrong, and its edits must not win
# every conflict: they count as made at the time the hub received them.
CLOCK_TOLERANCE_MS = 5 * 60 * 1000

ROLES = ("sampler", "lab", "coordinator")
