"""Trợ giúp: the offline user guide and the About dialog (both roles)."""
