"""Messages of the installed app: start-up checks, the opened-package view, About (issue 7)."""

MESSAGES = {
    "startup_network_share": (
        "Thư mục dữ liệu {path} đang nằm trên ổ mạng ({kind}). Cơ sở dữ liệu SQLite có thể bị hỏng khi "
        "đặt trên ổ mạng. Hãy chuyển dữ liệu về ổ đĩa của máy này (Cài đặt → Sao lưu, rồi Khôi phục vào "
        "thư mục trên máy)."
    ),
    "startup_removable": (
        "Thư mục dữ liệu {path} đang nằm trên USB hoặc ổ đĩa rời. Rút USB khi chương trình đang mở có thể "
        "làm hỏng dữ liệu; nên để dữ liệu trên ổ đĩa của máy và chỉ dùng USB để chép gói báo cáo .dvcq."
    ),
    "startup_profile_temporary": (
        "Windows đang dùng hồ sơ người dùng TẠM THỜI ({profile}): khi đăng xuất, hồ sơ này bị xóa cùng dữ "
        "liệu của chương trình tại {path}. Hãy chuyển thư mục dữ liệu ra ngoài hồ sơ (Cài đặt → Thư mục dữ "
        "liệu → Chuyển) hoặc sao lưu ra USB ngay, rồi báo bộ phận kỹ thuật."
    ),
    "startup_profile_mandatory": (
        "Hồ sơ người dùng Windows này ({profile}) là hồ sơ bắt buộc hoặc hồ sơ khách: mọi thay đổi bị bỏ khi "
        "đăng xuất, kể cả dữ liệu tại {path}. Hãy chuyển thư mục dữ liệu ra ngoài hồ sơ (Cài đặt → Thư mục "
        "dữ liệu → Chuyển)."
    ),
    "startup_profile_roaming_deleted": (
        "Máy này xóa bản sao hồ sơ người dùng khi đăng xuất (chính sách hồ sơ chuyển vùng), và dữ liệu tại "
        "{path} không được chép theo hồ sơ. Hãy chuyển thư mục dữ liệu ra ngoài hồ sơ (Cài đặt → Thư mục "
        "dữ liệu → Chuyển) và đặt thêm nơi sao lưu thứ hai."
    ),
    "startup_profile_cleanup": (
        "Máy này tự xóa hồ sơ người dùng không dùng sau {days} ngày, kể cả dữ liệu tại {path}. Nên chuyển "
        "thư mục dữ liệu ra ngoài hồ sơ (Cài đặt → Thư mục dữ liệu → Chuyển) và đặt thêm nơi sao lưu thứ hai."
    ),
    "startup_sqlite_old": (
        "Thư viện SQLite của chương trình là bản {version}, cũ hơn bản đã sửa lỗi WAL ({fixed}). Lỗi này rất "
        "hiếm và chỉ xảy ra khi hai chương trình cùng ghi một tệp dữ liệu; không mở cùng thư mục dữ liệu "
        "ở hai cửa sổ và hãy cập nhật chương trình khi có bản mới."
    ),
    "startup_sqlite_old_short": (
        "SQLite {version} chưa có bản sửa lỗi WAL; không mở một thư mục dữ liệu ở hai cửa sổ "
        "(chi tiết: Trợ giúp → Giới thiệu)."
    ),
    "startup_read_only": (
        "Thư mục dữ liệu {path} chỉ cho phép đọc (USB/đĩa bị khóa ghi hoặc không có quyền ghi). Chương "
        "trình mở ở chế độ chỉ xem: xem dữ liệu và lập báo cáo vào thư mục khác được, nhưng không sửa hay "
        "thêm gì được. Muốn sửa, hãy chép thư mục dữ liệu sang ổ đĩa của máy rồi mở lại."
    ),
    "startup_read_only_short": "Chế độ chỉ xem: thư mục dữ liệu không ghi được, mọi thay đổi sẽ không được lưu.",
    "existing_not_workspace": (
        "Thư mục {path} không có dữ liệu của chương trình (tệp {file}). Hãy chọn thư mục dữ liệu cũ: "
        "thư mục có tệp {file} cùng các thư mục attachments và backups."
    ),
    "existing_not_dvcq": (
        "Tệp {file} trong thư mục {path} không phải dữ liệu của chương trình này hoặc không đọc được. "
        "Hãy chọn thư mục dữ liệu khác."
    ),
    "open_file_no_workspace": (
        "Chưa có thư mục dữ liệu trên máy này: chỉ kiểm tra gói {name}, không nhập vào đâu cả."
    ),
    "open_file_workspace_busy": (
        "Thư mục dữ liệu đang được mở ở cửa sổ khác: gói {name} chỉ được kiểm tra ở đây. Để nhập gói, "
        "dùng trang Tiếp nhận trong cửa sổ đang mở."
    ),
}
