"""What "fits on the screen" means for a window: every control reachable, every text whole.

A control is reachable when it lies inside each of its parents (a control
outside its parent is cut off and cannot be clicked) up to the window, and
the window lies inside the screen; inside a scroll area it is reachable by
scrolling, so there the scroll area's viewport must be. A text is whole
when its widget is at least as large as the text needs: a label's size
hint (or, wrapped, its height for its width), a button's size hint, a tab's
size hint; a toolbar or menu bar that pushed actions into its overflow menu
hides them.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QLabel,
    QMenuBar,
    QSizeGrip,
    QStatusBar,
    QTabBar,
    QToolBar,
    QWidget,
)

#: the rugged laptop's screen
SCREEN = QRect(0, 0, 1366, 768)


def describe(w: QWidget) -> str:
    text = ""
    if isinstance(w, QLabel | QAbstractButton):
        text = w.text()
    elif w.isWindow():
        text = w.windowTitle()
    name = w.objectName()
    return f"{type(w).__name__}{'#' + name if name else ''}{' ' + repr(text[:60]) if text else ''}"


def _in_viewport(parent: QWidget) -> bool:
    area = parent.parentWidget()
    return isinstance(area, QAbstractScrollArea) and area.viewport() is parent


def _cut_off(w: QWidget, window: QWidget) -> tuple[str | None, QRect]:
    """Why ``w`` cannot be reached inside ``window`` (or None), and its reachable rect in window coordinates."""
    rect = QRect(QPoint(0, 0), w.size())
    child, parent = w, w.parentWidget()
    while child is not window and parent is not None:
        rect = rect.translated(child.pos())
        if _in_viewport(parent):
            rect = QRect(QPoint(0, 0), parent.size())  # reachable by scrolling: the viewport must be
        elif not parent.rect().contains(rect):
            return f"{describe(w)} is cut off by {describe(parent)} ({rect} outside {parent.rect()})", rect
        child, parent = parent, parent.parentWidget()
    return None, rect


def _text_cut(w: QWidget) -> str | None:
    if isinstance(w, QLabel) and w.text() and w.pixmap().isNull():
        if w.wordWrap():
            need = w.heightForWidth(w.width())
            if need > w.height() + 1:
                return f"{describe(w)} needs {need} px of height, has {w.height()}"
        else:
            hint = w.sizeHint()
            if hint.width() > w.width() + 1 or hint.height() > w.height() + 1:
                return f"{describe(w)} needs {hint.width()}x{hint.height()}, has {w.width()}x{w.height()}"
    elif isinstance(w, QAbstractButton) and w.text():
        hint = w.sizeHint()
        if hint.width() > w.width() + 1 or hint.height() > w.height() + 1:
            return f"{describe(w)} needs {hint.width()}x{hint.height()}, has {w.width()}x{w.height()}"
    elif isinstance(w, QTabBar):
        for i in range(w.count()):
            if w.tabRect(i).width() + 1 < w.tabSizeHint(i).width() or not w.rect().contains(w.tabRect(i)):
                return f"tab {w.tabText(i)!r} is elided or scrolled away in {describe(w.parentWidget() or w)}"
    elif isinstance(w, QStatusBar) and w.currentMessage() and not hasattr(w, "message_label"):
        # the message is painted left of the permanent widgets and cut where they begin (the main window's
        # ui.status_bar.StatusBar shows it in a wrapped label instead, checked as every label is)
        room = min([c.x() for c in w.findChildren(QWidget) if c.isVisible() and c.parentWidget() is w
                    and not isinstance(c, QSizeGrip)] or [w.width()])
        need = w.fontMetrics().horizontalAdvance(w.currentMessage()) + 8
        if need > room:
            return f"status message {w.currentMessage()!r} needs {need} px, has {room}"
    elif isinstance(w, QToolBar | QMenuBar):
        ext = w.findChild(QAbstractButton, "qt_toolbar_ext_button") or w.findChild(
            QAbstractButton, "qt_menubar_ext_button")
        if ext is not None and ext.isVisible():
            return f"{describe(w)} has no room for all its actions (its overflow button is shown)"
    return None


def problems(window: QWidget, screen: QRect = SCREEN) -> list[str]:
    """Everything in ``window`` (shown, laid out) that is cut off, off-screen or too small for its text."""
    QApplication.processEvents()
    found: list[str] = []
    if not screen.contains(window.frameGeometry()):
        found.append(f"window {describe(window)} {window.frameGeometry()} (with its frame) is larger than "
                     f"or outside the screen {screen}")
    frame = window.geometry()  # the client area in screen coordinates
    for w in [window, *window.findChildren(QWidget)]:
        if not w.isVisible() or w.window() is not window:
            continue
        text = _text_cut(w)
        if text:
            found.append(text)
        if isinstance(w, QAbstractButton) and w is not window:
            why, rect = _cut_off(w, window)
            if why:
                found.append(why)
            elif not screen.contains(rect.translated(frame.topLeft())):
                found.append(f"{describe(w)} is off the screen at {rect.translated(frame.topLeft())}")
        elif isinstance(w, QLabel) and w.text():
            why, _rect = _cut_off(w, window)
            if why:
                found.append(why)
    return found
