"""Widgets shared by the steps: list editors, text fields bound to the session."""
