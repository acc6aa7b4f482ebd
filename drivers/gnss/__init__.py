"""GNSS receivers: serial ports (any pyserial URL), recorded logs, the live monitor.

Bytes from every source go through :class:`fieldapp.positions.pipeline.NmeaPipeline`,
so a replayed log and a real port take the same code path.
"""
