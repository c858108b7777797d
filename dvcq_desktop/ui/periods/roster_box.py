"""The period's roster on the office's “Phát hành” tab: how many units must report, and the list to
and from Excel (each change previewed, then applied with its reason). Including or excluding one
unit at a time stays on “Danh mục đơn vị”, reached from here."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QLabel, QLayout, QPushButton, QWidget

from dvcq_desktop.services.roster_excel import (
    RosterImport,
    apply_roster_import,
    read_roster_xlsx,
    write_roster_xlsx,
)
from dvcq_desktop.storage import aggregator_repo
from dvcq_desktop.ui.common.context import AppContext
from dvcq_desktop.ui.common.flow_layout import FlowLayout
from dvcq_desktop.ui.common.widgets import show_failure
from dvcq_desktop.ui.periods.change_preview import ChangePreview

log = logging.getLogger(__name__)


def _mark(included: bool | None) -> str:
    return "—" if included is None else ("có" if included else "không")


class RosterBox(QObject):
    changed = Signal()

    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        # Owned by the page from the start (not by Python until the form takes them).
        host = parent if isinstance(parent, QWidget) else None
        # Not one widget with its own layout: a wrapped label inside it does not grow when its
        # text changes (the error overlapped the buttons at 175 %). The page adds these rows to
        # its form itself: `rows()`.
        self.count = QLabel(host)
        self.count.setObjectName("rosterCount")
        self.count.setWordWrap(True)
        row = self.buttons = FlowLayout()  # wraps at 175 % rather than squeeze
        out = QPushButton(self.tr("Xuất danh sách ra Excel…"), host)
        out.setObjectName("exportRoster")
        out.clicked.connect(self.pick_export)
        back = QPushButton(self.tr("Nhập danh sách từ Excel…"), host)
        back.setObjectName("importRoster")
        back.clicked.connect(self.pick_import)
        one = QPushButton(self.tr("Sửa từng đơn vị…"), host)
        one.setToolTip(self.tr("Đưa vào, đưa ra từng đơn vị kèm lý do (trang Danh mục đơn vị)"))
        one.setObjectName("editRoster")
        one.clicked.connect(lambda: self.ctx.hub.navigate.emit("units", None))
        for b in (out, back, one):
            row.addWidget(b)
        row.addStretch(1)
        self.note = QLabel(host)
        self.note.setObjectName("rosterNote")
        self.note.setWordWrap(True)
        self.preview: ChangePreview | None = None
        self.refresh()

    def rows(self) -> list[QWidget | QLayout]:
        """What the page puts in its form, one row each."""
        return [self.count, self.buttons, self.note]

    def _period(self) -> str:
        return self.ctx.workspace.chosen[1]

    def refresh(self) -> None:
        ws = self.ctx.workspace
        # Read only: looking at the page must not fix a roster nobody has opened yet.
        entries = aggregator_repo.roster(ws.db, ws.chosen[0], self._period())
        out = sum(1 for e in entries if not e.included)
        text = self.tr("Danh sách đơn vị phải báo cáo của kỳ {p}: {n} đơn vị").format(
            p=self._period(), n=len(entries) - out
        )
        if out:
            text += self.tr(" ({k} đơn vị đưa ra có lý do)").format(k=out)
        self.count.setText(text + ".")

    def _fail(self, exc: Exception) -> None:
        log.warning("roster excel failed: %r", exc)
        show_failure(self.note, exc)

    def pick_export(self) -> None:
        ws = self.ctx.workspace
        path, _f = QFileDialog.getSaveFileName(
            self.note,
            self.tr("Lưu danh sách đơn vị"),
            str(ws.exports_dir / f"DanhSachDonVi_{self._period()}.xlsx"),
            "Excel (*.xlsx)",
        )
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        try:
            write_roster_xlsx(self.ctx.workspace, self._period(), path)
        except Exception as exc:  # noqa: BLE001 - e.g. the file is open in Excel
            self._fail(exc)
            return
        self.note.setText(
            self.tr("Đã lưu {path}. Sửa xong, bấm “Nhập danh sách từ Excel”.").format(path=path)
        )

    def pick_import(self) -> None:
        path, _f = QFileDialog.getOpenFileName(
            self.note, self.tr("Chọn danh sách đơn vị (Excel)"), "", "Excel (*.xlsx)"
        )
        if path:
            self.preview_file(Path(path))

    def preview_file(self, path: Path) -> ChangePreview | None:
        """Read the file; show its changes in a dialog that applies them on “Áp dụng”."""
        try:
            imp = read_roster_xlsx(self.ctx.workspace, self._period(), path)
        except Exception as exc:  # noqa: BLE001 - the row at fault is named in the message
            self._fail(exc)
            return None
        if not imp.changes:
            self.note.setText(self.tr("Tệp không có thay đổi nào so với danh sách của kỳ."))
            return None
        rows = [(c.code, c.name, _mark(c.before), _mark(c.after), c.reason) for c in imp.changes]
        self.preview = ChangePreview(
            self.tr("Thay đổi danh sách đơn vị"),
            self.tr("Kỳ {p}: {n} thay đổi, {k} đơn vị giữ nguyên. Áp dụng?").format(
                p=imp.period_id, n=len(imp.changes), k=imp.unchanged
            ),
            [self.tr("Mã"), self.tr("Đơn vị"), self.tr("Trước"), self.tr("Sau"), self.tr("Lý do")],
            rows,
            self.note,
        )
        self.preview.accepted.connect(lambda: self.apply(imp))
        self.preview.open()
        return self.preview

    def apply(self, imp: RosterImport) -> None:
        try:
            n = apply_roster_import(self.ctx.workspace, imp)
        except Exception as exc:  # noqa: BLE001
            self._fail(exc)
            return
        self.note.setText(
            self.tr("Đã áp dụng {n} thay đổi, mỗi thay đổi được ghi vào nhật ký kèm lý do.").format(n=n)
        )
        self.refresh()
        self.changed.emit()
