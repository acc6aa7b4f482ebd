"""The sync hub: an HTTP service (:mod:`app`) over one store interface
(:mod:`db`) on SQLite or PostgreSQL, with enrolled devices and roles
(:mod:`devices`, rate-limited by :mod:`limits`), idempotent push (:mod:`push`)
checked per object (:mod:`access`) and against the schema
(:mod:`fieldapp.sync.validate`), unique codes settled (:mod:`unique`), and
gap-free pull (:mod:`service`, :mod:`feed`)."""
