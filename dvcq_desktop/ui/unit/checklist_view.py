"""The pre-export checklist as one rich-text view: grouped, coloured lines with a "Sửa" link each.

A text browser wraps long Vietnamese sentences by itself and stays cheap with hundreds of lines
(a personal-data scan can flag many), where one widget per line would not.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QUrl, Signal
from PySide6.QtWidgets import QLabel, QTextBrowser, QWidget

from dvcq_desktop.services.precheck import ERROR, INFO, WARNING, CheckItem
from dvcq_desktop.ui.common.style import ACCENT
from dvcq_desktop.ui.common.style import ERROR as RED
from dvcq_desktop.ui.common.style import WARNING as AMBER

GREEN = "#1e7b34"
COLORS = {ERROR: RED, WARNING: AMBER, INFO: GREEN}


class ChecklistView(QTextBrowser):
    fix_requested = Signal(int)  # index of the item whose "Sửa" link was clicked

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.anchorClicked.connect(self._anchor)

    def show_items(self, items: list[CheckItem]) -> None:
        heads = {ERROR: self.tr("Lỗi phải sửa"), WARNING: self.tr("Nên xem lại"), INFO: self.tr("Tóm tắt")}
        parts: list[str] = []
        for kind in (ERROR, WARNING, INFO):
            rows = [(i, it) for i, it in enumerate(items) if it.kind == kind]
            if not rows:
                continue
            parts.append(
                f"<p style='margin:8px 0 3px 0; font-weight:600; color:{COLORS[kind]}'>"
                f"{html.escape(heads[kind])} ({len(rows)})</p><table width='100%' cellpadding='3'>"
            )
            for i, it in rows:
                link = (
                    f"<a href='fix:{i}' style='color:{ACCENT}'>{html.escape(self.tr('Sửa'))}</a>"
                    if it.target_key
                    else ""
                )
                parts.append(
                    f"<tr><td width='14' valign='top' style='color:{COLORS[kind]}'>●</td>"
                    f"<td valign='top'>{html.escape(it.text)}</td>"
                    f"<td valign='top' align='right' nowrap>{link}</td></tr>"
                )
            parts.append("</table>")
        self.setHtml("".join(parts))

    def _anchor(self, url: QUrl) -> None:
        text = url.toString()
        if text.startswith("fix:") and text[4:].isdigit():
            self.fix_requested.emit(int(text[4:]))


BANNER = {
    ERROR: ("#fdecea", "#f1b5ae", RED),
    WARNING: ("#fff6d6", "#e6d38a", "#6b4b00"),
    INFO: ("#e7f4ea", "#a9d5b4", GREEN),
}


class ChecklistSummary(QLabel):
    """One coloured line above the checklist: how many errors block the export, or that it is ready."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)

    def show_items(self, items: list[CheckItem], viewing_only: bool = False) -> None:
        errors = [i for i in items if i.kind == ERROR]
        warnings = [i for i in items if i.kind == WARNING]
        if viewing_only:  # nothing can be exported from a folder that takes no file: say so
            kind = ERROR if errors else INFO
            text = self.tr("Chế độ chỉ xem: xem được danh sách kiểm tra, nhưng không xuất gói được.")
            if errors:
                text += " " + self.tr("Còn {n} lỗi.").format(n=len(errors))
        elif errors:
            kind, text = ERROR, self.tr("Còn {n} lỗi phải sửa trước khi xuất gói.").format(n=len(errors))
        elif warnings:
            kind, text = (
                WARNING,
                self.tr("Không có lỗi; có thể xuất gói. Còn {n} điểm nên xem lại.").format(n=len(warnings)),
            )
        else:
            kind, text = INFO, self.tr("Đã kiểm tra: không có lỗi, sẵn sàng xuất gói.")
        bg, border, fg = BANNER[kind]
        self.setText(text)
        self.setStyleSheet(
            f"background: {bg}; border: 1px solid {border}; color: {fg}; "
            "border-radius: 5px; padding: 7px 10px; font-weight: 600;"
        )
