"""dvcq-desktop: sổ theo dõi và báo cáo công tác dân vận chính quyền."""

__version__ = "0.1.0"
APP_NAME = "dvcq-desktop"
APP_TITLE = "Dân vận chính quyền"
