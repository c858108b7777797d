"""Which texts of a window do not fit their widget: the clipping half of the layout check.

Every visible label, button, check box, tab, group title, column header, search-box hint, combo
box and chart label of a top-level window is measured with its own font (QFontMetrics) against
the room its widget has. A text counts as clipped when Qt would cut it, elide it, break it inside
a word, or draw a frame through it. A text the program elided itself ("…") and a header section
whose model gives a tooltip are not clipped: the officer can read them in full.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from PySide6.QtCharts import QBarCategoryAxis, QChartView
from PySide6.QtCore import QPoint, QRectF, Qt
from PySide6.QtGui import QFont, QFontMetrics, QTextDocument
from PySide6.QtGui import Qt as GuiQt  # mightBeRichText lives in QtGui's Qt namespace
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QStyle,
    QStyleOptionComboBox,
    QStyleOptionGroupBox,
    QTabBar,
    QWidget,
)

SLACK = 1  # pixels of rounding Qt itself allows


@dataclass(frozen=True)
class Clip:
    """One text that does not fit: what it is, where, how much room it had and needed."""

    text: str
    widget: str
    have: int
    need: int

    def describe(self) -> str:
        return f"{self.widget}: {self.text!r} has {self.have}px, needs {self.need}px"


def _plain(text: str, rich: bool) -> str:
    if not rich:
        return text
    doc = QTextDocument()
    doc.setHtml(text)
    return doc.toPlainText()


def _mnemonic_free(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _width(fm: QFontMetrics, text: str) -> int:
    lines = text.replace("\u2028", "\n").replace("\u2029", "\n").split("\n")
    return max((fm.horizontalAdvance(line) for line in lines), default=0)


def _visible(top: QWidget) -> Iterator[QWidget]:
    for w in top.findChildren(QWidget):
        if w.isVisibleTo(top) and w.width() > 0 and w.height() > 0:
            yield w


def _label(label: QLabel) -> Iterator[Clip]:
    raw = label.text()
    if not raw.strip():
        return
    rich = label.textFormat() == Qt.TextFormat.RichText or (
        label.textFormat() == Qt.TextFormat.AutoText and GuiQt.mightBeRichText(raw)
    )
    text = _plain(raw, rich).strip()
    if not text:
        return
    fm = label.fontMetrics()
    room = label.contentsRect().width() - 2 * label.margin()
    if label.wordWrap():
        # a word wider than the label is broken inside the word ("S/ửa"), and a label shorter than
        # its wrapped text loses its last lines
        for word in text.split():
            if fm.horizontalAdvance(word) > room + SLACK:
                yield Clip(text, "label", room, fm.horizontalAdvance(word))
                return
        need_h = label.heightForWidth(label.width())
        if need_h > label.height() + fm.height() // 2:
            yield Clip(text, "label (height)", label.height(), need_h)
        return
    need = _width(fm, text)
    if need > room + SLACK:
        yield Clip(text, "label", room, need)
        return
    lines = text.count("\n") + 1
    need_h = fm.height() * lines if lines == 1 else fm.lineSpacing() * lines
    have_h = label.contentsRect().height() - 2 * label.margin()
    if need_h > have_h + fm.height() // 3:
        yield Clip(text, "label (height)", have_h, need_h)


def _button(button: QAbstractButton) -> Iterator[Clip]:
    text = _mnemonic_free(button.text())
    if not text.strip():
        return
    fm = button.fontMetrics()
    icon = button.iconSize().width() + 4 if not button.icon().isNull() else 0
    hint = button.sizeHint()
    if isinstance(button, QPushButton):
        # Fusion widens every text button to 80 px: only the text and its padding must fit
        need = min(hint.width(), _width(fm, text) + icon + 16)
    elif isinstance(button, (QCheckBox, QRadioButton)):
        need = hint.width()
    else:
        need = min(hint.width(), _width(fm, text) + icon + 8)
    if button.width() + SLACK < need:
        yield Clip(text, type(button).__name__, button.width(), need)
    elif button.height() + 2 < min(hint.height(), fm.height() + 2):
        yield Clip(text, type(button).__name__ + " (height)", button.height(), hint.height())


def _tabs(bar: QTabBar) -> Iterator[Clip]:
    fm = bar.fontMetrics()
    space = bar.style().pixelMetric(QStyle.PixelMetric.PM_TabBarTabHSpace, None, bar)
    for i in range(bar.count()):
        if not bar.isTabVisible(i):
            continue
        text = _mnemonic_free(bar.tabText(i))
        rect = bar.tabRect(i)
        icon = bar.iconSize().width() + 4 if not bar.tabIcon(i).isNull() else 0
        need = fm.horizontalAdvance(text) + icon + space // 2
        if rect.width() + SLACK < need or not bar.rect().contains(rect):
            yield Clip(text, "tab", rect.width(), need)


def _group(box: QGroupBox) -> Iterator[Clip]:
    title = _mnemonic_free(box.title())
    if not title.strip():
        return
    fm = box.fontMetrics()
    need = fm.horizontalAdvance(title) + 24
    if box.width() + SLACK < need:
        yield Clip(title, "group title", box.width(), need)
        return
    opt = QStyleOptionGroupBox()
    opt.initFrom(box)
    opt.text = box.title()
    opt.lineWidth = 1
    opt.subControls = QStyle.SubControl.SC_GroupBoxFrame | QStyle.SubControl.SC_GroupBoxLabel
    style = box.style()
    label = style.subControlRect(
        QStyle.ComplexControl.CC_GroupBox, opt, QStyle.SubControl.SC_GroupBoxLabel, box
    )
    frame = style.subControlRect(
        QStyle.ComplexControl.CC_GroupBox, opt, QStyle.SubControl.SC_GroupBoxFrame, box
    )
    if label.height() < fm.height() - 2 or label.top() < 0:
        yield Clip(title, "group title (cut)", label.height(), fm.height())
    elif box.styleSheet() or _sheet_styled(box):
        # with the app's style sheet the frame is drawn whole: its top line must pass below the
        # title's letters, not through them
        if frame.top() < label.top() + fm.ascent() - 1:
            yield Clip(title, "group title (struck)", frame.top() - label.top(), fm.ascent())


def _sheet_styled(w: QWidget) -> bool:
    return type(w.style()).__name__ == "QStyleSheetStyle" or bool(_app_sheet())


def _app_sheet() -> str:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    return app.styleSheet() if isinstance(app, QApplication) else ""


def _header(header: QHeaderView) -> Iterator[Clip]:
    if header.orientation() != Qt.Orientation.Horizontal:
        return
    model = header.model()
    if model is None:
        return
    font = QFont(header.font())
    font.setWeight(QFont.Weight.DemiBold)  # the style sheet's header weight
    fm = QFontMetrics(font)
    for logical in range(header.count()):
        if header.isSectionHidden(logical):
            continue
        text = model.headerData(logical, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        if not isinstance(text, str) or not text.strip():
            continue
        have = header.sectionSize(logical)
        need = _width(fm, text) + 16 + (14 if header.isSortIndicatorShown() else 0)
        if have + SLACK >= need:
            continue
        tip = model.headerData(logical, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
        told = (isinstance(tip, str) and tip.strip()) or header.property("fullTextTooltip")
        if told and header.textElideMode() != Qt.TextElideMode.ElideNone:
            continue  # elided, and the tooltip says it in full
        yield Clip(text, "header section", have, need)


def _line_edit(edit: QLineEdit) -> Iterator[Clip]:
    hint = edit.placeholderText()
    if edit.text() or not hint:
        return
    fm = edit.fontMetrics()
    room = edit.contentsRect().width() - 12
    if fm.horizontalAdvance(hint) > room + SLACK:
        yield Clip(hint, "placeholder", room, fm.horizontalAdvance(hint))


def _combo(combo: QComboBox) -> Iterator[Clip]:
    text = combo.currentText()
    if not text or combo.isEditable():
        return
    fm = combo.fontMetrics()
    opt = QStyleOptionComboBox()
    opt.initFrom(combo)
    opt.currentText = text
    field = combo.style().subControlRect(
        QStyle.ComplexControl.CC_ComboBox, opt, QStyle.SubControl.SC_ComboBoxEditField, combo
    )
    room = field.width() - 2
    icon = combo.iconSize().width() + 4 if not combo.itemIcon(combo.currentIndex()).isNull() else 0
    need = fm.horizontalAdvance(text) + icon
    if need > room + SLACK:
        yield Clip(text, "combo box", room, need)


def _chart(view: QChartView) -> Iterator[Clip]:
    chart = view.chart()
    plot = chart.plotArea()
    if chart.title():
        fm = QFontMetrics(chart.titleFont())
        title = _plain(chart.title(), GuiQt.mightBeRichText(chart.title()))
        room = int(chart.size().width()) - 20
        if _width(fm, title) > room:
            yield Clip(title, "chart title", room, _width(fm, title))
    for axis in chart.axes():
        if not axis.isVisible() or not axis.labelsVisible() or not isinstance(axis, QBarCategoryAxis):
            continue
        yield from _category_axis(axis, plot)
    yield from _drawn_elided(view)


def _drawn_elided(view: QChartView) -> Iterator[Clip]:
    """What QtCharts actually drew: a label or title it shortened ends in "..." or "…"."""
    from PySide6.QtWidgets import QGraphicsTextItem

    scene = view.scene()
    if scene is None:
        return
    for item in scene.items():
        if isinstance(item, QGraphicsTextItem) and item.isVisible():
            text = item.toPlainText()
            if text.endswith(("...", "…")):
                yield Clip(text, "chart text shortened by the chart", 0, 0)


def _category_axis(axis: QBarCategoryAxis, plot: QRectF) -> Iterator[Clip]:
    fm = QFontMetrics(axis.labelsFont())
    labels = axis.categories()
    if not labels:
        return
    rect = plot.toRect()
    if axis.orientation() == Qt.Orientation.Horizontal:
        if axis.labelsAngle() != 0:
            room = rect.height() // 2  # rotated labels may take up to half the chart's height
        else:
            # QtCharts gives each label the width of one of n+1 slots, less its padding
            room = rect.width() // (len(labels) + 1) - 10
    else:
        room = rect.left() - 16  # labels of a vertical axis stand left of the plot
    for text in labels:
        need = fm.horizontalAdvance(text)
        if need > room + SLACK:
            yield Clip(text, "chart axis label", room, need)


def _sideways(area: QScrollArea) -> Iterator[Clip]:
    """A page body wider than its window: what lies beyond the right edge cannot be read without
    scrolling sideways (the issue of "Mở thư mục" pushed off screen)."""
    body = area.widget()
    if body is None or area.horizontalScrollBar().maximum() <= 0:
        return
    viewport = area.viewport()
    for w in body.findChildren(QWidget):
        if not isinstance(w, (QLabel, QAbstractButton, QComboBox, QChartView)) or not w.isVisibleTo(area):
            continue
        if isinstance(w, QComboBox):
            text = w.currentText().strip()
        elif isinstance(w, QChartView):
            text = w.chart().title().strip()
        else:
            text = _mnemonic_free(w.text()).strip()
        right = w.mapTo(viewport, QPoint(w.width(), 0)).x()
        if text and right > viewport.width() + SLACK:
            yield Clip(
                _plain(text, GuiQt.mightBeRichText(text)),
                "beyond the window's right edge",
                viewport.width(),
                right,
            )


def clips(top: QWidget) -> list[Clip]:
    """Every text in `top` (visible children only) that does not fit its widget."""
    found: list[Clip] = []
    for w in _visible(top):
        if isinstance(w, QLabel):
            found.extend(_label(w))
        elif isinstance(w, QAbstractButton):
            found.extend(_button(w))
        elif isinstance(w, QTabBar):
            found.extend(_tabs(w))
        elif isinstance(w, QHeaderView):
            found.extend(_header(w))
        elif isinstance(w, QLineEdit):
            found.extend(_line_edit(w))
        elif isinstance(w, QComboBox):
            found.extend(_combo(w))
        elif isinstance(w, QChartView):
            found.extend(_chart(w))
        elif isinstance(w, QScrollArea):
            found.extend(_sideways(w))
        if isinstance(w, QGroupBox):
            found.extend(_group(w))
    return found


def clipped_texts(top: QWidget) -> list[str]:
    """The texts of `clips(top)`, each once, in the order met."""
    seen: dict[str, None] = {}
    for c in clips(top):
        seen.setdefault(c.text, None)
    return list(seen)
