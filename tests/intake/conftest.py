"""Intake tests: GUI tests run offscreen; helpers importable by name."""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))
# the sync tests' real hub (uvicorn on 127.0.0.1) and enrolled devices
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "sync"))

