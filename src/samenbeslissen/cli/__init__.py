"""The command line: `samenbeslissen demo`, `render`, `validate`, `new-scenario`, `report`."""

from samenbeslissen.cli.main import main

__all__ = ["main"]
