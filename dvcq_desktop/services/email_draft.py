"""An email draft that carries the package (or, at the office, a receipt back to a unit): an .eml
file the default mail client opens.

`X-Unsent: 1` makes Outlook (the usual client in ward offices) open the file as a new message
ready to send instead of a received one. Where no .eml handler exists, `mailto_url` opens a blank
message with subject and body; mailto: cannot carry an attachment, so the body asks the officer
to attach the file (the page reveals it in the file manager at the same time).
"""

from __future__ import annotations

from email.message import EmailMessage
from email.policy import SMTP
from email.utils import formatdate, make_msgid
from pathlib import Path
from urllib.parse import quote

from dvcq_desktop.package.model import MIMETYPE
from dvcq_desktop.storage.fsutil import write_bytes_atomic


def _period_phrase(period_label: str) -> str:
    """ "Năm 2023" reads "năm 2023" after "Báo cáo công tác dân vận chính quyền"."""
    label = period_label.strip()
    return label[:1].lower() + label[1:] if label else label


def email_subject(*, unit_name: str, period_label: str, revision: int) -> str:
    subject = f"[DVCQ] Báo cáo công tác dân vận chính quyền {_period_phrase(period_label)} - {unit_name}"
    return subject + (f" (lần {revision})" if revision > 1 else "")


def email_body(
    *, to_office: str, unit_name: str, period_label: str, revision: int, file_name: str, attached: bool = True
) -> str:
    office = to_office.strip() or "cơ quan tiếp nhận báo cáo"
    what = f"báo cáo kết quả công tác dân vận chính quyền {_period_phrase(period_label)}"
    lines = [
        f"Kính gửi: {office},",
        "",
        f"{unit_name} gửi {what}"
        + (f" (gửi lại lần {revision}, thay cho lần gửi trước)." if revision > 1 else "."),
    ]
    if attached:
        lines.append(f"Gói báo cáo đính kèm: {file_name}")
    else:
        lines += ["", f"[Xin đính kèm tệp {file_name} vào thư này trước khi gửi.]"]
    lines += [
        "",
        "Tệp .dvcq được lập bằng phần mềm Dân vận chính quyền; cơ quan tiếp nhận nhập tệp "
        "vào phần mềm để tổng hợp, không cần giải nén.",
        "",
        "Trân trọng.",
    ]
    return "\n".join(lines) + "\n"


def write_eml(
    package_path: Path,
    out_path: Path,
    *,
    to_office: str,
    unit_name: str,
    period_label: str,
    revision: int,
    to_address: str = "",
) -> Path:
    """Write the draft to `out_path` (atomically) and return it."""
    package_path = Path(package_path)
    return write_draft(
        package_path,
        out_path,
        subject=email_subject(unit_name=unit_name, period_label=period_label, revision=revision),
        body=email_body(
            to_office=to_office,
            unit_name=unit_name,
            period_label=period_label,
            revision=revision,
            file_name=package_path.name,
        ),
        media_type=MIMETYPE,
        to_address=to_address,
    )


def write_draft(
    attachment: Path, out_path: Path, *, subject: str, body: str, media_type: bytes, to_address: str = ""
) -> Path:
    """Any file of the channel (a package, a receipt) as the one attachment of an unsent draft with
    a UTF-8 body; headers are RFC 2047-encoded, so Vietnamese subjects survive every client."""
    attachment, out_path = Path(attachment), Path(out_path)
    maintype, subtype = media_type.decode("ascii").split("/", 1)
    msg = EmailMessage(policy=SMTP)
    if to_address:
        msg["To"] = to_address
    msg["Subject"] = subject
    msg["Date"] = formatdate(localtime=True)
    msg["Message-ID"] = make_msgid(domain="dvcq.local")
    msg["X-Unsent"] = "1"
    msg.set_content(body, charset="utf-8")
    msg.add_attachment(attachment.read_bytes(), maintype=maintype, subtype=subtype, filename=attachment.name)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    return write_bytes_atomic(out_path, msg.as_bytes())


def mailto_url(
    *, file_name: str, to_office: str, unit_name: str, period_label: str, revision: int, to_address: str = ""
) -> str:
    """A mailto: link with the same subject and a body asking to attach `file_name` by hand."""
    subject = email_subject(unit_name=unit_name, period_label=period_label, revision=revision)
    body = email_body(
        to_office=to_office,
        unit_name=unit_name,
        period_label=period_label,
        revision=revision,
        file_name=file_name,
        attached=False,
    )
    # RFC 6068: CRLF line breaks, every reserved character percent-encoded as UTF-8.
    return (
        f"mailto:{quote(to_address, safe='@')}?subject={quote(subject, safe='')}"
        f"&body={quote(body.replace(chr(10), chr(13) + chr(10)), safe='')}"
    )
