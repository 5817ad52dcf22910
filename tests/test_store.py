"""Tests of the conversation store on real databases: SQLite always, PostgreSQL when given."""

from __future__ import annotations

import datetime as dt
import io
import json
import multiprocessing
import os
import subprocess
import sys
import textwrap
import threading
import uuid
import zoneinfo
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

import samenbeslissen as sb
from samenbeslissen.store import Store, _store
from samenbeslissen.store._migrations import VERSION_TABLE, upgrade
from samenbeslissen.store._tables import tables
from tests.strategies import FOLLOW_UP, at

POSTGRES = os.environ.get("SAMENBESLISSEN_TEST_POSTGRES", "")
"""A PostgreSQL URL to test against as well (``.ci/run`` sets it); empty: SQLite only."""

BACKENDS = (
    ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)] if POSTGRES else ["sqlite"]
)


def postgres_url() -> str:
    """The PostgreSQL URL, checked once: in CI a server that cannot be reached fails the test."""
    engine = sa.create_engine(POSTGRES)
    try:
        with engine.connect():
            pass
    except sa.exc.OperationalError as error:
        if os.environ.get("CI") == "true":
            pytest.fail(f"PostgreSQL at {POSTGRES} cannot be reached in CI: {error}")
        pytest.skip(f"PostgreSQL at {POSTGRES} cannot be reached")
    finally:
        engine.dispose()
    return POSTGRES


class Database:
    """One database for one test: an SQLite file, or a schema of its own on PostgreSQL."""

    def __init__(self, backend: str, tmp_path: Path) -> None:
        self.backend = backend
        if backend == "sqlite":
            self.url = f"sqlite:///{tmp_path / 'gesprekken.db'}"
            self.schema: str | None = None
        else:
            self.url = postgres_url()
            # Parallel runs on one server never meet: each test has its own schema.
            self.schema = f"sb_test_{uuid.uuid4().hex[:16]}"

    def store(self, **kwargs: object) -> Store:
        return Store(self.url, schema=self.schema, **kwargs)  # type: ignore[arg-type]

    def drop(self) -> None:
        if self.schema is None:
            return
        engine = sa.create_engine(self.url)
        with engine.begin() as connection:
            connection.execute(sa.schema.DropSchema(self.schema, cascade=True, if_exists=True))
        engine.dispose()


@pytest.fixture(params=BACKENDS)
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    made = Database(request.param, tmp_path)
    yield made
    made.drop()


@pytest.fixture
def store(database: Database) -> Iterator[Store]:
    made = database.store(indexed_meta=["team", "nummer"])
    made.create_tables()
    yield made
    made.engine.dispose()


def count(store: Store, table: str, id: str) -> int:
    t = tables(store.schema)
    chosen = {"conversations": t.conversations, "events": t.events, "meta": t.meta}[table]
    column = chosen.c.id if table == "conversations" else chosen.c.conversation_id
    with store.engine.connect() as connection:
        return connection.execute(
            sa.select(sa.func.count()).select_from(chosen).where(column == id)
        ).scalar_one()


# -- add, get, save ---------------------------------------------------------------


def test_a_conversation_comes_back_as_it_was_added(store: Store) -> None:
    conv = at(sb.Step.DECIDED, meta={"team": "noord"})
    store.add(conv)
    assert conv == store.get(conv.id)
    assert conv.history == store.history(conv.id)


def test_an_unknown_id_is_not_found_and_says_which(store: Store) -> None:
    with pytest.raises(sb.NotFoundError) as raised:
        store.get("0f8fad5b-d9cb-469f-a165-70867728950e")
    assert isinstance(raised.value, LookupError)
    assert "0f8fad5b-d9cb-469f-a165-70867728950e" == raised.value.id
    assert "Er is geen gesprek met id 0f8fad5b-" in str(raised.value)
    for call in (store.history, store.delete):
        with pytest.raises(sb.NotFoundError):
            call("0f8fad5b-d9cb-469f-a165-70867728950e")


def test_adding_an_id_that_is_stored_already_is_a_conflict(store: Store) -> None:
    conv = at(sb.Step.OPTIONS)
    store.add(conv)
    with pytest.raises(sb.ConflictError) as raised:
        store.add(sb.Conversation.from_dict(conv.to_dict()))
    assert (3, 0) == (raised.value.stored_revision, raised.value.expected_revision)
    assert str(raised.value).startswith("Er is al een gesprek met id")
    assert 3 == count(store, "events", conv.id)


