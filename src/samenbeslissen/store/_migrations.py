"""The store's schema migrations (Alembic, shipped in ``migrations/``), run from Python."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import sqlalchemy as sa

from samenbeslissen.errors import OptionalDependencyError

if TYPE_CHECKING:
    from alembic.config import Config

__all__ = ["FOLDER", "VERSION_TABLE", "config", "upgrade"]

FOLDER = Path(__file__).parent / "migrations"
"""Alembic's script folder inside the package: no alembic.ini for the host to keep."""

VERSION_TABLE = "samenbeslissen_alembic_version"
"""Where Alembic notes the store's schema version; not ``alembic_version``, which the
host's own migrations may use in the same database."""


def config(connection: sa.Connection, schema: str | None = None) -> Config:
    """An Alembic configuration that runs the shipped migrations over ``connection``.

    Raises:
        OptionalDependencyError: Alembic is not installed.
    """
    try:
        from alembic.config import Config
    except ModuleNotFoundError:
        raise OptionalDependencyError("missing_extra", package="Alembic", extra="store") from None
    settings = Config()
    settings.set_main_option("script_location", str(FOLDER))
    settings.attributes["connection"] = connection
    settings.attributes["schema"] = schema
    return settings


def upgrade(engine: sa.Engine, *, schema: str | None = None, revision: str = "head") -> None:
    """Create the tables, or upgrade them to ``revision`` (the newest by default)."""
    with engine.begin() as connection:
        settings = config(connection, schema)
        from alembic import command

        command.upgrade(settings, revision)
