"""What a new workspace starts with for the report's signer and document fields; the officer
edits them in the wizard or on the Báo cáo page."""

from __future__ import annotations

from typing import Any

from dvcq_desktop.domain.catalog import Catalog, Unit
from dvcq_desktop.domain.unit_kinds import kind_for


def default_signer(unit: Unit, role: str) -> dict[str, str]:
    """A UBND's report is usually signed by a Phó Chủ tịch (KT.); an agency's by its head."""
    kind = kind_for(unit.level, unit.name, unit.kind)
    if kind.signer.collective:
        return {
            "name": "",
            "title": kind.signer.deputy_title,
            "authority": "KT.",
            "authority_body": kind.signer.head_title,
        }
    return {"name": "", "title": kind.signer.head_title, "authority": "", "authority_body": ""}


def default_doc(unit: Unit, catalog: Catalog, role: str) -> dict[str, Any]:
    """Sensible document defaults; the officer edits them in the wizard or on the Báo cáo page."""
    if role == "aggregator":
        recipients = [catalog.reports_to] if catalog.reports_to else []
        cc = ["Thường trực Thành ủy", "CT, các PCT UBND thành phố"]
    else:
        agg = next((u for u in catalog.units if u.code == catalog.aggregator), None)
        office = catalog.receiving_office or "Phòng Nội vụ"
        if agg:
            body = agg.name[:1].lower() + agg.name[1:]
            short_office = office.replace(f" {body}", "")
            recipients = [f"Ủy ban nhân dân {body} (qua {short_office})"]
        else:
            recipients = [office]
        local = "xã" if unit.level == "xa" else "phường" if unit.level == "phuong" else "cơ quan"
        cc = [f"TT. Đảng ủy {local}", f"CT, các PCT UBND {local}"] if local != "cơ quan" else []
    return {
        "symbol": unit.symbol or "BC-UBND",
        "place": unit.place or unit.name,
        "parent_body": unit.parent_body,
        "issuer": unit.issuer or unit.name.upper(),
        "number": "",
        "recipients": recipients,
        "cc": cc,
        "archive": "VT",
    }
