"""Messages of the unit's export and report use cases."""

MESSAGES: dict[str, str] = {
    "export_blocked": "Chưa xuất được gói: còn {count} lỗi số liệu chỉ tiêu phải sửa trước (ví dụ: {first})",
}