def test_save_writes_the_new_events_and_the_columns(store: Store) -> None:
    conv = at(sb.Step.DECIDE)
    store.add(conv)
    loaded = store.get(conv.id)
    later = dt.date.today() + dt.timedelta(days=60)  # a loaded conversation acts now
    loaded.decide(
        "werkervaring",
        decided_by=sb.DecisionRole.SHARED,
        rationale="Ritme.",
        follow_up=later,
        user="mw-0042",
    )
    store.save(loaded)
    again = store.get(conv.id)
    assert loaded == again
    assert sb.Step.DECIDED is again.step
    assert ("mw-0042", 6) == (store.history(conv.id)[-1].user, count(store, "events", conv.id))
    c = tables(store.schema).conversations
    with store.engine.connect() as connection:
        row = connection.execute(sa.select(c).where(c.c.id == conv.id)).one()
    assert (6, "decided", later, "werkervaring", "shared", "nl") == (
        row.revision,
        row.step,
        row.follow_up,
        row.decided_option,
        row.decision_role,
        row.language,
    )
    assert dt.timezone.utc == row.updated_at.tzinfo
    assert conv.created_at == row.created_at


def test_saving_with_nothing_new_writes_nothing(store: Store) -> None:
    conv = at(sb.Step.OPTIONS)
    store.add(conv)
    store.save(conv)
    assert 3 == store.get(conv.id).revision


def test_a_conflict_says_who_saved_and_when_and_changes_nothing(store: Store) -> None:
    conv = at(sb.Step.OPTIONS)
    store.add(conv)
    first, second = store.get(conv.id), store.get(conv.id)
    first.present_options(user="u-1")
    store.save(first)
    second.defer(reason="Ze wil eerst met haar zus praten.", user="u-2")
    before = second.to_dict()
    with pytest.raises(sb.ConflictError) as raised:
        store.save(second)
    error = raised.value
    assert (conv.id, 4, 3, "u-1") == (
        error.id,
        error.stored_revision,
        error.expected_revision,
        error.saved_by,
    )
    assert error.saved_at is not None
    assert dt.timedelta(0) == error.saved_at.utcoffset()
    assert "Dat deed gebruiker u-1." in str(error)
    # The time as the professional reads a clock: in the conversation's own zone.
    local = error.saved_at.astimezone(zoneinfo.ZoneInfo(second.timezone))
    assert f"om {local:%H:%M}." in str(error)
    assert "(UTC)" not in str(error)
    assert "Open the conversation again" in error.message("en")
    assert before == second.to_dict()
    assert first == store.get(conv.id)
    # Reload and redo: the way out the message names.
    redo = store.get(conv.id)
    redo.add_option(sb.Option(key="cursus", title="Taalcursus"), user="u-2")
    store.save(redo)
    assert ["u-1", "u-2"] == [e.user for e in store.history(conv.id)[3:]]


def test_an_object_saved_twice_saves_only_its_new_events(store: Store) -> None:
    conv = at(sb.Step.OPTIONS)
    store.add(conv)
    conv.present_options(user="u-1")
    store.save(conv)
    conv.weigh({"rust": 4}, user="u-1")
    store.save(conv)
    assert conv == store.get(conv.id)
    assert 5 == count(store, "events", conv.id)


def test_an_object_from_elsewhere_is_saved_when_it_goes_on_from_the_stored_history(
    store: Store, database: Database
) -> None:
    conv = at(sb.Step.OPTIONS)
    store.add(conv)
    elsewhere = sb.Conversation.from_json(conv.to_json())
    elsewhere.present_options(user="u-1")
    other_store = database.store()
    other_store.save(elsewhere)
    assert elsewhere == store.get(conv.id)
    # A second object from the same old record no longer goes on from what is stored.
    late = sb.Conversation.from_json(conv.to_json())
    late.defer(reason="Tijd om na te denken.", user="u-2")
    with pytest.raises(sb.ConflictError) as raised:
        other_store.save(late)
    assert (4, "u-1") == (raised.value.stored_revision, raised.value.saved_by)
    behind = sb.Conversation.from_json(conv.to_json())
    with pytest.raises(sb.ConflictError):
        other_store.save(behind)  # three events where four are stored
    other_store.engine.dispose()


def test_the_store_forgets_an_object_when_it_is_gone(store: Store) -> None:
    conv = at(sb.Step.OPTIONS)
    store.add(conv)
    loaded = store.get(conv.id)
    assert 2 == len(store._loaded)
    del loaded
    assert 1 == len(store._loaded)


