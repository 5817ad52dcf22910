"""Analysis of finished conversations: the fidelity check and the client council report.

``samenbeslissen.analysis.fidelity`` checks one conversation against the
model; ``samenbeslissen.analysis.report`` bundles many records into an
anonymised report. Their public names are at the package root
(``sb.fidelity``, ``sb.report``, ``sb.read_records``, ...). This ``__init__``
holds only the facts of the report that lighter code needs without loading
it: the default threshold (for the command line's help) and the marks that
replace personal data in remarks (for the renderer).
"""

__all__ = ["DEFAULT_THRESHOLD", "MARKS", "NAME_MARK"]

DEFAULT_THRESHOLD = 5
"""Figures resting on fewer conversations than this are hidden: no client is recognisable."""

NAME_MARK = "[name]"
"""What replaces a participant's name in a remark, in every language.

The report's data (``remarks``, JSON and CSV exports) holds this mark; a
rendered report shows the catalogue's word for it in its own language
("[naam]" in Dutch).
"""

MARKS = {
    "name": NAME_MARK,
    "place": "[place]",
    "date": "[date]",
    "age": "[age]",
    "phone": "[phone]",
    "email": "[email]",
    "website": "[website]",
    "number": "[number]",
    "other": "[removed]",
}
"""What replaces each kind of personal data in a remark, in every language.

Like :data:`NAME_MARK`, a rendered report shows the catalogue's word for
each (``report.mark.<kind>``: "[plaats]" in Dutch).
"""
