"""Run the command line as ``python -m samenbeslissen``."""

from samenbeslissen.cli.main import main

raise SystemExit(main())
