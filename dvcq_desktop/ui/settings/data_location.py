"""Cài đặt → Thư mục dữ liệu: move the data out of the Windows profile, and a second backup place.

The move follows the restore's pattern (backup_actions.py): the new folder is checked first
(nothing is closed when it is refused), the workspace is closed, copied and verified
(services/data_folder.py), the copy is opened, and only then is it remembered for the next
start; if the copy does not open, the old folder is reopened and nothing is remembered. The old
folder is kept as it was. The launcher then rebuilds the window (`Hub.workspace_replaced`).
"""

from __future__ import annotations

import dataclasses
import logging
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dvcq_desktop.errors import DvcqError, user_message
from dvcq_desktop.services.data_folder import check_target, copy_workspace, remember_workspace
from dvcq_desktop.storage import backups
from dvcq_desktop.storage.workspace import Workspace
from dvcq_desktop.ui.common.context import AppContext
from dvcq_desktop.ui.common.widgets import set_enabled_why

log = logging.getLogger(__name__)


def move_into_context(ctx: AppContext, target: Path) -> Path:
    """Close, copy, open the copy, remember it; returns the old folder (kept). Qt-dialog free."""
    old = ctx.workspace
    old_root = old.root
    check_target(old_root, target)
    ctx.hub.workspace_closing.emit()  # pending edits are written first, so the copy has them
    ctx.tasks.wait(30000)
    old.close()
    try:
        copy_workspace(old_root, target)
        ctx.workspace = Workspace.open(target, auto_backup=False)
    except BaseException:
        ctx.workspace = Workspace.open(old_root, auto_backup=False)
        ctx.hub.workspace_replaced.emit()
        raise
    remember_workspace(ctx.paths.config_dir, ctx.workspace.root, old_root)
    ctx.paths = dataclasses.replace(ctx.paths, workspace=ctx.workspace.root)
    ctx.hub.workspace_replaced.emit()
    ctx.hub.settings_changed.emit()
    return old_root


class DataLocationBox(QGroupBox):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setTitle(self.tr("Khi đổi máy hoặc tài khoản Windows"))
        hint = QLabel(
            self.tr(
                "Nếu máy tự xóa hồ sơ người dùng khi đăng xuất, hãy chuyển thư mục dữ liệu sang ổ khác "
                "(ví dụ D:\\) và đặt thêm nơi sao lưu thứ hai (USB, thư mục dùng chung). Bản sao lưu hằng "
                "ngày và bản sao lưu bằng tay được chép thêm vào đó mỗi khi nơi ấy sẵn sàng."
            ),
            self,
        )
        hint.setWordWrap(True)
        self.move_button = QPushButton(self.tr("Chuyển thư mục dữ liệu…"), self)
        self.move_button.clicked.connect(self._choose_move)
        self.mirror_label = QLabel(self)
        self.mirror_label.setWordWrap(True)
        self.mirror_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.mirror_button = QPushButton(self.tr("Chọn nơi sao lưu thứ hai…"), self)
        self.mirror_button.clicked.connect(self._choose_mirror)
        self.mirror_clear = QPushButton(self.tr("Bỏ"), self)
        self.mirror_clear.clicked.connect(lambda: self.set_mirror(None))
        mirror_row = QHBoxLayout()
        mirror_row.addWidget(self.mirror_label, 1)
        mirror_row.addWidget(self.mirror_button)
        mirror_row.addWidget(self.mirror_clear)
        lay = QVBoxLayout(self)
        lay.addWidget(hint)
        lay.addWidget(self.move_button, 0, Qt.AlignmentFlag.AlignLeft)
        lay.addLayout(mirror_row)

    def refresh(self) -> None:
        mirror = backups.mirror_dir_of(self.ctx.workspace.db)
        if mirror is None:
            self.mirror_label.setText(self.tr("Nơi sao lưu thứ hai: chưa đặt"))
        elif mirror.is_dir():
            self.mirror_label.setText(self.tr("Nơi sao lưu thứ hai: {path}").format(path=str(mirror)))
        else:
            self.mirror_label.setText(
                self.tr("Nơi sao lưu thứ hai: {path} (chưa cắm hoặc chưa kết nối)").format(path=str(mirror))
            )
        set_enabled_why(self.mirror_clear, mirror is not None, self.tr("Chưa chọn nơi sao lưu thứ hai."))

    def set_mirror(self, folder: Path | None) -> None:
        self.ctx.workspace.set_setting(backups.MIRROR_KEY, str(folder) if folder else "")
        self.refresh()

    def _choose_mirror(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Chọn nơi sao lưu thứ hai"))
        if folder:
            self.set_mirror(Path(folder))

    def _choose_move(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Chọn thư mục mới cho dữ liệu (thư mục trống)")
        )
        if folder:
            self.request_move(Path(folder))

    def request_move(self, target: Path, *, confirm: bool = True) -> bool:
        if confirm:
            answer = QMessageBox.question(
                self,
                self.tr("Chuyển thư mục dữ liệu"),
                self.tr(
                    "Chép toàn bộ dữ liệu sang:\n{path}\n\nChương trình đóng dữ liệu, chép và kiểm tra bản "
                    "chép, rồi mở dữ liệu ở thư mục mới. Thư mục cũ được giữ nguyên. Tiếp tục?"
                ).format(path=str(target)),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return False
        ctx = self.ctx  # this box belongs to the window the move replaces
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            old_root = move_into_context(ctx, target)
        except (DvcqError, OSError) as exc:
            QApplication.restoreOverrideCursor()
            log.warning("moving the data folder to %s failed: %r", target, exc)
            QMessageBox.warning(self, self.tr("Chưa chuyển được dữ liệu"), user_message(exc))
            return False
        QApplication.restoreOverrideCursor()
        ctx.hub.status_message.emit(
            self.tr("Đã chuyển dữ liệu sang {path}. Bản cũ vẫn được giữ tại {old}.").format(
                path=str(ctx.workspace.root), old=str(old_root)
            )
        )
        return True
