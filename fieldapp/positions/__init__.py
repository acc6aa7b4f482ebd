"""Positions from GNSS receivers: NMEA framing, epochs, acceptance, accuracy,
averaging, and RD New / NAP. Pure logic; the serial ports live in drivers.gnss."""
