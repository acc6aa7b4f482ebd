"""The lab intake window (``fieldapp intake``).

- :mod:`ui.intake.command`     registers ``fieldapp intake`` (window) and ``fieldapp intake scan`` (headless)
- :mod:`ui.intake.window`      the window: header, scan field, outcome banner, reconciliation, lists
- :mod:`ui.intake.header_form` the receipt header form
- :mod:`ui.intake.scan_field`  the keyboard-wedge field (Enter, Tab or a pause ends a code) and the
                               bridge from a serial scanner's thread
- :mod:`ui.intake.models`      the scan log and missing list as Qt models, outcome colours
- :mod:`ui.intake.sound`       a sound per kind of outcome, silent where there is no sound device

This package's ``__init__`` and ``command`` import no Qt, so the headless
command runs without Qt's system libraries.
"""
