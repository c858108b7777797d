"""Which pages each role sees, in sidebar order, and how a page is built from its registry entry.

Pages are named as "module:Class" and imported only when first shown, so a slow page does not
delay start-up and a page still being written by a colleague (module absent) is simply skipped.
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:  # the window's frame is shown before the storage layer is imported
    from dvcq_desktop.ui.context import AppContext

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PageSpec:
    key: str
    label: str  # Vietnamese source text, translated in the "pages" context
    target: str  # "dvcq_desktop.ui.module:Class"
    icon: str  # a QStyle standard icon name, so no image files are needed yet

    @property
    def module(self) -> str:
        return self.target.split(":", 1)[0]

    @property
    def class_name(self) -> str:
        return self.target.split(":", 1)[1]


def _p(key: str, label: str, module: str, cls: str, icon: str) -> PageSpec:
    return PageSpec(key, label, f"dvcq_desktop.ui.{module}:{cls}", icon)


_SETTINGS = _p(
    "settings",
    QT_TRANSLATE_NOOP("pages", "Cài đặt"),
    "settings_page",
    "SettingsPage",
    "SP_FileDialogDetailedView",
)
_PLANS = _p(
    "plans",
    QT_TRANSLATE_NOOP("pages", "Kế hoạch & kỳ báo cáo"),
    "periods_page",
    "PeriodsPage",
    "SP_FileDialogInfoView",
)
_HELP = _p("help", QT_TRANSLATE_NOOP("pages", "Trợ giúp"), "help_page", "HelpPage", "SP_DialogHelpButton")

UNIT_PAGES: tuple[PageSpec, ...] = (
    _p(
        "overview",
        QT_TRANSLATE_NOOP("pages", "Tổng quan"),
        "overview_page",
        "OverviewPage",
        "SP_ComputerIcon",
    ),
    _p(
        "activities",
        QT_TRANSLATE_NOOP("pages", "Hoạt động"),
        "activities_page",
        "ActivitiesPage",
        "SP_FileDialogListView",
    ),
    _p(
        "indicators",
        QT_TRANSLATE_NOOP("pages", "Chỉ tiêu"),
        "indicators_page",
        "IndicatorsPage",
        "SP_FileDialogContentsView",
    ),
    _p("report", QT_TRANSLATE_NOOP("pages", "Báo cáo"), "report_page", "ReportPage", "SP_FileIcon"),
    _p(
        "submit",
        QT_TRANSLATE_NOOP("pages", "Nộp báo cáo"),
        "submit_page",
        "SubmitPage",
        "SP_DialogSaveButton",
    ),
    _PLANS,
    _SETTINGS,
    _HELP,
)

AGGREGATOR_PAGES: tuple[PageSpec, ...] = (
    _p("intake", QT_TRANSLATE_NOOP("pages", "Tiếp nhận"), "intake_page", "IntakePage", "SP_ArrowDown"),
    _p(
        "board",
        QT_TRANSLATE_NOOP("pages", "Tình hình nộp"),
        "board_page",
        "BoardPage",
        "SP_FileDialogDetailedView",
    ),
    _p(
        "consolidation",
        QT_TRANSLATE_NOOP("pages", "Tổng hợp"),
        "consolidation_page",
        "ConsolidationPage",
        "SP_FileDialogContentsView",
    ),
    _p("units", QT_TRANSLATE_NOOP("pages", "Danh mục đơn vị"), "units_page", "UnitsPage", "SP_DirHomeIcon"),
    _PLANS,
    _SETTINGS,
    _HELP,
)


def pages_for(role: str) -> tuple[PageSpec, ...]:
    return AGGREGATOR_PAGES if role == "aggregator" else UNIT_PAGES


def available(specs: tuple[PageSpec, ...]) -> list[PageSpec]:
    """The pages whose module exists; missing ones are logged, not faked."""
    found: list[PageSpec] = []
    for spec in specs:
        try:
            present = importlib.util.find_spec(spec.module) is not None
        except (ImportError, ValueError):
            present = False
        if present:
            found.append(spec)
        else:
            log.info("page %s skipped: module %s not present yet", spec.key, spec.module)
    return found


def build(spec: PageSpec, ctx: AppContext, parent: QWidget | None = None) -> QWidget:
    """Import and construct the page; raises whatever the page raises (the caller shows it)."""
    module = importlib.import_module(spec.module)
    cls = getattr(module, spec.class_name)
    widget = cls(ctx, parent)
    if not isinstance(widget, QWidget):
        raise TypeError(f"{spec.target} is not a QWidget")
    return widget
