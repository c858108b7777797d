"""Cài đặt: font size for older eyes, where the data lives, backup/restore, signer and document
defaults, and what plan and catalogue this workspace follows."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from dvcq_desktop.storage import backups
from dvcq_desktop.text import clean, format_datetime, format_int
from dvcq_desktop.ui.common.context import AppContext
from dvcq_desktop.ui.common.elided_label import ElidedLabel
from dvcq_desktop.ui.common.empty_hint import empty_hint
from dvcq_desktop.ui.common.flow_layout import FlowLayout
from dvcq_desktop.ui.common.style import apply_font_scale, clamp_scale
from dvcq_desktop.ui.settings.backup_actions import backup_now, request_restore
from dvcq_desktop.ui.settings.data_location import DataLocationBox

__all__ = ["SettingsPage", "request_restore"]

FONT_SCALES = (1.0, 1.15, 1.3, 1.5, 1.75)
AUTHORITIES = ("", "TM.", "KT.")
ROLE_PATH = Qt.ItemDataRole.UserRole


def _lines(text: str) -> list[str]:
    return [clean(x) for x in text.splitlines() if clean(x)]


def _grouped(digest: str, size: int = 8) -> str:
    return " ".join(digest[i : i + size] for i in range(0, len(digest), size))


class SettingsPage(QWidget):
    key = "settings"
    backup_done = Signal(object)  # Path of the new backup

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        body = QWidget()
        col = QVBoxLayout(body)
        col.addWidget(self._font_box())
        col.addWidget(self._data_box())
        self.data_location = DataLocationBox(ctx, self)
        col.addWidget(self.data_location)
        col.addWidget(self._backup_box())
        col.addWidget(self._signer_box())
        col.addWidget(self._info_box())
        col.addWidget(self._keys_box())
        col.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(self.tr("<h2>Cài đặt</h2>"), self))
        lay.addWidget(scroll, 1)

    # ---- font scale -------------------------------------------------------------------------
    def _font_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Cỡ chữ"), self)
        self.font_scale = QComboBox(box)
        for s in FONT_SCALES:
            self.font_scale.addItem(f"{round(s * 100)}%", s)
        self.font_scale.currentIndexChanged.connect(self._font_chosen)
        form = QFormLayout(box)
        form.addRow(self.tr("Cỡ chữ toàn chương trình:"), self.font_scale)
        hint = QLabel(self.tr("Chữ to hơn giúp dễ đọc; thay đổi có hiệu lực ngay."), box)
        hint.setWordWrap(True)
        form.addRow(hint)
        return box

    def _font_chosen(self, index: int) -> None:
        scale = float(self.font_scale.itemData(index))
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_font_scale(app, scale)
        self.ctx.workspace.set_setting("font_scale", scale)
        self.ctx.hub.settings_changed.emit()

    # ---- where data lives -------------------------------------------------------------------
    def _data_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Nơi lưu dữ liệu"), self)
        form = QFormLayout(box)
        self.folder_labels: dict[str, ElidedLabel] = {}
        for key, label in (
            ("workspace", self.tr("Thư mục dữ liệu:")),
            ("backups", self.tr("Thư mục sao lưu:")),
            ("logs", self.tr("Thư mục nhật ký lỗi:")),
        ):
            path_label = ElidedLabel(
                parent=box
            )  # a long path is shortened in the middle, whole in its tooltip
            button = QPushButton(self.tr("Mở thư mục"), box)
            button.clicked.connect(lambda _=False, k=key: self.open_folder(k))
            row = QHBoxLayout()
            row.addWidget(path_label, 1)
            row.addWidget(button)
            form.addRow(label, row)
            self.folder_labels[key] = path_label
        return box

    def folder(self, key: str) -> Path:
        ws = self.ctx.workspace
        return {"workspace": ws.root, "backups": ws.backups_dir, "logs": self.ctx.paths.log_dir}[key]

    def open_folder(self, key: str) -> bool:
        path = self.folder(key)
        path.mkdir(parents=True, exist_ok=True)
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    # ---- backup / restore -------------------------------------------------------------------
    def _backup_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Sao lưu và khôi phục"), self)
        self.backup_button = QPushButton(self.tr("Sao lưu &ngay"), box)
        self.backup_button.clicked.connect(self.start_backup)
        self.backup_progress = QProgressBar(box)
        self.backup_progress.hide()
        self.backup_status = QLabel(box)
        self.backup_list = QListWidget(box)
        self.backup_list.setMinimumHeight(120)
        empty_hint(
            self.backup_list, self.tr("Chưa có bản sao lưu nào. Bấm “Sao lưu ngay” để tạo bản đầu tiên.")
        )
        self.restore_selected_button = restore_selected = QPushButton(self.tr("&Khôi phục bản đã chọn…"), box)
        restore_selected.clicked.connect(self._restore_selected)
        self.restore_file_button = restore_file = QPushButton(self.tr("Khôi p&hục từ tệp khác…"), box)
        restore_file.clicked.connect(self._restore_from_file)
        top = QHBoxLayout()
        top.addWidget(self.backup_button)
        top.addWidget(self.backup_progress, 1)
        buttons = FlowLayout()
        buttons.addStretch(1)
        buttons.addWidget(restore_selected)
        buttons.addWidget(restore_file)
        lay = QVBoxLayout(box)
        intro = QLabel(
            self.tr(
                "Chương trình tự sao lưu mỗi ngày khi mở. Nên sao lưu thêm trước khi "
                "nộp báo cáo và chép bản sao lưu sang USB."
            ),
            box,
        )
        intro.setWordWrap(True)
        lay.addWidget(intro)
        lay.addLayout(top)
        lay.addWidget(self.backup_status)
        lay.addWidget(QLabel(self.tr("Các bản sao lưu (mới nhất ở trên):"), box))
        lay.addWidget(self.backup_list)
        lay.addLayout(buttons)
        return box

    def start_backup(self) -> None:
        self.backup_button.setEnabled(False)
        self.backup_progress.setRange(0, 0)
        self.backup_progress.show()
        self.backup_status.setText(self.tr("Đang sao lưu…"))
        backup_now(
            self.ctx,
            on_done=self._backup_finished,
            on_error=self._backup_failed,
            on_progress=self._backup_progressed,
        )

    def _backup_progressed(self, done: int, total: int, _message: str) -> None:
        if total:
            self.backup_progress.setRange(0, total)
            self.backup_progress.setValue(done)

    def _backup_finished(self, path: Path) -> None:
        self.backup_button.setEnabled(True)
        self.backup_progress.hide()
        self.backup_status.setText(self.tr("Đã sao lưu: {name}").format(name=path.name))
        self.ctx.hub.status_message.emit(self.backup_status.text())
        self._fill_backups()
        self.backup_done.emit(path)

    def _backup_failed(self, _code: str, message: str) -> None:
        self.backup_button.setEnabled(True)
        self.backup_progress.hide()
        self.backup_status.setText(message)
        self.backup_status.setStyleSheet("color:#c0392b")

    def _fill_backups(self) -> None:
        self.backup_list.clear()
        for p in backups.list_backups(self.ctx.workspace.backups_dir):
            # Aware, so it is shown in Vietnam time whatever the computer's clock zone is.
            when = format_datetime(datetime.fromtimestamp(p.stat().st_mtime, UTC))
            size = format_int(max(1, p.stat().st_size // 1024))
            item = QListWidgetItem(
                self.tr("{when} · {name} · {size} KB").format(when=when, name=p.name, size=size)
            )
            item.setData(ROLE_PATH, str(p))
            self.backup_list.addItem(item)

    def _restore_selected(self) -> None:
        item = self.backup_list.currentItem()
        if item is not None:
            request_restore(self.ctx, Path(item.data(ROLE_PATH)), self)
            self.refresh()

    def _restore_from_file(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Chọn tệp sao lưu"),
            str(self.ctx.workspace.backups_dir),
            self.tr("Tệp sao lưu (*.sqlite3);;Tất cả các tệp (*)"),
        )
        if chosen:
            request_restore(self.ctx, Path(chosen), self)
            self.refresh()

    # ---- signer and document defaults -------------------------------------------------------
    def _signer_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Người ký và thông tin văn bản mặc định"), self)
        form = QFormLayout(box)
        self.signer_name = QLineEdit(box)
        self.signer_title = QLineEdit(box)
        self.signer_authority = QComboBox(box)
        for a in AUTHORITIES:
            self.signer_authority.addItem(a or self.tr("(ký trực tiếp)"), a)
        self.signer_body = QLineEdit(box)
        self.doc_symbol = QLineEdit(box)
        self.doc_place = QLineEdit(box)
        self.doc_parent_body = QLineEdit(box)
        self.doc_issuer = QLineEdit(box)
        self.doc_recipients = QPlainTextEdit(box)
        self.doc_cc = QPlainTextEdit(box)
        for edit in (self.doc_recipients, self.doc_cc):
            edit.setFixedHeight(70)
        self.doc_archive = QLineEdit(box)
        form.addRow(self.tr("Họ và tên người ký:"), self.signer_name)
        form.addRow(self.tr("Chức vụ (VD: PHÓ CHỦ TỊCH):"), self.signer_title)
        form.addRow(self.tr("Thẩm quyền ký:"), self.signer_authority)
        form.addRow(self.tr("Sau TM./KT. (VD: CHỦ TỊCH):"), self.signer_body)
        form.addRow(self.tr("Ký hiệu văn bản (VD: BC-UBND):"), self.doc_symbol)
        form.addRow(self.tr("Địa danh ghi ngày tháng:"), self.doc_place)
        form.addRow(self.tr("Cơ quan chủ quản:"), self.doc_parent_body)
        form.addRow(self.tr("Cơ quan ban hành:"), self.doc_issuer)
        form.addRow(self.tr("Kính gửi (mỗi dòng một nơi):"), self.doc_recipients)
        form.addRow(self.tr("Nơi nhận (mỗi dòng một nơi):"), self.doc_cc)
        form.addRow(self.tr("Lưu (VD: VT, VP):"), self.doc_archive)
        self.save_signer_button = QPushButton(self.tr("&Lưu thông tin người ký"), box)
        self.save_signer_button.clicked.connect(self.save_signer)
        self.signer_state = QLabel(box)
        row = QHBoxLayout()
        row.addWidget(self.signer_state, 1)
        row.addWidget(self.save_signer_button)
        form.addRow(row)
        return box

    def _load_signer(self) -> None:
        ws = self.ctx.workspace
        s: dict[str, Any] = ws.setting("signer", {}) or {}
        d: dict[str, Any] = ws.setting("doc_defaults", {}) or {}
        self.signer_name.setText(s.get("name", ""))
        self.signer_title.setText(s.get("title", ""))
        self.signer_authority.setCurrentIndex(max(0, self.signer_authority.findData(s.get("authority", ""))))
        self.signer_body.setText(s.get("authority_body", ""))
        self.doc_symbol.setText(d.get("symbol", ""))
        self.doc_place.setText(d.get("place", ""))
        self.doc_parent_body.setText(d.get("parent_body", "") or "")
        self.doc_issuer.setText(d.get("issuer", ""))
        self.doc_recipients.setPlainText("\n".join(d.get("recipients", [])))
        self.doc_cc.setPlainText("\n".join(d.get("cc", [])))
        self.doc_archive.setText(d.get("archive", "VT"))

    def save_signer(self) -> None:
        ws = self.ctx.workspace
        signer = {
            "name": clean(self.signer_name.text()),
            "title": clean(self.signer_title.text()),
            "authority": str(self.signer_authority.currentData() or ""),
            "authority_body": clean(self.signer_body.text()),
        }
        # Keep keys this form does not show (e.g. a number set on the Báo cáo page).
        doc = dict(ws.setting("doc_defaults", {}) or {})
        doc.update(
            symbol=clean(self.doc_symbol.text()),
            place=clean(self.doc_place.text()),
            parent_body=clean(self.doc_parent_body.text()),
            issuer=clean(self.doc_issuer.text()),
            recipients=_lines(self.doc_recipients.toPlainText()),
            cc=_lines(self.doc_cc.toPlainText()),
            archive=clean(self.doc_archive.text()) or "VT",
        )
        ws.set_setting("signer", signer)
        ws.set_setting("doc_defaults", doc)
        self.signer_state.setText(self.tr("Đã lưu"))
        self.ctx.hub.settings_changed.emit()

    # ---- plan and catalogue -----------------------------------------------------------------
    def _info_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Kế hoạch và danh mục đơn vị"), self)
        self.info = QLabel(box)
        self.info.setWordWrap(True)
        self.info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay = QVBoxLayout(box)
        lay.addWidget(self.info)
        # the periods, the office's plan file (unit) or a new year (office): page "plans"
        self.plans_button = QPushButton(self.tr("Kỳ báo cáo, tệp kế hoạch của cơ quan tổng hợp…"), box)
        self.plans_button.clicked.connect(lambda: self.ctx.hub.navigate.emit("plans", None))
        lay.addWidget(self.plans_button)
        return box

    def _fill_info(self) -> None:
        ws = self.ctx.workspace
        plan, cat = ws.plan, ws.catalog
        rows = [
            (self.tr("Kế hoạch"), f"{plan.title} ({plan.number})"),
            (self.tr("Mã kế hoạch, phiên bản"), f"{plan.id}, {plan.version}"),
            # in groups of eight, so the 64 digits wrap on a narrow window
            (self.tr("Mã kiểm tra nội dung (SHA-256)"), _grouped(plan.content_hash)),
            (
                self.tr("Nội dung / chỉ tiêu / quy tắc kiểm tra"),
                f"{len(plan.areas)} / {len(plan.indicators)} / {len(plan.rules)}",
            ),
            (self.tr("Kỳ báo cáo"), f"{ws.period.label}, hạn nộp {ws.period.deadline:%d/%m/%Y}"),
            (self.tr("Danh mục đơn vị"), f"{cat.id} ({format_int(len(cat.units))} đơn vị)"),
            (self.tr("Đơn vị"), f"{ws.own_unit.name} ({ws.unit_code})"),
        ]
        self.info.setText(
            "<table>"
            + "".join(f"<tr><td><b>{k}:</b>&nbsp;</td><td>{v}</td></tr>" for k, v in rows)
            + "</table>"
        )

    # ---- page protocol ----------------------------------------------------------------------
    def flush(self) -> None:
        """Nothing waits for a timer: the font size is saved when chosen, the signer form by its
        button (an unsaved form is the officer's choice, not a pending edit)."""

    def refresh(self) -> None:
        scale = clamp_scale(self.ctx.workspace.setting("font_scale", 1.0))
        index = min(range(len(FONT_SCALES)), key=lambda i: abs(FONT_SCALES[i] - scale))
        self.font_scale.blockSignals(True)  # showing the stored value must not re-save it
        self.font_scale.setCurrentIndex(index)
        self.font_scale.blockSignals(False)
        for key, label in self.folder_labels.items():
            label.setText(str(self.folder(key)))
        self.data_location.refresh()
        self._fill_backups()
        self._load_signer()
        self._fill_info()

    def focus_target(self, target: object) -> None:
        if target == "backup":
            self.backup_button.setFocus()
        elif target == "signer":
            self.signer_name.setFocus()

    # ---- keys (signed packages, receipts) ---------------------------------------------------
    def _keys_box(self) -> QGroupBox:
        from dvcq_desktop.services import keys

        box = QGroupBox(self.tr("Khóa ký và mã hóa"), self)
        report = keys.keys_report(self.ctx.workspace)
        lines = [self.tr("Mã khóa của thư mục dữ liệu này: <b>%1</b>").replace("%1", report["fingerprint"])]
        if report["role"] == "unit":
            office = report.get("office")
            lines.append(
                self.tr("Khóa của cơ quan tổng hợp: %1").replace("%1", office["fingerprint"])
                if office
                else self.tr("Chưa có khóa của cơ quan tổng hợp (nhận tệp kế hoạch để có).")
            )
            if report.get("encrypts_for"):
                lines.append(self.tr("Gói xuất ra được mã hóa cho cơ quan tổng hợp."))
        else:
            lines.append(self.tr("Đã ghi nhận khóa của %1 đơn vị.").replace("%1", str(len(report["units"]))))
        lines.append(self.tr("Khi gọi điện, đọc mã khóa để hai bên so với nhau."))
        self.keys_info = QLabel("<br>".join(lines), box)
        self.keys_info.setWordWrap(True)
        self.keys_info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        QVBoxLayout(box).addWidget(self.keys_info)
        return box
