"""Chỉ tiêu: the plan's indicator forms, checked live and saved without the officer thinking of it.

Every edit re-evaluates the plan's rules and ratios at once (they are cheap pure functions) and
starts a short timer; when typing pauses the whole form is saved in one transaction, so a crash
or a closed laptop loses at most the last second of typing. Suggestions from the activity log
are computed on a worker thread (a grouped query over up to 100,000 rows).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from dvcq_desktop.domain import clock
from dvcq_desktop.domain.records import IndicatorValue, RuleResult
from dvcq_desktop.domain.rules import compute_ratios, evaluate_rules
from dvcq_desktop.errors import DvcqError
from dvcq_desktop.services.suggestions import Suggestion, suggest_values
from dvcq_desktop.storage import report_data
from dvcq_desktop.storage.workspace import Workspace
from dvcq_desktop.text import format_percent
from dvcq_desktop.ui.common.context import AppContext
from dvcq_desktop.ui.common.workers import Progress, in_worker
from dvcq_desktop.ui.unit.indicator_form import AreaForm, CountRow, RuleRow

log = logging.getLogger(__name__)

SAVE_DELAY_MS = 800


class IndicatorsPage(QWidget):
    key = "indicators"
    suggestions_loaded = Signal()
    saved = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.plan = ctx.workspace.plan
        self.results: list[RuleResult] = []
        self.suggestions_ready = False
        self._dirty = False
        self._loading = False
        self._saved_rule_comments: dict[str, str] = {}

        self.title = QLabel(self.tr("<h2>Chỉ tiêu</h2>"), self)
        self.summary = QLabel(self)
        self.summary.setObjectName("indicators_summary")
        self.state = QLabel(self)
        self.save_button = QPushButton(self.tr("&Lưu"), self)
        self.save_button.setShortcut("Ctrl+S")
        self.save_button.setToolTip(self.tr("Lưu ngay (chương trình cũng tự lưu sau mỗi lần nhập)"))
        self.save_button.clicked.connect(self.save_now)
        # Section navigation for the long form (43 figures in six areas), as in DHIS2 data entry:
        # choose an area to scroll to it; the choice follows the scrolling.
        self.section_combo = QComboBox(self)
        self.section_combo.setObjectName("indicatorSections")
        self.section_combo.setToolTip(self.tr("Đi tới một nội dung của biểu chỉ tiêu"))
        for area in self.plan.areas:
            self.section_combo.addItem(f"{area.number}. {area.short_title}", area.id)
        self.section_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.section_combo.activated.connect(lambda i: self.focus_target(self.section_combo.itemData(i)))
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addWidget(self.section_combo)
        top.addStretch(1)
        top.addWidget(self.state)
        top.addWidget(self.save_button)

        self.forms: dict[str, AreaForm] = {}
        body = QWidget()
        col = QVBoxLayout(body)
        rule_area = {r.id: self.plan.indicator(r.left[0]).area_id for r in self.plan.rules}
        for area in self.plan.areas:
            form = AreaForm(self.plan, area, [r for r in self.plan.rules if rule_area[r.id] == area.id], body)
            form.edited.connect(self._on_edit)
            form.apply_requested.connect(self.apply_suggestion)
            self.forms[area.id] = form
            col.addWidget(form)
        col.addStretch(1)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setWidget(body)
        self.scroll_area.verticalScrollBar().valueChanged.connect(self._follow_scroll)

        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.summary)
        lay.addWidget(self.scroll_area, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_DELAY_MS)
        self._timer.timeout.connect(self.save_now)
        ctx.hub.activities_changed.connect(self.load_suggestions)

    # ---- lookups (also used by tests and the overview's jump targets) ------------------------
    @property
    def counts(self) -> dict[str, CountRow]:
        return {k: v for f in self.forms.values() for k, v in f.counts.items()}

    def field(self, indicator_id: str) -> QLineEdit:
        return self.counts[indicator_id].input

    def ratio_label(self, indicator_id: str) -> QLabel:
        return next(f.ratios[indicator_id] for f in self.forms.values() if indicator_id in f.ratios)

    def rule_row(self, rule_id: str) -> RuleRow:
        return next(f.rules[rule_id] for f in self.forms.values() if rule_id in f.rules)

    def rule_comment_box(self, rule_id: str) -> QLineEdit:
        return self.rule_row(rule_id).comment

    def values(self) -> dict[str, int | None]:
        return {k: row.value() for k, row in self.counts.items()}

    def has_blocking_errors(self) -> bool:
        return any(r.severity == "error" for r in self.results)

    # ---- load / evaluate / save -------------------------------------------------------------
    def refresh(self) -> None:
        """Called when the page is shown: reload from the database (after saving pending edits)."""
        if self._dirty:
            self.save_now()
        ws = self.ctx.workspace
        period = ws.period
        stored = report_data.values(ws.db, self.plan.id, period.id)
        self._saved_rule_comments = report_data.rule_comments(ws.db, self.plan.id, period.id)
        self._loading = True
        try:
            for iid, row in self.counts.items():
                v = stored.get(iid)
                row.set_value(v.value if v else None)
                row.comment.setText(v.comment if v else "")
            for form in self.forms.values():
                for rid, rr in form.rules.items():
                    rr.comment.setText(self._saved_rule_comments.get(rid, ""))
        finally:
            self._loading = False
        self._dirty = False
        self.state.setText(self.tr("Đã lưu"))
        self.evaluate()
        self.load_suggestions()

    def _on_edit(self) -> None:
        if self._loading:
            return
        self._dirty = True
        self.state.setText(self.tr("Đang nhập…"))
        self.evaluate()
        self._timer.start()

    def evaluate(self) -> None:
        values = self.values()
        comments = {rid: self.rule_comment_box(rid).text() for rid in self._all_rule_ids()}
        self.results = evaluate_rules(self.plan, values, comments)
        violated = {r.rule_id: r for r in self.results}
        marks: dict[str, tuple[str, list[str]]] = {}
        for rule in self.plan.rules:
            res = violated.get(rule.id)
            self.rule_row(rule.id).show_result(res is not None, *(res.left, res.right) if res else (0, 0))
            if res is None:
                continue
            for iid in rule.left + rule.right:
                sev, msgs = marks.get(iid, ("warning", []))
                marks[iid] = ("error" if "error" in (sev, res.severity) else "warning", [*msgs, res.message])
        for iid, row in self.counts.items():
            sev_msgs = marks.get(iid)
            row.mark(sev_msgs[0] if sev_msgs else None, sev_msgs[1] if sev_msgs else [])
            row.update_suggestion()
        for iid, pct in compute_ratios(self.plan, values).items():
            self.ratio_label(iid).setText(format_percent(pct))
        errors = sum(1 for r in self.results if r.severity == "error")
        warnings = sum(1 for r in self.results if r.severity == "warning" and not r.comment.strip())
        filled = sum(1 for v in values.values() if v is not None)
        text = self.tr("Đã nhập {filled}/{total} chỉ tiêu").format(filled=filled, total=len(values))
        if errors:
            text += " · " + self.tr("<span style='color:#c0392b'>{n} lỗi cần sửa</span>").format(n=errors)
        if warnings:
            text += " · " + self.tr("<span style='color:#9a6700'>{n} cảnh báo cần ghi lý do</span>").format(
                n=warnings
            )
        self.summary.setText(text)

    def _all_rule_ids(self) -> list[str]:
        return [r.id for r in self.plan.rules]

    def save_now(self) -> None:
        """Save every value and comment of the form in one transaction (and changed rule comments)."""
        self._timer.stop()
        ws = self.ctx.workspace
        period = ws.period
        items = [IndicatorValue(iid, row.value(), row.comment.text()) for iid, row in self.counts.items()]
        try:
            report_data.set_values(ws.db, self.plan.id, period.id, items)
            for rid in self._all_rule_ids():
                text = self.rule_comment_box(rid).text().strip()
                if text != self._saved_rule_comments.get(rid, ""):
                    report_data.set_rule_comment(ws.db, self.plan.id, period.id, rid, text)
                    self._saved_rule_comments[rid] = text
        except DvcqError as exc:
            log.warning("saving indicators failed: %r", exc)
            self.state.setText(self.tr("Chưa lưu được"))
            QMessageBox.warning(self, self.tr("Chưa lưu được"), exc.message)
            return
        self._dirty = False
        self.state.setText(self.tr("Đã lưu lúc {time}").format(time=clock.now().strftime("%H:%M:%S")))
        self.ctx.hub.indicators_changed.emit()
        self.saved.emit()

    def flush(self) -> None:
        """Save pending edits now (the main window calls this before closing)."""
        if self._dirty:
            self.save_now()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt override
        self.flush()
        super().hideEvent(event)

    # ---- suggestions from the activity log --------------------------------------------------
    def load_suggestions(self) -> None:
        self.suggestions_ready = False
        ws, plan, period = self.ctx.workspace, self.plan, self.ctx.workspace.period

        def work(wws: Workspace, _progress: Progress) -> dict[str, Suggestion]:
            return suggest_values(wws.db, plan, period)

        self.ctx.tasks.start(
            in_worker(ws, work),
            on_done=self._show_suggestions,
            on_error=lambda _c, msg: self.ctx.hub.status_message.emit(msg),
        )

    def _show_suggestions(self, found: dict[str, Suggestion]) -> None:
        for iid, row in self.counts.items():
            s = found.get(iid)
            row.set_suggestion(s.value if s else None, s.text if s else "")
        self.suggestions_ready = True
        self.suggestions_loaded.emit()

    def apply_suggestion(self, indicator_id: str) -> None:
        row = self.counts[indicator_id]
        if row.suggested is None:
            return
        row.set_value(row.suggested)
        self._on_edit()

    # ---- navigation -------------------------------------------------------------------------
    def _follow_scroll(self, value: int) -> None:
        """The section chooser names the area at the top of the view."""
        current = 0
        for i, form in enumerate(self.forms.values()):
            if form.y() <= value + 10:
                current = i
        self.section_combo.setCurrentIndex(current)

    def focus_target(self, target: object) -> None:
        """Scroll to and focus an indicator, a rule (its comment box or first figure) or an area."""
        key = str(target) if target is not None else ""
        widget: QWidget | None = None
        form: AreaForm | None = None
        if key in self.forms:
            form = self.forms[key]
            widget = form
        else:
            for f in self.forms.values():
                if key in f.counts:
                    form, widget = f, f.counts[key].input
                elif key in f.rules:
                    rr, form = f.rules[key], f
                    # A warning is fixed by explaining it; an error by correcting its first figure.
                    if rr.comment.isVisibleTo(f):
                        widget = rr.comment
                    elif rr.rule.left[0] in f.counts:
                        widget = f.counts[rr.rule.left[0]].input
                    else:
                        widget = rr.message
                elif key in f.ratios:
                    form, widget = f, f.ratios[key]
                if widget is not None:
                    break
        if form is None or widget is None:
            return
        form.setChecked(True)
        self.scroll_area.ensureWidgetVisible(widget, 50, 80)
        widget.setFocus()
