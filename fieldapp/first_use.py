"""A module imported at its first use instead of with the module that names it.

For libraries a command may never need but whose import costs milliseconds at every start (orjson
with uuid and platform, hashlib with OpenSSL): the GUI's first window opens a store to read it and
needs neither. The stand-in puts the real module in its place at the first attribute read, so
every later use costs what a plain module-level import would.
"""

from __future__ import annotations

import importlib
from typing import Any


class FirstUse:
    """Stands in for module ``name`` in the namespace ``into`` (a module's ``globals()``) until read."""

    def __init__(self, name: str, into: dict[str, Any]) -> None:
        self._name = name
        self._into = into

    def __getattr__(self, attr: str) -> Any:
        module = importlib.import_module(self._name)
        self._into[self._name] = module  # from now on the module itself: no cost per call
        return getattr(module, attr)
