"""After an export: a ready e-mail to the receiving office with the package attached.

The .eml draft opens in the officer's mail program with the attachment in place; where no program
takes it (or it cannot be written), a mailto: link opens instead and the package's folder is shown,
so the officer attaches the file by hand.
"""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices

from dvcq_desktop.package import WrittenPackage
from dvcq_desktop.services.email_draft import mailto_url, write_eml
from dvcq_desktop.ui.common import destinations as dst
from dvcq_desktop.ui.common.context import AppContext

log = logging.getLogger(__name__)


def _tr(text: str) -> str:
    return QCoreApplication.translate("SubmitPage", text)


def open_email_draft(ctx: AppContext, written: WrittenPackage) -> Path | None:
    """Write the .eml draft and open it; fall back to mailto: plus revealing the package.
    Returns the draft written, if any."""
    ws = ctx.workspace
    office, unit, period = ws.catalog.receiving_office, ws.own_unit.name, ws.period.label
    eml: Path | None = None
    for folder_path in (ws.exports_dir, Path(tempfile.gettempdir())):
        try:
            eml = write_eml(
                written.path,
                folder_path / f"{written.path.stem}.eml",
                to_office=office,
                unit_name=unit,
                period_label=period,
                revision=written.revision,
            )
            break
        except OSError:
            log.warning("could not write email draft in %s", folder_path, exc_info=True)
    if eml is not None and QDesktopServices.openUrl(QUrl.fromLocalFile(str(eml))):
        ctx.hub.status_message.emit(_tr("Đã mở thư nháp; kiểm tra người nhận rồi bấm Gửi."))
        return eml
    url = mailto_url(
        file_name=written.path.name,
        to_office=office,
        unit_name=unit,
        period_label=period,
        revision=written.revision,
    )
    QDesktopServices.openUrl(QUrl(url))
    dst.reveal(written.path)
    ctx.hub.status_message.emit(
        _tr("Không mở được thư nháp có đính kèm; hãy đính kèm tệp {name} vào thư.").format(
            name=written.path.name
        )
    )
    return eml
