"""A conversation store on SQLAlchemy 2 Core: SQLite built in, PostgreSQL, Alembic migrations.

An optional extra: ``pip install 'samenbeslissen[store]'`` (add ``[postgres]``
for PostgreSQL's driver). Without it, importing this package raises
:class:`~samenbeslissen.errors.OptionalDependencyError`, which says what to
install. See docs/store.md.
"""

from __future__ import annotations

from samenbeslissen.errors import OptionalDependencyError

try:
    from samenbeslissen.store._store import DEFAULT_URL, Store
except ModuleNotFoundError as error:
    if (error.name or "").partition(".")[0] != "sqlalchemy":
        raise
    raise OptionalDependencyError("missing_extra", package="SQLAlchemy", extra="store") from None

__all__ = ["DEFAULT_URL", "Store"]