def test_saving_a_conversation_that_is_not_stored_is_not_found(store: Store) -> None:
    conv = at(sb.Step.OPTIONS)
    with pytest.raises(sb.NotFoundError):
        store.save(conv)
    store.add(conv)
    conv.present_options()
    store.delete(conv.id)
    with pytest.raises(sb.NotFoundError):
        store.save(conv)


def test_events_have_a_unique_sequence_per_conversation(store: Store) -> None:
    conv = at(sb.Step.OPTIONS)
    store.add(conv)
    e = tables(store.schema).events
    with store.engine.begin() as connection:
        row = connection.execute(sa.select(e).where(e.c.sequence == 3)).one()._asdict()
    with pytest.raises(sa.exc.IntegrityError), store.engine.begin() as connection:
        connection.execute(e.insert(), [row])


def test_delete_erases_the_conversation_its_events_and_its_meta(store: Store) -> None:
    conv, kept = at(sb.Step.DECIDED, meta={"team": "noord"}), at(sb.Step.OPTIONS)
    store.add(conv)
    store.add(kept)
    store.delete(conv.id)
    assert [0, 0, 0] == [
        count(store, table, conv.id) for table in ("conversations", "events", "meta")
    ]
    assert kept == store.get(kept.id)


# -- find ---------------------------------------------------------------------------


def decided(follow_up: dt.date, **kwargs: object) -> sb.Conversation:
    conv = at(sb.Step.DECIDE, **kwargs)
    conv.decide(
        "niets", decided_by=sb.DecisionRole.CLIENT_ALONE, rationale="Rust.", follow_up=follow_up
    )
    return conv


def test_find_answers_each_question_oldest_first(store: Store) -> None:
    day = dt.timedelta(days=1)
    base = dt.datetime(2026, 3, 1, 9, tzinfo=dt.timezone.utc)
    due = decided(FOLLOW_UP, meta={"team": "noord"}, created_at=base + day)
    later = decided(FOLLOW_UP + 30 * day, meta={"team": "noord"}, created_at=base)
    elsewhere = decided(
        FOLLOW_UP - day, meta={"team": "zuid", "nummer": 7}, created_at=base + day / 2
    )
    open_ = at(sb.Step.OPTIONS, meta={"team": "noord"}, created_at=base + 2 * day)
    for conv in (due, later, elsewhere, open_):
        store.add(conv)

    def ids(**query: object) -> list[str]:
        return [conv.id for conv in store.find(**query)]  # type: ignore[arg-type]

    assert [later.id, elsewhere.id, due.id, open_.id] == ids()
    assert [later.id, elsewhere.id, due.id] == ids(step=sb.Step.DECIDED)
    assert [elsewhere.id, due.id] == ids(follow_up_before=FOLLOW_UP + day)
    assert [due.id] == ids(follow_up_before=FOLLOW_UP + day, meta={"team": "noord"})
    assert [elsewhere.id] == ids(meta={"team": "zuid", "nummer": 7})
    assert [] == ids(meta={"nummer": "7"})  # the text "7" is not the number 7
    assert [later.id, elsewhere.id] == ids(limit=2)
    assert [open_.id] == ids(step="options")
    assert [] == ids(updated_since=dt.datetime.now(dt.timezone.utc) + dt.timedelta(hours=1))
    assert 4 == len(ids(updated_since=dt.datetime.now(dt.timezone.utc) - dt.timedelta(hours=1)))


def test_find_can_save_what_it_yields(store: Store) -> None:
    conv = at(sb.Step.OPTIONS)
    store.add(conv)
    for found in store.find(step=sb.Step.OPTIONS):
        found.present_options(user="u-1")
        store.save(found)
    assert sb.Step.PREFERENCES is store.get(conv.id).step


def test_find_reads_page_after_page(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_store, "PAGE", 2)
    start = dt.datetime(2026, 3, 1, 9, tzinfo=dt.timezone.utc)
    same_time = [at(sb.Step.INFORM, created_at=start) for _ in range(3)]
    made = [
        *same_time,
        *(at(sb.Step.INFORM, created_at=start + dt.timedelta(hours=i)) for i in (1, 2)),
    ]
    for conv in made:
        store.add(conv)
    expected = sorted(c.id for c in same_time) + [c.id for c in made[3:]]
    assert expected == [c.id for c in store.find()]
    assert expected[:3] == [c.id for c in store.find(limit=3)]


