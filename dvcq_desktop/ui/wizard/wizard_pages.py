"""The pages of the first-run wizard (see `wizard.py`); each reads what earlier pages chose
through the wizard object, so the order of questions can change without rewiring."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from dvcq_desktop.domain.catalog import LEVELS, Catalog, Unit
from dvcq_desktop.services.setup import PlanChoice
from dvcq_desktop.storage.workspace_defaults import default_doc, default_signer
from dvcq_desktop.text import fold, upper_vi

if TYPE_CHECKING:
    from dvcq_desktop.ui.wizard.wizard import FirstRunWizard


class RolePage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Chào mừng đến với phần mềm Dân vận chính quyền"))
        self.setSubTitle(
            self.tr("Vài bước ngắn để chuẩn bị sổ theo dõi. Mọi thông tin đều sửa lại được trong Cài đặt.")
        )
        self.unit_radio = QRadioButton(self.tr("Đơn vị báo cáo (UBND phường, xã; cơ quan, đơn vị)"))
        self.agg_radio = QRadioButton(self.tr("Cơ quan tổng hợp (tiếp nhận và tổng hợp báo cáo)"))
        self.unit_radio.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.unit_radio)
        group.addButton(self.agg_radio)
        hint = QLabel(
            self.tr(
                "Muốn xem thử trước? Bấm “Dùng dữ liệu mẫu” để mở dữ liệu mẫu của Phường 1 "
                "(năm 2023, năm vừa qua và năm nay); dữ liệu thật của bạn không bị ảnh hưởng."
            )
        )
        hint.setWordWrap(True)
        # The data may exist while the record of where it is was lost (a wiped Windows profile).
        existing = QLabel(self.tr("Đã có dữ liệu từ trước (chuyển sang ổ khác, chép từ máy cũ)?"))
        existing.setWordWrap(True)
        self.existing_button = QPushButton(self.tr("Mở thư mục dữ liệu có sẵn…"))
        self.existing_button.setToolTip(self.tr("Mở lại thư mục dữ liệu đã có thay vì tạo dữ liệu mới"))
        row = QHBoxLayout()
        row.addWidget(existing, 1)
        row.addWidget(self.existing_button)
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(self.tr("Phần mềm này được dùng tại:")))
        lay.addWidget(self.unit_radio)
        lay.addWidget(self.agg_radio)
        lay.addStretch(1)
        lay.addLayout(row)
        lay.addWidget(hint)

    def role(self) -> str:
        return "aggregator" if self.agg_radio.isChecked() else "unit"


class UnitPage(QWizardPage):
    def __init__(self, catalogs: list[Catalog], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalogs = catalogs
        self.setTitle(self.tr("Đơn vị của bạn"))
        self.setSubTitle(self.tr("Gõ vài chữ để tìm, không cần gõ dấu (ví dụ: “hiep ninh”)."))
        self._role = "unit"
        self.filter_edit = QLineEdit()
        self.filter_edit.setObjectName("unitFilter")
        self.filter_edit.setPlaceholderText(self.tr("Tìm đơn vị…"))
        self.filter_edit.setClearButtonEnabled(True)
        self.unit_list = QListWidget()
        self.unit_list.setObjectName("unitList")
        self.unit_list.setWordWrap(True)
        self.catalog_combo = QComboBox()
        for c in catalogs:
            self.catalog_combo.addItem(c.title, c.id)
        self.custom_check = QCheckBox(self.tr("Đơn vị của tôi không có trong danh mục"))
        self.custom_box = QWidget()
        self.code_edit = QLineEdit()
        self.name_edit = QLineEdit()
        self.level_combo = QComboBox()
        for key, label in LEVELS.items():
            self.level_combo.addItem(label, key)
        form = QFormLayout(self.custom_box)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Mã đơn vị:"), self.code_edit)
        form.addRow(self.tr("Tên đơn vị:"), self.name_edit)
        form.addRow(self.tr("Cấp:"), self.level_combo)
        self.custom_box.setVisible(False)
        lay = QVBoxLayout(self)
        top = QFormLayout()
        top.addRow(self.tr("Danh mục:"), self.catalog_combo)
        lay.addLayout(top)
        lay.addWidget(self.filter_edit)
        lay.addWidget(self.unit_list, 1)
        lay.addWidget(self.custom_check)
        lay.addWidget(self.custom_box)
        # The search box first in the focus chain: the wizard gives a new page's focus to the
        # first widget there, and the subtitle says to type (typing went to the catalogue combo
        # above it, and the space bar opened its popup).
        QWidget.setTabOrder(self.unit_list, self.catalog_combo)
        self.catalog_combo.currentIndexChanged.connect(self._fill)
        self.filter_edit.textChanged.connect(self._apply_filter)
        self.unit_list.currentItemChanged.connect(lambda *_: self.completeChanged.emit())
        self.custom_check.toggled.connect(self._toggle_custom)
        for w in (self.code_edit, self.name_edit):
            w.textChanged.connect(lambda *_: self.completeChanged.emit())
        self._fill()

    def catalog(self) -> Catalog:
        return self.catalogs[max(0, self.catalog_combo.currentIndex())]

    def initializePage(self) -> None:
        wiz: FirstRunWizard = self.wizard()  # type: ignore[assignment]
        if wiz.role() != self._role:
            self._role = wiz.role()
            self._fill()
        if self._role == "aggregator" and self.unit_list.currentItem() is None:
            self._select_code(self.catalog().aggregator)

    def _offered(self) -> list[Unit]:
        """A reporting unit chooses among the units that report, never the receiving office; the
        office chooses itself (pre-selected) or, rarely, another office of the catalogue."""
        cat = self.catalog()
        if self._role == "aggregator":
            return list(cat.units)
        return [u for u in cat.reporting_units() if u.code != cat.aggregator]

    def _fill(self) -> None:
        self.unit_list.clear()
        for u in self._offered():
            level = LEVELS.get(u.level, u.level)
            # "Phường 1 — Phường" says nothing twice; name the level only when the name does not.
            label = (
                f"{u.name}  ({u.code})" if u.name.startswith(level) else f"{u.name}  —  {level} ({u.code})"
            )
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, u.code)
            # Folded once here so each keystroke only compares plain strings.
            item.setData(Qt.ItemDataRole.UserRole + 1, fold(f"{u.name} {u.code}"))
            self.unit_list.addItem(item)
        self._apply_filter(self.filter_edit.text())

    def _apply_filter(self, text: str) -> None:
        terms = fold(text).split()
        first: QListWidgetItem | None = None
        for i in range(self.unit_list.count()):
            item = self.unit_list.item(i)
            hay = str(item.data(Qt.ItemDataRole.UserRole + 1))
            visible = all(t in hay for t in terms)
            item.setHidden(not visible)
            if visible and first is None:
                first = item
        current = self.unit_list.currentItem()
        if terms and (current is None or current.isHidden()):
            if first is not None:
                self.unit_list.setCurrentItem(first)
            else:
                self.unit_list.setCurrentRow(-1)  # nothing matches: nothing chosen
        self.completeChanged.emit()

    def _select_code(self, code: str) -> None:
        for i in range(self.unit_list.count()):
            if self.unit_list.item(i).data(Qt.ItemDataRole.UserRole) == code:
                self.unit_list.setCurrentRow(i)

    def _toggle_custom(self, on: bool) -> None:
        self.custom_box.setVisible(on)
        self.unit_list.setEnabled(not on)
        self.filter_edit.setEnabled(not on)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        if self.custom_check.isChecked():
            return bool(self.code_edit.text().strip() and self.name_edit.text().strip())
        item = self.unit_list.currentItem()
        return item is not None and not item.isHidden()

    def custom_unit(self) -> Unit | None:
        if not self.custom_check.isChecked():
            return None
        cat = self.catalog()
        name = self.name_edit.text().strip()
        level = str(self.level_combo.currentData())
        sibling = next((u for u in cat.units if u.level == level), None)
        local = level in ("phuong", "xa")
        return Unit(
            code=self.code_edit.text().strip().upper(),
            name=name,
            level=level,
            parent=cat.aggregator,
            valid_from=None,
            valid_to=None,
            successor=None,
            issuer=upper_vi(f"Ủy ban nhân dân {name}" if local else name),
            parent_body=sibling.parent_body if sibling else "",
            place=name if local else (sibling.place if sibling else name),
            symbol=sibling.symbol if sibling else "BC-UBND",
            expected=True,
            editable=True,
        )

    def unit(self) -> Unit:
        custom = self.custom_unit()
        if custom is not None:
            return custom
        item = self.unit_list.currentItem()
        return self.catalog().unit(str(item.data(Qt.ItemDataRole.UserRole)))


class PlanPage(QWizardPage):
    def __init__(self, choices: list[PlanChoice], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choices = choices
        self.setTitle(self.tr("Kế hoạch theo dõi"))
        self.setSubTitle(self.tr("Kế hoạch quy định lĩnh vực, chỉ tiêu, kỳ báo cáo và hạn nộp."))
        self.plan_list = QListWidget()
        self.plan_list.setObjectName("planList")
        self.plan_list.setWordWrap(True)  # plan titles are long sentences; cut, they said nothing
        self.plan_list.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.plan_list.setResizeMode(QListWidget.ResizeMode.Adjust)
        for i, c in enumerate(choices):
            if c.plan is not None:
                period = c.plan.periods[-1]
                text = self.tr("{title}\n    Kỳ báo cáo: {period}, hạn nộp {deadline:%d/%m/%Y}").format(
                    title=c.plan.title, period=period.label, deadline=period.deadline
                )
            else:
                text = self.tr("Không dùng được tệp {name}: {problem}").format(
                    name=c.path.name, problem=c.problem
                )
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, i)
            if c.plan is None:
                item.setFlags(Qt.ItemFlag.NoItemFlags)
                item.setForeground(Qt.GlobalColor.darkRed)
            self.plan_list.addItem(item)
        lay = QVBoxLayout(self)
        lay.addWidget(self.plan_list)
        from dvcq_desktop.ui.wizard.wizard_period import PeriodChoice

        self.period_choice = PeriodChoice()
        lay.addWidget(self.period_choice)
        usable = [i for i, c in enumerate(choices) if c.plan is not None]
        if usable:
            self.plan_list.setCurrentRow(usable[0])
        self.plan_list.currentItemChanged.connect(lambda *_: self.completeChanged.emit())
        self.plan_list.currentItemChanged.connect(lambda *_: self.initializePage())

    def initializePage(self) -> None:  # noqa: N802 - Qt's name
        choice = self.choice()
        role = str(getattr(self.wizard(), "role", lambda: "unit")())
        self.period_choice.set_plan(choice.plan if choice else None, role)

    def isComplete(self) -> bool:
        return self.choice() is not None

    def choice(self) -> PlanChoice | None:
        item = self.plan_list.currentItem()
        if item is None:
            return None
        c = self.choices[int(item.data(Qt.ItemDataRole.UserRole))]
        return c if c.plan is not None else None


AUTHORITIES = (("KT.", "KT. (ký thay)"), ("TM.", "TM. (thay mặt)"), ("", "Không (ký trực tiếp)"))


class SignerPage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Người ký báo cáo"))
        self.setSubTitle(self.tr("In ở cuối báo cáo; có thể để trống họ tên và điền sau."))
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("signerName")
        self.title_combo = QComboBox()
        self.title_combo.setEditable(True)
        self.title_combo.addItems(
            ["PHÓ CHỦ TỊCH", "CHỦ TỊCH", "TRƯỞNG PHÒNG", "PHÓ TRƯỞNG PHÒNG", "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]
        )
        self.authority_combo = QComboBox()
        for key, label in AUTHORITIES:
            self.authority_combo.addItem(label, key)
        self.body_edit = QLineEdit()
        self.body_edit.setPlaceholderText(self.tr("sau TM.: ỦY BAN NHÂN DÂN; sau KT.: CHỦ TỊCH"))
        form = QFormLayout(self)
        form.addRow(self.tr("Họ và tên:"), self.name_edit)
        form.addRow(self.tr("Chức vụ:"), self.title_combo)
        form.addRow(self.tr("Quyền hạn ký:"), self.authority_combo)
        form.addRow(self.tr("Chức danh thủ trưởng:"), self.body_edit)
        self._for_unit: str | None = None

    def initializePage(self) -> None:
        wiz: FirstRunWizard = self.wizard()  # type: ignore[assignment]
        unit = wiz.unit_page.unit()
        if self._for_unit == unit.code:
            return  # keep what the officer typed when they go back and forth
        self._for_unit = unit.code
        d = default_signer(unit, wiz.role())
        self.title_combo.setCurrentText(d["title"])
        self.authority_combo.setCurrentIndex(max(0, self.authority_combo.findData(d["authority"])))
        self.body_edit.setText(d["authority_body"])

    def signer(self) -> dict[str, str]:
        return {
            "name": self.name_edit.text().strip(),
            "title": upper_vi(self.title_combo.currentText().strip()),
            "authority": str(self.authority_combo.currentData()),
            "authority_body": upper_vi(self.body_edit.text().strip()),
        }


class DocPage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Mặc định cho văn bản báo cáo"))
        self.setSubTitle(self.tr("Mỗi dòng một nơi nhận. Có thể sửa khi lập từng báo cáo."))
        self.symbol_edit = QLineEdit()
        self.recipients_edit = QPlainTextEdit()
        self.cc_edit = QPlainTextEdit()
        for w in (self.recipients_edit, self.cc_edit):
            w.setTabChangesFocus(True)
            w.setFixedHeight(80)
        form = QFormLayout(self)
        form.addRow(self.tr("Ký hiệu:"), self.symbol_edit)
        form.addRow(self.tr("Kính gửi:"), self.recipients_edit)
        form.addRow(self.tr("Nơi nhận khác:"), self.cc_edit)
        self._defaults: dict[str, object] = {}
        self._for_unit: str | None = None

    def initializePage(self) -> None:
        wiz: FirstRunWizard = self.wizard()  # type: ignore[assignment]
        unit = wiz.unit_page.unit()
        if self._for_unit == unit.code:
            return
        self._for_unit = unit.code
        self._defaults = default_doc(unit, wiz.unit_page.catalog(), wiz.role())
        self.symbol_edit.setText(str(self._defaults["symbol"]))
        self.recipients_edit.setPlainText("\n".join(self._defaults["recipients"]))  # type: ignore[arg-type]
        self.cc_edit.setPlainText("\n".join(self._defaults["cc"]))  # type: ignore[arg-type]

    def doc_defaults(self) -> dict[str, object]:
        def lines(w: QPlainTextEdit) -> list[str]:
            return [s.strip() for s in w.toPlainText().splitlines() if s.strip()]

        return {
            **self._defaults,
            "symbol": self.symbol_edit.text().strip(),
            "recipients": lines(self.recipients_edit),
            "cc": lines(self.cc_edit),
        }

    def validatePage(self) -> bool:
        wiz: FirstRunWizard = self.wizard()  # type: ignore[assignment]
        return wiz.create_workspace()
