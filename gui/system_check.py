"""What the window needs from the operating system that pip cannot install: a screen
to open on, and on Linux the libraries of Qt's X11 platform plugin.

Qt 6's X11 platform plugin (xcb) needs libxcb-cursor, which a default Linux desktop
often lacks; Qt then stops with a cryptic "could not load the Qt platform plugin" error.
This check runs before Qt picks its platform and names the package to install instead.
"""

from __future__ import annotations

import ctypes.util
import os
import sys
from collections.abc import Callable, Mapping

# (library as ctypes names it, Debian/Ubuntu package, Fedora package)
XCB_LIBRARIES = [("xcb-cursor", "libxcb-cursor0", "xcb-util-cursor")]


def uses_xcb(environ: Mapping[str, str] | None = None,
             platform: str | None = None) -> bool:
    """Whether Qt will use its X11 (xcb) platform plugin for the window."""
    env = os.environ if environ is None else environ
    if (platform or sys.platform) != "linux":
        return False
    chosen = env.get("QT_QPA_PLATFORM", "").split(";")[0].split(":")[0].strip()
    if chosen:
        return chosen == "xcb"
    # Unset: Qt 6 prefers Wayland when a Wayland session is running.
    return not env.get("WAYLAND_DISPLAY")


def missing_libraries_message(
        environ: Mapping[str, str] | None = None, platform: str | None = None,
        find: Callable[[str], str | None] = ctypes.util.find_library) -> str | None:
    """What to install for the window to open, or None when nothing is missing."""
    if not uses_xcb(environ, platform):
        return None
    missing = [(debian, fedora) for name, debian, fedora in XCB_LIBRARIES if not find(name)]
    if not missing:
        return None
    debian = " ".join(d for d, _ in missing)
    fedora = " ".join(f for _, f in missing)
    return (f"error: the window cannot open: this computer lacks a system library Qt needs "
            f"for windows on Linux (X11). Install it and start the app again: on Debian or "
            f"Ubuntu `sudo apt install {debian}`, on Fedora `sudo dnf install {fedora}`. "
            "(The command-line commands work without it.)")


def no_display_message(environ: Mapping[str, str] | None = None,
                       platform: str | None = None) -> str | None:
    """Why the window cannot open on Linux with no screen to open on (no X11 or Wayland
    display: a terminal over SSH, a service), or None. Qt would abort with "no Qt
    platform plugin could be initialized"."""
    env = os.environ if environ is None else environ
    if not uses_xcb(env, platform) or env.get("DISPLAY"):
        return None
    return ("error: the window cannot open: there is no screen here (DISPLAY is not set). "
            "Start the app from the desktop (or a terminal in it). The commands that need "
            "no window work anywhere: `python main.py --help` lists them.")


def window_problem(environ: Mapping[str, str] | None = None) -> str | None:
    """What stops the window from opening, in the user's words, or None."""
    return no_display_message(environ) or missing_libraries_message(environ)
