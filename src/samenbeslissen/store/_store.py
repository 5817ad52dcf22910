"""The Store: conversations in a database, saved with optimistic concurrency."""

from __future__ import annotations

import datetime as dt
import json
import os
import weakref
from collections.abc import Iterable, Iterator, Mapping
from typing import IO, Any

import sqlalchemy as sa

from samenbeslissen.core import records
from samenbeslissen.core.conversation import Conversation
from samenbeslissen.core.events import Event
from samenbeslissen.core.steps import Action, Step
from samenbeslissen.errors import (
    ConflictError,
    InputError,
    NotFoundError,
    OptionalDependencyError,
)
from samenbeslissen.store import _migrations
from samenbeslissen.store._tables import tables

__all__ = ["BUSY_TIMEOUT_MS", "DEFAULT_URL", "Store"]

DEFAULT_URL = "sqlite:///samenbeslissen.db"
"""The embedded default: an SQLite file in the current folder."""

BUSY_TIMEOUT_MS = 30_000
"""How long an SQLite connection waits for another writer before it gives up."""

PAGE = 200
"""Conversations read per query while :meth:`Store.find` yields them."""

_EXPORT_BATCH = 500
"""Records fetched at a time while exporting: memory stays flat however many there are."""

_DRIVERS = {"postgresql": ("psycopg", "postgres")}
"""A dialect's driver package and the extra that installs it."""


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def _sqlite_pragmas(dbapi_connection: Any, _record: object) -> None:
    """Every SQLite connection: wait for other writers, let readers and a writer work at once."""
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")  # first: WAL may have to wait
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA foreign_keys = ON")
    finally:
        cursor.close()


def _engine(url: str) -> sa.Engine:
    """An engine for ``url``; an SQLite file gets WAL and a busy timeout on every connection."""
    try:
        parsed = sa.make_url(url)
    except (sa.exc.ArgumentError, TypeError, ValueError):
        raise InputError("store_url", field="url", url=url) from None
    try:
        engine = sa.create_engine(parsed)
    except sa.exc.NoSuchModuleError:
        raise InputError("store_url", field="url", url=url) from None
    except ImportError:
        package, extra = _DRIVERS.get(parsed.get_backend_name(), (parsed.drivername, "store"))
        raise OptionalDependencyError("missing_extra", package=package, extra=extra) from None
    if engine.dialect.name == "sqlite":
        sa.event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _meta_value(value: object) -> str:
    """A meta value as canonical JSON text: the same value is always the same text."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _decision(history: list[dict[str, Any]]) -> Mapping[str, Any] | None:
    """The decision in force at the end of a record's history, as stored JSON."""
    for event in reversed(history):
        if event["action"] == Action.RECONSIDER.value:
            return None
        if event["action"] == Action.DECIDE.value:
            data: Mapping[str, Any] = event["data"]
            return data
    return None


