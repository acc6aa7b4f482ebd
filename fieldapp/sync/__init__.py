"""Sync of a device with the hub: the merge rules (:mod:`merge`), the device
side (:mod:`local`, :mod:`engine`, :mod:`client`, :mod:`background`) and
offline bundles (:mod:`bundle`). See DESIGN.md, "Sync"."""
