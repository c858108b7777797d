"""The main window: a sidebar of pages, the page stack, and a status bar that always says where
the data lives, whose it is, which period, and how long until the deadline.

At start the window's frame is shown first (`MainWindow.frame`, from a `Glance` at the workspace)
and painted; only then are the storage layer and the pages loaded and the workspace opened, and
`attach` fills it. Importing and opening take longer than Python and Qt themselves, and an officer
should see the window at once, not wonder whether the double-click worked.
"""

from __future__ import annotations

import logging
from datetime import date
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QCoreApplication, QSize, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from dvcq_desktop.domain import clock
from dvcq_desktop.errors import user_message
from dvcq_desktop.storage.peek import GEOMETRY_KEY
from dvcq_desktop.ui.common import read_only
from dvcq_desktop.ui.common.busy import BusyIndicator
from dvcq_desktop.ui.common.icons import page_icon
from dvcq_desktop.ui.shell import pages

if TYPE_CHECKING:
    from PySide6.QtGui import QAction, QCloseEvent, QPaintEvent

    from dvcq_desktop.storage.peek import Glance
    from dvcq_desktop.ui.common.context import AppContext

log = logging.getLogger(__name__)


def deadline_text(deadline: date, today: date) -> str:
    """ "Còn N ngày đến hạn nộp (01/11/2023)" / "Hôm nay là hạn nộp…" / "Đã quá hạn N ngày…"."""
    days = (deadline - today).days
    from dvcq_desktop.domain.periods import LONG_OVERDUE_DAYS  # not at import: the frame must not wait
    from dvcq_desktop.text import format_date

    when = format_date(deadline)
    tr = partial(QCoreApplication.translate, "MainWindow")
    if days > 0:
        return tr("Còn {n} ngày đến hạn nộp ({date})").format(n=days, date=when)
    if days == 0:
        return tr("Hôm nay là hạn nộp ({date})").format(date=when)
    late = tr("Đã quá hạn {n} ngày ({date})") if -days <= LONG_OVERDUE_DAYS else tr("Đã quá hạn ({date})")
    return late.format(n=-days, date=when)


