"""Messages of the trusted channel: keys, signatures, sealed packages, pinned keys, receipts."""

MESSAGES: dict[str, str] = {
    "key_missing": "Thư mục dữ liệu chưa có khóa ký. Hãy mở lại phần mềm để tạo khóa.",
    "key_unwrap_failed": (
        "Không mở được khóa bí mật của thư mục dữ liệu trên tài khoản Windows này. Khóa chỉ mở được "
        "trên tài khoản và máy đã tạo ra nó; hãy dùng máy cũ hoặc khóa dự phòng của cơ quan."
    ),
    "pkg_signature_invalid": (
        "Chữ ký của gói không hợp lệ: gói đã bị sửa sau khi đơn vị ký, hoặc phần chữ ký bị hỏng. "
        "Không nhận gói này; đề nghị đơn vị xuất và gửi lại."
    ),
    "pkg_sealed_no_key": (
        "Gói đã được mã hóa cho cơ quan tổng hợp; máy này không có khóa để mở. Chữ ký và tính "
        "toàn vẹn của gói vẫn kiểm tra được."
    ),
    "pkg_sealed_mismatch": "Phần nội dung mã hóa của gói không khớp với phần nhận diện bên ngoài.",
    "pkg_seal_failed": "Không mã hóa được gói cho cơ quan tổng hợp (khóa công khai trong tệp kế hoạch không đọc được).",
    "import_key_changed": (
        "Gói của {unit} được ký bằng một khóa khác lần trước (khóa đã ghi nhận: {old}; khóa trong "
        "gói: {new}). Hãy gọi điện cho đơn vị để so mã khóa; nếu đúng là đơn vị đã cài lại máy, "
        "chấp nhận khóa mới kèm lý do (dvcq import --accept-key {unit_code} --reason …)."
    ),
    "import_unsigned_refused": (
        "Gói của {unit} chưa ký, mà kỳ {period} chỉ nhận gói có chữ ký. Đề nghị đơn vị cập nhật "
        "phần mềm và xuất lại."
    ),
    "import_accept_key_reason": "Chấp nhận khóa mới của đơn vị cần có lý do (--reason).",
    "receipt_not_receipt": "Tệp không phải biên nhận của cơ quan tổng hợp.",
    "receipt_invalid": "Biên nhận không hợp lệ: {problem}",
    "receipt_signature_invalid": "Chữ ký của biên nhận không hợp lệ: biên nhận đã bị sửa hoặc không do cơ quan ký.",
    "receipt_key_mismatch": (
        "Biên nhận được ký bằng khóa khác với khóa của cơ quan tổng hợp đã ghi nhận (đã ghi nhận: "
        "{old}; trong biên nhận: {new}). Không nhận biên nhận này."
    ),
    "receipt_unknown_package": (
        "Biên nhận nói về gói mà thư mục dữ liệu này chưa từng xuất ({package}). Không nhận biên nhận này."
    ),
    "receipt_taken": "Đã nhận biên nhận: {count} gói được cơ quan tiếp nhận.",
    "receipt_taken_tofu": (
        "Đã nhận biên nhận: {count} gói được cơ quan tiếp nhận. Đây là lần đầu nhận khóa của cơ quan "
        "(mã khóa {fingerprint}); hãy so mã này với cơ quan qua điện thoại."
    ),
    "receipt_nothing": "Không có gói nào đã nhận của đơn vị {unit} trong kỳ {period} để lập biên nhận.",
    "receipt_wrong_role": "Chỉ cơ quan tổng hợp lập được biên nhận; đơn vị nhập biên nhận bằng dvcq import.",
}
MESSAGES["key_bad_recipient"] = "Khóa công khai dự phòng không hợp lệ (cần dạng age1…): {recipient}"
MESSAGES["plan_key_changed"] = (
    "Tệp kế hoạch không được ký bằng khóa của cơ quan tổng hợp mà đơn vị đã ghi nhận (đã ghi nhận: "
    "{old}; trong tệp: {new}). Không nhận tệp này; hãy gọi điện cho cơ quan để kiểm tra."
)
MESSAGES["import_unsigned_note"] = "chưa ký"
MESSAGES["key_file_unreadable"] = "Không đọc được khóa trong tệp {path} (cần dòng AGE-SECRET-KEY-1…)."
MESSAGES["receipt_bad_email"] = (
    "Địa chỉ thư điện tử của đơn vị chưa đúng (ví dụ vanphong.p1@tayninh.gov.vn): {address}"
)
MESSAGES["receipt_to_needs_unit"] = "--to đi cùng --unit: mỗi đơn vị một địa chỉ thư điện tử."
