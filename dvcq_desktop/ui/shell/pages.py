"""Which pages each role sees, in sidebar order, what a page offers the window (`Page`), and how
each page is built.

Each page is built by a small factory whose `import` sits inside the function: a page module (and
the storage and report code it pulls in) is loaded only when the page is first shown, so the
window's frame is painted before any of it, and yet the imports stay plain for mypy, grep and
PyInstaller's analysis.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QStyle, QWidget

if TYPE_CHECKING:  # the window's frame is shown before the storage layer is imported
    from dvcq_desktop.ui.common.context import AppContext

Icon = QStyle.StandardPixmap  # a standard glyph, for a page that has no line icon of its own yet


class Page(Protocol):
    """What the main window asks of every page (each page is also a QWidget)."""

    def refresh(self) -> None:
        """Reread what the page shows; called every time the page is shown."""

    def flush(self) -> object:
        """Write edits still waiting for a debounce timer (before closing, backup, restore)."""

    def focus_target(self, target: object) -> object:
        """Show one item the page was navigated to for (an activity id, a section, a guide…)."""


def _label(text: str) -> str:
    """A sidebar label: Vietnamese source text, translated in the "pages" context when shown."""
    return str(QT_TRANSLATE_NOOP("pages", text))


PageFactory = Callable[["AppContext", QWidget | None], Page]


@dataclass(frozen=True)
class PageSpec:
    key: str
    label: str  # Vietnamese source text, translated in the "pages" context
    icon: str | QStyle.StandardPixmap  # a name in resources/icons/pages (or a standard glyph)
    build: PageFactory  # raises whatever the page raises (the window shows it)
    help: str = "index.md"  # the guide page F1 opens on this page (resources/help)


# ---- factories: one plain import each, run when the page is first shown -------------------------
def _overview(ctx: AppContext, parent: QWidget | None) -> Page:
    from dvcq_desktop.ui.unit.overview_page import OverviewPage

    return OverviewPage(ctx, parent)


def _activities(ctx: AppContext, parent: QWidget | None) -> Page:
    from dvcq_desktop.ui.unit.activities_page import ActivitiesPage

    return ActivitiesPage(ctx, parent)


def _unit_plan(ctx: AppContext, parent: QWidget | None) -> Page:
    from dvcq_desktop.ui.unit.unit_plan_page import UnitPlanPage

    return UnitPlanPage(ctx, parent)


def _indicators(ctx: AppContext, parent: QWidget | None) -> Page:
    from dvcq_desktop.ui.unit.indicators_page import IndicatorsPage

    return IndicatorsPage(ctx, parent)


def _report(ctx: AppContext, parent: QWidget | None) -> Page:
    from dvcq_desktop.ui.unit.report_page import ReportPage

    return ReportPage(ctx, parent)


def _submit(ctx: AppContext, parent: QWidget | None) -> Page:
    from dvcq_desktop.ui.unit.submit_page import SubmitPage

    return SubmitPage(ctx, parent)


def _intake(ctx: AppContext, parent: QWidget | None) -> Page:
    from dvcq_desktop.ui.office.intake_page import IntakePage

    return IntakePage(ctx, parent)


def _board(ctx: AppContext, parent: QWidget | None) -> Page:
    from dvcq_desktop.ui.office.board_page import BoardPage

    return BoardPage(ctx, parent)


def _consolidation(ctx: AppContext, parent: QWidget | None) -> Page:
    from dvcq_desktop.ui.office.consolidation_page import ConsolidationPage

    return ConsolidationPage(ctx, parent)


def _units(ctx: AppContext, parent: QWidget | None) -> Page:
    from dvcq_desktop.ui.office.units_page import UnitsPage

    return UnitsPage(ctx, parent)


def _settings(ctx: AppContext, parent: QWidget | None) -> Page:
    from dvcq_desktop.ui.settings.settings_page import SettingsPage

    return SettingsPage(ctx, parent)


def _plans(ctx: AppContext, parent: QWidget | None) -> Page:
    from dvcq_desktop.ui.periods.periods_page import PeriodsPage

    return PeriodsPage(ctx, parent)


def _help(ctx: AppContext, parent: QWidget | None) -> Page:
    from dvcq_desktop.ui.help.help_page import HelpPage

    return HelpPage(ctx, parent)


# ---- the sidebars -----------------------------------------------------------------------------
_SETTINGS = PageSpec("settings", _label("Cài đặt"), "settings", _settings, "cai-dat.md")
_PLANS = PageSpec("plans", _label("Kế hoạch & kỳ báo cáo"), "plans", _plans, "ky-bao-cao.md")
_HELP = PageSpec("help", _label("Trợ giúp"), "help", _help)

UNIT_PAGES: tuple[PageSpec, ...] = (
    PageSpec("overview", _label("Tổng quan"), "overview", _overview),
    PageSpec("activities", _label("Hoạt động"), "activities", _activities, "nhap-hoat-dong.md"),
    PageSpec("indicators", _label("Chỉ tiêu"), "indicators", _indicators, "chi-tieu.md"),
    PageSpec("report", _label("Báo cáo"), "report", _report, "lap-bao-cao.md"),
    PageSpec("submit", _label("Nộp báo cáo"), "submit", _submit, "nop-bao-cao.md"),
    # after the five pages the guide names by shortcut (Ctrl+1…5), which therefore stay the same
    PageSpec("unit_plan", _label("Kế hoạch của đơn vị"), "unit_plan", _unit_plan, "ke-hoach-don-vi.md"),
    _PLANS,
    _SETTINGS,
    _HELP,
)

AGGREGATOR_PAGES: tuple[PageSpec, ...] = (
    PageSpec("intake", _label("Tiếp nhận"), "intake", _intake, "tiep-nhan.md"),
    PageSpec("board", _label("Tình hình nộp"), "board", _board, "tinh-hinh-nop.md"),
    PageSpec("consolidation", _label("Tổng hợp"), "consolidation", _consolidation, "bao-cao-tong-hop.md"),
    PageSpec("units", _label("Danh mục đơn vị"), "units", _units, "tinh-hinh-nop.md"),
    _PLANS,
    _SETTINGS,
    _HELP,
)


def pages_for(role: str) -> tuple[PageSpec, ...]:
    return AGGREGATOR_PAGES if role == "aggregator" else UNIT_PAGES
