"""Photos on the workbench: thumbnails of the borehole's photos (its own, its
layers' and samples') and the site's, and adding one from a file, or from a
camera where QtMultimedia and a camera are there.

The photo is kept by the core (fieldapp.domain.photo) with the GNSS fix the
window hands in, if any; a thumbnail is decoded at its shown size
(QImageReader scales a JPEG while decoding it), never the full picture.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon, QImageReader, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.domain import layer as layer_mod
from fieldapp.domain import photo as photo_mod
from fieldapp.domain import sample as sample_mod
from fieldapp.domain.borehole import Borehole
from fieldapp.domain.photo import Photo
from fieldapp.errors import FieldAppError
from fieldapp.session import Session
from ui.field_errors import message
from ui.i18n import decimal, in_metres, tr
from ui.models import title_label

if TYPE_CHECKING:
    from fieldapp.positions.model import Fix

THUMB = QSize(96, 72)
#: thumbnails kept decoded (about 27 KB each)
THUMBS_KEPT = 64
_PATTERNS = " (*.jpg *.jpeg *.png *.tif *.tiff *.webp)"


def camera_available() -> bool:
    """Whether a camera can be used here (QtMultimedia installed and a camera attached)."""
    try:
        from PySide6.QtMultimedia import QMediaDevices
    except ImportError:
        return False
    return bool(QMediaDevices.videoInputs())


def thumbnail(path: Path, size: QSize = THUMB) -> QPixmap:
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)  # the camera's orientation tag
    full = reader.size()
    if full.isValid():
        reader.setScaledSize(full.scaled(size, Qt.AspectRatioMode.KeepAspectRatio))
    return QPixmap.fromImage(reader.read())


class PhotoStrip(QWidget):
    """The photos of the shown borehole and its project's site, and the controls to add one."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.fix_source: Callable[[], Fix | None] = lambda: None  # the window hands in its GNSS bridge's
        self.project_id: str | None = None
        self.borehole: Borehole | None = None
        self._thumbs: dict[str, QPixmap] = {}
        self.title = title_label(tr("Photos"))
        self.view = QListWidget()
        self.view.setViewMode(QListView.ViewMode.IconMode)
        self.view.setFlow(QListView.Flow.LeftToRight)
        self.view.setWrapping(False)
        self.view.setIconSize(THUMB)
        self.view.setMovement(QListView.Movement.Static)
        self.view.setFixedHeight(THUMB.height() + 48)
        self.target = QComboBox()
        self.target.setToolTip(tr("What the photo shows"))  # data: "kind:id" (the site: "site:")
        self.caption = QLineEdit()
        self.caption.setPlaceholderText(tr("Caption"))
        self.add_button = QPushButton(tr("Add photo…"))
        self.add_button.clicked.connect(lambda: self.add_from_file())
        self.camera_button = QPushButton(tr("Camera…"))
        self.camera_button.setVisible(camera_available())
        self.camera_button.clicked.connect(self.add_from_camera)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setVisible(False)
        controls = QHBoxLayout()
        controls.addWidget(self.target, 2)
        controls.addWidget(self.caption, 3)
        controls.addWidget(self.add_button)
        controls.addWidget(self.camera_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.view)
        layout.addLayout(controls)
        layout.addWidget(self.error)
        self.show_borehole(None)

    def show_borehole(self, bh: Borehole | None) -> None:
        self.borehole = bh
        self.project_id = bh.project_id if bh is not None else None
        self._fill_targets()
        self.reload()

    def _fill_targets(self) -> None:
        self.target.clear()
        bh, store = self.borehole, self.session.store
        if bh is not None:
            self.target.addItem(tr("Borehole {c}").format(c=bh.code), f"borehole:{bh.id}")
            for lay in layer_mod.of_borehole(store, bh.id):
                self.target.addItem(tr("Layer {a}–{b} m").format(a=in_metres(lay.upper_cm), b=in_metres(lay.lower_cm)),
                                    f"layer:{lay.id}")
            for s in sample_mod.of_borehole(store, bh.id):
                self.target.addItem(tr("Sample {c}").format(c=s.code), f"sample:{s.id}")
            self.target.addItem(tr("The site"), "site:")
        enabled = bh is not None
        for w in (self.target, self.caption, self.add_button, self.camera_button):
            w.setEnabled(enabled)

    def photos(self) -> list[Photo]:
        if self.borehole is None or self.project_id is None:
            return []
        store = self.session.store
        return photo_mod.of_borehole(store, self.borehole.id) + photo_mod.of_site(store, self.project_id)

    def reload(self) -> None:
        self.view.clear()
        shown = self.photos()
        folder = photo_mod.blobs(self.session.store)
        for p in shown:
            item = QListWidgetItem(p.caption or p.file_name)
            if folder.has(p.sha256):
                item.setIcon(QIcon(self._thumbnail(p.sha256, folder.path(p.sha256))))
            else:
                item.setText(tr("{c} (not fetched yet)").format(c=p.caption or p.file_name))
            where = (tr("{lat} N, {lon} E").format(lat=decimal(p.lat, 6), lon=decimal(p.lon, 6))
                     if p.lat is not None and p.lon is not None else tr("no position"))
            item.setToolTip("\n".join((p.file_name, (p.taken_at or "").replace("T", " "), where,
                                       f"SHA-256 {p.sha256[:16]}…")))
            item.setData(Qt.ItemDataRole.UserRole, p.id)
            self.view.addItem(item)
        self.title.setText(tr("Photos ({n})").format(n=len(shown)) if self.borehole is not None else tr("Photos"))

    def _thumbnail(self, sha256: str, path: Path) -> QPixmap:
        """The photo's thumbnail, decoded once: the site's photos are shown again with every borehole
        selected (a file is named by its content's hash, so a kept thumbnail is never out of date)."""
        if (kept := self._thumbs.get(sha256)) is None:
            if len(self._thumbs) >= THUMBS_KEPT:
                self._thumbs.clear()
            kept = self._thumbs[sha256] = thumbnail(path)
        return kept

    def add_from_file(self, path: Path | None = None) -> Photo | None:
        """Attach the file at ``path`` (None: ask with a file picker) to the chosen object."""
        if self.project_id is None:
            return None
        if path is None:
            chosen, _filter = QFileDialog.getOpenFileName(self, tr("Add photo"), str(Path.home()),
                                                         tr("Photos") + _PATTERNS)
            if not chosen:
                return None
            path = Path(chosen)
        kind, _, object_id = str(self.target.currentData() or "site:").partition(":")
        try:
            added = photo_mod.add(self.session, self.project_id, path, object_kind=kind, object_id=object_id or None,
                                  caption=self.caption.text(), fix=self.fix_source())
        except FieldAppError as exc:
            self.error.setText(message(exc))
            self.error.setVisible(True)
            return None
        self.error.setVisible(False)
        self.caption.clear()
        self.reload()
        return added

    def add_from_camera(self) -> None:
        """Take a picture with the first camera (QtMultimedia) and attach it like a file."""
        from PySide6.QtMultimedia import QCamera, QImageCapture, QMediaCaptureSession

        session = QMediaCaptureSession(self)
        camera = QCamera(self)
        capture = QImageCapture(self)
        session.setCamera(camera)
        session.setImageCapture(capture)
        shot = Path(tempfile.mkdtemp(prefix="fieldapp-camera-")) / "camera.jpg"

        def saved(_id: int, name: str) -> None:
            camera.stop()
            self.add_from_file(Path(name))

        capture.imageSaved.connect(saved)
        capture.errorOccurred.connect(lambda _id, _e, text: self.error.setText(text) or self.error.setVisible(True))
        camera.start()
        capture.captureToFile(str(shot))
