"""Where this FieldApp runs from: a checkout or an installed package, or a frozen build.

A frozen build (PyInstaller, ``make dist``) has no Python interpreter to
start and no source tree around it: the data files under ``resources/`` are
unpacked beside the program (``sys._MEIPASS``), and ``sys.executable`` is
FieldApp itself. Everything that locates a data file or starts a child
Python process goes through this module, so that both cases stay one code
path elsewhere. The user's settings and databases never live here: they are
in the user's folders (:mod:`fieldapp.settings`).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

# The modules a frozen FieldApp may be asked to run as a child process, as
# ``python -m MODULE`` runs them; anything else in the variable is refused.
CHILD_MODULE_ENV = "FIELDAPP_CHILD_MODULE"
CHILD_MODULES = frozenset({"fieldapp.demo_boreholes"})


def frozen() -> bool:
    """True inside a frozen build."""
    return bool(getattr(sys, "frozen", False))


def app_root() -> Path:
    """The folder that holds ``resources/``: the build's own folder when frozen, else the source tree."""
    bundle = getattr(sys, "_MEIPASS", None)
    if frozen() and bundle:
        return Path(bundle)
    return Path(__file__).resolve().parent.parent


def resource_path(*parts: str) -> Path:
    """A file or folder under ``resources/`` (``resource_path("labels")``)."""
    return app_root().joinpath("resources", *parts)


def module_command(module: str) -> tuple[list[str], dict[str, str]]:
    """The command line and environment that run ``module`` as ``python -m module`` does.

    Frozen, the program is started again with :data:`CHILD_MODULE_ENV` set,
    which :func:`run_child_module` in its entry point honours. Otherwise the
    child finds this fieldapp however this process found it (a checkout on
    ``PYTHONPATH`` or an installed package).
    """
    if frozen():
        if module not in CHILD_MODULES:
            raise ValueError(f"{module} cannot be run as a child of a frozen FieldApp")
        return [sys.executable], {**os.environ, CHILD_MODULE_ENV: module}
    here = str(app_root())
    path = os.pathsep.join(filter(None, (here, os.environ.get("PYTHONPATH"))))
    env = {k: v for k, v in os.environ.items() if k != CHILD_MODULE_ENV}
    return [sys.executable, "-m", module], {**env, "PYTHONPATH": path}


def run_child_module() -> bool:
    """In a frozen program's entry point: run the child module asked for, if any; True if one ran."""
    module = os.environ.pop(CHILD_MODULE_ENV, "")
    if not module:
        return False
    if module not in CHILD_MODULES:
        raise SystemExit(f"FieldApp: {CHILD_MODULE_ENV}={module} is not a module FieldApp runs.")
    import runpy  # only here: not part of every start

    runpy.run_module(module, run_name="__main__", alter_sys=True)
    return True
