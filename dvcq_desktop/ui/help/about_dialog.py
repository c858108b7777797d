"""Giới thiệu (About): version, data folder, SQLite/Qt/Python versions, licence; app icon helpers."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, qVersion
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dvcq_desktop.paths import AppPaths
from dvcq_desktop.services.about import about_info, about_lines, about_notes, about_text
from dvcq_desktop.ui.common.style import app_icon


def qt_version() -> str:
    import PySide6

    return f"{qVersion()} (PySide6 {PySide6.__version__})"


def print_version(paths: AppPaths) -> int:
    """`dvcq-desktop --version`: like `dvcq --version`, plus the Qt version."""
    if sys.stdout is not None:  # the windowed Windows exe has no console to print to
        print(about_text(about_info(paths), qt=qt_version()), flush=True)
    return 0


class AboutDialog(QDialog):
    def __init__(
        self, paths: AppPaths, parent: QWidget | None = None, *, sqlite_version: str | None = None
    ) -> None:
        super().__init__(parent)
        self.info = about_info(paths)
        self.notes = about_notes(sqlite_version)
        self.setWindowTitle(self.tr("Giới thiệu"))
        lay = QVBoxLayout(self)
        head = QHBoxLayout()
        icon = QLabel()
        icon.setPixmap(app_icon().pixmap(64, 64))
        head.addWidget(icon)
        title = QLabel(f"<b>{self.info['title']}</b><br>{self.info['name']} {self.info['version']}")
        head.addWidget(title, 1)
        lay.addLayout(head)
        self.lines = about_lines(self.info, qt=qt_version())
        self.details = QLabel("\n".join(self.lines))
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay.addWidget(self.details)
        self.notes_label = QLabel("\n\n".join(self.notes))
        self.notes_label.setObjectName("aboutNotes")
        self.notes_label.setWordWrap(True)
        self.notes_label.setStyleSheet("color: #9a6700;")
        self.notes_label.setVisible(bool(self.notes))
        lay.addWidget(self.notes_label)
        lay.addWidget(QLabel(self.tr("Phần mềm tự do theo giấy phép MIT. Dữ liệu chỉ lưu trên máy này.")))
        buttons = QDialogButtonBox()
        open_folder = QPushButton(self.tr("Mở thư mục dữ liệu"))
        open_folder.clicked.connect(self.open_data_folder)
        copy = QPushButton(self.tr("Chép thông tin"))
        copy.setToolTip(self.tr("Chép các dòng trên để gửi cho cán bộ hỗ trợ kỹ thuật"))
        copy.clicked.connect(self.copy_info)
        buttons.addButton(open_folder, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setText(self.tr("Đóng"))
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)

    def copy_info(self) -> None:
        QGuiApplication.clipboard().setText(about_text(self.info, qt=qt_version(), notes=self.notes))

    def open_data_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(self.info["data_folder"]))))
