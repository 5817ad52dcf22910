"""Run the command line as ``python -m samenbeslissen``."""

from samenbeslissen.cli.commands import main

raise SystemExit(main())
