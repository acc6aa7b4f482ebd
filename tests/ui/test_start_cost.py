"""Issue 18, the first window within twice a bare window's start: two costs PySide adds to every start
and FieldApp avoids (ui/theme.py, ui/pyside_import.py), each checked in a fresh process, as the
program starts, and against the behaviour it must keep (Fusion with Fusion's colours; no __feature__)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

from fieldapp import demo
from fieldapp.session import Session
from fieldapp.settings import Settings
from ui.theme import fusion_palette

ROOT = Path(__file__).resolve().parents[2]


def _python(code: str, tmp_path: Path, *args: str) -> list[str]:
    config = tmp_path / "config"
    config.mkdir(exist_ok=True)
    (config / "settings.json").write_text('{"user": "Tester"}', encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", FIELDAPP_CONFIG_DIR=str(config), PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(code), *args], env=env, cwd=tmp_path,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


def test_the_palette_is_fusions_own_in_every_colour_group_and_role(qapp: QApplication) -> None:
    ours, fusions = fusion_palette(), QStyleFactory.create("Fusion").standardPalette()
    groups = (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive, QPalette.ColorGroup.Disabled)
    roles = [r for r in QPalette.ColorRole if r != QPalette.ColorRole.NColorRoles]

    def argb(palette: QPalette, group: QPalette.ColorGroup, role: QPalette.ColorRole) -> str:
        return palette.color(group, role).name(QColor.NameFormat.HexArgb)

    differ = [(g.name, r.name, argb(ours, g, r), argb(fusions, g, r))
              for g in groups for r in roles if argb(ours, g, r) != argb(fusions, g, r)]
    assert differ == [], "Qt changed Fusion's palette: update _FUSION in ui/theme.py"
    # the same roles set, so the same ones (the links) come from the desktop
    assert ours.resolveMask() == fusions.resolveMask()


def test_the_first_window_is_fusion_without_wrapping_a_style_in_python(tmp_path: Path) -> None:
    db = tmp_path / "small.sqlite"
    with Session.open(db, settings=Settings(user="Tester")) as session:
        demo.create(session, boreholes=3, seed=1)
    said = _python("""
        import sys
        from pathlib import Path
        import shiboken6
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QStyle
        from ui.app import open_window
        gui = open_window(db=Path(sys.argv[1]), demo=False, gnss=False)
        def done():
            wrapped = [type(w).__name__ for w in shiboken6.getAllValidWrappers() if isinstance(w, QStyle)]
            print("styles-wrapped:" + ",".join(wrapped))
            # the style sheet's style draws over the base style Qt made: Fusion
            print("styles:" + ",".join(sorted(s.metaObject().className() for s in gui.app.findChildren(QStyle))))
            print("window:" + gui.app.palette().color(gui.app.palette().ColorRole.Window).name())
            gui.app.quit()
        QTimer.singleShot(0, done)
        gui.app.exec()
        gui.close()
    """, tmp_path, str(db))
    assert said == ["styles-wrapped:", "styles:QFusionStyle,QStyleSheetStyle", "window:#efefef"]


def test_modules_imported_after_the_window_module_are_not_read_by_pysides_hook(tmp_path: Path) -> None:
    (tmp_path / "a_new_module.py").write_text("VALUE = 1\n", encoding="utf-8")
    check = """
        import linecache, sys
        sys.path.insert(0, ".")
        import PySide6.QtCore
        {first}
        import a_new_module
        print("read:" + str(any(name.endswith("a_new_module.py") for name in linecache.cache)))
    """
    # the control: PySide alone reads it (if this fails, PySide no longer does: ui/pyside_import.py can go)
    assert _python(check.format(first="pass"), tmp_path) == ["read:True"]
    assert _python(check.format(first="import ui.app"), tmp_path) == ["read:False"]


def test_no_module_of_fieldapp_switches_on_a_pyside_feature() -> None:
    # the premise of ui/pyside_import.py: every module may be taken as one without features
    feature_import = re.compile(r"^\s*(from|import)\s+__feature__", re.MULTILINE)
    found = [str(p.relative_to(ROOT)) for package in ("ui", "fieldapp", "drivers")
             for p in (ROOT / package).rglob("*.py") if feature_import.search(p.read_text(encoding="utf-8"))]
    assert found == []


def test_an_application_made_without_a_program_name_is_still_fusion(tmp_path: Path) -> None:
    # an embedding host may leave sys.argv empty: "-style" must not be taken for the program's name
    said = _python("""
        import sys
        sys.argv = []
        from ui.app import application
        app = application()
        print(app.style().metaObject().className(), *app.arguments())
    """, tmp_path)
    assert said == ["QFusionStyle", "fieldapp"]
