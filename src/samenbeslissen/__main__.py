"""Run the command line as ``python -m samenbeslissen``."""

from samenbeslissen._cli import main

raise SystemExit(main())
