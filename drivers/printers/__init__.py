"""Label printers that take raw bytes (ZPL): TCP port 9100, serial ports, and a folder.

System printers (PDF through the print dialog) are the GUI's business; these
are the raw channels a Zebra printer listens on.
"""

from drivers.printers.base import LabelPrinter, open_printer, print_zpl
from drivers.printers.folder import FolderPrinter
from drivers.printers.serial_port import SerialPrinter
from drivers.printers.tcp import TcpPrinter

__all__ = [
    "FolderPrinter",
    "LabelPrinter",
    "SerialPrinter",
    "TcpPrinter",
    "open_printer",
    "print_zpl",
]
