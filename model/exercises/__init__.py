"""Each exercise's home in the core, one package per exercise: its rules (rankings,
agreement and gap measures, all pure functions of a `Session`) and its edits (changesets
built by a `SessionEditor`, never written here). No Qt, no PDF, no store access beyond
the editor (the import-linter contracts in pyproject.toml check it).

An exercise's package is what the window (`gui/exercises/<name>/`) and the PDF
(`report/sections/<name>.py`) import for it: `from model.exercises import obstacles`,
then `obstacles.rate(editor, ...)`. Its tables are in the one migration chain of
`model/store/schema.py`: a new exercise adds one migration there.
"""
