"""A plan file built from the shipped 2023 plan and catalogue, without any workspace."""

from __future__ import annotations

import json
from typing import Any

from dvcq_desktop.domain.catalog import load_builtin_catalog
from dvcq_desktop.domain.periods import derive_plan_data
from dvcq_desktop.domain.plan_loader import load_builtin_plan, plan_from_data
from dvcq_desktop.planfile.writer import build_plan_file
from dvcq_desktop.resources import resource_path


def plan_2024_text() -> bytes:
    base = json.loads(resource_path("plans", "tptn-dvcq-2023.json").read_text(encoding="utf-8"))
    return json.dumps(derive_plan_data(base, 2024), ensure_ascii=False, indent=1).encode("utf-8")


def roster_doc(catalog_id: str = "tptn-2023") -> dict[str, Any]:
    cat = load_builtin_catalog(catalog_id)
    return {
        "catalog_id": cat.id,
        "catalog_title": cat.title,
        "valid_on": "2024-11-01",
        "units": [
            {
                "code": u.code,
                "name": u.name,
                "level": u.level,
                "parent": u.parent,
                "issuer": u.issuer,
                "parent_body": u.parent_body,
                "place": u.place,
                "symbol": u.symbol,
                "included": True,
                "reason": "",
            }
            for u in cat.reporting_units()
        ],
        "predecessors": [],
    }


def plan_file_bytes(template: bytes | None = None, roster: dict[str, Any] | None = None) -> bytes:
    template = template or plan_2024_text()
    plan = plan_from_data(json.loads(template))
    p = plan.periods[0]
    data, _id = build_plan_file(
        plan_template=template,
        plan={
            "id": plan.id,
            "version": plan.version,
            "content_hash": plan.content_hash,
            "title": plan.title,
            "derived_from": plan.derived_from,
        },
        period={
            "id": p.id,
            "label": p.label,
            "kind": p.kind,
            "start": p.start.isoformat(),
            "end": p.end.isoformat(),
            "deadline": p.deadline.isoformat(),
        },
        office={
            "code": "TPTN",
            "name": "Thành phố Tây Ninh",
            "level": "thanh_pho",
            "receiving_office": "Phòng Nội vụ thành phố Tây Ninh",
            "reports_to": "Sở Nội vụ tỉnh Tây Ninh",
            "email": "noivu@example.vn",
            "phone": "",
        },
        roster=roster or roster_doc(),
        created_at="2024-01-05T08:00:00+07:00",
    )
    return data


__all__ = ["load_builtin_plan", "plan_2024_text", "plan_file_bytes", "roster_doc"]
