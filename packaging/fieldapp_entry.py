"""The frozen FieldApp's entry point (packaging/fieldapp.spec): the `fieldapp` program.

A frozen build has no Python interpreter to run ``python -m fieldapp.demo_boreholes``
with, so a child process of FieldApp is FieldApp started again with
``FIELDAPP_CHILD_MODULE`` set (fieldapp/runtime.py); anything else is the
program as installed.
"""

import sys

from fieldapp.runtime import run_child_module

if __name__ == "__main__":
    if run_child_module():
        sys.exit(0)
    from ui.main import main

    sys.exit(main())
