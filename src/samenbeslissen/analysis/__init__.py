"""Analysis of finished conversations: the fidelity check and the client council report.

``samenbeslissen.analysis.fidelity`` checks one conversation against the
model; ``samenbeslissen.analysis.report`` bundles many records into an
anonymised report. Their public names are at the package root
(``sb.fidelity``, ``sb.report``, ``sb.read_records``, ...). This ``__init__``
holds only the report's default threshold, which the command line shows in
its help without loading the report.
"""

__all__ = ["DEFAULT_THRESHOLD"]

DEFAULT_THRESHOLD = 5
"""Counts below this are suppressed, so that no client is recognisable."""
