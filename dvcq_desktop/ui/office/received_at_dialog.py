"""Sửa thời điểm nhận: the office corrects when it received a revision (a report emailed on
31/10 but imported on 02/11), with a reason that goes to the audit log."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDate, QDateTime, QTime
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from dvcq_desktop.domain import clock
from dvcq_desktop.services import history
from dvcq_desktop.text import format_datetime


class ReceivedAtDialog(QDialog):
    """Correct when the office received a revision (e.g. emailed 31/10, imported 02/11), with a reason."""

    def __init__(
        self, revisions: list[history.Revision], unit_name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sửa thời điểm nhận — {unit}").format(unit=unit_name))
        self.revisions = revisions
        self.rev_combo = QComboBox()
        for r in revisions:
            self.rev_combo.addItem(
                self.tr("Lần {n} — nhận lúc {at}").format(n=r.revision, at=format_datetime(r.received_at)),
                r.package_id,
            )
        self.when = QDateTimeEdit()
        self.when.setDisplayFormat("dd/MM/yyyy HH:mm")
        self.when.setCalendarPopup(True)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("Ví dụ: nhận qua thư điện tử ngày 31/10"))
        self.rev_combo.currentIndexChanged.connect(self._load)
        form = QFormLayout()
        form.addRow(self.tr("Lần gửi"), self.rev_combo)
        form.addRow(self.tr("Thời điểm nhận đúng"), self.when)
        form.addRow(self.tr("Lý do (bắt buộc)"), self.reason)
        note = QLabel(
            self.tr(
                "Đúng hạn hay trễ hạn được tính theo thời điểm nhận của lần gửi đầu tiên. "
                "Việc sửa được ghi vào nhật ký cùng lý do."
            )
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: #5f6b76;")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Lưu"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Hủy"))
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(note)
        lay.addWidget(self.buttons)
        self._load(0)

    def _load(self, i: int) -> None:
        if 0 <= i < len(self.revisions):
            dt = self.revisions[i].received_at.astimezone(clock.VN_TZ)
            self.when.setDateTime(QDateTime(QDate(dt.year, dt.month, dt.day), QTime(dt.hour, dt.minute)))

    def value(self) -> tuple[str, datetime, str]:
        q = self.when.dateTime()
        d, t = q.date(), q.time()
        dt = datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), tzinfo=clock.VN_TZ)
        return str(self.rev_combo.currentData()), dt, self.reason.text().strip()

    def _accept(self) -> None:
        if not self.reason.text().strip():
            self.reason.setFocus()
            self.reason.setStyleSheet("border: 1px solid #b3261e;")
            return
        self.accept()
