"""The local store: one SQLite file per device, every action one transaction,
every change journalled (for sync) in a hash chain (for audit)."""

from fieldapp.store.database import Store, Tx

__all__ = ["Store", "Tx"]
