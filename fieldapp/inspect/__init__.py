"""`fieldapp inspect`: the inspector's one command (issue 15 item 7).

Per essential requirement of BRL SIKB 2000 / SIKB document 8821 (the table in
``resources/inspect/requirements.json``) one pass/fail line with its source:
the audit chain, positions re-derived from their raw NMEA, the chain of custody
of every container, staffing and holding times from the rules tables, and the
deviations. :mod:`fieldapp.inspect.run` holds the registry of checks.
"""