class Store:
    """Conversations in a database: SQLite, PostgreSQL, or another one SQLAlchemy knows.

    Args:
        url_or_engine: A database URL (``"sqlite:///gesprekken.db"``,
            ``"postgresql+psycopg://user@host/db"``) or a SQLAlchemy
            ``Engine`` the host already has, which is used as it is.
        schema: The schema the tables live in (None: the database's default).
        indexed_meta: The keys of ``conv.meta`` that :meth:`find` can search on.

    Saving is optimistic: the store remembers the revision of each
    conversation object it gave out (by :meth:`get`, :meth:`find`,
    :meth:`add` or :meth:`save`), without keeping the object alive, and
    :meth:`save` writes only if the stored revision is still that one.

    Raises:
        InputError: The URL is not a database URL the store can use.
        OptionalDependencyError: The database's driver is not installed.
    """

    def __init__(
        self,
        url_or_engine: str | sa.Engine,
        *,
        schema: str | None = None,
        indexed_meta: Iterable[str] = (),
    ) -> None:
        if isinstance(url_or_engine, sa.Engine):
            self._engine = url_or_engine
        else:
            self._engine = _engine(url_or_engine)
        self._schema = schema
        self._tables = tables(schema)
        self._indexed = tuple(indexed_meta)
        for key in self._indexed:
            if not isinstance(key, str) or not key:
                raise InputError("expected_type", field="indexed_meta", expected="text")
        # id(conversation) -> (a weak reference to it, the revision it was loaded or saved at)
        self._loaded: dict[int, tuple[weakref.ref[Conversation], int]] = {}

    @property
    def engine(self) -> sa.Engine:
        """The SQLAlchemy engine the store uses."""
        return self._engine

    @property
    def schema(self) -> str | None:
        """The schema of the tables (None: the database's default)."""
        return self._schema

    def __repr__(self) -> str:
        url = self._engine.url.render_as_string(hide_password=True)
        return f"Store({url!r}, schema={self._schema!r})"

    # -- tables -----------------------------------------------------------------

    def create_tables(self) -> None:
        """Create the tables, or bring them to the newest version (the migrations, run to head).

        The same as ``samenbeslissen store upgrade URL``; safe to run again.
        """
        _migrations.upgrade(self._engine, schema=self._schema)

    # -- writing ----------------------------------------------------------------

    def add(self, conv: Conversation) -> None:
        """Store a new conversation with its events.

        Raises:
            ConflictError: A conversation with this id is stored already.
        """
        record = conv.to_dict()
        history: list[dict[str, Any]] = record["history"]
        t = self._tables
        try:
            with self._engine.begin() as connection:
                connection.execute(t.conversations.insert(), [self._row(record, _utc_now())])
                if history:
                    connection.execute(t.events.insert(), self._events(record["id"], history, 0))
                meta = [
                    {"conversation_id": record["id"], "key": key, "value": _meta_value(value)}
                    for key, value in record["meta"].items()
                    if key in self._indexed
                ]
                if meta:
                    connection.execute(t.meta.insert(), meta)
        except sa.exc.IntegrityError:
            raise self._conflict("store_exists", record["id"], 0) from None
        self._remember(conv, record["revision"])

    def save(self, conv: Conversation) -> None:
        """Write the conversation's new events and its record, in one transaction.

        Only over the revision this object was loaded at: if someone saved
        the conversation since, nothing is written and both the stored
        record and ``conv`` stay as they are. An object this store did not
        give out (one read with ``Conversation.from_json``, say) is saved
        when its history goes on from the stored one: the newest stored
        event is the same event in ``conv``.

        Raises:
            ConflictError: Someone saved the conversation since it was
                loaded; it says who and when. Load it again and redo.
            NotFoundError: The conversation is not stored (use :meth:`add`),
                or it was deleted.
        """
        record = conv.to_dict()
        revision: int = record["revision"]
        history: list[dict[str, Any]] = record["history"]
        expected = self._loaded_revision(conv)
        t = self._tables
        with self._engine.begin() as connection:
            if expected is None:
                expected = self._common_revision(connection, record)
            if expected is not None and expected == revision:
                return  # nothing new to write
            changed = 0
            if expected is not None and expected < revision:
                row = self._row(record, _utc_now())
                del row["id"], row["created_at"]
                changed = connection.execute(
                    t.conversations.update()
                    .where(t.conversations.c.id == record["id"])
                    .where(t.conversations.c.revision == expected)
                    .values(row)
                ).rowcount
            if changed == 1 and expected is not None:
                # Events have a unique (conversation, sequence) key: even a save that
                # skipped the check above could not write over another one's events.
                connection.execute(t.events.insert(), self._events(record["id"], history, expected))
        if changed != 1:
            raise self._conflict("store_conflict", record["id"], expected or 0, conv.timezone)
        self._remember(conv, revision)

    def delete(self, id: str) -> None:
        """Erase a conversation and all its events (AVG art. 17, the right to erasure).

        Raises:
            NotFoundError: No conversation has this id.
        """
        t = self._tables
        with self._engine.begin() as connection:
            # Children first: a database without cascading deletes keeps no orphans either.
            connection.execute(t.meta.delete().where(t.meta.c.conversation_id == id))
            connection.execute(t.events.delete().where(t.events.c.conversation_id == id))
            gone = connection.execute(
                t.conversations.delete().where(t.conversations.c.id == id)
            ).rowcount
        if gone == 0:
            raise NotFoundError("store_not_found", id=id)

    # -- reading ----------------------------------------------------------------

    def get(self, id: str) -> Conversation:
        """The stored conversation with this id, at its newest revision.

        Raises:
            NotFoundError: No conversation has this id.
            RecordError: The stored record is not a valid record.
        """
        c = self._tables.conversations
        with self._engine.connect() as connection:
            record = connection.execute(sa.select(c.c.record).where(c.c.id == id)).scalar()
        if record is None:
            raise NotFoundError("store_not_found", id=id)
        conv = Conversation.from_dict(record)
        self._remember(conv, conv.revision)
        return conv

    def find(
        self,
        *,
        step: Step | None = None,
        follow_up_before: dt.date | None = None,
        meta: Mapping[str, Any] | None = None,
        updated_since: dt.datetime | None = None,
        limit: int | None = None,
    ) -> Iterator[Conversation]:
        """The stored conversations that match every condition given, oldest first.

        Each condition is answered by an indexed column: no record is read
        that does not match. They are read a page at a time, so a long
        result never sits in memory at once.

        Args:
            step: Only conversations at this step.
            follow_up_before: Only those whose decision has a follow-up
                date before this one (not on it).
            meta: Only those whose ``meta`` has these values; each key
                must be one of ``indexed_meta``.
            updated_since: Only those saved at or after this moment (aware).
            limit: At most this many.

        Raises:
            InputError: A condition is malformed, or a meta key is not indexed.
        """
        t = self._tables
        c = t.conversations
        conditions: list[sa.ColumnElement[bool]] = []
        if step is not None:
            conditions.append(c.c.step == Step(step).value)
        if follow_up_before is not None:
            if not isinstance(follow_up_before, dt.date):
                raise InputError("expected_type", field="follow_up_before", expected="date")
            conditions.append(c.c.follow_up < follow_up_before)
        if updated_since is not None:
            if not isinstance(updated_since, dt.datetime) or updated_since.tzinfo is None:
                raise InputError("expected_type", field="updated_since", expected="datetime")
            conditions.append(c.c.updated_at >= updated_since)
        for key, value in (meta or {}).items():
            if key not in self._indexed:
                raise InputError("store_meta_not_indexed", field=f"meta.{key}", name=key)
            # From the index of the meta table to the conversations, not the other way.
            conditions.append(
                c.c.id.in_(
                    sa.select(t.meta.c.conversation_id)
                    .where(t.meta.c.key == key)
                    .where(t.meta.c.value == _meta_value(value))
                )
            )
        if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int)):
            raise InputError("expected_type", field="limit", expected="whole number")
        return self._pages(conditions, limit)

    def _pages(
        self, conditions: list[sa.ColumnElement[bool]], limit: int | None
    ) -> Iterator[Conversation]:
        # Page by (created_at, id) rather than hold a cursor open while the caller
        # works: the caller may save in between, or stop half-way.
        c = self._tables.conversations
        left = limit
        after: tuple[dt.datetime, str] | None = None
        while left is None or left > 0:
            page = PAGE if left is None else min(PAGE, left)
            query = sa.select(c.c.created_at, c.c.id, c.c.record).where(*conditions)
            if after is not None:
                query = query.where(
                    sa.or_(
                        c.c.created_at > after[0],
                        sa.and_(c.c.created_at == after[0], c.c.id > after[1]),
                    )
                )
            query = query.order_by(*self._oldest_first(bool(conditions))).limit(page)
            with self._engine.connect() as connection:
                rows = connection.execute(query).all()
            for row in rows:
                conv = Conversation.from_dict(row.record)
                self._remember(conv, conv.revision)
                yield conv
            if len(rows) < page:
                return
            after = (rows[-1].created_at, rows[-1].id)
            if left is not None:
                left -= len(rows)

    def _oldest_first(self, filtered: bool) -> tuple[sa.ColumnElement[Any], ...]:
        c = self._tables.conversations
        if filtered and self._engine.dialect.name == "sqlite":
            # SQLite, without statistics, would walk the whole table in created order
            # and test every row, to save sorting. The same order written as
            # expressions makes it find the matches by the condition's index first
            # and sort only them: the time grows with the matches, not with the table.
            empty: sa.ColumnElement[str] = sa.literal_column("''")
            return (c.c.created_at.op("||")(empty), c.c.id.op("||")(empty))
        return (c.c.created_at, c.c.id)

    def history(self, id: str) -> tuple[Event, ...]:
        """The conversation's events, oldest first, read from the events table.

        Raises:
            NotFoundError: No conversation has this id.
        """
        t = self._tables
        e = t.events
        query = sa.select(e).where(e.c.conversation_id == id).order_by(e.c.sequence)
        with self._engine.connect() as connection:
            rows = connection.execute(query).all()
            if not rows:
                exists = sa.select(t.conversations.c.id).where(t.conversations.c.id == id)
                if connection.execute(exists).first() is None:
                    raise NotFoundError("store_not_found", id=id)
        events = []
        for row in rows:
            item = {
                "action": row.action,
                "from_step": row.from_step,
                "to_step": row.to_step,
                "at": row.at.isoformat(),
                "actor": row.actor,
                "user": row.user,
                "data": row.data,
            }
            stored = records.decode_event(item, f"events[{row.sequence}]")
            events.append(
                Event(
                    action=stored.action,
                    from_step=stored.from_step,
                    to_step=stored.to_step,
                    at=stored.at,
                    actor=stored.actor,
                    data=stored.data,
                    user=stored.user,
                )
            )
        return tuple(events)

    def export(self, path_or_file: str | os.PathLike[str] | IO[str]) -> int:
        """Write every stored record as JSON Lines, oldest first; returns how many.

        ``sb.read_records`` and ``samenbeslissen report`` read the file. The
        records are fetched in batches, so memory stays flat however many
        there are.
        """
        if isinstance(path_or_file, (str, os.PathLike)):
            with open(path_or_file, "w", encoding="utf-8") as handle:
                return self._export(handle)
        return self._export(path_or_file)

    def _export(self, handle: IO[str]) -> int:
        c = self._tables.conversations
        query = sa.select(c.c.record).order_by(c.c.created_at, c.c.id)
        count = 0
        with self._engine.connect() as connection:
            result = connection.execution_options(yield_per=_EXPORT_BATCH).execute(query)
            for record in result.scalars():
                handle.write(records.dumps(record))
                handle.write("\n")
                count += 1
        return count

    # -- inside -----------------------------------------------------------------

    def _row(self, record: Mapping[str, Any], now: dt.datetime) -> dict[str, Any]:
        decision = _decision(record["history"])
        follow_up = None if decision is None else decision.get("follow_up")
        return {
            "id": record["id"],
            "revision": record["revision"],
            "step": record["step"],
            "created_at": dt.datetime.fromisoformat(record["created_at"]),
            "updated_at": now,
            "follow_up": None if follow_up is None else dt.date.fromisoformat(follow_up),
            "decided_option": None if decision is None else decision["option"],
            "decision_role": None if decision is None else decision["decided_by"],
            "language": record["language"],
            "record": record,
        }

    @staticmethod
    def _events(id: str, history: list[dict[str, Any]], start: int) -> list[dict[str, Any]]:
        return [
            {
                "conversation_id": id,
                "sequence": sequence,
                "action": event["action"],
                "from_step": event["from_step"],
                "to_step": event["to_step"],
                "at": dt.datetime.fromisoformat(event["at"]),
                "actor": event["actor"],
                "user": event["user"],
                "data": event["data"],
            }
            for sequence, event in enumerate(history[start:], start + 1)
        ]

    def _common_revision(self, connection: sa.Connection, record: Mapping[str, Any]) -> int | None:
        """For an object the store did not give out: the stored revision, if it goes on from it.

        None when the object's history does not go on from the stored one.

        Raises:
            NotFoundError: The conversation is not stored.
        """
        t = self._tables
        stored = connection.execute(
            sa.select(t.conversations.c.revision).where(t.conversations.c.id == record["id"])
        ).scalar()
        if stored is None:
            raise NotFoundError("store_not_found", id=record["id"])
        history = record["history"]
        if stored > len(history):
            return None
        if stored == 0:
            return 0
        newest = connection.execute(
            sa.select(t.events.c.action, t.events.c.at, t.events.c.user)
            .where(t.events.c.conversation_id == record["id"])
            .where(t.events.c.sequence == stored)
        ).one()
        mine = history[stored - 1]
        same = (newest.action, newest.at, newest.user) == (
            mine["action"],
            dt.datetime.fromisoformat(mine["at"]),
            mine["user"],
        )
        return stored if same else None

    def _conflict(
        self, key: str, id: str, expected: int, timezone: str | None = None
    ) -> ConflictError | NotFoundError:
        """What is stored now, as the error to raise: who saved it last, and when."""
        t = self._tables
        with self._engine.connect() as connection:
            row = connection.execute(
                sa.select(t.conversations.c.revision, t.conversations.c.updated_at).where(
                    t.conversations.c.id == id
                )
            ).first()
            if row is None:
                return NotFoundError("store_not_found", id=id)
            saved_by = connection.execute(
                sa.select(t.events.c.user)
                .where(t.events.c.conversation_id == id)
                .where(t.events.c.sequence == row.revision)
            ).scalar()
        return ConflictError(
            key,
            id=id,
            stored_revision=row.revision,
            expected_revision=expected,
            saved_by=saved_by,
            saved_at=row.updated_at,
            timezone=timezone,
        )

    def _loaded_revision(self, conv: Conversation) -> int | None:
        found = self._loaded.get(id(conv))
        if found is None or found[0]() is not conv:
            return None
        return found[1]

    def _remember(self, conv: Conversation, revision: int) -> None:
        key = id(conv)
        loaded = self._loaded

        def forget(_gone: object) -> None:
            # Runs while the object is freed, before its address can be reused; no lock,
            # as the collector may run this in the middle of anything.
            loaded.pop(key, None)

        loaded[key] = (weakref.ref(conv, forget), revision)  # one dict operation: atomic
