"""Pieces every page uses, whatever the role: the app context, workers and busy state, style, small widgets, Qt in Vietnamese."""
