"""The office's "Chỉ nhận gói có chữ ký" switch for one period, on "Kế hoạch & kỳ báo cáo" under the
list of periods: the officer picks a period there and sees, next to the switch, what turning it on
does and which units it would affect today (those whose current package is unsigned)."""

from __future__ import annotations

import logging

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QCheckBox, QGroupBox, QLabel, QVBoxLayout, QWidget

from dvcq_desktop.errors import user_message
from dvcq_desktop.services import keys, periods
from dvcq_desktop.ui.common.context import AppContext
from dvcq_desktop.ui.common.widgets import set_enabled_why

log = logging.getLogger(__name__)
SHOWN = 5  # unit names listed under the switch


class SignedOnlyBox(QGroupBox):
    changed = Signal(str, bool)  # period id, signed packages only

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Chữ ký của gói báo cáo"), parent)
        self.ctx = ctx
        self.period_id: str | None = None
        self.setObjectName("signedOnlyBox")
        self.switch = QCheckBox()
        self.switch.setObjectName("requireSigned")
        self.switch.toggled.connect(self._toggled)
        self.consequence = QLabel(
            self.tr(
                "Khi bật, phần mềm từ chối mọi gói chưa ký (do phiên bản cũ xuất ra) của kỳ này khi "
                "nhập, đơn vị phải cập nhật phần mềm rồi xuất lại, còn các gói đã nhận trước đó vẫn "
                "được giữ nguyên."
            )
        )
        self.consequence.setWordWrap(True)
        self.affected = QLabel()
        self.affected.setObjectName("unsignedUnits")
        self.affected.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.addWidget(self.switch)
        lay.addWidget(self.consequence)
        lay.addWidget(self.affected)

    def show_period(self, period_id: str | None) -> None:
        """Show the switch of `period_id` (the period selected in the list)."""
        self.period_id = period_id
        ws = self.ctx.workspace
        label = next((p.label for p in periods.list_periods(ws) if p.id == period_id), period_id or "")
        self.switch.blockSignals(True)  # showing the stored value must not store it again
        self.switch.setText(self.tr("Chỉ nhận gói có chữ ký cho kỳ {period}").format(period=label))
        self.switch.setChecked(period_id is not None and keys.require_signed(ws, period_id))
        self.switch.blockSignals(False)
        set_enabled_why(
            self.switch,
            period_id is not None and not ws.read_only,
            self.tr("Thư mục dữ liệu đang mở chỉ để xem.") if ws.read_only else self.tr("Chọn một kỳ."),
        )
        self._show_affected()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        """Back on the page after an import: the list of unsigned units may have changed."""
        super().showEvent(event)
        if self.period_id is not None:
            self.show_period(self.period_id)

    def _show_affected(self) -> None:
        """Who the switch would stop today; hidden when every current package is signed (the page
        is short of room at large font sizes), at most a handful of names otherwise."""
        codes = keys.unsigned_current(self.ctx.workspace, self.period_id) if self.period_id else []
        self.affected.setVisible(bool(codes))
        names = {u.code: u.name for u in self.ctx.workspace.catalog.units}
        shown = ", ".join(names.get(c, c) for c in codes[:SHOWN])
        if len(codes) > SHOWN:
            shown += self.tr(" và {n} đơn vị khác").format(n=len(codes) - SHOWN)
        self.affected.setText(self.tr("Gói hiện hành chưa ký: {units}.").format(units=shown))

    def _toggled(self, on: bool) -> None:
        if self.period_id is None:
            return
        try:
            keys.set_require_signed(self.ctx.workspace, self.period_id, on)
        except Exception as exc:  # noqa: BLE001 - one line for the officer, the log has the rest
            log.exception("require-signed switch failed")
            self.ctx.hub.status_message.emit(user_message(exc))
            self.show_period(self.period_id)  # back to what is stored
            return
        text = (
            self.tr("Kỳ {id}: từ nay chỉ nhận gói có chữ ký.")
            if on
            else self.tr("Kỳ {id}: nhận cả gói chưa ký (ghi “chưa ký”).")
        )
        self.ctx.hub.status_message.emit(text.format(id=self.period_id))
        self.changed.emit(self.period_id, on)
