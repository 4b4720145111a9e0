"""The desktop app: every QObject lives here; data and rules live in `model`."""
