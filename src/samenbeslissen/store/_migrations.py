"""The store's schema migrations (Alembic, shipped in ``migrations/``), run from Python."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

__all__ = ["FOLDER", "VERSION_TABLE", "config", "upgrade"]

FOLDER = Path(__file__).parent / "migrations"
"""Alembic's script folder inside the package: no alembic.ini for the host to keep."""

VERSION_TABLE = "samenbeslissen_alembic_version"
"""Where Alembic notes the store's schema version; not ``alembic_version``, which the
host's own migrations may use in the same database."""


def config(connection: sa.Connection, schema: str | None = None) -> object:
    """An Alembic configuration that runs the shipped migrations over ``connection``."""
    from alembic.config import Config

    settings = Config()
    settings.set_main_option("script_location", str(FOLDER))
    settings.attributes["connection"] = connection
    settings.attributes["schema"] = schema
    return settings


def upgrade(engine: sa.Engine, *, schema: str | None = None, revision: str = "head") -> None:
    """Create the tables, or upgrade them to ``revision`` (the newest by default)."""
    from alembic import command
    from alembic.config import Config

    with engine.begin() as connection:
        settings = config(connection, schema)
        assert isinstance(settings, Config)
        command.upgrade(settings, revision)
