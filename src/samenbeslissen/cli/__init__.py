"""The command line: `samenbeslissen demo`, `render`, `report`, `store` and the others."""

from samenbeslissen.cli.commands import main

__all__ = ["main"]
