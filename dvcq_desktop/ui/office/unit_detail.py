"""A unit's detail at the receiving office: its current figures, its report file, every revision
it sent (the current one marked) and what changed between two of them.

The report is opened from the package kept verbatim in `inbox/`: the package is read with the
strict reader and only the two verified report members (.docx, .xlsx) are written to a fresh temp
folder under plain names, so nothing else in a package ever reaches the disk or a program.
"""

from __future__ import annotations

import html
import logging
import tempfile
from pathlib import Path, PurePosixPath

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from dvcq_desktop.domain.rules import compute_ratios
from dvcq_desktop.errors import DvcqError, user_message
from dvcq_desktop.package.reader import read_member
from dvcq_desktop.services import history
from dvcq_desktop.storage.fsutil import write_bytes_atomic
from dvcq_desktop.storage.workspace import Workspace
from dvcq_desktop.text import format_datetime, format_int, format_percent
from dvcq_desktop.ui.common.context import AppContext
from dvcq_desktop.ui.common.flow_layout import FlowLayout
from dvcq_desktop.ui.common.widgets import set_enabled_why
from dvcq_desktop.ui.office.agg_common import open_path
from dvcq_desktop.ui.office.unit_tasks_tab import UnitTasksTab

log = logging.getLogger(__name__)

REPORT_SUFFIXES = (".docx", ".xlsx")
EXCERPT_CHARS = 400
FIELD_LABELS = {
    "area_id": "lĩnh vực",
    "type_id": "loại",
    "title": "tên",
    "start_date": "ngày bắt đầu",
    "end_date": "ngày kết thúc",
    "content": "nội dung",
    "location": "địa điểm",
    "lead_unit": "chủ trì",
    "partners": "phối hợp",
    "participants": "số người",
    "groups": "số nhóm",
    "result": "kết quả",
    "doc_number": "số văn bản",
    "doc_date": "ngày văn bản",
    "doc_summary": "trích yếu",
    "status": "tình trạng",
    "notable": "nổi bật",
    "attachments": "tệp đính kèm",
}
REV_STATUS = {"new": "Lần đầu", "newer": "Bản sửa đổi", "older": "Bản cũ hơn đến sau (không dùng)"}


def extract_reports(ws: Workspace, inbox_path: str, dest: Path | None = None) -> list[Path]:
    """Write the verified .docx/.xlsx report members of a stored package into `dest` (a new temp
    folder by default); returns their paths. Raises DvcqError if the stored file is damaged."""
    from dvcq_desktop.package.opening import open_package
    from dvcq_desktop.services import keys

    pkg = open_package(ws.root / inbox_path, keys.identities(ws)).package  # sealed: decrypted
    assert pkg is not None  # identities given: opened or refused
    out = dest or Path(tempfile.mkdtemp(prefix="dvcq-baocao-"))
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for member in pkg.report_files:
        name = PurePosixPath(member).name  # never a path from the package
        if not name.lower().endswith(REPORT_SUFFIXES) or name.startswith("."):
            continue
        target = out / name
        write_bytes_atomic(target, read_member(pkg, member))  # Word may hold the last one open
        written.append(target)
    return sorted(written, key=lambda p: p.suffix)


