"""Wizard shortcut "Tôi có tệp kế hoạch": a new unit workspace from the office's plan file — the
officer picks the file, sees the period and the office, chooses its unit from the plan's roster."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QWidget,
)

from dvcq_desktop.errors import DvcqError, user_message
from dvcq_desktop.paths import AppPaths
from dvcq_desktop.planfile.reader import PlanFile, read_plan_file
from dvcq_desktop.storage.workspace import Workspace
from dvcq_desktop.text import format_date, sort_key

log = logging.getLogger(__name__)


class UnitFromPlanDialog(QDialog):
    def __init__(self, pf: PlanFile, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("unitFromPlanDialog")
        self.setWindowTitle(self.tr("Tạo dữ liệu từ tệp kế hoạch"))
        p = pf.plan.periods[0]
        form = QFormLayout(self)
        form.addRow(self.tr("Cơ quan tổng hợp"), QLabel(pf.office["name"]))
        form.addRow(self.tr("Kế hoạch"), QLabel(f"{pf.plan.id} (phiên bản {pf.plan.version})"))
        form.addRow(
            self.tr("Kỳ báo cáo"),
            QLabel(
                self.tr("{label}: số liệu {start}–{end}, hạn nộp {deadline}").format(
                    label=p.label,
                    start=format_date(p.start),
                    end=format_date(p.end),
                    deadline=format_date(p.deadline),
                )
            ),
        )
        self.unit = QComboBox()
        self.unit.setObjectName("planUnit")
        units = sorted((u for u in pf.roster["units"] if u["included"]), key=lambda u: sort_key(u["name"]))
        for u in units:
            self.unit.addItem(f"{u['name']} ({u['code']})", u["code"])
        form.addRow(self.tr("Đơn vị của bạn"), self.unit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Tạo dữ liệu"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Hủy"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def unit_code(self) -> str:
        return str(self.unit.currentData())


def create_from_plan(paths: AppPaths, plan_file: Path, unit_code: str) -> Workspace:
    from dvcq_desktop.services.plan_intake import init_from_plan

    return init_from_plan(paths.workspace, plan_file, unit_code)


def start_from_plan_file(paths: AppPaths, parent: QWidget) -> tuple[Workspace | None, str]:
    """(the new workspace, "") or (None, why not — empty when the officer cancelled)."""
    path, _f = QFileDialog.getOpenFileName(
        parent, parent.tr("Chọn tệp kế hoạch"), "", parent.tr("Tệp kế hoạch (*.dvcqkh);;Mọi tệp (*)")
    )
    if not path:
        return None, ""
    try:
        pf = read_plan_file(Path(path))
    except DvcqError as exc:
        return None, exc.message
    dialog = UnitFromPlanDialog(pf, parent)
    if not dialog.exec():
        return None, ""
    try:
        return create_from_plan(paths, Path(path), dialog.unit_code()), ""
    except (DvcqError, OSError) as exc:
        log.warning("workspace from plan file failed: %r", exc)
        return None, user_message(exc)
