"""GUI tests run without a screen: the offscreen platform, set before Qt loads."""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# the pseudo-terminal receiver of the driver tests
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "drivers"))
