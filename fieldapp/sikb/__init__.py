"""SIKB0101 14.9.0: the names, the writer (``write_*``), the checks and the offline validation (no Qt)."""
