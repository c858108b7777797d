"""The receiving office's consolidated report, composed from the unit report's model and builder.

The body is `build_unit_report` run on the office's aggregate Submission (summed counts, units'
notable activities, marked `consolidated` so the drafts speak of "các cơ quan, đơn vị, UBND các
phường, xã"), so the outline, figure sentences, ratios and signature rules stay the same code as
a ward's report. This module only adds what a consolidation has and a ward's report has not: the
submission statistics as of the deadline in their own part of mục I, the units' own kiến nghị in
mục V, and two annexes — the unit × indicator tables and the list of late and missing units
(plus the "Dân vận khéo" models by unit).
"""

from __future__ import annotations

from dataclasses import replace

from dvcq_desktop.domain.plan import Plan
from dvcq_desktop.domain.records import Submission
from dvcq_desktop.domain.unit_kinds import mid_sentence
from dvcq_desktop.reports.build_unit import build_unit_report, indicator_table, kem_theo_line
from dvcq_desktop.reports.consolidated_tasks import (
    TASKS_TITLE,
    TaskTally,
    tasks_by_area_table,
    tasks_paragraph,
)
from dvcq_desktop.reports.model import Annex, Block, Document, Heading, Paragraph, Section, Table
from dvcq_desktop.reports.office_records import Board, Consolidation
from dvcq_desktop.reports.wording import percent
from dvcq_desktop.text import format_date, format_int, point_letter, upper_vi

UNITS_PER_TABLE = 4  # A4 portrait: STT + label + 4 units (+ total), a ward's name never splits
TEXT_W = 165.0
LABEL_W = 50.0
SUBMISSION_TITLE = "Tình hình gửi báo cáo của các cơ quan, đơn vị"


def _units(n: int) -> str:
    return f"{format_int(n)} cơ quan, đơn vị"


def reception_paragraph(b: Board) -> Paragraph:
    """Submission statistics as of the deadline (the report's subject), zeros in words."""
    office = f" về {b.office}" if b.office else ""
    rate = f" (đạt {percent(b.received_rate)})" if b.received_rate is not None else ""
    text = (
        f"Theo Kế hoạch, các cơ quan, đơn vị gửi báo cáo{office} chậm nhất ngày "
        f"{format_date(b.deadline)}. Đã tiếp nhận báo cáo của {format_int(b.received)}/"
        f"{_units(b.expected)}{rate}"
    )
    if b.received:
        on_time = _units(b.on_time) + " gửi đúng hạn" if b.on_time else "không có đơn vị gửi đúng hạn"
        late = f"{_units(b.late)} gửi sau hạn" if b.late else "không có đơn vị gửi trễ hạn"
        text += f", trong đó {on_time}, {late}"
    text += "; " + (
        f"còn {_units(b.missing)} chưa gửi báo cáo." if b.missing else "tất cả đơn vị đã gửi báo cáo."
    )
    return Paragraph.of(text)


def proposals_blocks(cons: Consolidation) -> list[Block]:
    """Mục V gathers the units' own kiến nghị, each under its unit's name."""
    if not cons.proposals:
        return [Paragraph.of("Các cơ quan, đơn vị không có kiến nghị, đề xuất.")]
    # the same proposal from several units is one point naming them all
    grouped: dict[str, list[str]] = {}
    for unit, text in cons.proposals:
        grouped.setdefault(text.strip().rstrip(".;"), []).append(unit)
    n = len(grouped)
    blocks: list[Block] = [
        Paragraph.of("Qua báo cáo của các cơ quan, đơn vị, có các kiến nghị, đề xuất sau:")
    ]
    for i, (text, units) in enumerate(grouped.items()):
        end = "." if i == n - 1 else ";"
        who = ", ".join([units[0], *(mid_sentence(u) for u in units[1:])])  # "Phường 1, xã Tân Bình"
        blocks.append(Paragraph.of(f"{who}: {text}{end}", label=f"{point_letter(i)})"))
    return blocks


def _shown(plan: Plan, values: dict[str, int | None], ratios: dict[str, float | None], ind_id: str) -> str:
    ind = plan.indicator(ind_id)
    if ind.kind == "ratio":
        r = ratios.get(ind_id)
        return percent(r) if r is not None else ""
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
        w = (TEXT_W - 12 - LABEL_W) / max(ncols, 1)
        caption = "2. Số liệu theo đơn vị" + (" (tiếp theo)" if n > 1 else "")
        tables.append(
            Table(
                tuple(heads),
                tuple(rows),
                (12, LABEL_W, *([w] * ncols)),
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
    plan: Plan,
    sub: Submission,
    cons: Consolidation,
    b: Board,
    catalog_id: str = "",
    tasks: TaskTally | None = None,
) -> Document:
    # the office's report is final once every unit on the roster has reported
    sub = replace(sub, finalized_at=b.now if b.expected and not b.missing else None)
    base = build_unit_report(sub, plan, annex=False)
    body = list(base.body)
    first = body[0]
    if isinstance(first, Section):
        stats = Section(Heading(2, "", SUBMISSION_TITLE), (reception_paragraph(b),))
        own_plans = tasks_paragraph(tasks, b.received) if tasks else None
        plans = (Section(Heading(2, "", TASKS_TITLE), (own_plans,)),) if own_plans else ()
        body[0] = replace(first, blocks=(*first.blocks, stats, *plans))
    last = body[-1]
    if isinstance(last, Section):
        own = [x for x in last.blocks if not (isinstance(x, Paragraph) and "không có kiến nghị" in x.text)]
        body[-1] = replace(last, blocks=(*own, *proposals_blocks(cons)))
    kem = kem_theo_line(sub)
    totals = replace(indicator_table(plan, sub), caption="1. Tổng hợp kết quả các chỉ tiêu")
    annexes = (
        Annex(
            "Phụ lục I",
            upper_vi(f"Số liệu tổng hợp kết quả thực hiện {sub.period.label}"),
            kem,
            (
                totals,
                *unit_indicator_tables(plan, cons),
                dan_van_kheo_table(cons),
                *(
                    (
                        tasks_by_area_table(
                            plan, tasks, "4. Nhiệm vụ trong kế hoạch của các đơn vị, theo nội dung"
                        ),
                    )
                    if tasks and tasks.total()
                    else ()
                ),
            ),
        ),
        Annex("Phụ lục II", upper_vi("Tình hình nộp báo cáo của các đơn vị"), kem, (late_missing_table(b),)),
    )
    meta = {**base.meta, "kind": "consolidated", "units": str(len(cons.units)), "catalog": catalog_id}
    return replace(base, body=tuple(body), annexes=annexes, meta=meta)
