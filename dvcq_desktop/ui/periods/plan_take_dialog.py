"""Unit: preview a plan file from the office (what it changes), then take it.

Nothing is stored until the officer presses "Nhận kế hoạch". When the unit is not in the plan's
roster but its successor is, the dialog names the successor and the officer must tick the box to
continue under the successor's code and name (earlier periods keep the old one)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from dvcq_desktop.errors import user_message
from dvcq_desktop.planfile.format import PlanFileError
from dvcq_desktop.planfile.reader import PlanFile, read_plan_file
from dvcq_desktop.services.plan_intake import PlanOutcome, changes, take_plan_file
from dvcq_desktop.storage import settings
from dvcq_desktop.storage.workspace import Workspace
from dvcq_desktop.text import format_date


def describe(ws: Workspace, pf: PlanFile) -> tuple[str, str | None]:
    """The preview text (HTML) and the successor's code when the unit would need one."""
    from html import escape

    ch = changes(ws, pf)
    p = pf.plan.periods[0]
    code = str(settings.get(ws.db, "unit_code"))
    lines = [
        f"<b>{escape(pf.office['name'])}</b> phát hành kế hoạch <b>{escape(pf.plan.id)}</b> "
        f"(phiên bản {escape(pf.plan.version)}).",
        f"Kỳ báo cáo: <b>{escape(p.label)}</b> — số liệu từ {format_date(p.start)} đến {format_date(p.end)}, "
        f"hạn nộp <b>{format_date(p.deadline)}</b>.",
        "Đây là kỳ mới đối với đơn vị."
        if ch["new_period"]
        else "Kỳ này đang mở tạm theo kế hoạch năm trước: số liệu đã nhập chuyển sang kế hoạch chính thức "
        "theo mã chỉ tiêu."
        if ch["replaces_provisional"]
        else "Đơn vị đã có kỳ này: kế hoạch của kỳ được cập nhật.",
    ]
    if ch["new_indicators"]:
        lines.append(f"Chỉ tiêu mới: {escape(', '.join(ch['new_indicators']))}.")
    if ch["retired_indicators"]:
        lines.append(f"Chỉ tiêu thôi dùng: {escape(', '.join(ch['retired_indicators']))}.")
    if not ch["new_indicators"] and not ch["retired_indicators"]:
        lines.append("Các chỉ tiêu giữ nguyên như kế hoạch đơn vị đang dùng.")
    if pf.office.get("email"):
        lines.append(f"Thư điện tử của cơ quan tổng hợp: {escape(pf.office['email'])}.")
    successor = None
    if code not in pf.roster_codes():
        from dvcq_desktop.services.plan_intake import _successor

        successor = _successor(ws, pf, code)
        if successor is None:
            lines.append(
                f"<span style='color:#b00020'>Đơn vị {escape(code)} không có trong danh sách đơn vị của kế hoạch này.</span>"
            )
        else:
            name = next(u["name"] for u in pf.roster["units"] if u["code"] == successor)
            lines.append(
                f"Đơn vị {escape(code)} không còn trong danh sách; đơn vị kế thừa là <b>{escape(name)} "
                f"({escape(successor)})</b>."
            )
    return "<br>".join(lines), successor


class PlanTakeDialog(QDialog):
    """Shows what a plan file changes; `outcome` is set once the officer took it (or tried to)."""

    def __init__(self, ws: Workspace, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("planTakeDialog")
        self.setWindowTitle(self.tr("Nhận tệp kế hoạch"))
        self.ws, self.path = ws, Path(path)
        self.outcome: PlanOutcome | None = None
        lay = QVBoxLayout(self)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setMinimumWidth(520)
        lay.addWidget(self.text)
        self.successor_box = QCheckBox()
        self.successor_box.hide()
        lay.addWidget(self.successor_box)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Hủy"))
        self.take_button = self.buttons.addButton(
            self.tr("Nhận kế hoạch"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.rejected.connect(self.reject)
        self.take_button.clicked.connect(self.take)
        lay.addWidget(self.buttons)
        try:
            pf = read_plan_file(self.path)
            html, successor = describe(ws, pf)
            self.text.setText(html)
            if successor is not None:
                self.successor_box.setText(
                    self.tr(
                        "Tiếp tục dưới mã và tên đơn vị kế thừa ({code}) từ kỳ này; các kỳ trước giữ tên cũ"
                    ).format(code=successor)
                )
                self.successor_box.show()
                self.take_button.setEnabled(False)
                self.successor_box.toggled.connect(self.take_button.setEnabled)
            elif str(settings.get(ws.db, "unit_code")) not in pf.roster_codes():
                self.take_button.setEnabled(False)
        except PlanFileError as exc:
            self.text.setText(self.tr("Không nhận được tệp này: {reason}").format(reason=exc.message))
            self.take_button.setEnabled(False)
        except Exception as exc:  # noqa: BLE001 - a bad file gives a reason, never a crash
            self.text.setText(user_message(exc))
            self.take_button.setEnabled(False)

    def take(self) -> None:
        self.outcome = take_plan_file(self.ws, self.path, accept_successor=self.successor_box.isChecked())
        if self.outcome.outcome in ("new", "duplicate"):
            self.accept()
        else:
            self.text.setText(self.outcome.message)
            self.take_button.setEnabled(False)
