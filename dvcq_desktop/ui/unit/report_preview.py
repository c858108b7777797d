"""The preview pane of Báo cáo: the report's document model drawn as HTML, scaled so that lines
wrap as they will in Word, and redrawn when the pane is resized."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from dvcq_desktop.errors import user_message
from dvcq_desktop.reports.model import Document
from dvcq_desktop.ui.unit.report_html import document_html, fit_scale

log = logging.getLogger(__name__)


class ReportPreview(QWidget):
    def __init__(self, build: Callable[[], Document], parent: QWidget | None = None) -> None:
        """`build` makes the document model from the saved data (it may raise: shown in the pane)."""
        super().__init__(parent)
        self._build = build
        self._doc: Document | None = None
        self._scale = 0.0
        self._resize_timer = QTimer(self, singleShot=True, interval=150)
        self._resize_timer.timeout.connect(self._rescale)

        self.browser = QTextBrowser()
        self.browser.setObjectName("reportPreview")
        self.browser.setOpenLinks(False)
        self.browser.setStyleSheet("QTextBrowser#reportPreview { background: white; }")
        self.browser.document().setDocumentMargin(18)
        self.browser.viewport().installEventFilter(self)
        self.update_btn = QPushButton(self.tr("Cập nhật"))
        self.update_btn.setToolTip(self.tr("Vẽ lại bản xem trước theo dữ liệu mới nhất"))
        self.update_btn.clicked.connect(lambda _c=False: self.refresh())
        head = QHBoxLayout()
        title = QLabel(self.tr("Xem trước"))
        title.setStyleSheet("font-weight: 600;")
        head.addWidget(title)
        hint = QLabel(self.tr("Ctrl + lăn chuột để phóng to"))
        hint.setStyleSheet("color: #5b6b7a;")
        head.addWidget(hint)
        head.addStretch(1)
        head.addWidget(self.update_btn)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(head)
        lay.addWidget(self.browser, 1)

    def refresh(self) -> None:
        """Rebuild the document model from the saved data and draw it."""
        try:
            self._doc = self._build()
        except Exception as exc:  # noqa: BLE001 - the preview must not take the page down
            log.exception("preview failed")
            self._doc = None
            self.browser.setPlainText(
                self.tr("Không vẽ được bản xem trước.\n{msg}").format(msg=user_message(exc))
            )
            return
        self._draw()

    def _fit(self) -> float:
        margin = 2 * self.browser.document().documentMargin() + 4
        return fit_scale(self.browser.viewport().width() - margin, self.browser.logicalDpiX())

    def _draw(self) -> None:
        if self._doc is None:
            return
        self._scale = self._fit()
        bar = self.browser.verticalScrollBar()
        pos = bar.value()
        self.browser.setHtml(document_html(self._doc, self._scale))
        bar.setValue(pos)  # stay where the officer was reading

    def _rescale(self) -> None:
        # Lines should wrap as they will in Word, so the text scales with the pane's width.
        if self._doc is not None and abs(self._fit() - self._scale) > 0.02:
            self._draw()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.browser.viewport() and event.type() == QEvent.Type.Resize:
            self._resize_timer.start()
        return super().eventFilter(obj, event)