class BrokenPage(QLabel):
    """Stands in for a page that failed to build: says why, in the page's place."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        from PySide6.QtCore import Qt  # not at import: the Qt namespace costs the frame 20 ms

        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)

    def refresh(self) -> None:
        pass

    def flush(self) -> None:
        pass

    def focus_target(self, target: object) -> None:
        pass


class MainWindow(QMainWindow):
    painted = Signal()  # the first paint: the officer sees the window

    def __init__(
        self, ctx: AppContext | None = None, parent: QWidget | None = None, *, glance: Glance | None = None
    ) -> None:
        """With a context: the whole window. Without: the frame (see `frame`)."""
        super().__init__(parent)
        if ctx is not None:
            self._build_frame(ctx.workspace.role, ctx.workspace.own_unit.name)
            self.attach(ctx)
            return
        self._build_frame(glance.role if glance else None, glance.unit_name if glance else "")
        if glance and glance.geometry:
            self.restoreGeometry(QByteArray.fromBase64(glance.geometry.encode("ascii")))
            from dvcq_desktop.ui.common.screen_fit import clamp_to_screen

            clamp_to_screen(self)
        self.statusBar().showMessage(self.tr("Đang mở dữ liệu…"))

    @classmethod
    def frame(cls, glance: Glance | None) -> MainWindow:
        """The window before its workspace is open: sidebar, title and size from the glance
        (plain when there is none), the status bar saying the data is being opened."""
        return cls(glance=glance)

    def _build_frame(self, role: str | None, unit_name: str) -> None:
        self.ctx: AppContext | None = None
        self._painted = False
        self._unit_name = unit_name
        # Only the unit: Qt appends the application's display name to every window title
        # ("Phường 1 — Dân vận chính quyền"); naming the app here showed it twice.
        self.setWindowTitle(unit_name)
        from dvcq_desktop.ui.common.screen_fit import available, initial_main_size

        self.setMinimumSize(QSize(800, 560).boundedTo(available(self).size()))
        self.resize(initial_main_size(available(self)))
        self.sidebar = QListWidget()
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setIconSize(QSize(20, 20))
        self.stack = QStackedWidget()
        self._pages: dict[str, pages.Page] = {}
        self._clock: QTimer | None = None  # set by attach
        self.specs: tuple[pages.PageSpec, ...] = ()
        self.menu_actions: dict[str, QAction] = {}  # by name (window_menus), for tests
        if role is not None:
            self._fill_sidebar(pages.pages_for(role))
        central = QWidget()
        lay = QHBoxLayout(central)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addWidget(self.sidebar)
        lay.addWidget(self.stack, 1)
        self.setCentralWidget(central)

    def _fill_sidebar(self, specs: tuple[pages.PageSpec, ...]) -> None:
        self.specs = specs
        self.sidebar.clear()
        while (old := self.stack.widget(0)) is not None:
            self.stack.removeWidget(old)
            old.deleteLater()
        for i, spec in enumerate(specs):
            icon = page_icon(spec.icon, self)
            item = QListWidgetItem(icon, self.translate_label(spec.label))
            # An explicit row height: style-sheet padding alone does not grow the item rects, and
            # the highlight would overlap the next entry.
            item.setSizeHint(QSize(0, self.fontMetrics().height() + 20))
            item.setToolTip(self.tr("{label} (Ctrl+{n})").format(label=item.text(), n=i + 1))
            self.sidebar.addItem(item)
            self.stack.addWidget(QWidget())  # placeholder until the page is first shown
        self._fit_sidebar()

    def _fit_sidebar(self) -> None:
        """As wide as its longest label in the current font (the font scale reaches it), icon and
        padding included, so "Nộp báo cáo" is never cut at 175 %."""
        fm = self.sidebar.fontMetrics()
        longest = max(
            (fm.horizontalAdvance(self.sidebar.item(i).text()) for i in range(self.sidebar.count())),
            default=0,
        )
        self.sidebar.setFixedWidth(max(160, longest + self.sidebar.iconSize().width() + 64))
        # The menu bar with the sidebar, so it is there at the first paint (added later, it
        # pushed the pages down); its items act once the workspace is attached.
        from dvcq_desktop.ui.shell import window_menus

        self.menu_actions = window_menus.install_menu_bar(self)

    def attach(self, ctx: AppContext) -> None:
        """Give the window its open workspace: status bar, shortcuts, the first page."""
        ws = ctx.workspace
        self.ctx = ctx
        self._unit_name = ws.own_unit.name
        specs = pages.pages_for(ws.role)
        if specs != self.specs:
            self._fill_sidebar(specs)
        read_only.mark_window(self, ctx, self._unit_name, self.menu_actions)
        self.statusBar().clearMessage()
        self._build_status_bar()
        self.sidebar.currentRowChanged.connect(self._show_row)
        ctx.hub.navigate.connect(self.navigate)
        ctx.hub.status_message.connect(lambda text: self.statusBar().showMessage(text, 6000))
        ctx.hub.settings_changed.connect(self.update_status)
        ctx.hub.imports_changed.connect(self.update_status)
        ctx.hub.exports_changed.connect(self.update_status)
        ctx.hub.workspace_closing.connect(self.flush_pages)
        from dvcq_desktop.ui.shell import remember  # the menu (Ctrl+1…, Ctrl+Z, Ctrl+Q, F1): _fill_sidebar

        # The countdown must roll over at midnight for an officer who never closes the app.
        self._clock = QTimer(self)
        self._clock.timeout.connect(self.update_status)
        self._clock.start(30 * 60 * 1000)
        self._restore_geometry()
        keys = [s.key for s in self.specs]
        # The page the officer last worked on, else the role's first page.
        start = remember.last_page(ws, keys) or ("overview" if ws.role != "aggregator" else "intake")
        if keys:
            row = keys.index(start) if start in keys else 0
            if self.sidebar.currentRow() == row:
                self._show_row(row)  # the frame's list already had it: no change signal
            else:
                self.sidebar.setCurrentRow(row)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.painted.emit()

    @staticmethod
    def translate_label(label: str) -> str:
        return QCoreApplication.translate("pages", label)

    # ---- pages ---------------------------------------------------------------------------
    def page(self, key: str) -> pages.Page | None:
        """The page for `key`, built on first use (None if this role has no such page)."""
        if key in self._pages:
            return self._pages[key]
        keys = [s.key for s in self.specs]
        if key not in keys or self.ctx is None:
            return None
        row = keys.index(key)
        spec = self.specs[row]
        page: pages.Page
        try:
            page = spec.build(self.ctx, self.stack)
        except Exception as exc:  # noqa: BLE001 - a broken page must not take the window down
            log.exception("page %s failed to build", spec.key)
            page = BrokenPage(self.tr("Không mở được trang này.\n{msg}").format(msg=user_message(exc)))
        assert isinstance(page, QWidget)
        old = self.stack.widget(row)  # the placeholder
        self.stack.insertWidget(row, page)
        if old is not None:
            self.stack.removeWidget(old)
            old.deleteLater()
        self._pages[key] = page
        read_only.guard_page(self.ctx, key, page)  # its writing controls, when viewing only
        from dvcq_desktop.ui.shell import remember

        remember.restore_columns(self.ctx.workspace, key, page)
        return page

    def current_key(self) -> str | None:
        row = self.sidebar.currentRow()
        return self.specs[row].key if 0 <= row < len(self.specs) else None

    def _show_row(self, row: int) -> None:
        if not 0 <= row < len(self.specs):
            return
        page = self.page(self.specs[row].key)
        if page is None:
            return
        assert isinstance(page, QWidget)
        self.stack.setCurrentWidget(page)
        try:
            page.refresh()
        except Exception as exc:  # noqa: BLE001 - shown as one line, logged in full
            log.exception("refresh of %s failed", self.specs[row].key)
            self.statusBar().showMessage(user_message(exc), 8000)

    def navigate(self, key: str, target: object = None) -> None:
        keys = [s.key for s in self.specs]
        if key not in keys:
            log.warning("navigate to unknown or missing page %r", key)
            return
        self.sidebar.setCurrentRow(keys.index(key))
        page = self.page(key)
        if target is not None and page is not None:
            page.focus_target(target)

    # ---- status bar ----------------------------------------------------------------------
    def _build_status_bar(self) -> None:
        assert self.ctx is not None
        bar = self.statusBar()
        self.busy = BusyIndicator(self.ctx.tasks)
        from dvcq_desktop.ui.common.elided_label import ElidedLabel

        self.folder_label = ElidedLabel()  # a long path gives way to the deadline on a small screen
        self.unit_label = QLabel()
        self.period_label = QLabel()
        self.deadline_label = QLabel()
        bar.addPermanentWidget(self.folder_label, 1)
        for w in (self.unit_label, self.period_label, self.deadline_label):
            bar.addPermanentWidget(w)
        bar.addPermanentWidget(self.busy)
        self.update_status()

    def update_status(self) -> None:
        if self.ctx is None:
            return
        ws = self.ctx.workspace
        self.folder_label.setText(self.tr("Dữ liệu: {path}").format(path=ws.root))
        self.unit_label.setText(self._unit_name)
        try:
            period = ws.period
        except Exception:  # noqa: BLE001 - a status bar must never fail to draw
            log.exception("period unavailable")
            self.period_label.setText("")
            self.deadline_label.setText("")
            return
        self.period_label.setText(period.label)
        text, alarm = self._progress_text(period.deadline)
        self.deadline_label.setText(text)
        # the app's sheet colours it (a sheet of its own would pin the label's font at 100 %)
        if self.deadline_label.property("alarm") != alarm:
            self.deadline_label.setProperty("alarm", alarm)
            self.deadline_label.style().unpolish(self.deadline_label)
            self.deadline_label.style().polish(self.deadline_label)

    def _progress_text(self, deadline: date) -> tuple[str, bool]:
        """What matters about the deadline for this role: the office counts reports received, a
        unit that has already exported is told so instead of being counted down (or "late")."""
        from dvcq_desktop.text import format_date

        assert self.ctx is not None
        ws = self.ctx.workspace
        late = (deadline - clock.today()).days < 0
        try:
            if ws.role == "aggregator":
                from dvcq_desktop.services.board import board

                b = board(ws)
                text = self.tr("Đã nhận {r}/{e} báo cáo · hạn {date}").format(
                    r=b.received, e=b.expected, date=format_date(deadline)
                )
                return text, late and b.missing > 0
            from dvcq_desktop.storage import exports

            last = exports.last(ws.db, ws.unit_code, ws.plan.id, ws.period.id)
        except Exception:  # noqa: BLE001 - a status bar must never fail to draw
            log.exception("status unavailable")
            last = None
        if last:
            when = format_date(clock.parse_iso(last["created_at"]).date())
            return self.tr("Đã xuất gói lần {n} ngày {when}").format(n=last["revision"], when=when), False
        return deadline_text(deadline, clock.today()), late

    # ---- geometry ------------------------------------------------------------------------
    def _restore_geometry(self) -> None:
        assert self.ctx is not None
        saved = self.ctx.workspace.setting(GEOMETRY_KEY)
        if isinstance(saved, str) and saved:
            if self.restoreGeometry(QByteArray.fromBase64(saved.encode("ascii"))):
                from dvcq_desktop.ui.common.screen_fit import clamp_to_screen

                clamp_to_screen(self)  # saved on a larger screen or an unplugged monitor
                return
        from dvcq_desktop.ui.common.screen_fit import available, initial_main_size

        self.resize(initial_main_size(available(self)))

    def save_geometry(self) -> None:
        if self.ctx is None or self.ctx.workspace.read_only:  # a read-only folder keeps nothing
            return
        data = bytes(self.saveGeometry().toBase64().data()).decode("ascii")
        from dvcq_desktop.ui.shell import remember

        try:
            self.ctx.workspace.set_setting(GEOMETRY_KEY, data)
            remember.save(self.ctx.workspace, self.current_key(), self._pages)
        except Exception:  # noqa: BLE001 - losing the window size is not worth an error box
            log.warning("could not save window geometry", exc_info=True)

    # ---- closing ---------------------------------------------------------------------------
    def flush_pages(self) -> None:
        """Write every edit still waiting for its debounce timer: the pages' pending saves
        (Chỉ tiêu, Báo cáo…) and the draft of an open activity editor."""
        for key, page in self._pages.items():
            try:
                page.flush()
            except Exception:  # noqa: BLE001 - one page failing must not stop the others
                log.exception("flushing page %s failed", key)
        if "activities" not in self._pages:
            return  # the activity editor is only ever opened from the Hoạt động page
        from dvcq_desktop.ui.unit.activity_editor import ActivityEditor

        for editor in self.findChildren(ActivityEditor):
            if editor.isVisible():
                try:
                    editor.save_draft()
                except Exception:  # noqa: BLE001
                    log.exception("saving the activity draft failed")

    def stop_timers(self) -> None:
        """After the last flush no page timer may fire: the workspace is about to be closed."""
        if self._clock is not None:  # a frame never attached has none
            self._clock.stop()
        for page in self._pages.values():
            assert isinstance(page, QWidget)
            for timer in page.findChildren(QTimer):
                timer.stop()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.flush_pages()
        self.save_geometry()
        # Let running tasks finish their transaction before the app closes the workspace.
        if self.ctx is not None:
            self.ctx.tasks.wait(10000)
        self.stop_timers()
        super().closeEvent(event)
