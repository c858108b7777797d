"""Vietnamese messages of the period series and the plan file (`dvcq_desktop.planfile`,
services/periods.py, services/plan_intake.py). docs/plan-file-format.md lists every `plf_*` code."""

MESSAGES: dict[str, str] = {
    # -- periods (services/periods.py)
    "period_year_invalid": "Kỳ báo cáo năm phải là một năm gồm 4 chữ số (ví dụ 2024), không phải “{period}”.",
    "period_exists": "Kỳ báo cáo năm {period} đã có trong thư mục dữ liệu này.",
    "plan_edit_id": "Không được đổi mã kế hoạch {plan} khi sửa; hãy mở kỳ mới nếu cần kế hoạch khác.",
    "plan_edit_period": "Kế hoạch của kỳ {period} phải có đúng một kỳ báo cáo là kỳ {period}.",
    "plan_edit_lost_indicator": "Chỉ tiêu “{indicator}” bị xóa khỏi kế hoạch; mã chỉ tiêu không được bỏ đi mà phải đánh dấu thôi dùng.",
    "plan_not_aggregator": "Chỉ cơ quan tổng hợp mới phát hành tệp kế hoạch.",
    # -- the office's unit catalogue from Excel (services/catalog_excel.py)
    "catalog_excel_row": "Danh mục đơn vị trong tệp Excel có lỗi ở {row}: {problem}",
    # -- the office's own workbooks read back: period roster, plan content (services/sheet_read.py)
    "sheet_row": "Tệp {path}, trang “{sheet}”, dòng {row}: {problem}. Chưa có gì thay đổi; hãy sửa tệp rồi nhập lại.",
    "sheet_missing": "Tệp {path} không có trang “{sheet}”. Hãy dùng tệp xuất từ chương trình rồi sửa trên đó.",
    "sheet_columns": "Trang “{sheet}” của tệp {path} thiếu cột: {columns}. Hãy dùng tệp xuất từ chương trình rồi sửa trên đó.",
    "roster_excel_missing": (
        "Tệp {path} thiếu đơn vị {unit_code} ({unit}) của danh sách kỳ {period}. Không xóa dòng: muốn "
        "đưa đơn vị ra, ghi “không” ở cột “Phải báo cáo” kèm lý do. Chưa có gì thay đổi."
    ),
    "plan_excel_missing": (
        "Tệp {path}, trang “{sheet}”: thiếu {what} mã “{item}”. Không xóa dòng của phần đã có "
        "(chỉ tiêu thì ghi “có” ở cột “Thôi dùng”). Chưa có gì thay đổi."
    ),
    "plan_excel_stale": "Kế hoạch của kỳ {period} vừa được sửa ở nơi khác; hãy xuất lại tệp Excel rồi sửa trên bản mới.",
    # -- plan file: reading (dvcq_desktop/planfile/reader.py)
    "plf_file_missing": "Không tìm thấy tệp {path}.",
    "plf_read_error": "Không đọc được tệp {path} (lỗi đọc ổ đĩa/USB).",
    "plf_empty": "Tệp rỗng (0 byte): không phải tệp kế hoạch hoặc chưa chép xong.",
    "plf_too_large": "Tệp quá lớn để là một tệp kế hoạch (tối đa 20 MB).",
    "plf_not_plan_file": "Tệp không phải tệp kế hoạch .dvcqkh: thành phần đầu tiên phải là “mimetype” với nội dung application/vnd.dvcq.plan+zip.",
    "plf_corrupt": "Tệp kế hoạch bị hỏng, không đọc được cấu trúc tệp. Hãy chép lại tệp từ bản gốc.",
    "plf_container": "Tệp kế hoạch bị từ chối: {what}",
    "plf_listing": "Danh mục (manifest.json) của tệp kế hoạch phải liệt kê đúng plan.json và roster.json.",
    "plf_signature_invalid": (
        "Chữ ký của tệp kế hoạch không hợp lệ: tệp đã bị sửa sau khi cơ quan ký, hoặc phần chữ ký "
        "(signature.json) bị hỏng."
    ),
    "plf_plan_invalid": "Kế hoạch trong tệp không hợp lệ: {problem}",
    "plf_identity": "Các phần của tệp kế hoạch không khớp nhau ({member}, trường {field}); tệp đã bị sửa hoặc hỏng.",
    # -- plan file: taking it on a unit (services/plan_intake.py)
    "plan_take_new": "Đã nhận kế hoạch {plan} cho kỳ {period} ({label}), hạn nộp {deadline}.",
    "plan_take_revision": "Đã cập nhật kế hoạch {plan} kỳ {period} lên phiên bản {version}.",
    "plan_take_official": "Đã nhận kế hoạch chính thức {plan} cho kỳ {period}; {moved} số liệu chỉ tiêu đã nhập theo kế hoạch tạm được chuyển sang.",
    "plan_take_duplicate": "Tệp kế hoạch này đã được nhận trước đây; không có thay đổi.",
    "plan_take_older": "Tệp kế hoạch {plan} phiên bản {version} cũ hơn phiên bản đang dùng ({current}); không thay đổi gì.",
    "plan_not_in_roster": "Đơn vị {unit_code} ({unit}) không có trong danh sách đơn vị báo cáo của kế hoạch {plan}; tệp bị từ chối.",
    "plan_successor": "Đơn vị {unit_code} ({unit}) không còn trong danh sách đơn vị báo cáo của kế hoạch {plan}; đơn vị kế thừa là {successor_name} ({successor}). Nếu đúng, hãy nhận kế hoạch với lựa chọn tiếp tục dưới tên đơn vị kế thừa (--accept-successor).",
    "plan_successor_taken": "Đã nhận kế hoạch {plan} cho kỳ {period}; từ kỳ này thư mục dữ liệu báo cáo dưới tên {successor_name} ({successor}). Các kỳ trước vẫn giữ tên {unit}.",
    "plan_role": "Tệp kế hoạch dành cho đơn vị báo cáo; cơ quan tổng hợp phát hành tệp này chứ không nhận.",
    "plan_from_plan_unit": "Đơn vị {unit_code} không có trong danh sách đơn vị báo cáo của tệp kế hoạch.",
}
