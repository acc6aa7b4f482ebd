"""Stop early, with the fix spelled out, when the Python is too old for FieldApp."""

import sys

if sys.version_info < (3, 11):  # noqa: UP036 - this runs under whatever python3 the machine has
    sys.exit(
        f"FieldApp needs Python 3.11 or newer; this is {sys.version.split()[0]}. "
        "Install python3.11 (or newer) and run: make PYTHON=python3.11 run"
    )