def test_find_refuses_what_it_cannot_answer_from_an_index(store: Store) -> None:
    with pytest.raises(sb.InputError) as raised:
        list(store.find(meta={"zaaknummer": "2026-0412"}))
    assert "meta.zaaknummer" == raised.value.field
    assert "Op zaaknummer kunt u niet zoeken." in str(raised.value)
    for query in (
        {"follow_up_before": "2026-06-01"},
        {"updated_since": dt.datetime(2026, 3, 1)},
        {"limit": "10"},
    ):
        with pytest.raises(sb.InputError):
            list(store.find(**query))  # type: ignore[arg-type]


def test_the_follow_up_query_uses_an_index(store: Store) -> None:
    if store.engine.dialect.name != "sqlite":
        pytest.skip("the plan is read in SQLite's words")
    plans = []

    @sa.event.listens_for(store.engine, "before_cursor_execute", retval=True)
    def explain(
        connection: sa.Connection, cursor: object, statement: str, parameters: object, *_: object
    ) -> tuple[str, object]:
        if statement.startswith("SELECT") and "FROM conversations" in statement:
            raw = connection.connection.dbapi_connection
            assert raw is not None
            found = raw.execute(f"EXPLAIN QUERY PLAN {statement}", parameters).fetchall()
            plans.append(" | ".join(str(row[-1]) for row in found))
        return statement, parameters

    list(store.find(follow_up_before=FOLLOW_UP, step=sb.Step.DECIDED))
    list(store.find(meta={"team": "noord"}))
    list(store.find(updated_since=dt.datetime(2026, 3, 1, tzinfo=dt.timezone.utc)))
    assert 3 == len(plans)
    assert "USING INDEX ix_conversations_step_follow_up" in plans[0]
    assert "ix_conversation_meta_key_value" in plans[1]
    assert "USING INDEX ix_conversations_updated" in plans[2]
    assert not any("SCAN conversations" in plan for plan in plans), plans


# -- export ---------------------------------------------------------------------------


def test_export_writes_json_lines_that_the_report_reads(store: Store, tmp_path: Path) -> None:
    start = dt.datetime(2026, 3, 1, 9, tzinfo=dt.timezone.utc)
    convs = [decided(FOLLOW_UP, created_at=start), at(sb.Step.OPTIONS)]
    for conv in convs:
        store.add(conv)
    target = tmp_path / "gesprekken.jsonl"
    assert 2 == store.export(target)
    read = list(sb.read_records(target))
    assert [c.to_dict() for c in convs] == read
    assert 2 == sb.report(read, threshold=1).total
    into = io.StringIO()
    assert 2 == store.export(into)
    assert target.read_text(encoding="utf-8") == into.getvalue()


# -- SQLite, URLs, migrations ------------------------------------------------------------


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'x.db'}")
    with store.engine.connect() as connection:
        assert "wal" == connection.exec_driver_sql("PRAGMA journal_mode").scalar()
        assert _store.BUSY_TIMEOUT_MS == connection.exec_driver_sql("PRAGMA busy_timeout").scalar()
    store.engine.dispose()


def test_an_engine_of_the_host_is_used_as_it_is(tmp_path: Path) -> None:
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'x.db'}")
    store = Store(engine)
    store.create_tables()
    conv = at(sb.Step.OPTIONS)
    store.add(conv)
    assert store.engine is engine
    assert conv == Store(engine).get(conv.id)
    assert repr(store).startswith("Store('sqlite:///")
    engine.dispose()


@pytest.mark.parametrize("url", ["gesprekken.db", "nosuchdb://x/y", ""])
def test_a_url_that_is_no_database_url_says_what_a_good_one_looks_like(url: str) -> None:
    with pytest.raises(sb.InputError) as raised:
        Store(url)
    assert "url" == raised.value.field
    assert "sqlite:///gesprekken.db" in str(raised.value)


def test_meta_keys_to_index_must_be_text() -> None:
    with pytest.raises(sb.InputError):
        Store("sqlite://", indexed_meta=[""])


def test_the_migrations_give_exactly_the_tables_the_store_describes(
    store: Store, database: Database
) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with store.engine.connect() as connection:
        mine = database.schema

        def only_mine(name: str | None, kind: str, _parents: object) -> bool:
            return kind != "schema" or name == mine  # other runs' schemas are not ours

        context = MigrationContext.configure(
            connection, opts={"include_schemas": mine is not None, "include_name": only_mine}
        )
        differences = compare_metadata(context, tables(database.schema).metadata)
        version = tables(database.schema).metadata.schema
        names = sa.inspect(connection).get_table_names(schema=version)
    ignored = {VERSION_TABLE}
    assert [] == [d for d in differences if not (d[0] == "remove_table" and d[1].name in ignored)]
    assert VERSION_TABLE in names
    assert "alembic_version" not in names  # left to the host's own migrations


