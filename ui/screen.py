"""Fitting FieldApp on a small screen: a 1366 x 768 rugged laptop is the size to design for.

Windows open at their preferred size or the screen's free area, whichever is
smaller (the window manager's title bar and panel take their share), and
never below a minimum that still shows every control. A form taller than
the space it gets scrolls instead of being squashed, so its buttons stay
whole and reachable.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

#: the smallest screen FieldApp is laid out for
SMALL_SCREEN = QSize(1366, 768)
#: a title bar the window manager draws above a window (not part of its geometry), and its border
TITLE_BAR_PX = 32
BORDER_PX = 4
#: below this the workbench would hide controls; the window may not be made smaller
MIN_WINDOW = QSize(1024, 600)
#: characters a pick list in a dialog shows without widening the dialog (the list opens wider)
COMBO_CHARS = 24


def free_area(widget: QWidget) -> QRect:
    """The part of the widget's screen a window may use (without panels and docks)."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, SMALL_SCREEN.width(),
                                                                        SMALL_SCREEN.height())


def frame_size(window: QWidget) -> QSize:
    """What the window manager adds around a window: its own once shown, else a typical title bar and border."""
    if window.isVisible():
        extra = window.frameGeometry().size() - window.geometry().size()
        if extra.width() > 0 or extra.height() > 0:
            return extra
    return QSize(2 * BORDER_PX, TITLE_BAR_PX + 2 * BORDER_PX)


def fit_to_screen(window: QWidget, width: int, height: int, *, minimum: QSize | None = None) -> QSize:
    """Resize ``window`` to ``width`` x ``height``, or to its screen's free area when that is smaller.

    Returns the size given. The frame the window manager draws is counted
    in; a ``minimum`` (the main window's) is capped to the screen as well.
    """
    area = free_area(window)
    frame = frame_size(window)
    room = QSize(area.width() - frame.width(), max(200, area.height() - frame.height()))
    size = QSize(min(width, room.width()), min(height, room.height()))
    if minimum is not None:
        window.setMinimumSize(minimum.boundedTo(room))
    window.resize(size)
    if window.isWindow():
        # centred in the free area, so neither the title bar nor the bottom edge is off-screen
        outer = QRect(0, 0, size.width() + frame.width(), size.height() + frame.height())
        outer.moveCenter(area.center())
        window.move(max(area.left(), outer.left()), max(area.top(), outer.top()))
    return size


def fit_dialog(dialog: QWidget) -> None:
    """A dialog no larger than the screen's free area (call after its layout is set).

    Its pick lists are as wide as a reasonable entry rather than the longest:
    a Dutch positioning-class label made the settings dialog 2,193 px wide.
    """
    for combo in dialog.findChildren(QComboBox):
        if combo.sizeAdjustPolicy() != QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon:
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(COMBO_CHARS)
    hint = dialog.sizeHint()
    fit_to_screen(dialog, hint.width(), hint.height())


class Scroller(QScrollArea):
    """A form in a scroll area: it scrolls on a short screen, and is never made narrower than it needs."""

    def __init__(self, form: QWidget) -> None:
        super().__init__()
        self.setObjectName(f"scroll-{form.objectName() or type(form).__name__}")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setWidget(form)

    def minimumSizeHint(self) -> QSize:
        # as wide as the form's narrowest (its buttons whole, in any language and theme), as short as a few rows
        form = self.widget()
        base = super().minimumSizeHint()
        if form is None:
            return base
        return QSize(form.minimumSizeHint().width() + self.verticalScrollBar().sizeHint().width(), base.height())


class FormPage(QWidget):
    """A tab page: the form scrolls, its buttons stay in view below it (``footer``, None is a stretch).

    "Save layer" at the bottom of a tall form was below the fold at 1366 x 768;
    here it is always on screen, whatever the form's height.
    """

    def __init__(self, form: QWidget, footer: Sequence[QWidget | None] = ()) -> None:
        super().__init__()
        self.form = form
        self.scroller = Scroller(form)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(self.scroller, 1)
        if footer:
            row = QHBoxLayout()
            row.setContentsMargins(9, 2, 9, 6)
            for widget in footer:
                if widget is None:
                    row.addStretch(1)
                else:
                    row.addWidget(widget, 1 if isinstance(widget, QLabel) else 0)  # moved out of the form
            box.addLayout(row)

    def minimumSizeHint(self) -> QSize:
        return self.layout().minimumSize() if self.layout() is not None else super().minimumSizeHint()


class FormTabs(QTabWidget):
    """Tabs whose forms scroll when the window is short; a form is still found by itself.

    ``indexOf``, ``setCurrentWidget`` and ``currentWidget`` look through the
    scroll area, so ``tabs.setCurrentWidget(window.layer_form)`` works as for
    an unwrapped tab.
    """

    def insert_form(self, index: int, form: QWidget, title: str, footer: Sequence[QWidget | None] = ()) -> int:
        return self.insertTab(index, FormPage(form, footer), title)

    def page(self, index: int) -> QWidget | None:
        w = self.widget(index)
        return w.form if isinstance(w, FormPage) else w

    def indexOf(self, widget: QWidget) -> int:  # type: ignore[override]
        for i in range(self.count()):
            if widget is self.widget(i) or widget is self.page(i):
                return i
        return -1

    def setCurrentWidget(self, widget: QWidget) -> None:  # type: ignore[override]
        index = self.indexOf(widget)
        if index >= 0:
            self.setCurrentIndex(index)

    def currentWidget(self) -> QWidget | None:  # type: ignore[override]
        return self.page(self.currentIndex())
