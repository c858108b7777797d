"""Messages of the unit's export and report use cases."""

MESSAGES: dict[str, str] = {
    "export_blocked": "Chưa xuất được gói: còn {count} lỗi số liệu chỉ tiêu phải sửa trước (ví dụ: {first})",
    "report_role": "Thư mục dữ liệu này là của cơ quan tổng hợp; hãy dùng báo cáo tổng hợp.",
}
