"""The first schema: conversations, their events, and the indexed meta values.

Written out here rather than taken from ``_tables``: a migration is a snapshot
of its own time, and the tables may change after it. A test checks that the
migrations, run to the newest, give exactly the tables ``_tables`` describes.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import context, op

from samenbeslissen.store._tables import JSON_TYPE, UTCDateTime

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    schema: str | None = context.config.attributes.get("schema")
    op.create_table(
        "conversations",
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
        schema=schema,
    )
    for name, columns in (
        ("ix_conversations_created", ["created_at", "id"]),
        ("ix_conversations_updated", ["updated_at"]),
        ("ix_conversations_step_follow_up", ["step", "follow_up"]),
        ("ix_conversations_follow_up", ["follow_up"]),
    ):
        op.create_index(name, "conversations", columns, schema=schema)
    parent = "conversations.id" if schema is None else f"{schema}.conversations.id"
    op.create_table(
        "events",
        sa.Column(
            "conversation_id",
            sa.String(36),
            sa.ForeignKey(parent, ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("sequence", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("from_step", sa.String(16), nullable=False),
        sa.Column("to_step", sa.String(16), nullable=False),
        sa.Column("at", UTCDateTime, nullable=False),
        sa.Column("actor", sa.String(32), nullable=False),
        sa.Column("user", sa.String(200), nullable=True),
        sa.Column("data", JSON_TYPE, nullable=True),
        schema=schema,
    )
    op.create_table(
        "conversation_meta",
        sa.Column(
            "conversation_id",
            sa.String(36),
            sa.ForeignKey(parent, ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("key", sa.String(200), primary_key=True),
        sa.Column("value", sa.String(4096), nullable=False),
        schema=schema,
    )
    op.create_index(
        "ix_conversation_meta_key_value", "conversation_meta", ["key", "value"], schema=schema
    )


def downgrade() -> None:
    schema: str | None = context.config.attributes.get("schema")
    for table in ("conversation_meta", "events", "conversations"):
        op.drop_table(table, schema=schema)
