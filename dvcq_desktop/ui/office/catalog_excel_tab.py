"""The office's unit catalogue to and from Excel (the shipped province list is an example): export,
correct in Excel, import back; checked as one catalogue before anything is stored."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QLabel, QPushButton, QVBoxLayout, QWidget

from dvcq_desktop.ui.common.context import AppContext
from dvcq_desktop.ui.common.flow_layout import FlowLayout
from dvcq_desktop.ui.common.widgets import show_failure

log = logging.getLogger(__name__)


class CatalogExcelTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        lay = QVBoxLayout(self)
        cat = self.ctx.workspace.catalog
        self.catalog_note = QLabel(
            self.tr("Danh mục đang dùng: {title}. {note}").format(title=cat.title, note=cat.note)
        )
        self.catalog_note.setWordWrap(True)
        lay.addWidget(self.catalog_note)
        row = FlowLayout()  # the two buttons wrap at 175 % rather than squeeze
        out = QPushButton(self.tr("Xuất danh mục ra Excel…"))
        out.clicked.connect(self.export_catalog)
        back = QPushButton(self.tr("Nhập danh mục đã sửa từ Excel…"))
        back.setObjectName("importCatalog")
        back.clicked.connect(self.import_catalog)
        row.addWidget(out)
        row.addWidget(back)
        row.addStretch(1)
        lay.addLayout(row)
        self.catalog_result = QLabel()
        self.catalog_result.setWordWrap(True)
        lay.addWidget(self.catalog_result)
        lay.addStretch(1)

    def export_catalog(self) -> None:
        from dvcq_desktop.services.catalog_excel import write_catalog_xlsx

        ws = self.ctx.workspace
        path, _f = QFileDialog.getSaveFileName(
            self, self.tr("Lưu danh mục"), str(ws.exports_dir / "DanhMucDonVi.xlsx"), "Excel (*.xlsx)"
        )
        if path:
            write_catalog_xlsx(ws, Path(path))
            self.catalog_result.setText(self.tr("Đã lưu {path}").format(path=path))

    def import_catalog(self) -> None:
        path, _f = QFileDialog.getOpenFileName(self, self.tr("Chọn danh mục Excel"), "", "Excel (*.xlsx)")
        if path:
            self.import_catalog_file(Path(path))

    def import_catalog_file(self, path: Path) -> None:
        from dvcq_desktop.services.catalog_excel import import_catalog_xlsx

        try:
            r = import_catalog_xlsx(self.ctx.workspace, path)
        except Exception as exc:  # noqa: BLE001
            log.warning("catalogue import failed: %r", exc)
            show_failure(self.catalog_result, exc)
            return
        self.catalog_result.setText(
            self.tr(
                "Đã nhập: {a} đơn vị mới, {c} đơn vị thay đổi, {s} giữ nguyên. Danh sách của kỳ đã mở không đổi; "
                "kỳ mở sau sẽ dùng danh mục mới."
            ).format(a=r.added, c=r.changed, s=r.unchanged)
        )
