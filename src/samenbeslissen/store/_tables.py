"""The store's tables, described once with SQLAlchemy Core; the migrations create the same."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

__all__ = ["JSON_TYPE", "Tables", "UTCDateTime", "tables"]

JSON_TYPE = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
"""JSON where the database has it (SQLite keeps it as text); JSONB on PostgreSQL."""


class UTCDateTime(sa.types.TypeDecorator[dt.datetime]):
    """An aware datetime, stored in UTC and read back aware in UTC on every database.

    PostgreSQL keeps the time zone itself; SQLite keeps no zone at all, so
    the time goes in as UTC without one and comes back with UTC attached.
    """

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: sa.Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("the store keeps aware datetimes only")  # a bug of ours
        value = value.astimezone(dt.timezone.utc)
        return value if dialect.name == "postgresql" else value.replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: sa.Dialect) -> dt.datetime | None:
        if value is None:
            return None
        moment: dt.datetime = value
        if moment.tzinfo is None:
            return moment.replace(tzinfo=dt.timezone.utc)
        return moment.astimezone(dt.timezone.utc)


@attrs.frozen
class Tables:
    """The three tables, in one MetaData (of one schema, or the database's default)."""

    metadata: sa.MetaData
    conversations: sa.Table
    events: sa.Table
    meta: sa.Table


def tables(schema: str | None = None) -> Tables:
    """The store's tables in ``schema`` (None: the database's default schema)."""
    metadata = sa.MetaData(schema=schema)
    conversations = sa.Table(
        "conversations",
        metadata,
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("step", sa.String(16), nullable=False),
        sa.Column("created_at", UTCDateTime, nullable=False),
        sa.Column("updated_at", UTCDateTime, nullable=False),
        sa.Column("follow_up", sa.Date, nullable=True),
        sa.Column("decided_option", sa.String(200), nullable=True),
        sa.Column("decision_role", sa.String(32), nullable=True),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("record", JSON_TYPE, nullable=False),
        sa.Index("ix_conversations_created", "created_at", "id"),
        sa.Index("ix_conversations_updated", "updated_at"),
        sa.Index("ix_conversations_step_follow_up", "step", "follow_up"),
        sa.Index("ix_conversations_follow_up", "follow_up"),
    )
    events = sa.Table(
        "events",
        metadata,
        sa.Column(
            "conversation_id",
            sa.String(36),
            sa.ForeignKey(conversations.c.id, ondelete="CASCADE"),
            primary_key=True,
        ),
        # 1 for the first event: an event's sequence is the revision it made.
        sa.Column("sequence", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("from_step", sa.String(16), nullable=False),
        sa.Column("to_step", sa.String(16), nullable=False),
        sa.Column("at", UTCDateTime, nullable=False),
        sa.Column("actor", sa.String(32), nullable=False),
        sa.Column("user", sa.String(200), nullable=True),
        sa.Column("data", JSON_TYPE, nullable=True),
    )
    meta = sa.Table(
        "conversation_meta",
        metadata,
        sa.Column(
            "conversation_id",
            sa.String(36),
            sa.ForeignKey(conversations.c.id, ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("key", sa.String(200), primary_key=True),
        # The value as canonical JSON text, so that "1" and 1 stay apart.
        sa.Column("value", sa.String(4096), nullable=False),
        sa.Index("ix_conversation_meta_key_value", "key", "value"),
    )
    return Tables(metadata=metadata, conversations=conversations, events=events, meta=meta)
