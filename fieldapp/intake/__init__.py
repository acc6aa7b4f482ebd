"""Lab intake: receiving a cooler by scanning its containers.

- :mod:`fieldapp.intake.rules`     the labs' acceptance terms and keyboard layouts, as data
- :mod:`fieldapp.intake.scan`      what a scanned text is (a code, a manifest part, garbage)
- :mod:`fieldapp.intake.header`    the receipt header: who, when, temperature, seal
- :mod:`fieldapp.intake.receipt`   the scan loop against the expected list, and closing it
- :mod:`fieldapp.intake.report`    the receipt report PDF (ISO/IEC 17025 7.4)
- :mod:`fieldapp.intake.commands`  ``fieldapp intake scan`` (headless)

Pure Python like the rest of the core; the window lives in :mod:`ui.intake`.
"""
