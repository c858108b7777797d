"""The receiving office's consolidated report, composed from the unit report's model and builder.

The body is `build_unit_report` run on the office's aggregate Submission (summed counts, units'
notable activities), so the outline, figure sentences, ratios and signature rules stay the same
code as a ward's report. This module only adds what a consolidation has and a ward's report has
not: the reception paragraph in mục I, and two annexes — the unit × indicator tables and the list
of late and missing units (plus the "Dân vận khéo" models by unit).
"""

from __future__ import annotations

from dataclasses import replace

from dvcq_desktop.domain.plan import Plan
from dvcq_desktop.domain.records import Submission
from dvcq_desktop.reports.build_unit import build_unit_report, indicator_table, kem_theo_line
from dvcq_desktop.reports.model import Annex, Document, Paragraph, Section, Table
from dvcq_desktop.reports.office_records import Board, Consolidation
from dvcq_desktop.text import format_date, format_int, format_percent, upper_vi

UNITS_PER_TABLE = 5  # A4 portrait: STT + label + 5 units (+ total) stay readable at 12 pt
TEXT_W = 165.0


def reception_paragraph(b: Board) -> Paragraph:
    text = (
        f"Tính đến ngày {format_date(b.now.date())}, đã tiếp nhận báo cáo của {format_int(b.received)}/"
        f"{format_int(b.expected)} đơn vị (đạt {format_percent(b.received_rate)}), trong đó "
        f"{format_int(b.on_time)} đơn vị nộp đúng hạn, {format_int(b.late)} đơn vị nộp trễ hạn; "
        f"{format_int(b.missing)} đơn vị chưa nộp báo cáo (hạn nộp ngày {format_date(b.deadline)})."
    )
    return Paragraph.of(text)


def _shown(plan: Plan, values: dict[str, int | None], ratios: dict[str, float | None], ind_id: str) -> str:
    ind = plan.indicator(ind_id)
    if ind.kind == "ratio":
        r = ratios.get(ind_id)
        return format_percent(r) if r is not None else ""
    v = values.get(ind_id)
    return format_int(v) if v is not None else ""


def unit_indicator_tables(plan: Plan, cons: Consolidation) -> list[Table]:
    """Rows = indicators, columns = units in chunks of UNITS_PER_TABLE; the last chunk adds "Tổng"."""
    inds = [i for a in sorted(plan.areas, key=lambda a: a.number) for i in plan.indicators_of(a.id)]
    chunks = [cons.units[i : i + UNITS_PER_TABLE] for i in range(0, len(cons.units), UNITS_PER_TABLE)] or [()]
    tables = []
    for n, chunk in enumerate(chunks, 1):
        last = n == len(chunks)
        heads = ["STT", "Chỉ tiêu", *(name for _c, name in chunk)] + (["Tổng cộng"] if last else [])
        rows = []
        for k, ind in enumerate(inds, 1):
            cells = [_shown(plan, cons.per_unit[c], cons.per_unit_ratios[c], ind.id) for c, _ in chunk]
            if last:
                cells.append(_shown(plan, cons.totals, cons.ratios, ind.id))
            rows.append((str(k), ind.label, *cells))
        ncols = len(heads) - 2
        w = (TEXT_W - 12 - 53) / max(ncols, 1)
        caption = "2. Số liệu theo đơn vị" + (f" (bảng {n}/{len(chunks)})" if len(chunks) > 1 else "")
        tables.append(
            Table(
                tuple(heads),
                tuple(rows),
                (12, 53, *([w] * ncols)),
                numeric_columns=tuple(range(2, len(heads))),
                centered_columns=(0,),
                caption=caption,
            )
        )
    return tables


def late_missing_table(b: Board) -> Table:
    rows = []
    for r in b.rows:
        if r.status == "missing":
            rows.append((r.unit_name, "Chưa nộp", ""))
        elif r.on_time is False:
            when = r.first_received_at.strftime("%d/%m/%Y") if r.first_received_at else ""
            rows.append((r.unit_name, f"Nộp trễ {r.days_late} ngày", when))
    body = tuple((str(i), *row) for i, row in enumerate(rows, 1)) or (("", "Không có", "", ""),)
    return Table(
        ("STT", "Đơn vị", "Tình trạng", "Ngày nhận"),
        body,
        (12, 78, 45, 30),
        centered_columns=(0, 3),
        caption="Danh sách đơn vị nộp báo cáo trễ hạn và chưa nộp báo cáo",
    )


def dan_van_kheo_table(cons: Consolidation) -> Table:
    rows = tuple(
        (str(i), h.unit_name, h.title, format_date(h.start_date)) for i, h in enumerate(cons.dan_van_kheo, 1)
    ) or (("", "Không có", "", ""),)
    return Table(
        ("STT", "Đơn vị", "Mô hình, điển hình “Dân vận khéo”", "Ngày"),
        rows,
        (12, 40, 88, 25),
        centered_columns=(0, 3),
        caption="3. Mô hình, điển hình “Dân vận khéo” của các đơn vị",
    )


def build_consolidated_report(
    plan: Plan, sub: Submission, cons: Consolidation, b: Board, catalog_id: str = ""
) -> Document:
    base = build_unit_report(sub, plan, annex=False)
    first = base.body[0]
    body = base.body
    if isinstance(first, Section):
        body = (replace(first, blocks=(reception_paragraph(b), *first.blocks)), *base.body[1:])
    kem = kem_theo_line(sub)
    totals = replace(indicator_table(plan, sub), caption="1. Tổng hợp kết quả các chỉ tiêu")
    annexes = (
        Annex(
            "Phụ lục I",
            upper_vi(f"Số liệu tổng hợp kết quả thực hiện {sub.period.label}"),
            kem,
            (totals, *unit_indicator_tables(plan, cons), dan_van_kheo_table(cons)),
        ),
        Annex("Phụ lục II", upper_vi("Tình hình nộp báo cáo của các đơn vị"), kem, (late_missing_table(b),)),
    )
    meta = {**base.meta, "kind": "consolidated", "units": str(len(cons.units)), "catalog": catalog_id}
    return replace(base, body=body, annexes=annexes, meta=meta)
