"""Vietnamese messages of the package layer (`dvcq_desktop.package`). Codes are `pkg_*`.

docs/package-format.md lists every code here (checked by tests/test_package_doc.py).
"""

_CORRUPT = "Tệp không phải gói .dvcq hoặc bị hỏng/chưa chép xong"

MESSAGES: dict[str, str] = {
    # -- the file as a whole
    "pkg_empty": "Tệp rỗng (0 byte): không phải gói .dvcq hoặc chưa chép xong.",
    "pkg_not_zip": _CORRUPT + ".",
    "pkg_truncated": "Gói .dvcq bị cắt cụt (chưa chép xong hoặc USB bị rút giữa chừng). Hãy chép lại tệp từ bản gốc.",
    "pkg_file_missing": "Không tìm thấy tệp {path}.",
    "pkg_read_error": "Không đọc được tệp {path} (lỗi đọc ổ đĩa/USB). Nếu đang dùng USB, hãy kiểm tra USB còn cắm và thử lại.",
    "pkg_corrupt": "Gói .dvcq bị hỏng, không đọc được cấu trúc tệp. Hãy chép lại tệp từ bản gốc.",
    "pkg_file_too_large": "Tệp quá lớn để là một gói báo cáo (giới hạn {limit}).",
    "pkg_bad_mimetype": 'Tệp không phải gói .dvcq: thành phần đầu tiên phải là "mimetype" với nội dung đúng quy định.',
    # -- members of the ZIP
    "pkg_bad_member_name": "Gói chứa tệp không hợp lệ: {member}",
    "pkg_unlisted_member": "Gói chứa tệp {member} không có trong danh mục (manifest.json); gói đã bị thêm tệp sau khi xuất.",
    "pkg_missing_member": "Gói thiếu tệp {member}; gói không đầy đủ hoặc đã bị sửa.",
    "pkg_duplicate_member": "Gói chứa hai tệp trùng tên {member}.",
    "pkg_symlink_member": "Gói chứa liên kết tượng trưng (symlink) {member}; không được phép.",
    "pkg_directory_member": "Gói chứa mục thư mục {member}; không được phép.",
    "pkg_encrypted_member": "Tệp {member} trong gói bị mã hóa bằng mật khẩu; không được phép.",
    "pkg_unsupported_compression": "Tệp {member} trong gói dùng kiểu nén không được hỗ trợ.",
    "pkg_too_many_members": "Gói chứa quá nhiều tệp ({count}, tối đa {limit}).",
    "pkg_too_many_reports": "Gói chứa quá nhiều tệp báo cáo trong thư mục report/ ({count}, tối đa {limit}).",
    "pkg_too_many_attachments": "Gói chứa quá nhiều tệp đính kèm ({count}, tối đa {limit}).",
    "pkg_member_too_large": "Tệp {member} trong gói quá lớn (tối đa {limit}).",
    "pkg_total_too_large": "Tổng dung lượng các tệp trong gói quá lớn (tối đa {limit}).",
    "pkg_ratio_exceeded": 'Tệp {member} trong gói có tỷ lệ nén bất thường (nghi là "bom nén"); gói bị từ chối.',
    "pkg_overlap": 'Gói có cấu trúc bất thường (các tệp chồng lên nhau, nghi là "bom nén"); gói bị từ chối.',
    "pkg_size_mismatch": "Kích thước tệp {member} trong gói không khớp với danh mục; gói đã bị thay đổi hoặc hỏng.",
    "pkg_hash_mismatch": "Tệp {member} trong gói đã bị thay đổi hoặc hỏng.",
    "pkg_member_corrupt": "Tệp {member} trong gói bị hỏng, không giải nén được; hãy chép lại tệp từ bản gốc.",
    # -- JSON members
    "pkg_json_too_large": "Tệp {member} trong gói quá lớn để đọc (tối đa {limit}).",
    "pkg_json_encoding": "Tệp {member} trong gói không phải văn bản UTF-8 hợp lệ.",
    "pkg_json_bom": "Tệp {member} trong gói bắt đầu bằng BOM; định dạng gói không cho phép.",
    "pkg_json_invalid": "Tệp {member} trong gói không phải JSON hợp lệ.",
    "pkg_json_duplicate_key": "Tệp {member} trong gói có trường bị lặp: {field}.",
    "pkg_json_nan": "Tệp {member} trong gói chứa giá trị số không hợp lệ (NaN/Infinity).",
    "pkg_json_surrogate": "Tệp {member} trong gói chứa ký tự Unicode không hợp lệ.",
    "pkg_json_too_deep": "Tệp {member} trong gói lồng nhau quá sâu (tối đa {limit} cấp).",
    "pkg_schema_invalid": "Dữ liệu trong tệp {member} không đúng quy cách tại trường {field}.",
    "pkg_schema_values": "Dữ liệu trong tệp {member} có giá trị không dùng được; gói đã bị sửa hoặc được lập sai.",
    "pkg_format_too_new": "Gói được tạo bằng phiên bản phần mềm mới hơn. Vui lòng cập nhật phần mềm.",
    "pkg_identity_mismatch": "Dữ liệu báo cáo không khớp với danh mục của gói (trường {field}); gói đã bị sửa.",
    # -- meaning (package/meaning.py), checked before anything is stored
    "pkg_first_supersedes": "Gói lần 1 không được ghi mã gói thay thế (trường supersedes = {value}); gói bị sửa hoặc lập sai.",
    "pkg_supersedes_missing": "Gói lần {revision} phải ghi mã gói lần trước mà nó thay thế (trường supersedes đang trống).",
    "pkg_supersedes_self": "Gói ghi chính mã gói của mình ở trường supersedes ({value}); gói bị sửa hoặc lập sai.",
    "pkg_attachment_name": "Tệp đính kèm {member} không mang đúng mã băm SHA-256 của nội dung (trường {field}); gói bị sửa hoặc lập sai.",
    "pkg_duplicate_activity": "Dữ liệu báo cáo có hai hoạt động cùng mã {value} (trường {field}).",
    "pkg_duplicate_indicator": "Dữ liệu báo cáo ghi chỉ tiêu {value} hai lần (trường {field}).",
    "pkg_duplicate_section": "Dữ liệu báo cáo có hai phần nội dung cùng mục {value} (trường {field}).",
    "pkg_duplicate_task": "Dữ liệu báo cáo có hai nhiệm vụ cùng mã {value} (trường {field}).",
    "pkg_unknown_task": "Hoạt động gắn với nhiệm vụ {value} (trường {field}) nhưng gói không có nhiệm vụ đó.",
    "pkg_unknown_indicator": "Chỉ tiêu {value} (trường {field}) không có trong kế hoạch {plan} của gói.",
    "pkg_indicator_computed": "Chỉ tiêu {value} là chỉ tiêu tỷ lệ, được tính tự động từ các chỉ tiêu khác; gói không được ghi chỉ tiêu này (trường {field}).",
    "pkg_indicator_missing": "Dữ liệu báo cáo thiếu chỉ tiêu {value} của kế hoạch {plan} (trường {field}); chỉ tiêu chưa nhập phải ghi giá trị null.",
    "pkg_unknown_area": "Lĩnh vực {value} (trường {field}) không có trong kế hoạch {plan} của gói.",
    "pkg_unknown_type": "Loại hoạt động {value} (trường {field}) không có trong kế hoạch {plan} của gói.",
    "pkg_unknown_section": "Mục {value} (trường {field}) không có trong đề cương báo cáo của kế hoạch {plan}.",
    # -- export (writer)
    "pkg_bad_report_name": "Tên tệp báo cáo không hợp lệ để đưa vào gói: {member}",
    "pkg_attachment_mismatch": "Tệp đính kèm {member} đã thay đổi hoặc bị hỏng kể từ khi đính kèm; hãy đính kèm lại.",
    "pkg_attachment_type": "Tệp đính kèm {member} có định dạng không được phép đưa vào gói.",
    "pkg_invalid_data": "Dữ liệu báo cáo chưa đúng quy cách để xuất gói (trường {field}).",
    "pkg_dest_exists": "Tệp {path} đã có; gói không ghi đè lên tệp đã có. Hãy chọn tên khác hoặc một thư mục.",
    "pkg_dest_missing": "Không tìm thấy thư mục {path} để lưu gói. Nếu dùng USB, hãy kiểm tra USB còn cắm.",
    "pkg_verify_failed": "Gói vừa ghi vào {path} đọc lại không đúng (USB/ổ đĩa có thể bị lỗi). Gói chưa được xuất; hãy thử lại hoặc chọn nơi lưu khác.",
}
