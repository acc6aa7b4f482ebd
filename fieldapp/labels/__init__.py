"""Container labels, COC forms and the shipment manifest (no Qt).

The renderers work on plain frozen data (:mod:`fieldapp.labels.data`) so that
the store, the GUI and the tests feed them the same way. Layouts are data
files under ``resources/labels``.
"""
