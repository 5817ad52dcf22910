"""The command line: `samenbeslissen demo`, `render`, `validate`, `new-scenario`, `report`."""

from samenbeslissen.cli.commands import main

__all__ = ["main"]
