"""The import page's "Lập biên nhận" button, shown after an import that accepted packages: one signed
receipt per unit (for all that unit's accepted packages of the period), written into a `bien-nhan`
folder next to the packages (back onto the USB stick they came from) — or the same receipts, each
attached to a reply e-mail draft (.eml) addressed to the unit when the office knows its address."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMenu, QPushButton, QWidget

from dvcq_desktop.errors import user_message
from dvcq_desktop.services.import_outcome import ImportOutcome
from dvcq_desktop.services.receipt_reply import set_unit_email, unit_email, write_reply
from dvcq_desktop.services.receipts import make_receipt
from dvcq_desktop.storage.workspace import Workspace
from dvcq_desktop.ui.common.context import AppContext
from dvcq_desktop.ui.common.workers import Progress, in_worker

log = logging.getLogger(__name__)
FOLDER = "bien-nhan"

Slot = tuple[str, str, Path]  # unit code, period id, folder the package came from


def _ask_address(parent: QWidget, unit_name: str) -> str | None:
    text, ok = QInputDialog.getText(
        parent,
        parent.tr("Thư trả lời kèm biên nhận"),
        parent.tr("Địa chỉ thư điện tử của {unit} (để trống nếu chưa biết; phần mềm sẽ ghi nhớ):").format(
            unit=unit_name
        ),
        QLineEdit.EchoMode.Normal,
    )
    return text.strip() if ok else None


def _choose_folder(parent: QWidget) -> Path | None:
    folder = QFileDialog.getExistingDirectory(
        parent, parent.tr("Chọn thư mục ghi biên nhận"), str(Path.home())
    )
    return Path(folder) if folder else None


def _open(path: Path) -> None:
    from dvcq_desktop.ui.office.agg_common import open_path

    open_path(path)


class ReceiptButton(QPushButton):  # with a menu: looks like the page's other buttons
    written = Signal(list)  # [(receipt, eml or None)] once the files are written

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.slots: list[Slot] = []
        self.ask_address: Callable[[QWidget, str], str | None] = _ask_address
        self.opener: Callable[[Path], None] = _open  # the draft in the mail client, or the folder
        self.choose_folder: Callable[[QWidget], Path | None] = _choose_folder
        self.setText(self.tr("Lập biên nhận…"))
        self.setToolTip(self.tr("Biên nhận có chữ ký cho các đơn vị vừa nhập gói"))
        menu = QMenu(self)
        self.folder_action = menu.addAction(self.tr("Ghi biên nhận vào thư mục “bien-nhan” cạnh các gói"))
        self.other_action = menu.addAction(self.tr("Ghi biên nhận vào thư mục khác…"))
        self.reply_action = menu.addAction(self.tr("Soạn thư trả lời kèm biên nhận (.eml)…"))
        self.folder_action.triggered.connect(lambda: self.make(with_email=False))
        self.other_action.triggered.connect(self.make_in_chosen_folder)
        self.reply_action.triggered.connect(lambda: self.make(with_email=True))
        self.setMenu(menu)
        self.hide()

    def update_for(self, outcomes: list[ImportOutcome]) -> None:
        """After a real import: the units whose packages were accepted (none after a dry run)."""
        seen: dict[tuple[str, str], Path] = {}
        for o in outcomes:
            if o.stored and o.unit_code and o.period_id:
                seen.setdefault((o.unit_code, o.period_id), o.file.parent)
        self.slots = [(code, period, folder) for (code, period), folder in sorted(seen.items())]
        self.setVisible(bool(self.slots))

    def make_in_chosen_folder(self) -> None:
        folder = self.choose_folder(self) if self.slots else None
        if folder is not None:
            self.make(with_email=False, folder=folder)

    def make(self, *, with_email: bool, folder: Path | None = None) -> None:
        """Receipts next to the packages (or all into `folder`), with reply drafts if asked."""
        if not self.slots:
            return
        ws = self.ctx.workspace
        if with_email:  # addresses are asked on the GUI thread, before the files are written
            names = {u.code: u.name for u in ws.catalog.units}
            for code in sorted({s[0] for s in self.slots}):
                if unit_email(ws, code):
                    continue
                address = self.ask_address(self, names.get(code, code))
                if address is None:
                    return  # cancelled: nothing written
                try:
                    set_unit_email(ws, code, address)
                except Exception as exc:  # noqa: BLE001 - the officer reads the reason and tries again
                    self.ctx.hub.status_message.emit(user_message(exc))
                    return
        slots, fallback = [(c, p, folder or f / FOLDER) for c, p, f in self.slots], ws.root / FOLDER
        self.setEnabled(False)

        def work(wws: Workspace, _progress: Progress) -> list[tuple[Path, Path | None]]:
            out: list[tuple[Path, Path | None]] = []
            for code, period, target in slots:
                try:
                    receipt = make_receipt(wws, code, period, target)
                except OSError:  # a read-only stick or a vanished folder: keep it in the data folder
                    log.warning("receipt not written in %s", target, exc_info=True)
                    receipt = make_receipt(wws, code, period, fallback)
                out.append((receipt, write_reply(wws, receipt) if with_email else None))
            return out

        self.ctx.tasks.start(in_worker(ws, work), on_done=self._done, on_error=self._failed)

    def _done(self, written: list[tuple[Path, Path | None]]) -> None:
        self.setEnabled(True)
        emls = [e for _r, e in written if e is not None]
        if emls:
            text = self.tr("Đã lập {n} biên nhận và thư trả lời (.eml) tại {folder}.")
        else:
            text = self.tr("Đã lập {n} biên nhận tại {folder}.")
        folder = written[0][0].parent
        self.ctx.hub.status_message.emit(text.format(n=len(written), folder=folder))
        self.opener(emls[0] if len(emls) == 1 else folder)  # one draft opens; several: their folder
        self.written.emit(written)

    def _failed(self, _code: str, message: str) -> None:
        self.setEnabled(True)
        self.ctx.hub.status_message.emit(self.tr("Không lập được biên nhận: {msg}").format(msg=message))
