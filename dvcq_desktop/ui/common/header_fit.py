"""Column headers as wide as their text, in every table of the app, at every font scale.

Pages give their columns widths designed at 100 %; at 150–175 % those widths cut the headers
("ời điểm xu"). One application-wide filter widens each horizontal header section that is
narrower than its text (bold, with the style sheet's padding) when the header is shown, when its
model is reset or its columns change, and when the font changes. Sections an officer drags
narrower afterwards stay as he left them; stretched and fit-to-contents sections are Qt's. A
stretched section that must still be narrower elides with "…" and its header tells the full text
in a tooltip.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QFont, QFontMetrics, QHelpEvent
from PySide6.QtWidgets import QApplication, QHeaderView, QToolTip

PADDING = 16  # the style sheet's 6 px each side, and the section's border
SORT_ARROW = 14
WATCHED = "dvcqHeaderFitWatched"  # dynamic property: this header already has its connections


def text_need(header: QHeaderView, logical: int) -> int:
    """Pixels the section's header text needs (widest line) in the header's bold font."""
    model = header.model()
    if model is None:
        return 0
    text = model.headerData(logical, header.orientation(), Qt.ItemDataRole.DisplayRole)
    if not isinstance(text, str) or not text.strip():
        return 0
    font = QFont(header.font())
    font.setWeight(QFont.Weight.DemiBold)
    fm = QFontMetrics(font)
    widest = max(fm.horizontalAdvance(line) for line in text.split("\n"))
    return widest + PADDING + (SORT_ARROW if header.isSortIndicatorShown() else 0)


def fit_header(header: QHeaderView) -> None:
    """Widen every interactive or fixed section narrower than its text."""
    if header.orientation() != Qt.Orientation.Horizontal:
        return
    for logical in range(header.count()):
        if header.isSectionHidden(logical):
            continue
        mode = header.sectionResizeMode(logical)
        if mode in (QHeaderView.ResizeMode.Stretch, QHeaderView.ResizeMode.ResizeToContents):
            continue
        if header.stretchLastSection() and header.visualIndex(logical) == header.count() - 1:
            continue
        need = text_need(header, logical)
        if header.sectionSize(logical) < need:
            header.resizeSection(logical, need)


class _HeaderFitter(QObject):
    """The application-wide filter (see the module docstring)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        kind = event.type()
        if isinstance(obj, QHeaderView):
            if kind in (QEvent.Type.Show, QEvent.Type.FontChange, QEvent.Type.StyleChange):
                self._watch(obj)
                QTimer.singleShot(0, lambda h=obj: _safe_fit(h))
        elif kind == QEvent.Type.ToolTip and isinstance(obj.parent(), QHeaderView):
            return self._tooltip(obj.parent(), event)  # type: ignore[arg-type]
        return False

    def _watch(self, header: QHeaderView) -> None:
        # The mark lives on the header itself, so it goes with it: no `destroyed` slot (a Python
        # slot run from inside ~QObject can corrupt the heap) and no ids reused by a later header.
        if header.property(WATCHED):
            return
        header.setProperty(WATCHED, True)
        header.setTextElideMode(Qt.TextElideMode.ElideRight)
        header.setProperty("fullTextTooltip", True)  # the layout check reads this
        header.viewport().installEventFilter(self)
        header.sectionCountChanged.connect(lambda *_: _safe_fit(header))
        model = header.model()
        if model is not None:
            model.modelReset.connect(lambda: QTimer.singleShot(0, lambda: _safe_fit(header)))
            model.headerDataChanged.connect(lambda *_: _safe_fit(header))

    @staticmethod
    def _tooltip(header: QHeaderView, event: QEvent) -> bool:
        """A cut header section shows its full text on hover (unless the model has a tooltip)."""
        assert isinstance(event, QHelpEvent)
        logical = header.logicalIndexAt(event.pos())
        model = header.model()
        if logical < 0 or model is None:
            return False
        if model.headerData(logical, header.orientation(), Qt.ItemDataRole.ToolTipRole):
            return False
        if header.sectionSize(logical) >= text_need(header, logical):
            return False
        text = model.headerData(logical, header.orientation(), Qt.ItemDataRole.DisplayRole)
        QToolTip.showText(event.globalPos(), str(text).replace("\n", " "), header)
        return True


def _safe_fit(header: QHeaderView) -> None:
    try:
        fit_header(header)
    except RuntimeError:  # the header was deleted before the queued call ran
        pass


_fitter: _HeaderFitter | None = None


def install(app: QApplication) -> None:
    """Once per application, before the pages are built."""
    global _fitter
    if _fitter is None:
        _fitter = _HeaderFitter(app)
        app.installEventFilter(_fitter)
