"""The one error hierarchy of FieldApp.

Every error the core, the drivers or the store raise on purpose derives from
:class:`FieldAppError`. The GUI and the command line turn these into messages;
nothing else should need to catch anything broader.

    FieldAppError
    ├── ValidationError            a rule of the field record is broken; nothing was written
    │   ├── DepthError             a depth is negative, not whole centimetres, or upper >= lower
    │   ├── LayerOverlapError      a layer overlaps another layer of the same borehole
    │   ├── FinalDepthError        the final depth is above the deepest layer
    │   ├── SampleIntervalError    a sample interval is not covered by logged layers
    │   ├── CompositeSampleError   a composite sample misses its boreholes or intervals
    │   ├── DuplicateCodeError     a borehole, sample or shipment code is already used
    │   ├── DuplicateBarcodeError  a container barcode is already used (in any project)
    │   ├── SoilCodeError          a NEN 5104 soil code cannot be parsed or is not allowed
    │   ├── CodeListError          a value is not on its code list
    │   ├── RequiredFieldError     a required field is empty
    │   ├── CustodyError           a custody rule is broken (e.g. a container in two shipments)
    │   ├── IncompleteError        a record cannot be closed: it lists everything missing
    │   └── LabelError             a label or form cannot be drawn (code too long, nothing chosen)
    ├── NotFoundError              the record asked for does not exist
    ├── StoreError                 the database cannot be opened, migrated or written
    │   ├── SchemaTooNewError      the database was made by a newer FieldApp
    │   └── MigrationError         a migration failed; the database is unchanged
    ├── IntegrityError             `verify` found the audit chain broken or data altered
    ├── DeviceError                a device (GNSS, scanner, printer) failed or sent garbage
    │   └── GnssError              a GNSS receiver or its port failed
    │       └── NoReceiverError    no receiver answers on the port (or none talks NMEA)
    ├── CoordinateError            a coordinate cannot be transformed
    │   └── OutsideGridError       a point lies outside the RDNAPTRANS2018 correction grids
    ├── ManifestError              a scanned shipment manifest is corrupted or of an unknown version
    ├── ExportError                an export cannot be written (unknown project, format, target in the way)
    └── SyncError                  sync with the hub failed; nothing local was lost or marked sent
        ├── HubUnreachableError    the hub did not answer (network, server down); try again later
        ├── SyncAuthError          the hub refused the device (no/revoked token, bad code, wrong role)
        ├── SyncVersionError       the hub does not accept this FieldApp's schema version
        ├── BundleError            an offline bundle is truncated, altered or not signed by its device
        └── HubStoreError          the hub's own database cannot be opened or written

Validation errors carry ``field`` (the name of the offending field, as the user
sees it in a form) and ``hint`` (what to do about it), so that the GUI can put
the message beside the right widget.

An error's ``message`` is English. One that carries its Dutch is a
:class:`fieldapp.rules.RuleError`: a row of ``resources/rules`` (a norm's rule) or of
``resources/messages`` (a report's or an importer's words, :func:`fieldapp.messages.refused`)
with its values, said in either language by ``message_in``/``hint_in``; the window and
a command with ``--lang`` show it in the user's language.
"""

from __future__ import annotations


class FieldAppError(Exception):
    """Base of every error FieldApp raises on purpose."""

    def __init__(self, message: str, *, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} {self.hint}".strip() if self.hint else self.message


class ValidationError(FieldAppError):
    """A rule of the field record is broken. Nothing was written."""

    def __init__(self, field: str, message: str, *, hint: str = "") -> None:
        super().__init__(message, hint=hint)
        self.field = field


class DepthError(ValidationError):
    pass


class LayerOverlapError(ValidationError):
    pass


class FinalDepthError(ValidationError):
    pass


class PositionDeviationError(ValidationError):
    """A measured position strays from the plan (too far from the planned point, or below the
    required positioning class) and no reason was given; ``deviations`` names each, in English."""

    def __init__(self, deviations: tuple[str, ...]) -> None:
        super().__init__(
            "position",
            "The position needs a reason: " + "; ".join(deviations) + ".",
            hint="Confirm the position with a reason, or take it again.",
        )
        self.deviations = deviations


class SampleIntervalError(ValidationError):
    pass


class CompositeSampleError(ValidationError):
    pass


class DuplicateCodeError(ValidationError):
    pass


class DuplicateBarcodeError(ValidationError):
    pass


class SoilCodeError(ValidationError):
    pass


class CodeListError(ValidationError):
    pass


class RequiredFieldError(ValidationError):
    pass


class CustodyError(ValidationError):
    pass


class IncompleteError(ValidationError):
    """A record (a borehole) cannot be closed until each item of ``missing`` is
    there; each item is (form field, Dutch text, English text)."""

    def __init__(self, what: str, missing: tuple[tuple[str, str, str], ...]) -> None:
        super().__init__(
            missing[0][0] if missing else "",
            f"{what} cannot be closed: " + " ".join(en for _f, _nl, en in missing),
            hint="Fill in what is missing, then close it again.",
        )
        self.what = what
        self.missing = missing

    def items(self, lang: str = "nl") -> list[str]:
        return [nl if lang == "nl" else en for _f, nl, en in self.missing]


class NotFoundError(FieldAppError):
    pass


class StoreError(FieldAppError):
    pass


class SchemaTooNewError(StoreError):
    pass


class MigrationError(StoreError):
    pass


class IntegrityError(FieldAppError):
    """The audit chain does not match the data."""

    def __init__(self, message: str, *, table: str = "", row_id: str = "", hint: str = "") -> None:
        super().__init__(message, hint=hint)
        self.table = table
        self.row_id = row_id


class DeviceError(FieldAppError):
    pass


class LabelError(ValidationError):
    pass


class ManifestError(FieldAppError):
    pass


class GnssError(DeviceError):
    pass


class NoReceiverError(GnssError):
    pass


class CoordinateError(FieldAppError):
    pass


class OutsideGridError(CoordinateError):
    pass


class ExportError(FieldAppError):
    pass


class SyncError(FieldAppError):
    pass


class HubUnreachableError(SyncError):
    pass


class SyncAuthError(SyncError):
    pass


class SyncVersionError(SyncError):
    pass


class BundleError(SyncError):
    pass


class HubStoreError(SyncError):
    pass


class ReplicaDivergedError(SyncError):
    """The hub holds changes of this database's replica that it does not
    (it was restored from a backup or copied): see fieldapp.sync.replica."""

    def __init__(self, message: str, *, seq: int, hash: str, receipt: dict[str, object] | None = None) -> None:
        super().__init__(message, hint="Sync again: new edits get a new replica id and are kept.")
        self.seq, self.hash, self.receipt = seq, hash, receipt
