"""Qt's own strings (context menus, standard buttons, wizard, file dialog) come out in Vietnamese.

Real widgets, offscreen. The translator is removed after each test, so the rest of the session
keeps Qt's default strings.
"""

from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QPoint, Qt, QTimer
from PySide6.QtGui import QContextMenuEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDateEdit,
    QDialogButtonBox,
    QFileDialog,
    QFileSystemModel,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QTextEdit,
    QWidget,
    QWizard,
    QWizardPage,
)

from dvcq_desktop.ui.common import qt_vietnamese
from dvcq_desktop.ui.common.qt_vietnamese import QtVietnameseTranslator, build_qm, default_ts_path, parse_ts

LINE_EDIT_MENU = ["&Hoàn tác", "&Làm lại", "Cắ&t", "&Sao chép", "&Dán", "Xóa", "Chọn tất cả"]
SB = QMessageBox.StandardButton
DB = QDialogButtonBox.StandardButton


@pytest.fixture
def vi(qapp: QApplication) -> Iterator[QtVietnameseTranslator]:
    translator = qt_vietnamese.install(qapp)
    assert isinstance(translator, QtVietnameseTranslator)
    yield translator
    qapp.removeTranslator(translator)
    delattr(qapp, "_dvcq_qt_vietnamese")
    translator.deleteLater()


def _texts(menu: QMenu) -> list[str]:
    """Action texts without separators or the "\tCtrl+Z" shortcut hint."""
    return [a.text().split("\t")[0] for a in menu.actions() if not a.isSeparator()]


def _accelerators(texts: list[str]) -> list[str]:
    return [t[t.index("&") + 1].lower() for t in texts if "&" in t.replace("&&", "")]


def test_install_loads_every_message_once(qapp: QApplication, vi: QtVietnameseTranslator) -> None:
    assert len(vi.messages) >= 100
    assert vi.language() == "vi_VN"
    assert qt_vietnamese.install(qapp) is vi  # a second call neither reloads nor installs twice


def test_line_edit_context_menu(vi: QtVietnameseTranslator) -> None:
    edit = QLineEdit("Phường 1")
    edit.selectAll()
    assert _texts(edit.createStandardContextMenu()) == LINE_EDIT_MENU


@pytest.mark.parametrize("cls", [QTextEdit, QPlainTextEdit])
def test_text_edit_context_menu(
    vi: QtVietnameseTranslator, cls: type[QTextEdit] | type[QPlainTextEdit]
) -> None:
    edit = cls()
    edit.setPlainText("Nội dung")
    edit.selectAll()
    assert _texts(edit.createStandardContextMenu()) == LINE_EDIT_MENU


@pytest.mark.parametrize("cls", [QSpinBox, QDateEdit])
def test_spin_box_context_menu(
    qapp: QApplication, vi: QtVietnameseTranslator, cls: type[QSpinBox] | type[QDateEdit]
) -> None:
    # QAbstractSpinBox builds its menu inside contextMenuEvent and runs it modally: read and
    # close it from a timer.
    box = cls()
    box.show()
    seen: list[str] = []

    def read_popup() -> None:
        popup = QApplication.activePopupWidget()
        if isinstance(popup, QMenu):
            seen.extend(_texts(popup))
            popup.close()
        else:
            QTimer.singleShot(20, read_popup)

    QTimer.singleShot(20, read_popup)
    where = QPoint(2, 2)
    QApplication.sendEvent(
        box, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, where, box.mapToGlobal(where))
    )
    assert seen == LINE_EDIT_MENU[:-1] + ["&Chọn tất cả", "Tă&ng lên", "&Giảm xuống"]
    letters = _accelerators(seen)
    assert len(letters) == len(set(letters)), f"two items share an accelerator: {seen}"


def test_message_box_buttons(vi: QtVietnameseTranslator) -> None:
    box = QMessageBox(QMessageBox.Icon.Question, "Khôi phục dữ liệu", "Khôi phục?", SB.Yes | SB.No)
    assert sorted(b.text() for b in box.buttons()) == ["&Có", "&Không"]
    box.setStandardButtons(SB.Ok | SB.Cancel | SB.Save | SB.Discard | SB.Close)
    assert {b.text() for b in box.buttons()} == {"Đồng ý", "Hủy", "Lưu", "Không lưu", "Đóng"}
    box.setDetailedText("Chi tiết lỗi")
    box.show()
    assert "Xem chi tiết…" in {b.text() for b in box.buttons()}
    box.close()


