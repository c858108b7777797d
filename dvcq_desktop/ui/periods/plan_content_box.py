"""The content of the period's plan (areas, indicators, activity types, outline, rules) on the
office's “Kế hoạch” tab: to Excel and back, one sheet per part, with a preview of new, changed
and retired indicators before it becomes the next plan version. The whole plan as JSON stays
available for what the workbook does not show (report sentences, suggestions, prompts)."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QLabel, QLayout, QPushButton, QWidget

from dvcq_desktop.services import periods
from dvcq_desktop.services.plan_excel import write_plan_xlsx
from dvcq_desktop.services.plan_excel_read import PlanContentImport, apply_plan_import, read_plan_xlsx
from dvcq_desktop.ui.common.context import AppContext
from dvcq_desktop.ui.common.flow_layout import FlowLayout
from dvcq_desktop.ui.common.widgets import show_failure
from dvcq_desktop.ui.periods.change_preview import ChangePreview

log = logging.getLogger(__name__)


class PlanContentBox(QObject):
    changed = Signal()

    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        # Owned by the page from the start (not by Python until the form takes them).
        host = parent if isinstance(parent, QWidget) else None
        # Not one widget with its own layout: a wrapped label inside it does not grow when its
        # text changes (the error overlapped the buttons at 175 %). The page adds these rows to
        # its form itself: `rows()`.
        title = QLabel(
            self.tr("Nội dung kế hoạch: lĩnh vực, chỉ tiêu, loại hoạt động, đề cương, quy tắc"), host
        )
        title.setWordWrap(True)
        self.title = title
        row = self.buttons = FlowLayout()  # wraps at 175 % rather than squeeze
        out = QPushButton(self.tr("Xuất nội dung ra Excel…"), host)
        out.setObjectName("exportPlanXlsx")
        out.clicked.connect(self.pick_export)
        back = QPushButton(self.tr("Nhập nội dung từ Excel…"), host)
        back.setObjectName("importPlanXlsx")
        back.clicked.connect(self.pick_import)
        json_out = QPushButton(self.tr("JSON…"), host)
        json_out.setToolTip(self.tr("Xuất toàn bộ kế hoạch dạng JSON (cho người quen sửa JSON)"))
        json_out.clicked.connect(self.export_json)
        json_back = QPushButton(self.tr("Nhập JSON…"), host)
        json_back.setToolTip(self.tr("Nhập kế hoạch dạng JSON đã sửa (kiểm tra theo mẫu kế hoạch)"))
        json_back.setObjectName("importPlanContent")
        json_back.clicked.connect(self.import_json)
        for b in (out, back, json_out, json_back):
            row.addWidget(b)
        row.addStretch(1)
        self.note = QLabel(host)
        self.note.setObjectName("planContentNote")
        self.note.setWordWrap(True)
        self.preview: ChangePreview | None = None

    def rows(self) -> list[QWidget | QLayout]:
        """What the page puts in its form, one row each."""
        return [self.title, self.buttons, self.note]

    def _period(self) -> str:
        return self.ctx.workspace.chosen[1]

    def _fail(self, exc: Exception) -> None:
        log.warning("plan content import failed: %r", exc)
        show_failure(self.note, exc)

    def _save_path(self, caption: str, name: str, kind: str) -> Path | None:
        ws = self.ctx.workspace
        path, _f = QFileDialog.getSaveFileName(self.note, caption, str(ws.exports_dir / name), kind)
        return Path(path) if path else None

    # ---- Excel -------------------------------------------------------------------------------
    def pick_export(self) -> None:
        path = self._save_path(
            self.tr("Lưu nội dung kế hoạch"), f"KeHoach_{self._period()}.xlsx", "Excel (*.xlsx)"
        )
        if path:
            self.export_to(path)

    def export_to(self, path: Path) -> None:
        try:
            write_plan_xlsx(self.ctx.workspace, self._period(), path)
        except Exception as exc:  # noqa: BLE001 - e.g. the file is open in Excel
            self._fail(exc)
            return
        self.note.setText(self.tr("Đã lưu {path}. Sửa xong, bấm “Nhập nội dung từ Excel”.").format(path=path))

    def pick_import(self) -> None:
        path, _f = QFileDialog.getOpenFileName(
            self.note, self.tr("Chọn nội dung kế hoạch (Excel)"), "", "Excel (*.xlsx)"
        )
        if path:
            self.preview_file(Path(path))

    def preview_file(self, path: Path) -> ChangePreview | None:
        try:
            imp = read_plan_xlsx(self.ctx.workspace, self._period(), path)
        except Exception as exc:  # noqa: BLE001 - the sheet and row at fault are named
            self._fail(exc)
            return None
        if imp.empty:
            self.note.setText(self.tr("Tệp không có thay đổi nào so với kế hoạch của kỳ."))
            return None
        rows = (
            [(self.tr("Chỉ tiêu mới"), x) for x in imp.new]
            + [(self.tr("Chỉ tiêu sửa"), x) for x in imp.changed]
            + [(self.tr("Thôi dùng"), x) for x in imp.retired]
            + [(self.tr("Phần khác"), x) for x in imp.others]
        )
        self.preview = ChangePreview(
            self.tr("Thay đổi nội dung kế hoạch"),
            self.tr(
                "Kỳ {p}: {n} chỉ tiêu mới, {c} sửa, {r} thôi dùng. Áp dụng sẽ lưu thành phiên bản {v} của kế hoạch."
            ).format(
                p=imp.period_id,
                n=len(imp.new),
                c=len(imp.changed),
                r=len(imp.retired),
                v=_next(imp.base_version),
            )
            + (
                self.tr(
                    " Phiên bản {old} đã phát hành: sau khi áp dụng, hãy phát hành lại tệp kế hoạch."
                ).format(old=imp.base_version)
                if imp.published
                else ""
            ),
            [self.tr("Thay đổi"), self.tr("Nội dung")],
            rows,
            self.note,
        )
        self.preview.accepted.connect(lambda: self.apply(imp))
        self.preview.open()
        return self.preview

    def apply(self, imp: PlanContentImport) -> None:
        try:
            plan = apply_plan_import(self.ctx.workspace, imp)
        except Exception as exc:  # noqa: BLE001
            self._fail(exc)
            return
        self.note.setText(self.tr("Đã lưu nội dung, phiên bản {v}.").format(v=plan.version))
        self.changed.emit()

    # ---- JSON (the whole plan) -----------------------------------------------------------------
    def export_json(self) -> None:
        path = self._save_path(
            self.tr("Lưu kế hoạch (JSON)"), f"KeHoach_{self._period()}.json", "JSON (*.json)"
        )
        if path:
            periods.export_plan_json(self.ctx.workspace, self._period(), path)
            self.note.setText(self.tr("Đã lưu {path}. Sửa xong, bấm “Nhập JSON”.").format(path=path))

    def import_json(self) -> None:
        path, _f = QFileDialog.getOpenFileName(
            self.note, self.tr("Chọn kế hoạch đã sửa (JSON)"), "", "JSON (*.json)"
        )
        if path:
            self.import_json_file(Path(path))

    def import_json_file(self, path: Path) -> None:
        try:
            plan = periods.import_plan_json(self.ctx.workspace, self._period(), path)
        except Exception as exc:  # noqa: BLE001 - the field at fault is named in the message
            self._fail(exc)
            return
        self.note.setText(self.tr("Đã nhập nội dung, phiên bản {v}.").format(v=plan.version))
        self.changed.emit()


def _next(version: str) -> str:
    return str(int(version) + 1) if version.isdigit() else f"{version}.1"
