"""Cài đặt: the settings page and the backup/restore actions it offers (both roles)."""
