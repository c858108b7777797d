"""Tổng hợp: the office's totals over the current revision of every expected unit, the unit ×
indicator table, two charts, the highlights by area, and the consolidated report (DOCX + XLSX).

All figures come from services.consolidate (counts summed, ratios recomputed from the summed
parts); this page only lays them out. The report is written in a worker with progress.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dvcq_desktop.services import board as board_service
from dvcq_desktop.services import consolidate as cons_service
from dvcq_desktop.services.consolidate import Consolidation
from dvcq_desktop.storage.workspace import Workspace
from dvcq_desktop.text import format_date, format_int, format_percent
from dvcq_desktop.ui.common.busy import show_progress
from dvcq_desktop.ui.common.context import AppContext
from dvcq_desktop.ui.common.empty_hint import empty_hint
from dvcq_desktop.ui.common.report_files import ascii_slug
from dvcq_desktop.ui.common.widgets import page_title, set_enabled_why
from dvcq_desktop.ui.common.workers import Progress, in_worker
from dvcq_desktop.ui.office.agg_common import open_path
from dvcq_desktop.ui.office.consolidation_charts import ConsolidationCharts
from dvcq_desktop.ui.office.consolidation_model import UnitIndicatorModel

log = logging.getLogger(__name__)


class ConsolidationPage(QWidget):
    refreshed = Signal()
    report_done = Signal(object)  # (docx, xlsx) paths

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.plan = ctx.workspace.plan
        self.cons: Consolidation | None = None
        self.outputs: tuple[Path, Path | None] | None = None

        self.totals = self._tree(
            [self.tr("Chỉ tiêu"), self.tr("Tổng"), self.tr("Đơn vị tính"), self.tr("Số đơn vị có số liệu")],
            (120, 130, 170),
        )
        self.charts = ConsolidationCharts(self.plan)
        self.highlights = self._tree(
            [self.tr("Đơn vị / hoạt động"), self.tr("Ngày"), self.tr("Số người"), self.tr("Loại")],
            (100, 90, 220),
        )
        self.tabs = QTabWidget()
        # short tab names: all four fit a 1024-pixel screen at 175 % without scroll arrows
        self.tabs.addTab(self.totals, self.tr("Theo chỉ tiêu"))
        self.tabs.addTab(self._build_by_unit(), self.tr("Theo đơn vị"))
        self.tabs.addTab(self.charts, self.tr("Biểu đồ"))
        self.tabs.addTab(self.highlights, self.tr("Điển hình"))
        self.tabs.setTabToolTip(3, self.tr("Mô hình, cách làm hay; điển hình, nổi bật"))

        self.subtitle = QLabel()
        self.subtitle.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(10)
        self.progress.hide()
        self.message = QLabel()
        self.message.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(16, 12, 16, 12)
        lay.addLayout(self._build_head())
        lay.addWidget(self.subtitle)
        lay.addWidget(self.progress)
        lay.addWidget(self.message)
        lay.addWidget(self.tabs, 1)
        ctx.hub.imports_changed.connect(self.refresh)

    def _build_head(self) -> QHBoxLayout:
        """The title, and the report button with its "open" buttons (shown once it is written)."""
        self.title = page_title(self.tr("Tổng hợp số liệu"))
        self.title.setWordWrap(True)  # "— Năm 2023" goes to a second line beside the report button
        self.report_btn = QPushButton(self.tr("&Lập báo cáo tổng hợp"))
        self.report_btn.setObjectName("primary")
        self.report_btn.setToolTip(self.tr("Lập báo cáo Word theo Nghị định 30 và phụ lục Excel"))
        self.report_btn.clicked.connect(self.make_report)
        self.open_docx_btn = QPushButton(self.tr("Mở tệp &Word"))
        self.open_xlsx_btn = QPushButton(self.tr("Mở tệp &Excel"))
        self.open_dir_btn = QPushButton(self.tr("Mở thư &mục"))
        self.open_docx_btn.clicked.connect(lambda: self.outputs and open_path(self.outputs[0]))
        self.open_xlsx_btn.clicked.connect(
            lambda: self.outputs and self.outputs[1] and open_path(self.outputs[1])
        )
        self.open_dir_btn.clicked.connect(lambda: self.outputs and open_path(self.outputs[0].parent))
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        for b in (self.open_docx_btn, self.open_xlsx_btn, self.open_dir_btn):
            b.hide()
            head.addWidget(b)
        head.addWidget(self.report_btn)
        return head

    def _build_by_unit(self) -> QWidget:
        """The Theo đơn vị tab: one area's indicators, one row per unit."""
        self.area_combo = QComboBox()
        self.area_combo.addItem(self.tr("Tất cả lĩnh vực"), None)
        for a in self.plan.areas:
            self.area_combo.addItem(f"{a.number}. {a.short_title}", a.id)
        self.area_combo.setCurrentIndex(1)
        self.area_combo.currentIndexChanged.connect(self._fill_table)
        self.model = UnitIndicatorModel(self.plan, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        empty_hint(self.table, self.tr("Chưa nhận báo cáo của đơn vị nào."))
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setDefaultSectionSize(120)
        self.table.horizontalHeader().setMinimumHeight(64)
        by_unit = QWidget()
        bl = QVBoxLayout(by_unit)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Lĩnh vực")))
        row.addWidget(self.area_combo)
        row.addStretch(1)
        bl.addLayout(row)
        bl.addWidget(self.table, 1)
        return by_unit

    @staticmethod
    def _tree(headers: list[str], widths: tuple[int, int, int]) -> QTreeWidget:
        """A four-column tree whose first column takes the spare width."""
        tree = QTreeWidget()
        tree.setColumnCount(4)
        tree.setHeaderLabels(headers)
        header = tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        for col, w in enumerate(widths, start=1):
            header.resizeSection(col, w)
        return tree

    # ---- data -----------------------------------------------------------------------------
    def flush(self) -> None:
        """Nothing waits to be written: every change on this page is saved when it is made."""

    def focus_target(self, target: object) -> None:
        """No item of this page is a navigation target; showing the page is enough."""

    def refresh(self) -> None:
        ws = self.ctx.workspace
        self.cons = cons_service.consolidate(ws)
        self.board = board_service.board(ws)
        b = self.board
        self.title.setText(self.tr("Tổng hợp số liệu — {period}").format(period=b.period_label))
        missing = [r.unit_name for r in b.rows if r.status == "missing"]
        text = self.tr("Tổng hợp từ bản hiện hành của {n}/{total} đơn vị phải nộp ({rate}).").format(
            n=format_int(len(self.cons.units)),
            total=format_int(b.expected),
            rate=format_percent(b.received_rate),
        )
        if missing:  # a few names; the full list is on Tình hình nộp
            more = self.tr(" và {n} đơn vị khác").format(n=len(missing) - 4) if len(missing) > 4 else ""
            text += " " + self.tr("Chưa nộp: {names}{more}.").format(names=", ".join(missing[:4]), more=more)
        if not self.cons.units:  # why every total is blank and the report button is greyed out
            text += " " + self.tr(
                "Chưa nhận báo cáo nào: nhập các gói .dvcq ở trang “Tiếp nhận”, số liệu "
                "tổng hợp sẽ hiện ở đây."
            )
        self.subtitle.setText(text)
        set_enabled_why(
            self.report_btn,
            bool(self.cons.units),
            self.tr("Chưa nhận báo cáo nào của kỳ này: nhập gói của các đơn vị ở trang Tiếp nhận trước."),
        )
        self._fill_totals()
        self._fill_table()
        self.charts.show_data(self.cons, self.board)
        self._fill_highlights()
        self.refreshed.emit()

    def _fill_totals(self) -> None:
        assert self.cons is not None
        c = self.cons
        self.totals.clear()
        bold = QFont()
        bold.setBold(True)
        for area in self.plan.areas:
            top = QTreeWidgetItem([f"{area.number}. {area.short_title}"])
            top.setFont(0, bold)
            top.setToolTip(0, area.title)
            for ind in (i for i in self.plan.indicators if i.area_id == area.id):
                if ind.kind == "ratio":
                    total = format_percent(c.ratios.get(ind.id))
                    n = sum(1 for u in c.per_unit_ratios.values() if u.get(ind.id) is not None)
                else:
                    v = c.totals.get(ind.id)
                    total = "" if v is None else format_int(v)
                    n = sum(1 for u in c.per_unit.values() if u.get(ind.id) is not None)
                item = QTreeWidgetItem([ind.label, total, ind.unit, format_int(n)])
                item.setData(0, Qt.ItemDataRole.UserRole, ind.id)
                for col in (1, 3):
                    item.setTextAlignment(col, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                item.setToolTip(0, ind.label)
                top.addChild(item)
            self.totals.addTopLevelItem(top)
            top.setExpanded(True)

    def total_text(self, indicator_id: str) -> str:
        """What the totals tree shows for one indicator (tests read it)."""
        for i in range(self.totals.topLevelItemCount()):
            top = self.totals.topLevelItem(i)
            for j in range(top.childCount() if top is not None else 0):
                child = top.child(j) if top is not None else None
                if child is not None and child.data(0, Qt.ItemDataRole.UserRole) == indicator_id:
                    return child.text(1)
        raise KeyError(indicator_id)

    def _fill_table(self) -> None:
        if self.cons is not None:
            self.model.set_data(self.cons, self.area_combo.currentData())
            self.table.setColumnWidth(0, 200)

    def _fill_highlights(self) -> None:
        assert self.cons is not None
        c = self.cons
        types = {t.id: t.label for t in self.plan.activity_types}
        self.highlights.clear()
        bold = QFont()
        bold.setBold(True)

        def group(title: str, items: list[cons_service.Highlight]) -> None:
            top = QTreeWidgetItem([f"{title} ({format_int(len(items))})"])
            top.setFont(0, bold)
            by_unit: dict[str, QTreeWidgetItem] = {}
            for h in items:
                parent = by_unit.get(h.unit_code)
                if parent is None:
                    parent = by_unit[h.unit_code] = QTreeWidgetItem([h.unit_name])
                    top.addChild(parent)
                parent.addChild(
                    QTreeWidgetItem(
                        [
                            h.title,
                            format_date(h.start_date),
                            "" if h.participants is None else format_int(h.participants),
                            types.get(h.type_id, h.type_id),
                        ]
                    )
                )
            for p in by_unit.values():
                p.setText(0, f"{p.text(0)} ({format_int(p.childCount())})")
            self.highlights.addTopLevelItem(top)
            top.setExpanded(True)

        group(self.tr("Mô hình, điển hình “Dân vận khéo”"), list(c.dan_van_kheo))
        by_area = c.highlights_by_area()
        for area in self.plan.areas:
            group(
                self.tr("Nổi bật — {n}. {title}").format(n=area.number, title=area.short_title),
                by_area.get(area.id, []),
            )
        self.highlights.expandAll()  # 10–30 units: everything fits, and nothing is hidden behind a click

    # ---- report ---------------------------------------------------------------------------
    def default_report_path(self) -> Path:
        ws = self.ctx.workspace
        folder = Path.home() if ws.read_only else ws.exports_dir  # viewing only: the folder takes no file
        return folder / f"BaoCaoTongHop_{ascii_slug(ws.own_unit.name)}_{ascii_slug(ws.period.id)}.docx"

    def make_report(self, out_docx: Path | None = None) -> None:
        if out_docx is None or not isinstance(out_docx, Path):
            chosen, _ = QFileDialog.getSaveFileName(
                self,
                self.tr("Lưu báo cáo tổng hợp"),
                str(self.default_report_path()),
                self.tr("Word (*.docx)"),
            )
            if not chosen:
                return
            out_docx = Path(chosen) if chosen.lower().endswith(".docx") else Path(chosen + ".docx")
        docx = out_docx
        xlsx = docx.with_name(docx.stem.replace("BaoCao", "PhuLuc", 1) + ".xlsx")
        if xlsx == docx.with_suffix(".xlsx") and "BaoCao" not in docx.stem:
            xlsx = docx.with_name(docx.stem + "_PhuLuc.xlsx")
        self.report_btn.setEnabled(False)
        for b in (self.open_docx_btn, self.open_xlsx_btn, self.open_dir_btn):
            b.hide()
        self.progress.setRange(0, 0)
        self.progress.show()
        self.message.setText(self.tr("Đang lập báo cáo tổng hợp…"))

        def work(ws: Workspace, progress: Progress) -> tuple[Path, Path | None]:
            docx.parent.mkdir(parents=True, exist_ok=True)
            return cons_service.consolidated_report(ws, docx, xlsx, progress)

        self.ctx.tasks.start(
            in_worker(self.ctx.workspace, work),
            on_done=self._report_done,
            on_error=self._report_failed,
            on_progress=self._progress,
        )

    def _progress(self, done: int, total: int, message: str) -> None:
        show_progress(self.progress, self.message, done, total, message)

    def _report_done(self, outputs: tuple[Path, Path | None]) -> None:
        self.outputs = outputs
        self.progress.hide()
        self.report_btn.setEnabled(True)
        docx, xlsx = outputs
        self.message.setText(
            self.tr("Đã lập báo cáo tổng hợp: {docx}{xlsx}").format(
                docx=docx, xlsx=f" và {xlsx.name}" if xlsx else ""
            )
        )
        self.open_docx_btn.show()
        self.open_xlsx_btn.setVisible(xlsx is not None)
        self.open_dir_btn.show()
        self.report_done.emit(outputs)

    def _report_failed(self, _code: str, message: str) -> None:
        self.progress.hide()
        self.report_btn.setEnabled(True)
        self.message.setText(self.tr("Không lập được báo cáo: {msg}").format(msg=message))
