"""Barcode scanners that are not keyboards: a serial (or virtual COM) port, and a simulated one.

A keyboard-wedge scanner needs no driver: it types into the focused field
(see :mod:`ui.intake.scan_field`). Everything here delivers plain strings
from a reader thread; the GUI bridges them to Qt.
"""

from drivers.scanners.serial_scanner import SerialScanner
from drivers.scanners.simulated import SimulatedScanner

__all__ = ["SerialScanner", "SimulatedScanner"]
