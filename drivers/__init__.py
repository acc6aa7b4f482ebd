"""Hardware: GNSS receivers, barcode scanners, label printers. Never imports Qt."""
