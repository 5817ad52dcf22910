"""Alembic's entry point: migrate over the connection the store hands in (online only)."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import context

from samenbeslissen.store._migrations import VERSION_TABLE
from samenbeslissen.store._tables import tables


def run() -> None:
    """Migrate over the connection the store put in the configuration."""
    connection: sa.Connection = context.config.attributes["connection"]
    schema: str | None = context.config.attributes.get("schema")

    if schema is not None and connection.dialect.name == "postgresql":
        connection.execute(sa.schema.CreateSchema(schema, if_not_exists=True))

    context.configure(
        connection=connection,
        target_metadata=tables(schema).metadata,
        version_table=VERSION_TABLE,
        version_table_schema=schema,
    )
    with context.begin_transaction():
        context.run_migrations()


if getattr(context, "config", None) is not None:  # Alembic runs this file; an import does not
    run()
