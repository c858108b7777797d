"""A read-only view of one `.dvcq` package: what the officer sees after double-clicking it.

Shows the verify result (unit, period, revision, dates, counts) or the Vietnamese reason the
package was refused. Nothing is imported or changed from here.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from dvcq_desktop.services.file_routing import PackageSummary, summarize_package
from dvcq_desktop.text import format_datetime
from dvcq_desktop.ui.common.elided_label import ElidedLabel
from dvcq_desktop.ui.common.style import ERROR


def _size_text(size: int) -> str:
    kb = size / 1024
    if kb < 1024:
        return f"{kb:.0f} KB".replace(".", ",")
    return f"{kb / 1024:.1f} MB".replace(".", ",")


class PackageViewDialog(QDialog):
    """Opens `path`, reads it strictly and shows the outcome. `note` is an extra line on top
    (e.g. "no workspace here: only checked")."""

    def __init__(
        self,
        path: Path,
        parent: QWidget | None = None,
        *,
        note: str = "",
        summary: PackageSummary | None = None,
    ) -> None:
        super().__init__(parent)
        self.summary = summary or summarize_package(path)
        s = self.summary
        self.setWindowTitle(self.tr("Gói báo cáo — {name}").format(name=Path(path).name))
        self.setMinimumWidth(520)
        lay = QVBoxLayout(self)
        if note:
            self.note_label = QLabel(note)
            self.note_label.setWordWrap(True)
            self.note_label.setObjectName("fieldWarning")
            lay.addWidget(self.note_label)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay.addWidget(self.status_label)
        self.form = QFormLayout()
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # labels above on a narrow dialog
        lay.addLayout(self.form)
        self.rows: dict[str, str] = {}
        if s.ok:
            self.status_label.setText(self.tr("✔ Gói hợp lệ, đã kiểm tra đầy đủ."))
            self.status_label.setStyleSheet("color: #1e7b34; font-weight: 600;")
            self._row(self.tr("Đơn vị"), f"{s.unit_name} ({s.unit_code})")
            self._row(self.tr("Kế hoạch"), s.plan_title)
            self._row(self.tr("Kỳ báo cáo"), s.period_label)
            self._row(self.tr("Lần gửi"), str(s.revision))
            self._row(self.tr("Tạo lúc"), format_datetime(s.created_at))
            self._row(
                self.tr("Chốt số liệu lúc"),
                format_datetime(s.finalized_at) if s.finalized_at else self.tr("chưa chốt"),
            )
            self._row(self.tr("Số hoạt động"), f"{s.activities:,}".replace(",", "."))
            self._row(self.tr("Số chỉ tiêu có số liệu"), f"{s.indicators:,}".replace(",", "."))
            self._row(self.tr("Tệp báo cáo"), ", ".join(Path(f).name for f in s.report_files) or "—")
            self._row(self.tr("Kích thước"), _size_text(s.size))
        else:
            self.status_label.setText(self.tr("✘ Gói bị từ chối: {reason}").format(reason=s.message))
            self.status_label.setStyleSheet(f"color: {ERROR}; font-weight: 600;")
        self._row(self.tr("Tệp"), str(path), elide=True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Đóng"))
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)

    def _row(self, label: str, value: str, *, elide: bool = False) -> None:
        """A form row; a path has no spaces to wrap at, so it is shortened in the middle instead
        (whole in its tooltip)."""
        field: QLabel
        if elide:
            field = ElidedLabel(value)
        else:
            field = QLabel(value)
            field.setWordWrap(True)
            field.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.form.addRow(label + ":", field)
        self.rows[label] = value
