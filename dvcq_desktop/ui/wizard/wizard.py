"""First-run wizard: role, unit, plan, signer and document defaults → a new workspace.

Finishing creates the workspace with `init_workspace` and leaves it open in `self.workspace`
for the launcher to show the main window. "Dùng dữ liệu mẫu" opens the sample workspace instead.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QStyle, QWidget, QWizard

from dvcq_desktop.domain.catalog import Catalog, builtin_catalog_paths, load_catalog
from dvcq_desktop.domain.plan_loader import builtin_plan_paths
from dvcq_desktop.errors import DvcqError, user_message
from dvcq_desktop.paths import AppPaths
from dvcq_desktop.services.setup import available_plans, init_workspace
from dvcq_desktop.storage.workspace import Workspace
from dvcq_desktop.ui.common.workers import TaskRunner
from dvcq_desktop.ui.wizard.demo_workspace import ensure_demo
from dvcq_desktop.ui.wizard.wizard_pages import DocPage, PlanPage, RolePage, SignerPage, UnitPage

log = logging.getLogger(__name__)


def _catalogs() -> list[Catalog]:
    found: list[Catalog] = []
    for p in builtin_catalog_paths():
        try:
            found.append(load_catalog(p))
        except DvcqError:
            log.warning("catalogue %s unusable", p, exc_info=True)
    # The default (2023) catalogue first: it matches the seed plan.
    found.sort(key=lambda c: (c.id != "tptn-2023", c.id))
    return found


class FirstRunWizard(QWizard):
    def __init__(
        self, paths: AppPaths, parent: QWidget | None = None, *, demo_dir: Path | None = None
    ) -> None:
        super().__init__(parent)
        self.paths = paths
        self.demo_dir = demo_dir
        self.workspace: Workspace | None = None
        self.demo_paths: AppPaths | None = None
        # Qt adds the application's name to every window title: the title says only what is new.
        self.setWindowTitle(self.tr("Thiết lập ban đầu"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setMinimumSize(720, 540)
        self.role_page = RolePage()
        self.unit_page = UnitPage(_catalogs())
        self.plan_page = PlanPage(available_plans([paths.config_dir / "plans"]))
        self.signer_page = SignerPage()
        self.doc_page = DocPage()
        for page in (self.role_page, self.unit_page, self.plan_page, self.signer_page, self.doc_page):
            self.addPage(page)
        # Qt ships no Vietnamese translation for its own buttons, so name them here.
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("< Quay lại"))
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("Tiếp >"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Hoàn tất"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("Thoát"))
        self.setButtonText(QWizard.WizardButton.CustomButton1, self.tr("Dùng dữ liệu mẫu"))
        self.setOption(QWizard.WizardOption.HaveCustomButton1, True)
        self.setButtonText(QWizard.WizardButton.CustomButton2, self.tr("Tôi có tệp kế hoạch"))
        self.setOption(QWizard.WizardOption.HaveCustomButton2, True)
        self.customButtonClicked.connect(self._on_custom)
        self.role_page.existing_button.clicked.connect(lambda _c=False: self.open_existing())
        self.tasks = TaskRunner(self)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        """Wide enough for the button row: QWizard squeezes its buttons below their text
        ("ùng dữ liệu m…") instead of widening, most visibly at 175 % text."""
        hint = super().sizeHint()
        kinds = (
            QWizard.WizardButton.CustomButton1,
            QWizard.WizardButton.CustomButton2,
            QWizard.WizardButton.BackButton,
            QWizard.WizardButton.NextButton,
            QWizard.WizardButton.CancelButton,
        )
        widths = [self.button(k).sizeHint().width() for k in kinds]
        spacing = self.style().pixelMetric(QStyle.PixelMetric.PM_LayoutHorizontalSpacing) or 6
        need = sum(widths) + spacing * (len(widths) + 3) + 2 * self.fontMetrics().height()
        return hint.expandedTo(QSize(need, 0))

    def role(self) -> str:
        return self.role_page.role()

    # ---- finishing -----------------------------------------------------------------------
    def create_workspace(self) -> bool:
        """Called by the last page; False keeps the wizard open after showing why."""
        if self.workspace is not None:
            return True
        choice = self.plan_page.choice()
        if choice is None or choice.plan is None:
            return False
        builtin = {p.resolve() for p in builtin_plan_paths()}
        plan_ref = choice.plan.id if choice.path.resolve() in builtin else str(choice.path)
        period = self.plan_page.period_choice.period_id()
        own_period = period if self.plan_page.period_choice.is_plan_period(choice.plan) else None
        try:
            self.workspace = init_workspace(
                self.paths.workspace,
                role=self.role(),
                unit_code=self.unit_page.unit().code,
                catalog=self.unit_page.catalog().id,
                plan=plan_ref,
                custom_unit=self.unit_page.custom_unit(),
                signer=self.signer_page.signer(),
                doc_defaults=self.doc_page.doc_defaults(),
                period_id=own_period,
                offer_today=own_period is None,  # a unit opens on the period it works on today
            )
            if period and self.workspace.chosen[1] != period:
                from dvcq_desktop.services.periods import choose

                choose(self.workspace, period)
        except (DvcqError, OSError) as exc:
            log.warning("init_workspace failed: %r", exc)
            self._warn(user_message(exc))
            return False
        return True

    def _warn(self, text: str, title: str = "") -> None:
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            title or self.tr("Chưa tạo được dữ liệu"),
            text,
            QMessageBox.StandardButton.NoButton,
            self,
        )
        box.addButton(self.tr("Đóng"), QMessageBox.ButtonRole.AcceptRole)
        box.exec()

    # ---- sample data ---------------------------------------------------------------------
    def _on_custom(self, which: int) -> None:
        if which == int(QWizard.WizardButton.CustomButton1.value):
            self.open_demo()
        elif which == int(QWizard.WizardButton.CustomButton2.value):
            from dvcq_desktop.ui.wizard.wizard_plan_file import start_from_plan_file

            self.workspace, why = start_from_plan_file(self.paths, self)
            if self.workspace is not None:
                self.accept()
            elif why:
                self._warn(why)

    def open_existing(self) -> None:
        """The data is there but the record of where was lost (a wiped profile): open it, not anew."""
        from dvcq_desktop.ui.wizard.wizard_existing import choose_existing

        # demo_paths: the paths the launcher runs with when they are not the default ones
        self.workspace, self.demo_paths, why = choose_existing(self.paths, self)
        if self.workspace is not None:
            self.accept()
        elif why:
            self._warn(why, self.tr("Chưa mở được thư mục dữ liệu"))

    def open_demo(self) -> None:
        """Build the sample year off the GUI thread, then open it in this thread."""
        progress = QProgressDialog(self.tr("Đang tạo dữ liệu mẫu…"), "", 0, 0, self)
        progress.setCancelButton(None)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)
        self.setEnabled(False)

        def done(root: object) -> None:
            progress.close()
            self.setEnabled(True)
            try:
                self.workspace = Workspace.open(Path(str(root)))
            except DvcqError as exc:
                self._warn(exc.message)
                return
            self.demo_paths = AppPaths(
                workspace=Path(str(root)), log_dir=self.paths.log_dir, config_dir=self.paths.config_dir
            )
            self.accept()

        def failed(_code: str, message: str) -> None:
            progress.close()
            self.setEnabled(True)
            self._warn(message)

        self.tasks.start(
            lambda report: ensure_demo(self.demo_dir, progress=report), on_done=done, on_error=failed
        )
