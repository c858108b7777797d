"""Messages of the services layer (use cases). Excel import/export codes are `excel_*`."""

MESSAGES: dict[str, str] = {
    "excel_unreadable": "Không đọc được tệp {path}: tệp không phải bảng tính Excel (.xlsx) hoặc đã bị hỏng. Hãy mở tệp bằng Excel, chọn “Lưu thành” dạng .xlsx rồi thử lại.",
    "excel_old_format": "Tệp {path} là dạng Excel cũ (.xls). Hãy mở tệp bằng Excel, chọn “Lưu thành” dạng .xlsx rồi thử lại.",
    "excel_empty": "Tệp {path} rỗng (không có nội dung). Hãy chọn đúng tệp Excel đã nhập hoạt động.",
    "excel_encrypted": "Tệp {path} được đặt mật khẩu nên chương trình không đọc được. Hãy mở tệp bằng Excel, gỡ mật khẩu (Tệp → Thông tin → Bảo vệ sổ làm việc), lưu lại rồi thử lại.",
    "excel_hostile": "Không đọc được tệp Excel {path}: tệp có cấu trúc bất thường (quá lớn khi giải nén hoặc chứa khai báo không được phép), có thể không phải do Excel tạo ra. Hãy mở tệp bằng Excel, chép dữ liệu sang mẫu tải từ chương trình rồi thử lại.",
    "excel_too_big": "Tệp {path} quá lớn để nhập (tối đa {limit}). Hãy chia thành nhiều tệp nhỏ hơn.",
    "excel_no_sheets": "Tệp {path} không có trang tính nào. Hãy dùng mẫu tải từ chương trình (nút “Tải mẫu Excel”).",
    "excel_too_many_rows": "Tệp {path} có quá nhiều dòng (tối đa {limit} dòng mỗi lần nhập). Hãy chia thành nhiều tệp nhỏ hơn.",
    "excel_cancelled": "Đã dừng đọc tệp Excel; chưa nhập gì.",
    "excel_missing_columns": "Tệp {path} thiếu cột bắt buộc: {columns}. Hãy dùng mẫu tải từ chương trình (nút “Tải mẫu Excel”).",
    "demo_exists": "Thư mục {path} đã có dữ liệu mẫu tạo với --seed {seed}; không thêm gì. Muốn thêm dữ liệu mẫu khác, hãy chạy lại với --seed khác (ví dụ --seed 2); muốn làm lại từ đầu, hãy dùng một thư mục mới (--workspace).",
    # -- receiving office: import (services/intake.py), roster, board (issue 6)
    "import_new": "Đã nhập báo cáo của {unit} ({unit_code}), lần {revision}.",
    "import_newer": "Đã nhập bản sửa đổi lần {revision} của {unit} ({unit_code}), thay cho lần {previous}; bản cũ vẫn được lưu trong lịch sử.",
    "import_duplicate": "Gói này của {unit} (lần {revision}) đã được nhập lúc {received}; không có thay đổi.",
    "import_conflict": "Gói của {unit} ({unit_code}) có cùng mã gói với gói đã nhập lúc {received} nhưng nội dung khác; gói bị từ chối, dữ liệu không thay đổi. Hãy hỏi lại đơn vị.",
    "import_older": "Bản gửi của {unit} cũ hơn bản đã nhập (lần {revision} < lần {current}); không ghi đè, chỉ lưu vào lịch sử.",
    "import_competing": "Bản gửi của {unit} cùng lần {revision} với bản đã nhập nhưng là gói khác; không ghi đè, chỉ lưu vào lịch sử để đối chiếu. Hãy hỏi lại đơn vị.",
    "import_unit_not_in_catalog": "Gói của đơn vị mã {unit_code} ({unit}) không thuộc danh mục đơn vị của cơ quan tổng hợp; gói bị từ chối.",
    "import_plan_unknown": "Gói của đơn vị {unit_code} lập theo kế hoạch {plan}, không phải kế hoạch đang tổng hợp; gói bị từ chối.",
    "import_plan_mismatch": "Gói của đơn vị {unit_code} dùng mẫu kế hoạch {plan} khác phiên bản đang tổng hợp; gói bị từ chối. Hãy đề nghị đơn vị cập nhật mẫu kế hoạch rồi xuất lại.",
    "import_period_unknown": "Gói của đơn vị {unit_code} báo cáo kỳ {period}, không có trong kế hoạch {plan}; gói bị từ chối.",
    "import_file_changed": "Tệp {path} đã thay đổi trong lúc nhập (USB bị rút hoặc tệp đang được chép); hãy nhập lại.",
    "import_unreadable": "Không đọc được tệp {path}.",
    "import_internal_error": "Lỗi không mong đợi khi nhập tệp {path}; tệp này chưa được nhập (không lưu gì), các tệp khác vẫn được nhập. Chi tiết đã ghi vào nhật ký; hãy gửi nhật ký cho bộ phận hỗ trợ.",
    # -- the same outcomes in a dry run (nothing is stored): the conditional
    "import_new_dry": "Sẽ nhập báo cáo của {unit} ({unit_code}), lần {revision}.",
    "import_newer_dry": "Sẽ nhập bản sửa đổi lần {revision} của {unit} ({unit_code}), thay cho lần {previous}; bản cũ sẽ vẫn được lưu trong lịch sử.",
    "import_older_dry": "Bản gửi của {unit} cũ hơn bản đã nhập (lần {revision} < lần {current}); sẽ không ghi đè, chỉ lưu vào lịch sử.",
    "import_competing_dry": "Bản gửi của {unit} cùng lần {revision} với bản đã nhập nhưng là gói khác; sẽ không ghi đè, chỉ lưu vào lịch sử để đối chiếu. Hãy hỏi lại đơn vị.",
    "import_nothing": "Không tìm thấy tệp .dvcq nào trong các đường dẫn đã chọn.",
    "received_missing": "Không tìm thấy gói {package_id} trong dữ liệu đã nhận.",
    "reason_required": "Cần ghi rõ lý do thay đổi.",
    "roster_unit_unknown": "Đơn vị mã {unit_code} không có trong danh mục.",
    "not_aggregator_report": "Chưa có báo cáo nào của các đơn vị cho kỳ {period}; chưa thể lập báo cáo tổng hợp.",
    "move_target_inside": "Thư mục {path} nằm trong thư mục dữ liệu hiện tại (hoặc chính là nó). Hãy chọn một thư mục khác.",
    "move_target_not_empty": "Thư mục {path} không trống. Hãy chọn một thư mục trống hoặc tạo thư mục mới.",
    "move_target_network": (
        "Thư mục {path} nằm trên ổ mạng; cơ sở dữ liệu có thể bị hỏng khi đặt trên ổ mạng. Hãy chọn thư mục "
        "trên ổ đĩa của máy này (ổ mạng dùng làm nơi sao lưu thứ hai)."
    ),
    "move_target_not_writable": "Không ghi được vào thư mục {path}. Hãy chọn thư mục khác.",
    "move_no_space": "Ổ đĩa chứa thư mục {path} chỉ còn trống {free}; cần khoảng {need} để chuyển dữ liệu.",
    "move_verify_failed": (
        "Bản chép sang {path} không khớp với dữ liệu gốc ({what}). Dữ liệu vẫn ở thư mục cũ, chưa chuyển."
    ),
}
