"""Analysis of finished conversations: the fidelity check and the client council report.

``samenbeslissen.analysis.fidelity`` checks one conversation against the
model; ``samenbeslissen.analysis.report`` bundles many records into an
anonymised report. Their public names are at the package root
(``sb.fidelity``, ``sb.report``, ``sb.read_records``, ...). This ``__init__``
holds only two facts of the report that lighter code needs without loading
it: the default threshold (for the command line's help) and the mark that
replaces a name (for the renderer).
"""

__all__ = ["DEFAULT_THRESHOLD", "NAME_MARK"]

DEFAULT_THRESHOLD = 5
"""Counts below this are suppressed, so that no client is recognisable."""

NAME_MARK = "[name]"
"""What replaces a participant's name in a remark, in every language.

The report's data (``remarks``, JSON and CSV exports) holds this mark; a
rendered report shows the catalogue's word for it in its own language
("[naam]" in Dutch).
"""
