"""Messages of the domain layer: plan templates, unit catalogues, validation rules."""

MESSAGES: dict[str, str] = {
    "plan_missing": "Không tìm thấy tệp kế hoạch {file}.",
    "plan_unreadable": "Không đọc được tệp kế hoạch {file}: {reason}.",
    "plan_invalid": "Tệp kế hoạch {file} không hợp lệ tại mục “{field}”: {reason}.",
    "plan_unknown": "Không có kế hoạch mẫu có mã “{plan_id}” trong bộ cài đặt.",
    "catalog_missing": "Không tìm thấy tệp danh mục đơn vị {file}.",
    "catalog_unreadable": "Không đọc được tệp danh mục đơn vị {file}: {reason}.",
    "catalog_invalid": "Tệp danh mục đơn vị {file} không hợp lệ tại mục “{field}”: {reason}.",
    "catalog_unknown": "Không có danh mục đơn vị có mã “{catalog_id}” trong bộ cài đặt.",
    "unit_kinds_missing": "Không tìm thấy tệp loại đơn vị {file}.",
    "unit_kinds_unreadable": "Không đọc được tệp loại đơn vị {file}: {reason}.",
    "unit_kinds_invalid": "Tệp loại đơn vị {file} không hợp lệ tại mục “{field}”: {reason}.",
    "catalog_unit_unknown": "Đơn vị có mã “{unit_code}” không có trong danh mục {catalog_id}.",
}
