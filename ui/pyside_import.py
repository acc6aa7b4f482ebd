"""PySide's import hook, told that FieldApp uses none of PySide's ``__feature__`` switches.

PySide6 replaces ``__import__``: for every module imported after it, it reads the module's source
(``inspect.getsource``) to see whether it names PySide6, so that it knows which modules may switch on
``snake_case`` or ``true_property`` (``from __feature__ import ...``). That is 0.1 ms a module and about
6 ms of the first window, which issue 18 holds to twice a bare window's start. FieldApp switches on no
feature (tests/ui/test_start_cost.py checks that no module of it imports ``__feature__``), so every
module it imports is taken as one that uses PySide without features: what PySide records for such a
module, without reading it. A module that does import ``__feature__`` still records its own choice,
since that import sets it.
"""

from __future__ import annotations

from types import ModuleType


def _uses_pyside_without_features(module: ModuleType) -> bool:
    return True


def scan_no_sources() -> None:
    """Stop PySide reading the source of the modules imported from now on (no-op on a PySide without
    the hook: it is internal to PySide, hence looked up, not assumed)."""
    try:
        from PySide6.support import feature
    except ImportError:
        return
    if callable(getattr(feature, "_mod_uses_pyside", None)):
        setattr(feature, "_mod_uses_pyside", _uses_pyside_without_features)  # noqa: B010 (not in PySide's stubs)
