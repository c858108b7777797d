"""The receiving office's part of "Kế hoạch & kỳ báo cáo": open a year, edit its plan metadata
(checked against the plan schema), publish the plan file, keep the catalogue from Excel, and look
at every year side by side (indicator totals, on-time record)."""

from __future__ import annotations

import json
import logging
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from dvcq_desktop.domain import clock
from dvcq_desktop.domain.periods import year_of
from dvcq_desktop.errors import user_message
from dvcq_desktop.services import periods
from dvcq_desktop.services.multiyear import MultiYear
from dvcq_desktop.storage import periods_repo
from dvcq_desktop.text import format_date, format_number, parse_date
from dvcq_desktop.ui.common.context import AppContext
from dvcq_desktop.ui.common.flow_layout import FlowLayout
from dvcq_desktop.ui.common.widgets import show_failure

log = logging.getLogger(__name__)


def _scrolled(page: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setWidget(page)
    return area


class PlanOfficePanel(QTabWidget):
    changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("planOfficePanel")
        from dvcq_desktop.ui.office.catalog_excel_tab import CatalogExcelTab

        self.catalog_tab = CatalogExcelTab(ctx, self)
        # Five full names do not fit one tab bar at 175 % on a 1024 px screen: short names, the
        # full one in the tooltip; each tab scrolls rather than squeezing its texts.
        for page, short, full in (
            (self._open_tab(), self.tr("Mở kỳ"), self.tr("Mở kỳ mới")),
            (self._meta_tab(), self.tr("Kế hoạch"), self.tr("Thông tin kế hoạch của kỳ")),
            (self._publish_tab(), self.tr("Phát hành"), self.tr("Phát hành tệp kế hoạch")),
            (self._years_tab(), self.tr("Nhiều năm"), ""),
            (self.catalog_tab, self.tr("Danh mục"), self.tr("Danh mục đơn vị (Excel)")),
        ):
            i = self.addTab(_scrolled(page), short)
            self.setTabToolTip(i, full or short)
        # Fusion pads each tab by a font-sized margin: a narrower one keeps the five tabs on the
        # bar (no scroll arrows hiding the last one) at 175 % on a 1024 px screen.
        self.tabBar().setStyleSheet("QTabBar::tab { padding: 4px 8px; }")
        self.load_meta()

    def _say(self, text: str) -> None:
        self.ctx.hub.status_message.emit(text)

    def _fail(self, label: QLabel, exc: Exception) -> None:
        log.warning("office plan action failed: %r", exc)
        show_failure(label, exc)

    # ---- open a year ---------------------------------------------------------------------
    def _open_tab(self) -> QWidget:
        w = QWidget()
        lay = QVBoxLayout(w)
        ws = self.ctx.workspace
        last = max((int(p.id) for p in periods.list_periods(ws) if p.id.isdigit()), default=2023)
        self.year = QSpinBox()
        self.year.setObjectName("openYear")
        self.year.setRange(2000, 2100)
        self.year.setValue(
            max(last + 1, year_of(clock.today())) if last < year_of(clock.today()) else last + 1
        )
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Năm")))
        row.addWidget(self.year)
        self.open_button = QPushButton(self.tr("Mở kỳ (lập kế hoạch từ năm trước)"))
        self.open_button.setObjectName("openPeriod")
        self.open_button.clicked.connect(self.open_year)
        row.addWidget(self.open_button)
        row.addStretch(1)
        lay.addLayout(row)
        self.open_note = QLabel(
            self.tr(
                "Kế hoạch của năm mới giữ nguyên nội dung, chỉ tiêu (cùng mã), quy tắc và đề cương của năm trước; "
                "kỳ số liệu mặc định từ 01/11 năm trước đến 31/10, hạn nộp 01/11 — sửa được ở thẻ bên cạnh. "
                "Danh sách đơn vị phải báo cáo lấy theo danh mục còn hiệu lực."
            )
        )
        self.open_note.setWordWrap(True)
        lay.addWidget(self.open_note)
        lay.addStretch(1)
        return w

    def open_year(self) -> None:
        try:
            info = periods.open_year(self.ctx.workspace, self.year.value())
        except Exception as exc:  # noqa: BLE001
            self._fail(self.open_note, exc)
            return
        self._say(self.tr("Đã mở kỳ {label}.").format(label=info.label))
        self.year.setValue(self.year.value() + 1)
        self.load_meta()
        self.changed.emit()

    # ---- metadata of the chosen period's plan --------------------------------------------
    def _meta_tab(self) -> QWidget:
        w = QWidget()
        form = QFormLayout(w)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.meta_period = QLabel()
        self.meta_period.setWordWrap(True)
        self.number = QLineEdit()
        self.issued = QLineEdit()
        self.issuer = QLineEdit()
        self.trich_yeu = QPlainTextEdit()
        self.trich_yeu.setFixedHeight(70)
        self.start = QLineEdit()
        self.end = QLineEdit()
        self.deadline = QLineEdit()
        for label, field in (
            (self.tr("Kỳ"), self.meta_period),
            (self.tr("Số, ký hiệu kế hoạch"), self.number),
            (self.tr("Ngày ban hành"), self.issued),
            (self.tr("Cơ quan ban hành"), self.issuer),
            (self.tr("Trích yếu báo cáo"), self.trich_yeu),
            (self.tr("Số liệu từ ngày"), self.start),
            (self.tr("đến ngày"), self.end),
            (self.tr("Hạn nộp"), self.deadline),
        ):
            form.addRow(label, field)
        self.save_meta_button = QPushButton(self.tr("Lưu (kiểm tra theo mẫu kế hoạch)"))
        self.save_meta_button.setObjectName("saveMeta")
        self.save_meta_button.clicked.connect(self.save_meta)
        self.meta_note = QLabel()
        self.meta_note.setWordWrap(True)
        form.addRow(self.save_meta_button)
        form.addRow(self.meta_note)
        from dvcq_desktop.ui.periods.plan_content_box import PlanContentBox

        self.content = PlanContentBox(self.ctx, w)
        self.content.changed.connect(self._content_changed)
        for item in self.content.rows():
            form.addRow(item)
        return w

    def _content_changed(self) -> None:
        self.load_meta()
        self.changed.emit()

    def _template(self) -> tuple[str, dict[str, object]]:
        ws = self.ctx.workspace
        pid = ws.chosen[1]
        row = periods_repo.find(ws.db, pid)
        assert row is not None
        return pid, periods_repo.plan_template(ws.db, row["plan_id"])

    def load_meta(self) -> None:
        pid, data = self._template()
        p = data["periods"][0] if isinstance(data["periods"], list) and len(data["periods"]) == 1 else None
        self.meta_period.setText(f"{pid} — {data['id']} (phiên bản {data['version']})")
        self.number.setText(str(data["number"]))
        self.issued.setText(str(data["issued"]))
        self.issuer.setText(str(data["issuer"]))
        self.trich_yeu.setPlainText(str(data["trich_yeu"]))
        for field, key in ((self.start, "start"), (self.end, "end"), (self.deadline, "deadline")):
            field.setText(_dmy(p[key]) if p else "")
            field.setEnabled(p is not None)

    def save_meta(self) -> None:
        pid, data = self._template()
        try:
            edited = json.loads(json.dumps(data))
            edited.update(
                number=self.number.text().strip(),
                issued=self.issued.text().strip(),
                issuer=self.issuer.text().strip(),
                trich_yeu=self.trich_yeu.toPlainText().strip(),
            )
            if len(edited["periods"]) == 1:
                p = edited["periods"][0]
                for field, key in ((self.start, "start"), (self.end, "end"), (self.deadline, "deadline")):
                    p[key] = parse_date(field.text()).isoformat()
            plan = periods.update_plan(self.ctx.workspace, pid, edited)
        except ValueError:
            self.meta_note.setText(self.tr("Ngày phải viết dạng dd/mm/yyyy, ví dụ 01/11/2024."))
            return
        except Exception as exc:  # noqa: BLE001
            self._fail(self.meta_note, exc)
            return
        self.meta_note.setText(self.tr("Đã lưu, phiên bản {v}.").format(v=plan.version))
        self.load_meta()
        self.changed.emit()

    # ---- publish -------------------------------------------------------------------------
    def _publish_tab(self) -> QWidget:
        w = QWidget()
        form = QFormLayout(w)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        contact = self.ctx.workspace.setting("office_contact", {}) or {}
        self.email = QLineEdit(str(contact.get("email", "")))
        self.email.setObjectName("officeEmail")
        self.phone = QLineEdit(str(contact.get("phone", "")))
        form.addRow(self.tr("Thư điện tử nhận báo cáo"), self.email)
        form.addRow(self.tr("Điện thoại"), self.phone)
        from dvcq_desktop.ui.periods.roster_box import RosterBox

        self.roster = RosterBox(self.ctx, w)
        for item in self.roster.rows():
            form.addRow(item)
        self.publish_button = QPushButton(self.tr("Phát hành tệp kế hoạch của kỳ đang làm việc…"))
        self.publish_button.setObjectName("publishPlan")
        self.publish_button.clicked.connect(self.pick_publish_dir)
        self.publish_note = QLabel()
        self.publish_note.setWordWrap(True)
        form.addRow(self.publish_button)
        form.addRow(self.publish_note)
        return w

    def pick_publish_dir(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Lưu tệp kế hoạch vào thư mục"))
        if folder:
            self.publish(Path(folder))

    def publish(self, folder: Path) -> Path | None:
        from dvcq_desktop.services.plan_publish import publish_plan, set_office_contact

        ws = self.ctx.workspace
        email = self.email.text().strip()
        if email and (email.count("@") != 1 or " " in email):
            self.publish_note.setText(
                self.tr("Địa chỉ thư điện tử chưa đúng (ví dụ phongnoivu@tayninh.gov.vn).")
            )
            return None
        try:
            set_office_contact(ws, email=email, phone=self.phone.text())
            path = publish_plan(ws, ws.chosen[1], folder)
        except Exception as exc:  # noqa: BLE001
            self._fail(self.publish_note, exc)
            return None
        self.publish_note.setText(
            self.tr("Đã phát hành: {path}. Gửi tệp này cho các đơn vị.").format(path=path)
        )
        return path

    # ---- every year side by side ---------------------------------------------------------
    def _years_tab(self) -> QWidget:
        w = QWidget()
        lay = QVBoxLayout(w)
        row = FlowLayout()
        self.years_button = QPushButton(self.tr("Cập nhật"))
        self.years_button.clicked.connect(self.load_years)
        self.years_xlsx = QPushButton(self.tr("Xuất Excel (kèm biểu đồ)…"))
        self.years_xlsx.setObjectName("multiYearXlsx")
        self.years_xlsx.clicked.connect(self.export_years)
        row.addWidget(self.years_button)
        row.addWidget(self.years_xlsx)
        row.addStretch(1)
        lay.addLayout(row)
        self.trend = QTableWidget()
        self.trend.setObjectName("trendTable")
        self.record = QTableWidget()
        self.record.setObjectName("onTimeTable")
        from dvcq_desktop.ui.periods.multiyear_chart import MultiYearChart

        self.chart = MultiYearChart()
        self.years: MultiYear | None = None
        self.trend.currentCellChanged.connect(
            lambda row, *_: self.chart.show_indicator(self.years, row) if self.years else None
        )
        trend_title = QLabel(self.tr("Tổng số của từng chỉ tiêu qua các kỳ (chọn một dòng để xem biểu đồ)"))
        trend_title.setWordWrap(True)
        lay.addWidget(trend_title)
        lay.addWidget(self.trend, 2)
        lay.addWidget(self.chart, 2)
        lay.addWidget(QLabel(self.tr("Nộp đúng hạn qua các kỳ")))
        lay.addWidget(self.record, 1)
        return w

    def load_years(self) -> None:
        from dvcq_desktop.services.board import STATUS_LABELS
        from dvcq_desktop.services.multiyear import multi_year

        m = multi_year(self.ctx.workspace)
        self.years = m
        self.chart.show_rates(m)
        self.trend.setColumnCount(1 + len(m.period_ids))
        self.trend.setHorizontalHeaderLabels([self.tr("Chỉ tiêu"), *m.period_labels])
        self.trend.setRowCount(len(m.indicators))
        for r, row in enumerate(m.indicators):
            self.trend.setItem(r, 0, QTableWidgetItem(row.label))
            for c, v in enumerate(row.values, start=1):
                text = (
                    ""
                    if v is None
                    else (f"{format_number(v)}%" if row.kind == "ratio" else format_number(v, 0))
                )
                self.trend.setItem(r, c, QTableWidgetItem(text))
        self.record.setColumnCount(2 + len(m.period_ids))
        self.record.setHorizontalHeaderLabels(
            [self.tr("Đơn vị"), *m.period_labels, self.tr("Số kỳ đúng hạn")]
        )
        self.record.setRowCount(len(m.units))
        for r, u in enumerate(m.units):
            self.record.setItem(r, 0, QTableWidgetItem(u.unit_name))
            for c, s in enumerate(u.statuses, start=1):
                self.record.setItem(r, c, QTableWidgetItem("—" if s is None else STATUS_LABELS[s]))
            self.record.setItem(
                r, 1 + len(u.statuses), QTableWidgetItem(f"{u.on_time_count}/{u.expected_count}")
            )
        self.trend.resizeColumnsToContents()
        self.record.resizeColumnsToContents()

    def export_years(self) -> None:
        from dvcq_desktop.services.multiyear import multi_year
        from dvcq_desktop.services.multiyear_xlsx import write_multiyear_xlsx

        ws = self.ctx.workspace
        path, _f = QFileDialog.getSaveFileName(
            self,
            self.tr("Lưu bảng nhiều năm"),
            str(ws.exports_dir / "TongHop_NhieuNam.xlsx"),
            "Excel (*.xlsx)",
        )
        if path:
            try:
                write_multiyear_xlsx(multi_year(ws), Path(path))
                self._say(self.tr("Đã lưu {path}").format(path=path))
            except Exception as exc:  # noqa: BLE001
                self._say(user_message(exc))


def _dmy(iso: object) -> str:
    from datetime import date

    return format_date(date.fromisoformat(str(iso)))
