"""The conversation core: steps and rules, the domain values, the machine and the record.

It stands alone: nothing here needs Jinja2, YAML, pandas or IPython, and
nothing imports a layer above it (docs/architecture.md), apart from the lazy
notebook display hooks. The modules, bottom up: ``steps`` (the four steps and
the flow as data), ``policy``, ``validate``, ``model`` (the values each step
records), ``ranking`` and ``weighing``, ``events``, ``answers`` (the shape of
questionnaire answers), ``machine`` (the one shared transitions machine and its
rules), ``records`` (a pure converter to and from JSON types) and
``conversation``.

This package's ``__init__`` imports nothing, so that a light module (the
steps, say) can be used without loading the machine. The public names are
at the package root; the rest is imported from its module
(``from samenbeslissen.core.weighing import Contribution``).
"""
