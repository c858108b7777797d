MESSAGES = {
    "db_corrupt": "Tệp dữ liệu {path} bị hỏng hoặc không phải dữ liệu của chương trình. Tệp này được giữ nguyên; có thể khôi phục từ bản sao lưu gần nhất ({backup}).",
    "db_corrupt_no_backup": "Tệp dữ liệu {path} bị hỏng hoặc không phải dữ liệu của chương trình. Tệp này được giữ nguyên; chưa có bản sao lưu nào để khôi phục.",
    "db_too_new": "Dữ liệu được tạo bằng phiên bản phần mềm mới hơn (lược đồ {found} > {known}). Vui lòng cập nhật phần mềm; dữ liệu không bị thay đổi.",
    "db_locked": "Thư mục dữ liệu {path} đang được mở ở một cửa sổ chương trình khác. Hãy dùng cửa sổ đó, hoặc đóng nó rồi mở lại.",
    "db_busy": "Dữ liệu đang bận, chưa lưu được. Vui lòng thử lại sau giây lát.",
    "workspace_missing": 'Chưa có dữ liệu tại {path}. Hãy tạo mới bằng lệnh "dvcq init" hoặc mở chương trình để dùng trình hướng dẫn.',
    "workspace_read_only_old": "Thư mục dữ liệu {path} chỉ cho phép đọc, nhưng dữ liệu cần được nâng cấp cho phiên bản này (việc nâng cấp phải ghi vào thư mục). Hãy chép thư mục sang ổ đĩa ghi được rồi mở lại.",
    "workspace_exists": "Thư mục {path} đã có dữ liệu; không tạo đè lên.",
    "workspace_role": "Chức năng này chỉ dùng cho {role}.",
    "unit_unknown": "Không tìm thấy đơn vị có mã {unit_code} trong danh mục {catalog}.",
    "period_unknown": "Không tìm thấy kỳ báo cáo {period} trong kế hoạch {plan}.",
    "activity_missing": "Không tìm thấy hoạt động này (có thể đã bị xóa).",
    "activity_invalid": "Hoạt động chưa hợp lệ: {reason}.",
    "attachment_missing": "Không tìm thấy tệp đính kèm {path}.",
    "attachment_too_big": "Tệp {path} nặng {size} MB, quá giới hạn {limit} MB cho mỗi tệp đính kèm của gói báo cáo. Hãy nén ảnh hoặc chia nhỏ tệp rồi đính kèm lại.",
    "attachment_not_file": "Không đính kèm được {path}: đây là lối tắt (liên kết) hoặc thiết bị, không phải tệp thật. Hãy chọn chính tệp gốc.",
    "backup_invalid": "Tệp sao lưu {path} không dùng được: {reason}. Dữ liệu hiện tại không bị thay đổi.",
    "backup_none": "Chưa có bản sao lưu nào trong {path}.",
    "restore_done": "Đã khôi phục từ {path}. Dữ liệu cũ được giữ tại {kept}.",
    "text_too_long": "“{field}” dài quá {limit} ký tự (hiện có {length}). Hãy rút gọn rồi lưu lại.",
    "number_out_of_range": "“{field}” phải là số nguyên từ {low} đến {high}.",
    "file_in_use": (
        "Không ghi được {name} vào thư mục {path}: tệp này đang được mở ở chương trình khác. "
        "Hãy đóng tệp {name} {where} rồi thử lại."
    ),
    "value_negative": "Giá trị phải là số nguyên không âm.",
}
