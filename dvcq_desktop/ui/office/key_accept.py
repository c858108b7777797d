"""The import preview's "Chấp nhận khóa mới…" button: shown when a unit's package is signed by a key
other than the one the office pinned (a ward that reinstalled its PC). The officer compares the
fingerprints on the phone, gives a reason (kept in the audit log), and the preview runs again with
the new key accepted for that unit."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QInputDialog, QPushButton, QWidget

from dvcq_desktop.services.intake import ImportOutcome


def _ask(parent: QWidget, text: str) -> str | None:
    reason, ok = QInputDialog.getText(parent, parent.tr("Chấp nhận khóa mới"), text)
    return reason.strip() if ok and reason.strip() else None


class KeyAcceptButton(QPushButton):
    changed = Signal()  # accepted keys changed: run the preview again

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Chấp nhận khóa mới…"), parent)
        self.accepted: dict[str, str] = {}  # unit code → reason
        self.pending: list[ImportOutcome] = []
        self.ask_reason: Callable[[QWidget, str], str | None] = _ask
        self.setToolTip(self.tr("Gói của đơn vị được ký bằng khóa khác lần trước"))
        self.clicked.connect(self.accept_pending)
        self.hide()

    def update_for(self, outcomes: list[ImportOutcome]) -> None:
        self.pending = [o for o in outcomes if o.reason == "import_key_changed" and o.unit_code]
        self.setVisible(bool(self.pending))

    def accept_pending(self) -> None:
        changed = False
        for o in self.pending:
            text = self.tr(
                "{msg}\n\nLý do chấp nhận khóa mới của {unit} (ghi vào nhật ký, ví dụ: đã gọi điện so mã khóa):"
            ).format(msg=o.message, unit=o.unit_code)
            reason = self.ask_reason(self, text)
            if reason and o.unit_code:
                self.accepted[o.unit_code] = reason
                changed = True
        if changed:
            self.changed.emit()

    def reset(self) -> None:
        self.accepted.clear()
        self.update_for([])
