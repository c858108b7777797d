MESSAGES = {
    "db_corrupt": "Tệp dữ liệu {path} bị hỏng hoặc không phải dữ liệu của chương trình. Tệp này được giữ nguyên; có thể khôi phục từ bản sao lưu gần nhất ({backup}).",
    "db_corrupt_no_backup": "Tệp dữ liệu {path} bị hỏng hoặc không phải dữ liệu của chương trình. Tệp này được giữ nguyên; chưa có bản sao lưu nào để khôi phục.",
    "db_too_new": "Dữ liệu được tạo bằng phiên bản phần mềm mới hơn (lược đồ {found} > {known}). Vui lòng cập nhật phần mềm; dữ liệu không bị thay đổi.",
    "db_locked": "Thư mục dữ liệu {path} đang được mở ở một cửa sổ chương trình khác. Hãy dùng cửa sổ đó, hoặc đóng nó rồi mở lại.",
    "db_busy": "Dữ liệu đang bận, chưa lưu được. Vui lòng thử lại sau giây lát.",
    "workspace_missing": 'Chưa có dữ liệu tại {path}. Hãy tạo mới bằng lệnh "dvcq init" hoặc mở chương trình để dùng trình hướng dẫn.',
    "workspace_exists": "Thư mục {path} đã có dữ liệu; không tạo đè lên.",
    "workspace_role": "Chức năng này chỉ dùng cho {role}.",
    "unit_unknown": "Không tìm thấy đơn vị có mã {unit_code} trong danh mục {catalog}.",
    "period_unknown": "Không tìm thấy kỳ báo cáo {period} trong kế hoạch {plan}.",
    "activity_missing": "Không tìm thấy hoạt động này (có thể đã bị xóa).",
    "activity_invalid": "Hoạt động chưa hợp lệ: {detail}",
    "attachment_missing": "Không tìm thấy tệp đính kèm {path}.",
    "backup_invalid": "Tệp sao lưu {path} không dùng được: {detail}. Dữ liệu hiện tại không bị thay đổi.",
    "backup_none": "Chưa có bản sao lưu nào trong {path}.",
    "restore_done": "Đã khôi phục từ {path}. Dữ liệu cũ được giữ tại {kept}.",
    "file_in_use": (
        "Không ghi được {name} vào thư mục {path}: tệp này đang được mở ở chương trình khác. "
        "Hãy đóng tệp {name} {where} rồi thử lại."
    ),
    "task_missing": "Không tìm thấy nhiệm vụ này (có thể đã bị xóa).",
    "task_invalid": "Nhiệm vụ chưa hợp lệ: {problem}.",
    "tasks_exist": "Kỳ {period} đã có {count} nhiệm vụ; không chép thêm để tránh trùng lặp.",
    "tasks_source_empty": "Kỳ {period} chưa có nhiệm vụ nào để chép.",
    "value_negative": "Giá trị phải là số nguyên không âm.",
}
