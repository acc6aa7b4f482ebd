"""The sync hub: an HTTP service (:mod:`app`) over one store interface
(:mod:`db`) on SQLite or PostgreSQL, with enrolled devices and roles
(:mod:`devices`), idempotent push (:mod:`push`) and gap-free pull
(:mod:`service`, :mod:`feed`)."""