def test_dialog_button_box(vi: QtVietnameseTranslator) -> None:
    buttons = QDialogButtonBox(DB.Ok | DB.Cancel)
    assert buttons.button(DB.Ok).text() == "Đồng ý"
    assert buttons.button(DB.Cancel).text() == "Hủy"
    assert QDialogButtonBox(DB.Apply | DB.Help).button(DB.Apply).text() == "Áp dụng"


def test_wizard_default_buttons(vi: QtVietnameseTranslator) -> None:
    wizard = QWizard()
    wizard.setWizardStyle(QWizard.WizardStyle.ClassicStyle)  # Windows defaults to Aero: "&Next"
    wizard.addPage(QWizardPage())
    wizard.addPage(QWizardPage())
    b = QWizard.WizardButton
    assert wizard.buttonText(b.NextButton) == "&Tiếp >"
    assert wizard.buttonText(b.BackButton) == "< &Quay lại"
    assert wizard.buttonText(b.FinishButton) == "&Hoàn tất"
    assert wizard.buttonText(b.CancelButton) == "Hủy"


def test_non_native_file_dialog(qapp: QApplication, vi: QtVietnameseTranslator, tmp_path: Path) -> None:
    dialog = QFileDialog(None, "Chọn tệp", str(tmp_path))
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    labels = {label.objectName(): label.text() for label in dialog.findChildren(QLabel)}
    assert labels["lookInLabel"] == "&Tìm trong:"
    assert labels["fileNameLabel"] == "Tê&n tệp:"
    assert labels["fileTypeLabel"] == "&Loại tệp:"
    model = dialog.findChild(QFileSystemModel)
    assert model is not None
    headers = [model.headerData(i, Qt.Orientation.Horizontal) for i in range(4)]
    assert headers == ["Tên", "Kích thước", "Loại", "Ngày sửa đổi"]


def test_key_names_in_shortcut_hints(vi: QtVietnameseTranslator) -> None:
    native = QKeySequence.SequenceFormat.NativeText
    assert QKeySequence("Ctrl+S").toString(native) == "Ctrl+S"  # keycap names stay as printed
    assert QKeySequence("Ctrl+Shift+Left").toString(native) == "Ctrl+Shift+Mũi tên trái"
    assert QKeySequence("Ctrl+Space").toString(native) == "Ctrl+Phím cách"


def test_own_strings_and_unknown_strings_unchanged(vi: QtVietnameseTranslator) -> None:
    assert QWidget().tr("Đã lưu lúc {time}") == "Đã lưu lúc {time}"
    assert QCoreApplication.translate("Launcher", "Khôi phục từ bản sao lưu") == "Khôi phục từ bản sao lưu"
    assert QCoreApplication.translate("QLineEdit", "Chưa có trong bản dịch") == "Chưa có trong bản dịch"
    assert QCoreApplication.translate("MainWindow", "Delete") == "Delete"  # the context matters
    # A Python override of QTranslator.translate would drop None's refcount once per call like
    # these (PySide6 6.12), and Python 3.11 aborts when it reaches zero.
    before = sys.getrefcount(None)
    many = {QCoreApplication.translate("Page", "Lưu") for _ in range(5000)}
    assert many == {"Lưu"}
    assert sys.getrefcount(None) >= before - 100


def test_every_ts_entry_reaches_qt(vi: QtVietnameseTranslator) -> None:
    # Round trip through the in-memory QM and Qt's own lookup, disambiguation included.
    for (context, source, comment), forms in vi.messages.items():
        assert QCoreApplication.translate(context, source, comment or None) == forms[0], (context, source)
    # A disambiguated entry still answers a plain lookup only if one without comment exists.
    assert QCoreApplication.translate("QFileSystemModel", "Type", "All other platforms") == "Loại"
    assert QCoreApplication.translate("QFileSystemModel", "Type") == "Type"


# --- the data file -----------------------------------------------------------------------------

PLACEHOLDER = re.compile(r"%(?:L?\d+|n|p)")


def _has_accelerator(text: str) -> int:
    return text.replace("&&", "").count("&")


