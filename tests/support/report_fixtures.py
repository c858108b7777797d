"""Realistic, deterministic report data for tests and benchmarks (not shipped with the app).

`make_submission(plan, n_activities, seed)` builds a Submission for Phường 1 that covers all six
areas with Vietnamese titles, consistent indicator values (parts ≤ wholes) and N activities.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from dvcq_desktop.domain.plan import Plan
from dvcq_desktop.domain.plan_loader import load_builtin_plan
from dvcq_desktop.domain.records import (
    Activity,
    DocumentMeta,
    IndicatorValue,
    NarrativeSection,
    PeriodRef,
    PlanRef,
    Signer,
    Submission,
    UnitRef,
)


def load_plan() -> Plan:
    """The built-in Tây Ninh plan the fixtures are written for."""
    return load_builtin_plan()


_PLACES = [
    "Hội trường UBND phường",
    "Nhà văn hóa khu phố 1",
    "Nhà văn hóa khu phố 2",
    "Trường THCS Võ Thị Sáu",
    "Bộ phận Một cửa",
    "Trụ sở Ban điều hành khu phố 3",
    "Chợ Phường 1",
    "Nhà văn hóa khu phố 4",
]
_TOPICS = [
    "tuyên truyền Chỉ thị số 33/CT-TTg",
    "quán triệt Quy chế dân chủ ở cơ sở",
    "phổ biến Luật Đất đai",
    "hướng dẫn nộp hồ sơ trực tuyến",
    "đối thoại với hộ kinh doanh",
    "ra quân “Dân vận khéo”",
    "học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    "bồi dưỡng văn hóa công vụ",
    "giám sát việc thu, chi quỹ khu phố",
    "tiếp xúc cử tri cuối năm",
    "vận động hiến đất làm đường",
    "phòng, chống ma túy trong thanh thiếu niên",
]
_RESULTS = [
    "Nhân dân đồng tình, hưởng ứng",
    "tiếp thu 12 ý kiến của Nhân dân",
    "",
    "hoàn thành đúng kế hoạch",
    "giải quyết dứt điểm các kiến nghị",
]

NARRATIVES = {
    "I": "Ủy ban nhân dân phường ban hành Kế hoạch triển khai thực hiện Chỉ thị số 33/CT-TTg trên địa bàn; "
    "phân công cụ thể cho từng bộ phận, công chức phụ trách.",
    "II.2": "Công tác tuyên truyền được thực hiện thường xuyên bằng nhiều hình thức phù hợp.\n"
    "Phong trào thi đua “Dân vận khéo” được hưởng ứng rộng rãi trong cán bộ, công chức và Nhân dân.",
    "III.uu_diem": "Công tác dân vận chính quyền được cấp ủy, chính quyền quan tâm lãnh đạo, chỉ đạo.",
    "IV": "Tiếp tục nâng cao chất lượng tiếp công dân, giải quyết thủ tục hành chính.",
}


def _values(rng: random.Random, plan: Plan) -> dict[str, int]:
    v: dict[str, int] = {}
    for ind in plan.indicators:
        if ind.kind == "count":
            big = "luot" in ind.id or "ho_so" in ind.id or "y_kien" in ind.id
            v[ind.id] = rng.randint(300, 2500) if big else rng.randint(3, 40)
    # parts ≤ wholes, and the published example ratio 238/316 = 75,3%
    v["a3_ho_so_da_giai_quyet"] = 316
    v["a3_ho_so_dung_han"] = 238
    v["a3_ho_so_tiep_nhan"] = 1234
    v["a3_ho_so_truc_tuyen"] = 700
    v["a3_ho_so_qua_han"] = 20
    v["a3_ho_so_dang_giai_quyet"] = 40
    v["a2_buoi_tuyen_truyen"] = 14
    v["a2_luot_nguoi_tuyen_truyen"] = 1230
    v["a2_mo_hinh_cong_nhan"] = min(v["a2_mo_hinh_cong_nhan"], v["a2_mo_hinh_dang_ky"])
    for part, whole in (
        ("a3_y_kien_tiep_thu", "a3_y_kien_lay"),
        ("a4_vu_viec_da_giai_quyet", "a4_vu_viec_tham_quyen"),
        ("a5_ky_luat", "a5_vi_pham"),
        ("a6_kien_nghi_tiep_thu", "a6_kien_nghi_giam_sat"),
        ("a6_y_kien_da_giai_quyet", "a6_y_kien_neu"),
        ("a5_phan_anh_da_xu_ly", "a5_phan_anh_thai_do"),
    ):
        if part in v and whole in v:
            v[part] = min(v[part], v[whole])
    return v


def make_submission(
    plan: Plan | None = None,
    n_activities: int = 60,
    seed: int = 7,
    missing: tuple[str, ...] = ("a4_doan_dong_nguoi",),
) -> Submission:
    """A Phường 1 submission; indicator ids in `missing` have no value (to test omission)."""
    plan = plan or load_plan()
    rng = random.Random(seed)
    period = plan.periods[0]
    span = (period.end - period.start).days
    values = _values(rng, plan)
    types_by_area = {a.id: [t.id for t in plan.activity_types if a.id in t.area_ids] for a in plan.areas}
    acts = []
    for i in range(n_activities):
        area = plan.areas[i % len(plan.areas)]
        start = period.start + timedelta(days=rng.randrange(span))
        topic = rng.choice(_TOPICS)
        acts.append(
            Activity(
                id=f"00000000-0000-4000-8000-{i:012d}",
                area_id=area.id,
                type_id=rng.choice(types_by_area[area.id]),
                title=f"Tổ chức {topic} đợt {i // len(_TOPICS) + 1}",
                start_date=start,
                end_date=start + timedelta(days=rng.choice((0, 0, 1, 2))),
                content=f"Nội dung: {topic}.",
                location=rng.choice(_PLACES),
                lead_unit="Ủy ban nhân dân Phường 1",
                partners="Ủy ban Mặt trận Tổ quốc Việt Nam phường",
                participants=rng.choice((None, *range(20, 400))),
                groups=rng.choice((None, 1, 2, 3)),
                result=rng.choice(_RESULTS),
                status=rng.choice(("done", "done", "done", "in_progress", "planned")),
                notable=(i % 17 == 3),
                created_at=datetime(2023, 10, 1, 8, 0),
            )
        )
    return Submission(
        unit=UnitRef("TPTN-P1", "Phường 1", "phuong", "TPTN"),
        plan=PlanRef(plan.id, plan.version, plan.title, plan.content_hash),
        period=PeriodRef(period.id, period.label, period.start, period.end, period.deadline),
        indicators=tuple(IndicatorValue(k, None if k in missing else v) for k, v in values.items()),
        activities=tuple(acts),
        narratives=tuple(NarrativeSection(k, t) for k, t in NARRATIVES.items()),
        document=DocumentMeta(
            number="12",
            symbol="BC-UBND",
            date=date(2023, 10, 25),
            place="Phường 1",
            parent_body="UBND THÀNH PHỐ TÂY NINH",
            issuer="ỦY BAN NHÂN DÂN PHƯỜNG 1",
            recipients=("Phòng Nội vụ thành phố Tây Ninh",),
            cc=("Thường trực Đảng ủy phường", "Ủy ban MTTQ Việt Nam phường"),
            archive="VT, VP",
            signer=Signer("Nguyễn Văn An", "PHÓ CHỦ TỊCH", "KT.", "CHỦ TỊCH"),
        ),
        finalized_at=datetime(2023, 10, 25, 9, 30),
    )
