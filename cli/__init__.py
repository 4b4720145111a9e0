"""The headless commands of `python main.py` (see contracts/cli.md). No Qt here."""