def _ts_entries() -> list[tuple[str, str, str, str]]:
    """(context, source, comment, translation) read with a strict XML parser."""
    root = ET.parse(default_ts_path()).getroot()
    assert root.tag == "TS" and root.get("language") == "vi_VN"
    out = []
    for ctx in root.iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            assert tr is not None and tr.get("type") is None, (name, msg.findtext("source"))
            out.append((name, msg.findtext("source") or "", msg.findtext("comment") or "", tr.text or ""))
    return out


def test_ts_file_entries_are_complete() -> None:
    entries = _ts_entries()
    contexts = {e[0] for e in entries}
    assert {
        "QLineEdit",
        "QWidgetTextControl",
        "QAbstractSpinBox",
        "QPlatformTheme",
        "QDialogButtonBox",
        "QMessageBox",
        "QWizard",
        "QFileDialog",
        "QFileSystemModel",
        "QInputDialog",
        "QShortcut",
    } <= contexts
    keys = [(c, s, d) for c, s, d, _t in entries]
    assert len(keys) == len(set(keys)), "duplicate (context, source, disambiguation)"
    for context, source, _comment, translation in entries:
        where = f"{context}: {source!r} -> {translation!r}"
        assert translation.strip(), where
        assert _has_accelerator(translation) == _has_accelerator(source) <= 1, where
        if "&" in translation.replace("&&", ""):
            letter = translation[translation.index("&") + 1]
            assert letter.isascii() and letter.isalnum(), f"accelerator must be typeable: {where}"
        assert sorted(PLACEHOLDER.findall(translation)) == sorted(PLACEHOLDER.findall(source)), where
        assert translation.count("\n") == source.count("\n"), where
        assert translation.endswith(" ") == source.endswith(" "), where  # "Show " + column name


def test_fast_parser_agrees_with_xml_parser() -> None:
    strict = {(c, s, d): (t,) for c, s, d, t in _ts_entries()}
    assert parse_ts(default_ts_path().read_text(encoding="utf-8")) == strict


TRICKY_TS = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>Ctx</name>
    <message>
        <location filename="x.cpp" line="3"/>
        <source>Tom &amp; Jerry&apos;s &quot;&lt;b&gt;&quot;</source>
        <extracomment>not the disambiguation</extracomment>
        <translation>Tom &amp; Jerry&apos;s &quot;&lt;b&gt;&quot; &#x1EA0;&#7841;</translation>
    </message>
    <message>
        <source>Tab<byte value="x9"/>here</source>
        <comment>dis</comment>
        <translatorcomment>note</translatorcomment>
        <translation type="unfinished">Tab<byte value="x9"/>đây</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s)</source>
        <translation>
            <numerusform>%n tệp</numerusform>
        </translation>
    </message>
    <message><source>empty</source><translation type="unfinished"></translation></message>
    <message><source>closed</source><translation type="unfinished"/></message>
    <message><source>gone</source><translation type="vanished">đã bỏ</translation></message>
</context>
</TS>
"""


def test_parser_handles_what_linguist_writes(qapp: QApplication, tmp_path: Path) -> None:
    messages = parse_ts(TRICKY_TS)
    assert messages == {
        ("Ctx", 'Tom & Jerry\'s "<b>"', ""): ('Tom & Jerry\'s "<b>" Ạạ',),
        ("Ctx", "Tab\there", "dis"): ("Tab\tđây",),
        ("Ctx", "%n file(s)", ""): ("%n tệp",),
    }
    path = tmp_path / "tricky.ts"
    path.write_text(TRICKY_TS, encoding="utf-8")
    translator = QtVietnameseTranslator(path)
    assert translator.translate("Ctx", "%n file(s)", None, 3) == "%n tệp"
    assert translator.translate("Ctx", "Tab\there", "dis") == "Tab\tđây"
    assert not translator.translate("Ctx", "empty")  # null: Qt shows the source text
    assert len(build_qm(messages)) > 16


def test_broken_ts_file_is_refused(qapp: QApplication, tmp_path: Path) -> None:
    path = tmp_path / "broken.ts"
    path.write_text("<TS><context><name>X</name><message><source>a", encoding="utf-8")
    with pytest.raises(ValueError):
        QtVietnameseTranslator(path)
