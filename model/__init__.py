"""The core of Partnership Workshop: session data, frameworks, rules, store and files.

Nothing here imports Qt, so every part runs and is tested without a display.
"""
