"""Step 2 of Nộp báo cáo, "Nơi lưu gói báo cáo": USB sticks first, then the folder used last time
and the workspace's own exports folder, or any folder the officer picks."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDir, Qt, Signal
from PySide6.QtWidgets import QComboBox, QFileDialog, QGroupBox, QLabel, QPushButton, QVBoxLayout

from dvcq_desktop.ui.common import destinations as dst
from dvcq_desktop.ui.common.context import AppContext
from dvcq_desktop.ui.common.flow_layout import FlowLayout

LAST_DIR_KEY = "last_export_dir"


class DestinationBox(QGroupBox):
    changed = Signal()  # another destination was chosen (or the list was rebuilt)

    def __init__(self, ctx: AppContext, title: str) -> None:
        super().__init__(title)
        self.ctx = ctx
        self.dest_combo = QComboBox()
        self.dest_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.dest_combo.setMinimumContentsLength(20)
        self.dest_combo.currentIndexChanged.connect(lambda _i: self._chosen())
        self.path_label = QLabel()
        self.path_label.setWordWrap(True)
        self.path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.rescan_btn = QPushButton(self.tr("Tìm lại USB"))
        self.rescan_btn.setToolTip(self.tr("Cắm USB xong thì bấm để hiện trong danh sách"))
        self.rescan_btn.clicked.connect(lambda _c=False: self.reload())
        self.browse_btn = QPushButton(self.tr("Chọn thư mục khác…"))
        self.browse_btn.setToolTip(self.tr("Lưu gói vào một thư mục bất kỳ"))
        self.browse_btn.clicked.connect(lambda _c=False: self.browse())
        self.dest_hint = QLabel()
        self.dest_hint.setWordWrap(True)
        self.dest_hint.setStyleSheet("color: #5b6b7a;")
        lay = QVBoxLayout(self)
        lay.addWidget(self.dest_combo)
        lay.addWidget(self.path_label)
        row = FlowLayout()  # the two buttons go one under the other when the box is narrow
        row.addWidget(self.rescan_btn)
        row.addWidget(self.browse_btn)
        row.addStretch(1)
        lay.addLayout(row)
        lay.addWidget(self.dest_hint)

    def reload(self) -> None:
        """Look for USB sticks again, keeping the current choice when it is still there."""
        current = self.destination()
        ws = self.ctx.workspace
        found: list[dst.Destination] = dst.removable_volumes()
        last = ws.setting(LAST_DIR_KEY)
        known = {d.path for d in found}
        if isinstance(last, str) and last and Path(last).is_dir() and Path(last) not in known:
            found.append(dst.folder(Path(last), self.tr("Thư mục đã dùng lần trước")))
            known.add(Path(last))
        if ws.exports_dir not in known:
            found.append(dst.folder(ws.exports_dir, self.tr("Thư mục xuất trong dữ liệu")))
        self.dest_combo.blockSignals(True)
        self.dest_combo.clear()
        for d in found:
            self.dest_combo.addItem(d.label(), str(d.path))
            self.dest_combo.setItemData(self.dest_combo.count() - 1, str(d.path), Qt.ItemDataRole.ToolTipRole)
        prefer = [
            current,
            Path(last) if isinstance(last, str) and last else None,
            next((d.path for d in found if d.removable), None),
        ]
        for p in prefer:
            if p is not None and self.dest_combo.findData(str(p)) >= 0:
                self.dest_combo.setCurrentIndex(self.dest_combo.findData(str(p)))
                break
        self.dest_combo.blockSignals(False)
        usb = sum(d.removable for d in found)
        self.dest_hint.setText(
            self.tr("Tìm thấy {n} USB.").format(n=usb)
            if usb
            else self.tr("Chưa thấy USB nào. Cắm USB rồi bấm “Tìm lại USB”, hoặc lưu vào thư mục.")
        )
        self._chosen()

    def destination(self) -> Path | None:
        data = self.dest_combo.currentData()
        return Path(data) if data else None

    def set_destination(self, path: Path) -> None:
        """Select `path` (adding it to the list): what "Chọn thư mục khác…" does after the dialog."""
        path = Path(path)
        idx = self.dest_combo.findData(str(path))
        if idx < 0:
            name = self.tr("Thư mục “{name}”").format(name=path.name or str(path))
            self.dest_combo.addItem(dst.folder(path, name).label(), str(path))
            idx = self.dest_combo.count() - 1
        self.dest_combo.setCurrentIndex(idx)
        self._chosen()

    def browse(self) -> None:
        start = str(self.destination() or self.ctx.workspace.exports_dir)
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Chọn thư mục lưu gói báo cáo"), start)
        if chosen:
            self.set_destination(Path(chosen))

    def set_running(self, running: bool) -> None:
        """No other destination while an export is writing to this one."""
        for w in (self.dest_combo, self.browse_btn, self.rescan_btn):
            w.setEnabled(not running)

    def _chosen(self) -> None:
        dest = self.destination()
        self.path_label.setText(
            self.tr("Lưu vào: {path}").format(path=QDir.toNativeSeparators(str(dest))) if dest else ""
        )
        self.changed.emit()
