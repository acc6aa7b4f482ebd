"""The normal look and the high-contrast "sunlight" look; touch-friendly sizes.

Sunlight is black on white with heavy borders and larger type: on a matte
laptop screen in full sun, mid-greys and pastel selection colours vanish.
Sizes are in device-independent pixels, so Qt's high-DPI scaling keeps the
44 px touch targets 44 px wide for a finger on any screen.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

TOUCH_PX = 44  # the smallest target a gloved finger hits reliably
THEMES = ("normal", "sunlight")

# FieldApp looks the same on every laptop: Qt's Fusion style with Fusion's own palette, not the
# desktop's (a dark Windows theme would otherwise darken half a form). ui.app.application gives
# QApplication these arguments so that Qt makes the style itself: the first QStyle that passes through
# Python makes PySide build its 19 Python enums, 6 ms of a start that must stay within twice a bare
# window's. For the same reason the palette is Fusion's colours as a table (to the 8 bits a screen
# shows; tests/ui/test_start_cost.py holds it to QStyleFactory.create("Fusion").standardPalette()).
STYLE_ARGUMENTS = ("-style", "fusion")
_FUSION_FROM_START = "fieldapp-fusion"  # application property: made with STYLE_ARGUMENTS
_FUSION = {
    "WindowText": "#000000", "Button": "#efefef", "Light": "#ffffff", "Midlight": "#cacaca", "Dark": "#9f9f9f",
    "Mid": "#b8b8b8", "Text": "#000000", "BrightText": "#ffffff", "ButtonText": "#000000", "Base": "#ffffff",
    "Window": "#efefef", "Shadow": "#767676", "Highlight": "#308cc6", "HighlightedText": "#ffffff",
    "AlternateBase": "#f7f7f7", "ToolTipBase": "#ffffdc", "ToolTipText": "#000000",
    "PlaceholderText": "#80000000", "Accent": "#308cc6",
}  # Link and LinkVisited are left to Qt, as Fusion's palette leaves them
_FUSION_DISABLED = _FUSION | {
    "WindowText": "#bebebe", "Dark": "#bebebe", "Text": "#bebebe", "ButtonText": "#bebebe", "Base": "#efefef",
    "Shadow": "#b1b1b1", "Highlight": "#919191", "Accent": "#919191",
}


@dataclass(frozen=True)
class StatusColours:
    """Background and text colours of the GNSS indicator and warnings."""

    good: tuple[str, str]
    fair: tuple[str, str]
    bad: tuple[str, str]
    idle: tuple[str, str]


NORMAL_STATUS = StatusColours(good=("#1b7a2f", "#ffffff"), fair=("#b36b00", "#ffffff"),
                              bad=("#b00020", "#ffffff"), idle=("#5f6368", "#ffffff"))
SUNLIGHT_STATUS = StatusColours(good=("#005a14", "#ffffff"), fair=("#000000", "#ffd500"),
                                bad=("#c00000", "#ffffff"), idle=("#000000", "#ffffff"))


def status_colours(theme: str) -> StatusColours:
    return SUNLIGHT_STATUS if theme == "sunlight" else NORMAL_STATUS


# No min-width on buttons: a style-sheet minimum replaces the button's own (its text), and a squeezed
# layout then cut "Laag opslaan" to 44 px. Padding keeps a one-letter button wide enough for a finger.
_COMMON = f"""
QPushButton, QToolButton {{ min-height: {TOUCH_PX}px; padding: 0 12px; }}
QLineEdit, QComboBox, QDoubleSpinBox, QSpinBox {{ min-height: {TOUCH_PX - 4}px; padding: 0 6px; }}
QTabBar::tab {{ min-height: {TOUCH_PX}px; min-width: 110px; padding: 0 14px; }}
QLabel[role="error"] {{ font-weight: bold; }}
QLabel[role="warning"] {{ font-weight: bold; }}
"""

_NORMAL = _COMMON + """
QToolBar QToolButton { border: 1px solid #80868b; border-radius: 4px; background: #ffffff; margin: 2px; }
QToolBar QToolButton:hover { background: #e8f0fe; }
QToolBar QToolButton:pressed { background: #d2e3fc; }
QToolBar QToolButton:disabled { color: #80868b; border-color: #c4c7c5; background: #f1f3f4; }
QLabel[role="error"] { color: #b00020; }
QLabel[role="warning"] { color: #8a4b00; }
QLineEdit[invalid="true"], QComboBox[invalid="true"] { border: 2px solid #b00020; }
"""

_SUNLIGHT = _COMMON + """
QWidget { color: #000000; background: #ffffff; }
QLineEdit, QComboBox, QDoubleSpinBox, QSpinBox, QTableView, QListView, QPlainTextEdit {
    border: 2px solid #000000; background: #ffffff; selection-background-color: #000000;
    selection-color: #ffffff; }
QLineEdit:focus, QComboBox:focus { border: 4px solid #0040ff; }
QPushButton, QToolButton { border: 2px solid #000000; background: #ffe14d; font-weight: bold; }
QPushButton:pressed, QToolButton:pressed { background: #000000; color: #ffffff; }
QPushButton:disabled, QToolButton:disabled { background: #ffffff; color: #555555; border-color: #555555; }
QPushButton:focus { border: 4px solid #0040ff; }
QHeaderView::section { background: #000000; color: #ffffff; font-weight: bold; padding: 4px;
    border: 1px solid #ffffff; }
QTabBar::tab { border: 2px solid #000000; background: #ffffff; font-weight: bold; }
QTabBar::tab:selected { background: #000000; color: #ffffff; }
QTableView { gridline-color: #000000; alternate-background-color: #e8e8e8; }
QListView { alternate-background-color: #e8e8e8; }
QStatusBar { border-top: 2px solid #000000; }
QLabel[role="error"] { color: #c00000; }
QLabel[role="warning"] { color: #000000; background: #ffd500; padding: 2px; }
QLineEdit[invalid="true"], QComboBox[invalid="true"] { border: 4px solid #c00000; }
QGroupBox { border: 2px solid #000000; margin-top: 1.4em; font-weight: bold; }
QGroupBox::title { subcontrol-origin: margin; left: 8px; }
"""

BASE_POINT_SIZE = {"normal": 11.0, "sunlight": 13.0}


def started_with_fusion(app: QApplication) -> None:
    """Record that ``app`` was made with :data:`STYLE_ARGUMENTS` (apply_theme need not set the style)."""
    app.setProperty(_FUSION_FROM_START, True)


def fusion_palette() -> QPalette:
    """Fusion's standard palette, without asking a Fusion style for it."""
    palette = QPalette()
    for group, colours in ((QPalette.ColorGroup.Active, _FUSION), (QPalette.ColorGroup.Inactive, _FUSION),
                           (QPalette.ColorGroup.Disabled, _FUSION_DISABLED)):
        for role, colour in colours.items():
            palette.setColor(group, getattr(QPalette.ColorRole, role), QColor(colour))
    return palette


def current_theme() -> str:
    """The theme applied last ("normal" before any)."""
    app = QApplication.instance()
    theme = app.property("fieldapp-theme") if app is not None else None
    return theme if theme in THEMES else "normal"


def apply_theme(app: QApplication, theme: str) -> None:
    """Palette, style sheet and type size for ``theme`` ("normal" or "sunlight")."""
    theme = theme if theme in THEMES else "normal"
    if not app.property(_FUSION_FROM_START):
        style = QStyleFactory.create("Fusion")
        if style is not None:
            app.setStyle(style)
    palette = fusion_palette()
    if theme == "sunlight":
        black, white = QColor("#000000"), QColor("#ffffff")
        for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText,
                     QPalette.ColorRole.PlaceholderText):
            palette.setColor(role, black)
        for role in (QPalette.ColorRole.Window, QPalette.ColorRole.Base, QPalette.ColorRole.Button):
            palette.setColor(role, white)
        palette.setColor(QPalette.ColorRole.Highlight, black)
        palette.setColor(QPalette.ColorRole.HighlightedText, white)
    app.setPalette(palette)
    app.setProperty("fieldapp-theme", theme)  # for widgets that draw themselves (ui/purge_chart.py)
    app.setStyleSheet(_SUNLIGHT if theme == "sunlight" else _NORMAL)
    font = QFont(app.font())
    font.setPointSizeF(BASE_POINT_SIZE[theme])
    app.setFont(font)
