"""Thông tin văn bản: the report's số, ngày, issuing bodies, recipients and signer, as a form.

The form only converts between widgets and a `DocumentMeta`; the Báo cáo page decides when to
save. `changed` fires on every user edit (not while `set_meta` fills the widgets).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from dvcq_desktop.domain.records import DocumentMeta, Signer
from dvcq_desktop.text import clean
from dvcq_desktop.ui.common.widgets import DateEdit

# (stored value, shown text) for the signing authority; "" = the head signs in own name.
AUTHORITIES = (("", "Không (ký trực tiếp)"), ("TM.", "TM. (thay mặt)"), ("KT.", "KT. (ký thay)"))


def _lines(edit: QPlainTextEdit) -> tuple[str, ...]:
    """One entry per line; a typed list marker "- " and a final ";" or "." are the report's job."""
    out = []
    for raw in edit.toPlainText().splitlines():
        line = clean(raw)
        while line.startswith(("-", "–", "•", "+")):
            line = line[1:].strip()
        line = line.rstrip(";.").strip()
        if line:
            out.append(line)
    return tuple(out)


def _form(box: QGroupBox) -> QFormLayout:
    form = QFormLayout(box)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    return form


class DocumentMetaForm(QScrollArea):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self._loading = False

        inner = QWidget()
        lay = QVBoxLayout(inner)
        lay.setContentsMargins(4, 4, 8, 4)
        boxes = (
            self._build_document_box(),
            self._build_plan_box(),
            self._build_send_box(),
            self._build_signer_box(),
        )
        for box in boxes:
            lay.addWidget(box)
        lay.addStretch(1)
        self.setWidget(inner)

        for e in (
            self.number_edit,
            self.symbol_edit,
            self.place_edit,
            self.parent_edit,
            self.issuer_edit,
            self.archive_edit,
            self.signer_name_edit,
            self.signer_title_edit,
            self.authority_body_edit,
            self.plan_number_edit,
            self.plan_date_edit,
        ):
            e.textChanged.connect(self._emit)
        for p in (self.recipients_edit, self.cc_edit):
            p.textChanged.connect(self._emit)
        self.date_edit.dateChanged.connect(self._emit)
        self.authority_combo.currentIndexChanged.connect(self._authority_changed)

    def _build_document_box(self) -> QGroupBox:
        """Số, ngày and the issuing bodies."""
        self.number_edit = QLineEdit()
        self.number_edit.setPlaceholderText(self.tr("để trống"))
        self.number_edit.setMaximumWidth(90)
        self.number_edit.setToolTip(self.tr("Số văn bản do văn thư cấp; để trống nếu văn thư sẽ ghi tay"))
        self.symbol_edit = QLineEdit()
        self.symbol_edit.setPlaceholderText("BC-UBND")
        self.date_edit = DateEdit(optional=True, blank_text=self.tr("để trống"))
        self.date_edit.setMinimumWidth(130)
        self.place_edit = QLineEdit()
        self.place_edit.setPlaceholderText(self.tr("Ví dụ: Phường 1"))
        self.parent_edit = QLineEdit()
        self.parent_edit.setPlaceholderText(self.tr("Ví dụ: UBND THÀNH PHỐ TÂY NINH (để trống nếu không có)"))
        self.issuer_edit = QLineEdit()
        self.issuer_edit.setPlaceholderText(self.tr("Ví dụ: ỦY BAN NHÂN DÂN PHƯỜNG 1"))

        number_row = QHBoxLayout()
        number_row.addWidget(self.number_edit)
        number_row.addWidget(QLabel("/"))
        number_row.addWidget(self.symbol_edit, 1)
        doc_box = QGroupBox(self.tr("Số, ngày và cơ quan ban hành"))
        f1 = _form(doc_box)
        f1.addRow(self.tr("Số / ký hiệu:"), number_row)
        date_row = QHBoxLayout()
        date_row.addWidget(self.date_edit)
        date_row.addStretch(1)
        f1.addRow(self.tr("Ngày ban hành:"), date_row)
        f1.addRow(self.tr("Địa danh:"), self.place_edit)
        f1.addRow(self.tr("Cơ quan chủ quản:"), self.parent_edit)
        f1.addRow(self.tr("Cơ quan ban hành:"), self.issuer_edit)
        return doc_box

    def _build_send_box(self) -> QGroupBox:
        """Kính gửi, nơi nhận, lưu."""
        self.recipients_edit = QPlainTextEdit()
        self.recipients_edit.setPlaceholderText(
            self.tr("Mỗi dòng một nơi, ví dụ:\nỦy ban nhân dân thành phố")
        )
        self.cc_edit = QPlainTextEdit()
        self.cc_edit.setPlaceholderText(self.tr("Mỗi dòng một nơi, ví dụ:\nTT. Đảng ủy phường"))
        for memo in (self.recipients_edit, self.cc_edit):
            memo.setTabChangesFocus(True)
            memo.setFixedHeight(memo.fontMetrics().lineSpacing() * 4 + 14)
        self.archive_edit = QLineEdit()
        self.archive_edit.setPlaceholderText("VT, VP")

        send_box = QGroupBox(self.tr("Nơi gửi và nơi nhận"))
        f2 = _form(send_box)
        f2.addRow(self.tr("Kính gửi:"), self.recipients_edit)
        f2.addRow(self.tr("Nơi nhận:"), self.cc_edit)
        f2.addRow(self.tr("Lưu:"), self.archive_edit)
        hint = QLabel(self.tr("“- Như trên;” và dòng “- Lưu: …” được thêm tự động."))
        hint.setStyleSheet("color: #5b6b7a;")
        hint.setWordWrap(True)
        f2.addRow("", hint)
        return send_box

    def _build_signer_box(self) -> QGroupBox:
        """Who signs, and under which authority (TM./KT.)."""
        self.signer_name_edit = QLineEdit()
        self.signer_name_edit.setPlaceholderText(self.tr("Họ và tên người ký"))
        self.signer_title_edit = QLineEdit()
        self.signer_title_edit.setPlaceholderText(self.tr("Ví dụ: PHÓ CHỦ TỊCH"))
        self.authority_combo = QComboBox()
        for value, text in AUTHORITIES:
            self.authority_combo.addItem(self.tr(text), value)
        self.authority_body_edit = QLineEdit()
        self.authority_body_edit.setPlaceholderText(
            self.tr("Ví dụ: CHỦ TỊCH (sau KT.) hoặc ỦY BAN NHÂN DÂN (sau TM.)")
        )

        sign_box = QGroupBox(self.tr("Người ký"))
        f3 = _form(sign_box)
        f3.addRow(self.tr("Họ và tên:"), self.signer_name_edit)
        f3.addRow(self.tr("Chức vụ:"), self.signer_title_edit)
        f3.addRow(self.tr("Quyền hạn ký:"), self.authority_combo)
        f3.addRow(self.tr("Sau TM./KT.:"), self.authority_body_edit)
        return sign_box

    def _build_plan_box(self) -> QGroupBox:
        """The plan this report answers: the plan file may leave its number and date blank."""
        self.plan_number_edit = QLineEdit()
        self.plan_number_edit.setPlaceholderText(self.tr("Ví dụ: 125/KH-UBND"))
        self.plan_date_edit = QLineEdit()
        self.plan_date_edit.setPlaceholderText(self.tr("Ví dụ: 12/5/2023"))
        plan_box = QGroupBox(self.tr("Kế hoạch được thực hiện"))
        f4 = _form(plan_box)
        f4.addRow(self.tr("Số / ký hiệu Kế hoạch:"), self.plan_number_edit)
        f4.addRow(self.tr("Ngày ban hành Kế hoạch:"), self.plan_date_edit)
        return plan_box

    def _emit(self, *_args: object) -> None:
        if not self._loading:
            self.changed.emit()

    def _authority_changed(self) -> None:
        self.authority_body_edit.setEnabled(bool(self.authority_combo.currentData()))
        self._emit()

    def set_meta(self, m: DocumentMeta) -> None:
        self._loading = True
        try:
            self.number_edit.setText(m.number)
            self.symbol_edit.setText(m.symbol)
            self.date_edit.set_value(m.date)
            self.place_edit.setText(m.place)
            self.parent_edit.setText(m.parent_body)
            self.issuer_edit.setText(m.issuer)
            self.recipients_edit.setPlainText("\n".join(m.recipients))
            self.cc_edit.setPlainText("\n".join(m.cc))
            self.archive_edit.setText(m.archive)
            self.signer_name_edit.setText(m.signer.name)
            self.signer_title_edit.setText(m.signer.title)
            idx = self.authority_combo.findData(m.signer.authority)
            self.authority_combo.setCurrentIndex(max(idx, 0))
            self.authority_body_edit.setText(m.signer.authority_body)
            self.authority_body_edit.setEnabled(bool(self.authority_combo.currentData()))
        finally:
            self._loading = False

    def set_plan_ref(self, ref: dict[str, str]) -> None:
        self._loading = True
        try:
            self.plan_number_edit.setText(ref.get("plan_number", ""))
            self.plan_date_edit.setText(ref.get("plan_date", ""))
        finally:
            self._loading = False

    def plan_ref(self) -> dict[str, str]:
        return {
            "plan_number": clean(self.plan_number_edit.text()),
            "plan_date": clean(self.plan_date_edit.text()),
        }

    def meta(self) -> DocumentMeta:
        authority = str(self.authority_combo.currentData() or "")
        return DocumentMeta(
            number=clean(self.number_edit.text()),
            symbol=clean(self.symbol_edit.text()),
            date=self.date_edit.value(),
            place=clean(self.place_edit.text()),
            parent_body=clean(self.parent_edit.text()),
            issuer=clean(self.issuer_edit.text()),
            recipients=_lines(self.recipients_edit),
            cc=_lines(self.cc_edit),
            archive=clean(self.archive_edit.text()).rstrip(".") or "VT",
            signer=Signer(
                name=clean(self.signer_name_edit.text()),
                title=clean(self.signer_title_edit.text()),
                authority=authority,
                authority_body=clean(self.authority_body_edit.text()) if authority else "",
            ),
        )