def test_a_database_of_the_first_schema_upgrades_to_the_newest_with_its_data(
    database: Database,
) -> None:
    store = database.store(indexed_meta=["team"])
    upgrade(store.engine, schema=database.schema, revision="0001")
    conv = decided(FOLLOW_UP, meta={"team": "noord"})
    store.add(conv)
    store.create_tables()  # the same as `samenbeslissen store upgrade`: to the newest
    store.create_tables()  # and again: nothing left to do
    assert conv == store.get(conv.id)
    assert [conv.id] == [c.id for c in store.find(meta={"team": "noord"})]
    with store.engine.connect() as connection:
        stamped = connection.execute(
            sa.text(f"SELECT version_num FROM {VERSION_TABLE}")
            if database.schema is None
            else sa.text(f"SELECT version_num FROM {database.schema}.{VERSION_TABLE}")
        ).scalar()
    assert "0001" == stamped  # the newest there is; see docs/store.md, "Migrations"
    store.engine.dispose()


# -- without the extra -------------------------------------------------------------------

WITHOUT = textwrap.dedent(
    """
    import sys
    import samenbeslissen as sb

    sb.Conversation("Q?", client=sb.Participant(name="A"), professional=sb.Participant(name="B"))
    assert "sqlalchemy" not in sys.modules, "import samenbeslissen loads no store"
    sys.modules["sqlalchemy"] = None  # as if it were not installed
    try:
        from samenbeslissen.store import Store
    except sb.OptionalDependencyError as error:
        print(error.message("en"))
    """
)


def test_without_the_extra_the_store_says_what_to_install() -> None:
    done = subprocess.run(
        [sys.executable, "-c", WITHOUT], capture_output=True, text=True, check=False
    )
    assert "" == done.stderr
    assert (
        "This needs SQLAlchemy. Install it with: pip install 'samenbeslissen[store]'\n"
        == done.stdout
    )


# -- concurrency ------------------------------------------------------------------------

WORKERS = 8
ROUNDS = 50


def work(
    url: str, schema: str | None, id: str, worker: int, store: Store | None = None
) -> list[str]:
    """Load, act and save ROUNDS times, reloading and redoing on a conflict; what was saved."""
    own = store is None
    store = store or Store(url, schema=schema)
    saved = []
    for round in range(ROUNDS):
        label = f"w{worker}-r{round}"
        while True:
            conv = store.get(id)
            if conv.step is sb.Step.DEFERRED:
                conv.resume(user=label)
            else:
                conv.defer(reason=label, user=label)
            try:
                store.save(conv)
            except sb.ConflictError:
                continue
            saved.append(label)
            break
    if own:
        store.engine.dispose()
    return saved


def check_every_save_is_there_once(store: Store, id: str, saved: list[str]) -> None:
    conv = store.get(id)
    users = [e.user for e in store.history(id)][3:]
    assert WORKERS * ROUNDS == len(saved)
    assert 3 + len(saved) == conv.revision
    assert sorted(saved) == sorted(users)  # none lost, none twice
    assert [e.user for e in conv.history] == [e.user for e in store.history(id)]


def test_threads_sharing_one_store_lose_no_save(store: Store) -> None:
    conv = at(sb.Step.OPTIONS)
    store.add(conv)
    results: list[list[str]] = [[] for _ in range(WORKERS)]

    def run(worker: int) -> None:
        results[worker] = work("", None, conv.id, worker, store)

    threads = [threading.Thread(target=run, args=(w,)) for w in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    check_every_save_is_there_once(store, conv.id, [s for r in results for s in r])


def test_processes_on_one_database_lose_no_save(store: Store, database: Database) -> None:
    conv = at(sb.Step.OPTIONS)
    store.add(conv)
    store.engine.dispose()  # no connection of this process open while the others work
    context = multiprocessing.get_context("spawn")
    with context.Pool(WORKERS) as pool:
        results = pool.starmap(
            work, [(database.url, database.schema, conv.id, w) for w in range(WORKERS)]
        )
    check_every_save_is_there_once(store, conv.id, [s for r in results for s in r])


def test_the_record_column_holds_the_record(store: Store) -> None:
    conv = at(sb.Step.DEFERRED)
    store.add(conv)
    c = tables(store.schema).conversations
    with store.engine.connect() as connection:
        record = connection.execute(sa.select(c.c.record)).scalar_one()
    assert json.loads(conv.to_json()) == record
