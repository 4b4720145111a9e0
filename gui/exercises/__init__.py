"""Each exercise's home in the window, one package per exercise: its page, the widgets
only it uses (grids, lists, the presenter view) and its `STEP` (gui/step.py), which
`gui.steps.STEPS` lists in order. Its rules and edits are in `model/exercises/<name>/`,
its PDF section in `report/sections/<name>.py`.

A package's `__init__` imports no widget: the page is imported when its step is first
opened, so the sessions list comes up without loading every exercise's widgets.
"""
