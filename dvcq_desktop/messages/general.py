MESSAGES = {
    "internal": "Đã xảy ra lỗi ngoài dự kiến. Chi tiết đã được ghi vào tệp nhật ký; dữ liệu đã lưu trước đó vẫn nguyên vẹn.",
    "disk_full": "Ổ đĩa đầy, chưa lưu được. Dữ liệu đã lưu trước đó vẫn nguyên vẹn.",
    "not_writable": "Không ghi được vào thư mục {path}: không có quyền ghi hoặc ổ đĩa chỉ cho phép đọc. Dữ liệu đã lưu trước đó vẫn nguyên vẹn.",
    "file_missing": "Không tìm thấy tệp hoặc thư mục {path}.",
    "io_error": "Lỗi đọc/ghi ổ đĩa ({path}). Nếu đang dùng USB, hãy kiểm tra USB còn cắm và thử lại.",
}
