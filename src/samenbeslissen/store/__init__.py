"""A conversation store on SQLAlchemy 2 Core: SQLite built in, PostgreSQL, Alembic migrations.

An optional extra: ``pip install 'samenbeslissen[store]'`` (add ``[postgres]``
for PostgreSQL's driver). Without it, importing this package raises
:class:`~samenbeslissen.errors.OptionalDependencyError`, which says what to
install. See docs/store.md.
"""

from __future__ import annotations

import importlib.util

from samenbeslissen.errors import OptionalDependencyError

for _package, _name in (("sqlalchemy", "SQLAlchemy"), ("alembic", "Alembic")):
    if importlib.util.find_spec(_package) is None:
        raise OptionalDependencyError("missing_extra", package=_name, extra="store")

from samenbeslissen.store._store import DEFAULT_URL, Store  # noqa: E402  # after the check

__all__ = ["DEFAULT_URL", "Store"]
