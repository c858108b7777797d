"""The office pages of the user guide name the real buttons, tabs and columns: every bold term of
tiep-nhan.md, tinh-hinh-nop.md and bao-cao-tong-hop.md is a text on the real pages (or one of the
few bold words that only stress a point)."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QLabel,
    QMenu,
    QTableView,
    QTableWidget,
    QTabWidget,
    QTreeWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from dvcq_desktop.paths import AppPaths
from dvcq_desktop.resources import resource_path
from dvcq_desktop.services import board
from dvcq_desktop.services.setup import init_workspace
from dvcq_desktop.ui.common.context import AppContext, Hub
from dvcq_desktop.ui.common.workers import TaskRunner
from dvcq_desktop.ui.office.board_page import BoardPage, ReceivedAtDialog
from dvcq_desktop.ui.office.consolidation_page import ConsolidationPage
from dvcq_desktop.ui.office.intake_page import IntakePage
from dvcq_desktop.ui.office.units_page import UnitsPage

GUIDES = ("tiep-nhan.md", "tinh-hinh-nop.md", "bao-cao-tong-hop.md")
BOLD = re.compile(r"\*\*([^*]+)\*\*")
# Bold for emphasis, not a label on screen.
EMPHASIS = {
    "cơ quan tổng hợp",
    "chưa lưu gì",
    "kiểm tra trước",
    "bản hiện hành",
    "tỷ lệ được tính lại",
    "thời điểm nhận lần gửi đầu tiên",
    "Word",
    "Excel",
    "Nhập N gói",
    "Mới",
    "Bản sửa đổi mới hơn",
    "Trùng, đã nhập",
    "Bản cũ hơn",
    "Xung đột",
    "Bị từ chối",
}
# Labels the guide writes with the number left open ("Trễ hạn 2 ngày", "So sánh lần 1 với lần 2").
TEMPLATES = {"Trễ hạn n ngày", "So sánh lần … với lần …"}


def _texts(root: QWidget) -> set[str]:
    out: set[str] = set()
    for w in [root, *root.findChildren(QWidget)]:
        if isinstance(w, (QAbstractButton, QLabel)):
            out.add(w.text())
        if isinstance(w, QTabWidget):
            out |= {w.tabText(i) for i in range(w.count())}
        if isinstance(w, QComboBox):
            out |= {w.itemText(i) for i in range(w.count())}
        if isinstance(w, QMenu):  # a button's menu (e.g. "Lập biên nhận…")
            out |= {a.text() for a in w.actions()}
        if isinstance(w, (QTableWidget, QTableView, QTreeWidget)):
            model = w.model()
            out |= {
                str(model.headerData(c, Qt.Orientation.Horizontal) or "") for c in range(model.columnCount())
            }
        placeholder = getattr(w, "placeholderText", None)
        if callable(placeholder):
            out.add(placeholder())
    return {" ".join(t.replace("&", "").split()) for t in out if t}


def test_office_guide_names_real_labels(qtbot: QtBot, tmp_path: Path) -> None:
    ws = init_workspace(tmp_path / "ws", role="aggregator", unit_code="TPTN")
    ctx = AppContext(
        paths=AppPaths(workspace=ws.root, log_dir=tmp_path / "logs", config_dir=tmp_path / "cfg"),
        workspace=ws,
        tasks=TaskRunner(),
        hub=Hub(),
    )
    try:
        seen: set[str] = set()
        for cls in (IntakePage, BoardPage, ConsolidationPage, UnitsPage):
            page = cls(ctx)
            qtbot.addWidget(page)
            page.refresh()
            seen |= _texts(page)
        dlg = ReceivedAtDialog([], "Phường 1")
        qtbot.addWidget(dlg)
        seen |= _texts(dlg)
        seen |= set(board.STATUS_LABELS.values())
        seen |= {"Nhập"}  # the import button before a preview
        # the unit detail window's tabs and buttons (it needs a received unit, so read its source)
        detail = (Path(__file__).parents[2] / "dvcq_desktop" / "ui" / "office" / "unit_detail.py").read_text(
            encoding="utf-8"
        )
        seen |= set(re.findall(r'self\.tr\("([^"{]+)"\)', detail))
        missing: dict[str, list[str]] = {}
        for guide in GUIDES:
            for term in BOLD.findall(resource_path("help", guide).read_text(encoding="utf-8")):
                term = " ".join(term.split())
                if term in EMPHASIS | TEMPLATES or term in seen or re.sub(r"\s*\(.*\)$", "", term) in seen:
                    continue
                if not any(term in s for s in seen):
                    missing.setdefault(guide, []).append(term)
        assert not missing, missing
    finally:
        ctx.tasks.wait()
        ws.close()
