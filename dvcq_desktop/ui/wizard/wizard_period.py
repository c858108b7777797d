"""The period a new workspace opens on, shown in the wizard's plan step: by default the one whose
data window contains today (opened provisionally from the plan when the plan stops earlier), with
the previous, possibly unsent year offered beside it; the plan's own periods stay choosable."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QWidget

from dvcq_desktop.domain import clock
from dvcq_desktop.domain.periods import (
    PeriodInfo,
    current_period,
    default_window,
    unsent_earlier,
    years_to_offer,
)
from dvcq_desktop.domain.plan import Plan
from dvcq_desktop.text import format_date

NOTE = "theo kế hoạch năm trước — chờ kế hoạch mới của cơ quan tổng hợp"


def offered(plan: Plan, role: str, today: date) -> list[PeriodInfo]:
    items = [PeriodInfo(p.id, p.label, p.kind, p.start, p.end, p.deadline, plan.id) for p in plan.periods]
    if role != "unit":
        return items
    last = max(int(p.id) if p.id.isdigit() else p.end.year for p in plan.periods)
    for y in years_to_offer(last, today):
        start, end, deadline = default_window(y)
        items.append(PeriodInfo(str(y), f"Năm {y}", "year", start, end, deadline, "", provisional=True))
    return items


class PeriodChoice(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.combo = QComboBox()
        self.combo.setObjectName("wizardPeriod")
        # The combo names the period; the whole sentence (dates, deadline, why it is provisional)
        # is too long for one line at large text, so it wraps in a label under the combo.
        self.detail = QLabel()
        self.detail.setObjectName("wizardPeriodDetail")
        self.detail.setWordWrap(True)
        self.note = QLabel()
        self.note.setWordWrap(True)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Kỳ báo cáo làm việc"), self.combo)
        form.addRow(self.detail)
        form.addRow(self.note)
        self.items: list[PeriodInfo] = []
        self._details: dict[str, str] = {}
        self.combo.currentIndexChanged.connect(self._show_detail)

    def set_plan(self, plan: Plan | None, role: str, today: date | None = None) -> None:
        today = today or clock.today()
        self.combo.blockSignals(True)
        self.combo.clear()
        self._details = {}
        self.items = offered(plan, role, today) if plan is not None else []
        cur = current_period(self.items, today)
        late = unsent_earlier(self.items, today)
        for p in sorted(self.items, key=lambda p: p.start, reverse=True):
            text = self.tr("{label}: số liệu {start}–{end}, hạn nộp {deadline}").format(
                label=p.label,
                start=format_date(p.start),
                end=format_date(p.end),
                deadline=format_date(p.deadline),
            )
            short = p.label
            if cur is not None and p.id == cur.id:
                text += self.tr(" — kỳ hiện tại")
                short += self.tr(" — kỳ hiện tại")
            if p.provisional:
                text += f" ({NOTE})"
            self.combo.addItem(short, p.id)
            self.combo.setItemData(self.combo.count() - 1, text, Qt.ItemDataRole.ToolTipRole)
            self._details[p.id] = text
        if cur is not None:
            self.combo.setCurrentIndex(self.combo.findData(cur.id))
        self.combo.blockSignals(False)
        self._show_detail()
        self.note.setText(
            self.tr("Kỳ {label} (hạn {deadline}) cũng được mở để đơn vị nộp nếu chưa nộp.").format(
                label=late.label, deadline=format_date(late.deadline)
            )
            if late is not None and role == "unit" and late.provisional
            else ""
        )

    def _show_detail(self, _i: int = 0) -> None:
        self.detail.setText(self._details.get(self.period_id() or "", ""))

    def period_id(self) -> str | None:
        data = self.combo.currentData()
        return None if data is None else str(data)

    def is_plan_period(self, plan: Plan) -> bool:
        return self.period_id() in {p.id for p in plan.periods}
