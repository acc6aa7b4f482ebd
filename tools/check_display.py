"""Before `make run`: say plainly why Qt could not open a window, and how to fix it.

Plain Python on purpose (no Qt import): this runs before the GUI, and it must
work exactly when Qt would fail to start. Exit status 0 means "go ahead".
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import sys

# The xcb platform plugin of Qt 6 needs these system libraries besides libxcb
# itself; the Debian/Ubuntu package that provides each.
XCB_LIBRARIES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
}


def _loadable(soname: str) -> bool:
    try:
        ctypes.CDLL(soname)
    except OSError:
        # a library installed outside the loader path may still be found
        stem = soname.removeprefix("lib").split(".so", 1)[0]
        return ctypes.util.find_library(stem) is not None
    return True


def missing_xcb_packages() -> list[str]:
    return [package for soname, package in XCB_LIBRARIES.items() if not _loadable(soname)]


def check(environ: dict[str, str] | os._Environ[str], platform: str) -> str | None:
    """The problem to report, or None when a window can be opened."""
    qpa = environ.get("QT_QPA_PLATFORM", "")
    has_display = bool(environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"))
    if not platform.startswith("linux"):
        return None  # Windows and macOS always have a screen for Qt
    if not qpa and not has_display:
        return (
            "FieldApp needs a screen, but neither DISPLAY nor WAYLAND_DISPLAY is set "
            "(this looks like an SSH session or a server).\n"
            "  - on a desktop: run `make run` from a terminal inside the desktop session;\n"
            "  - without a screen: `xvfb-run -a make run` (sudo apt-get install xvfb),\n"
            "    or `QT_QPA_PLATFORM=offscreen make run` to start without showing anything."
        )
    uses_xcb = qpa.startswith("xcb") or (not qpa and bool(environ.get("DISPLAY"))
                                         and not environ.get("WAYLAND_DISPLAY"))
    if uses_xcb:
        missing = missing_xcb_packages()
        if missing:
            return (
                "Qt's X11 (xcb) plugin needs system libraries that are not installed: "
                + ", ".join(missing) + ".\n"
                "Install them with:\n"
                "  sudo apt-get install " + " ".join(missing)
            )
    return None


def main() -> int:
    problem = check(os.environ, sys.platform)
    if problem is None:
        return 0
    print(f"fieldapp: cannot open the window.\n{problem}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
