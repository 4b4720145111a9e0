#!/usr/bin/env python3
"""Partnership Workshop: the desktop app, and a small command-line tool.

This file only hands over to `gui.launcher`, which reads the command line and starts a
headless command (`cli`) or the window; the installed `partnership-workshop` launcher
and the bundled app start there too.
"""

from __future__ import annotations

import sys

from gui.launcher import Parser, main, main_process, parse, run

__all__ = ["Parser", "main", "main_process", "parse", "run"]

if __name__ == "__main__":
    sys.exit(main_process())