class UnitDetailDialog(QDialog):
    def __init__(self, ctx: AppContext, unit_code: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.unit_code = unit_code
        ws = ctx.workspace
        self.plan = ws.plan
        unit = ws.catalog.unit(unit_code) if ws.catalog.has_unit(unit_code) else None
        self.unit_name = unit.name if unit else unit_code
        self.setWindowTitle(self.tr("Chi tiết — {unit}").format(unit=self.unit_name))
        self.revisions = history.revisions(ws, unit_code)
        self.current = next((r for r in self.revisions if r.is_current), None)

        head = QLabel(f"<b>{html.escape(self.unit_name)}</b> ({html.escape(unit_code)})")
        f = head.font()
        f.setPointSizeF(f.pointSizeF() * 1.25)
        head.setFont(f)
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.tabs = QTabWidget()
        self.values_table = QTableWidget(0, 3)
        self.narrative = QTextBrowser()
        self.rev_table = QTableWidget(0, 5)
        self.diff_view = QTextBrowser()
        self.a_combo, self.b_combo = QComboBox(), QComboBox()
        self.tabs.addTab(self._data_tab(), self.tr("Số liệu hiện hành"))
        self.tabs.addTab(self._revisions_tab(), self.tr("Các lần gửi và so sánh"))
        self.tasks_tab = UnitTasksTab(self.plan)
        self.tabs.addTab(self.tasks_tab, self.tr("Kế hoạch của đơn vị"))
        self.open_docx = QPushButton(self.tr("Mở báo cáo (Word)"))
        self.open_xlsx = QPushButton(self.tr("Mở phụ lục (Excel)"))
        self.open_docx.clicked.connect(lambda: self.open_report(".docx"))
        self.open_xlsx.clicked.connect(lambda: self.open_report(".xlsx"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Đóng"))
        close.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.open_docx)
        bottom.addWidget(self.open_xlsx)
        bottom.addWidget(self.message, 1)
        bottom.addWidget(close)
        lay = QVBoxLayout(self)
        lay.addWidget(head)
        lay.addWidget(self.state)
        lay.addWidget(self.tabs, 1)
        lay.addLayout(bottom)
        self.load()
        from dvcq_desktop.ui.common.screen_fit import fit_dialog

        fit_dialog(self, QSize(900, 620).expandedTo(self.sizeHint()))  # the tables scroll inside

    # ---- building -------------------------------------------------------------------------
    def _table(self, t: QTableWidget, headers: list[str]) -> None:
        t.setHorizontalHeaderLabels(headers)
        t.verticalHeader().hide()
        t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        t.horizontalHeader().setStretchLastSection(True)

    def _data_tab(self) -> QWidget:
        self._table(self.values_table, [self.tr("Chỉ tiêu"), self.tr("Số liệu"), self.tr("Đơn vị tính")])
        self.values_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.values_table.setColumnWidth(1, 110)
        self.values_table.horizontalHeader().setStretchLastSection(False)
        self.values_table.setColumnWidth(2, 120)
        w = QWidget()
        lay = QHBoxLayout(w)
        lay.addWidget(self.values_table, 3)
        lay.addWidget(self.narrative, 2)
        return w

    def _revisions_tab(self) -> QWidget:
        self._table(
            self.rev_table,
            [
                self.tr("Lần"),
                self.tr("Trạng thái"),
                self.tr("Hoàn thành lúc"),
                self.tr("Nhận lúc"),
                self.tr("Tệp gốc, ghi chú"),
            ],
        )
        for col, width in enumerate((50, 230, 140, 140)):
            self.rev_table.setColumnWidth(col, width)
        compare = QPushButton(self.tr("So sánh"))
        compare.clicked.connect(self.show_diff)
        row = FlowLayout()  # the two revision lists go one under the other on a narrow window
        row.addWidget(QLabel(self.tr("So sánh lần")))
        row.addWidget(self.a_combo)
        row.addWidget(QLabel(self.tr("với lần")))
        row.addWidget(self.b_combo)
        row.addWidget(compare)
        row.addStretch(1)
        w = QWidget()
        lay = QVBoxLayout(w)
        lay.addWidget(self.rev_table, 1)
        lay.addLayout(row)
        lay.addWidget(self.diff_view, 2)
        return w

    # ---- data -----------------------------------------------------------------------------
    def load(self) -> None:
        has = self.current is not None
        for b in (self.open_docx, self.open_xlsx):
            set_enabled_why(b, has, self.tr("Đơn vị này chưa nộp báo cáo trong kỳ."))
        if not has:
            none = self.tr("Chưa nhận được báo cáo của đơn vị này trong kỳ.")
            self.state.setText(none)
            # Every tab says it too: blank white panes read as "the program failed to load".
            self.narrative.setPlainText(none)
            self.diff_view.setPlainText(none)
            self.tasks_tab.set_tasks(())
            return
        assert self.current is not None
        sub = history.load_submission(self.ctx.workspace, self.current.package_id)
        acts = [a for a in sub.activities if a.status != "cancelled"]
        self.state.setText(
            self.tr(
                "Lần gửi hiện hành: {n}; hoàn thành lúc {fin}; nhận lúc {rec}; "
                "{acts} hoạt động ({notable} nổi bật)."
            ).format(
                n=self.current.revision,
                fin=format_datetime(self.current.finalized_at),
                rec=format_datetime(self.current.received_at),
                acts=format_int(len(acts)),
                notable=format_int(sum(1 for a in acts if a.notable)),
            )
        )
        self._fill_values(sub)
        self._fill_narrative(sub)
        self.tasks_tab.set_tasks(sub.tasks)
        self._fill_revisions()

    def _fill_values(self, sub: object) -> None:
        values = {v.indicator_id: v.value for v in sub.indicators}  # type: ignore[attr-defined]
        ratios = compute_ratios(self.plan, values)
        rows: list[tuple[str, str, str, bool]] = []
        for area in self.plan.areas:
            rows.append((f"{area.number}. {area.short_title}", "", "", True))
            for ind in (i for i in self.plan.indicators if i.area_id == area.id):
                if ind.kind == "ratio":
                    text = format_percent(ratios.get(ind.id))
                else:
                    v = values.get(ind.id)
                    text = "" if v is None else format_int(v)
                rows.append((ind.label, text, ind.unit, False))
        t = self.values_table
        t.setRowCount(len(rows))
        bold = QFont()
        bold.setBold(True)
        for i, (label, value, unit, is_area) in enumerate(rows):
            for col, text in enumerate((label, value, unit)):
                item = QTableWidgetItem(text)
                if is_area:
                    item.setFont(bold)
                if col == 1:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                t.setItem(i, col, item)

    def _fill_narrative(self, sub: object) -> None:
        titles = {s.id: s.title for s in self.plan.outline}
        parts = [f"<h3>{html.escape(self.tr('Trích nội dung báo cáo'))}</h3>"]
        for n in sub.narratives:  # type: ignore[attr-defined]
            if not n.text.strip():
                continue
            text = n.text.strip()
            short = text[:EXCERPT_CHARS] + ("…" if len(text) > EXCERPT_CHARS else "")
            parts.append(
                f"<p><b>{html.escape(titles.get(n.section_id, n.section_id))}</b><br>{html.escape(short)}</p>"
            )
        if len(parts) == 1:
            parts.append(f"<p>{html.escape(self.tr('Đơn vị chưa viết phần nội dung.'))}</p>")
        self.narrative.setHtml("".join(parts))

    def _fill_revisions(self) -> None:
        t = self.rev_table
        t.setRowCount(len(self.revisions))
        bold = QFont()
        bold.setBold(True)
        for combo in (self.a_combo, self.b_combo):
            combo.clear()
        for i, r in enumerate(self.revisions):
            status = self.tr("Hiện hành ✓") if r.is_current else self.tr(REV_STATUS.get(r.status, r.status))
            if r.is_current and r.status == "newer":
                status = self.tr("Bản sửa đổi — hiện hành ✓")
            noteparts = [Path(r.source_path).name]
            if r.received_at_reason:
                noteparts.append(self.tr("đã sửa thời điểm nhận: {why}").format(why=r.received_at_reason))
            for col, text in enumerate(
                (
                    str(r.revision),
                    status,
                    format_datetime(r.finalized_at),
                    format_datetime(r.received_at),
                    "; ".join(noteparts),
                )
            ):
                item = QTableWidgetItem(text)
                if r.is_current:
                    item.setFont(bold)
                t.setItem(i, col, item)
            label = self.tr("{n} (nhận {at})").format(n=r.revision, at=format_datetime(r.received_at))
            self.a_combo.addItem(label, r.package_id)
            self.b_combo.addItem(label, r.package_id)
        if len(self.revisions) >= 2:
            cur = next(i for i, r in enumerate(self.revisions) if r.is_current)
            self.b_combo.setCurrentIndex(cur)
            self.a_combo.setCurrentIndex(cur - 1 if cur > 0 else 1)
            self.show_diff()
        else:
            self.diff_view.setHtml(
                f"<p>{html.escape(self.tr('Đơn vị mới gửi một lần, chưa có gì để so sánh.'))}</p>"
            )

    # ---- actions --------------------------------------------------------------------------
    def show_diff(self) -> None:
        a, b = self.a_combo.currentData(), self.b_combo.currentData()
        if not a or not b or a == b:
            self.diff_view.setHtml(f"<p>{html.escape(self.tr('Chọn hai lần gửi khác nhau để so sánh.'))}</p>")
            return
        d = history.diff_revisions(self.ctx.workspace, a, b)
        self.diff_view.setHtml(self.diff_html(d))

    def diff_html(self, d: history.RevisionDiff) -> str:
        e = html.escape
        labels = {i.id: i.label for i in self.plan.indicators}
        titles = {s.id: s.title for s in self.plan.outline}
        out = [
            f"<h3>{e(self.tr('Thay đổi từ lần {a} sang lần {b}').format(a=d.revision_a, b=d.revision_b))}</h3>"
        ]
        if d.empty:
            out.append(f"<p>{e(self.tr('Không có thay đổi về nội dung.'))}</p>")

        def section(title: str, items: list[str]) -> None:
            if items:
                out.append(
                    f"<p><b>{e(title)}</b></p><ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>"
                )

        def num(v: int | None) -> str:
            return "(trống)" if v is None else format_int(v)

        section(
            self.tr("Chỉ tiêu thay đổi ({n})").format(n=len(d.values)),
            [
                f"{e(labels.get(v.indicator_id, v.indicator_id))}: {num(v.old)} → <b>{num(v.new)}</b>"
                for v in d.values
            ],
        )
        section(self.tr("Hoạt động thêm mới ({n})").format(n=len(d.added)), [e(a.title) for a in d.added])
        section(
            self.tr("Hoạt động sửa ({n})").format(n=len(d.changed)),
            [f"{e(c.title)} — {e(', '.join(FIELD_LABELS.get(f, f) for f in c.fields))}" for c in d.changed],
        )
        section(self.tr("Hoạt động bỏ ({n})").format(n=len(d.removed)), [e(a.title) for a in d.removed])
        section(
            self.tr("Phần nội dung thay đổi ({n})").format(n=len(d.narratives)),
            [
                f"<b>{e(titles.get(n.section_id, n.section_id))}</b><br>"
                f"<span style='color:#b3261e'>{e(self.tr('Trước:'))} {e(n.old[:200])}</span><br>"
                f"<span style='color:#1b5e20'>{e(self.tr('Sau:'))} {e(n.new[:200])}</span>"
                for n in d.narratives
            ],
        )
        if d.document_fields:
            section(self.tr("Thông tin văn bản thay đổi"), [e(", ".join(d.document_fields))])
        return "".join(out)

    def open_report(self, suffix: str) -> Path | None:
        if self.current is None:
            return None
        try:
            files = extract_reports(self.ctx.workspace, self.current.inbox_path)
        except (DvcqError, OSError) as exc:
            log.warning("cannot extract report of %s: %r", self.unit_code, exc)
            self.message.setText(self.tr("Không mở được tệp báo cáo: {msg}").format(msg=user_message(exc)))
            return None
        target = next((f for f in files if f.suffix.lower() == suffix), None)
        if target is None:
            self.message.setText(self.tr("Gói của đơn vị không có tệp {kind}.").format(kind=suffix))
            return None
        open_path(target)
        self.message.setText(self.tr("Đã mở {name}").format(name=target.name))
        return target
