"""The layers hold: the import-linter contracts in pyproject.toml ([tool.importlinter])
say which package may import which, and this runs them."""

from __future__ import annotations

from pathlib import Path

from importlinter.cli import lint_imports

PROJECT = Path(__file__).resolve().parent.parent


def test_the_layers_contracts_are_kept(monkeypatch) -> None:
    monkeypatch.chdir(PROJECT)  # the contracts name the project's own packages
    monkeypatch.syspath_prepend(str(PROJECT))
    assert lint_imports(config_filename=str(PROJECT / "pyproject.toml")) == 0
