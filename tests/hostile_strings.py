"""The one shared corpus of awkward strings every text path must survive exactly.

Markup (which a PDF builder or a rich-text label would interpret), every script the
bundled font (DejaVu Sans) covers, right-to-left text and direction overrides,
combining marks, emoji with skin tones and zero-width joiners, text of thousands of
characters, leading and trailing spaces, newlines and tabs, NUL and other control
characters, and text that looks like SQL. Tests import HOSTILE_STRINGS (every entry),
and NAMEABLE (those a name field accepts: not blank).
"""

from __future__ import annotations

HOSTILE_STRINGS: list[str] = [
    # markup and escapes
    "<b>bold</b>",
    "&amp; & < > &lt;",
    '<img src="x">',
    '<img src="/etc/passwd"/> <a href="file:///etc/passwd">link</a>',
    "<font color=red>red</font>",
    "<script>alert(1)</script>",
    "<para>para</para><br/>",
    "%s %d {0} {name} $HOME `ls` \\n",
    '"quoted" \\backslash\\ /slash/',
    # scripts DejaVu Sans covers
    "Gŵyl Ŷd, Llanfair­pwll­gwyn­gyll, ŵ ŷ Ŵ Ŷ â ê î ô û",  # Welsh (with soft hyphens)
    "Łódź źródło żółć ŁÓDŹ ĄĘ",  # Polish
    "Совет по партнёрству ЁЖЩЪ",  # Cyrillic
    "Συμβούλιο εταιρικής σχέσης ΆΈΉ",  # Greek
    "مجلس الشراكة",  # Arabic (right to left)
    "מועצת השותפות",  # Hebrew (right to left)
    "Board مجلس board מועצה mixed",  # mixed directions
    "Հայաստան ქართული",  # Armenian, Georgian
    "Tiếng Việt İstanbul ß Æ Ø Å þ ð",  # Vietnamese, Turkish, Nordic
    "ʃəˈneɪʃən ∀x∈ℝ: x² ≥ 0 → ∞ ≠ ∑ √",  # IPA, mathematics
    "Ⅻ ½ € £ ¥ © ® ™ § ¶ † ‡ • …",
    "┌─┐│ │└─┘ ░▒▓ ⠁⠃⠉",  # box drawing, braille
    # combining marks, joiners, direction controls
    "e\u0301 a\u0300 n\u0303 Z\u0351\u0352\u0353\u0354",
    "zero\u200bwidth\u200cnon\u200djoiner\ufeffbom",
    "\u202eRTL override\u202c \u2066isolate\u2069",
    # emoji
    "😀 👩\u200d👩\u200d👧\u200d👦 🏳\ufe0f\u200d🌈 👍🏽 🇬🇧 🏴\U000e0067\U000e0062\U000e0077"
    "\U000e006c\U000e0073\U000e007f",
    # long text
    ("a long line of text that goes on and on, " * 40 + "\n") * 2 + "end",
    "Ŵ" * 3000 + " 😀" * 200,
    # spaces, lines, control characters
    "  leading and trailing spaces  ",
    "\ttabbed\t",
    "line one\nline two\n\nline four",
    "line one\r\nline two\r\n",
    "nul\x00inside",
    "bell\x07 escape\x1b[31m vertical\x0btab form\x0cfeed",
    "\u2028line separator\u2029paragraph separator\x85next line",
    "   ",
    "",
    # short forms (the first corpus of tests/test_session_file.py)
    "&amp; & <",
    "Gŵyl Ŷd",
    "Łódź źródło",
    "Совет по партнёрству",
    "Συμβούλιο εταιρικής σχέσης",
    "e\u0301 a\u0300 n\u0303",
    "😀 👩\u200d👩\u200d👧\u200d👦 🏳\ufe0f\u200d🌈 👍🏽",
    "\u202eRTL override\u202c",
    "zero\u200bwidth",
    # SQL and JSON lookalikes
    "'); DROP TABLE sessions;--",
    "Robert'); DELETE FROM scores WHERE 1=1; --",
    '{"format": "partnership-workshop-session", "version": 99}',
    "NULL",
    "null",
    "0",
]

NAMEABLE: list[str] = [s for s in HOSTILE_STRINGS if s.strip()]

assert any(len(s) >= 3000 for s in HOSTILE_STRINGS)
