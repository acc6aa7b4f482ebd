"""Horizontal accuracy of a fix, and its BRO positioning class.

The receiver's own estimate wins: GST (σ latitude and longitude), then
Garmin's PGRME horizontal position error. Without either, HDOP times a
typical user range error for the fix type is all there is; the source is
always recorded so a reader can tell a measured estimate from a guess.
"""

from __future__ import annotations

import math

from fieldapp.positions.model import Accuracy, Epoch, FixType, SigmaSource

#: Metres of horizontal error per unit of HDOP, by fix type. Deliberately on
#: the pessimistic side: this is only used when the receiver gives no estimate.
HDOP_FACTOR: dict[FixType, float] = {
    FixType.GPS: 5.0,
    FixType.DGPS: 1.5,
    FixType.RTK_FLOAT: 0.3,
    FixType.RTK_FIXED: 0.03,
}


def estimate(epoch: Epoch, fix_type: FixType) -> Accuracy:
    sn, se = epoch.gst_sigma_lat, epoch.gst_sigma_lon
    if sn is not None and se is not None and (sn > 0 or se > 0):
        return Accuracy(math.hypot(sn, se), sn, se, SigmaSource.GST)
    if epoch.pgrme_hpe is not None and epoch.pgrme_hpe > 0:
        return Accuracy(epoch.pgrme_hpe, None, None, SigmaSource.PGRME)
    factor = HDOP_FACTOR.get(fix_type)
    if epoch.hdop is not None and epoch.hdop > 0 and factor is not None:
        return Accuracy(epoch.hdop * factor, None, None, SigmaSource.HDOP)
    return Accuracy(None, None, None, SigmaSource.NONE)


# Upper bounds (metres, exclusive) of the BRO HorizontalPositioningMethod
# classes that IMBRO accepts, per kind of measurement.
_RTK_CLASSES = ((0.02, "RTKGPS0tot2cm"), (0.05, "RTKGPS2tot5cm"), (0.10, "RTKGPS5tot10cm"),
                (0.50, "RTKGPS10tot50cm"))  # fmt: skip
_DGPS_CLASSES = ((2.0, "DGPS50tot200cm"), (10.0, "GPS200tot1000cm"))
_GPS_CLASSES = ((10.0, "GPS200tot1000cm"),)


def bro_class(fix_type: FixType, sigma_m: float | None) -> str | None:
    """BRO ``HorizontalPositioningMethod`` code for a fix, or None when none fits.

    The class is picked by the error estimate but never claims more than the
    fix type can give: an RTK class needs RTK (a float solution at best
    RTKGPS10tot50cm, which the code list defines as RTK "zonder fix"), a
    DGPS class needs corrections.
    """
    if sigma_m is None:
        return None
    if fix_type is FixType.RTK_FIXED:
        tables: tuple[tuple[tuple[float, str], ...], ...] = (_RTK_CLASSES, _DGPS_CLASSES)
    elif fix_type is FixType.RTK_FLOAT:
        tables = (_RTK_CLASSES[3:], _DGPS_CLASSES)
    elif fix_type is FixType.DGPS:
        tables = (_DGPS_CLASSES,)
    elif fix_type is FixType.GPS:
        tables = (_GPS_CLASSES,)
    else:
        return None
    for table in tables:
        for bound, code in table:
            if sigma_m < bound:
                return code
    return None
