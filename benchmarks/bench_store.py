"""Benchmark of the conversation store on SQLite (issue 13, item 7).

Run: python benchmarks/bench_store.py [--quick]

Measures in one run, on one machine, in SQLite files of a temporary folder:

(a) get + one action + save through the Store, against (b) the same done by
    hand with the sqlite3 module: one SELECT of the record's JSON, the same
    action, one UPDATE with the revision check and one INSERT of the event.
    Both restore and write the record with the library, so the ratio is what
    the store adds. Target: a/b <= 3.
(c) ``find(follow_up_before=..., limit=50)`` with the same 50 matches among
    10,000 and among 100,000 stored conversations. Targets: under 50 ms at
    100,000, and no more than 2x the time at 10,000 (the conversations that
    do not match cost nothing).
(d) ``export`` of 10,000 and of 100,000 conversations: peak memory
    (tracemalloc) during each. Target: the larger no more than 1.5x the
    smaller (flat memory).

``--quick`` uses 2,000 and 10,000 conversations and few repeats, and judges
nothing: CI runs it to see that it still runs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sqlite3
import sys
import tempfile
import time
import timeit
import tracemalloc
import uuid
from pathlib import Path
from typing import Any

import sqlalchemy as sa

import samenbeslissen as sb
from samenbeslissen.store import Store
from samenbeslissen.store._tables import tables

START = dt.datetime(2026, 1, 5, 9, tzinfo=dt.timezone.utc)
DUE = dt.date(2026, 3, 1)


def conversation(i: int) -> sb.Conversation:
    """A conversation at the options step, ready to be deferred and resumed in turns."""
    ticks = iter(START + dt.timedelta(minutes=n) for n in range(100))
    conv = sb.Conversation(
        "Welke hulp in het huishouden past bij u?",
        client=sb.Participant(name=f"Cliënt {i}"),
        professional=sb.Participant(name="Consulent"),
        clock=lambda: next(ticks),
    )
    conv.inform(may_codecide=True, preferred_role=sb.DecisionRole.SHARED)
    conv.add_option(sb.Option(key="thuiszorg", title="Thuiszorg"))
    conv.add_option(sb.Option(key="zelf", title="Zelf regelen", status_quo=True))
    conv.present_options()
    conv.weigh({"vast": 4, "geld": 2})
    return conv


def act(conv: sb.Conversation) -> None:
    if conv.step is sb.Step.DEFERRED:
        conv.resume(user="mw-0042")
    else:
        conv.defer(reason="Eerst met de dochter praten.", user="mw-0042")


def round_trip(folder: Path, count: int, repeat: int) -> tuple[float, float]:
    """(a) and (b): the best time of one load, act and save, in seconds."""
    convs = [conversation(i) for i in range(count)]
    store = Store(f"sqlite:///{folder / 'a.db'}")
    store.create_tables()
    for conv in convs:
        store.add(conv)
    ids = [conv.id for conv in convs]

    hand = sqlite3.connect(folder / "b.db", isolation_level=None)
    hand.execute("PRAGMA journal_mode = WAL")
    hand.execute("CREATE TABLE gesprekken (id TEXT PRIMARY KEY, revision INT, record TEXT)")
    hand.execute(
        "CREATE TABLE acties (id TEXT, volgnummer INT, actie TEXT, PRIMARY KEY (id, volgnummer))"
    )
    for conv in convs:
        hand.execute("INSERT INTO gesprekken VALUES (?, ?, ?)", (conv.id, 0, conv.to_json()))
    position = [0, 0]

    def with_store() -> None:
        id = ids[position[0] % count]
        position[0] += 1
        conv = store.get(id)
        act(conv)
        store.save(conv)

    def by_hand() -> None:
        id = ids[position[1] % count]
        position[1] += 1
        (record, seen) = hand.execute(
            "SELECT record, revision FROM gesprekken WHERE id = ?", (id,)
        ).fetchone()
        conv = sb.Conversation.from_json(record)
        act(conv)
        event = conv.history[-1].to_dict()
        hand.execute("BEGIN")
        hand.execute(
            "UPDATE gesprekken SET record = ?, revision = ? WHERE id = ? AND revision = ?",
            (conv.to_json(), seen + 1, id, seen),
        )
        hand.execute("INSERT INTO acties VALUES (?, ?, ?)", (id, conv.revision, json.dumps(event)))
        hand.execute("COMMIT")

    number = count
    a = b = float("inf")
    for _ in range(repeat):  # in turns, so that both see the same machine
        a = min(a, timeit.timeit(with_store, number=number) / number)
        b = min(b, timeit.timeit(by_hand, number=number) / number)
    store.engine.dispose()
    hand.close()
    return a, b


def fill(store: Store, total: int, due: int) -> None:
    """``total`` stored conversations, ``due`` of them with a follow-up before DUE.

    Written as rows straight into the tables (the record of one decided
    conversation under new ids): adding 100,000 one by one would take minutes.
    """
    conv = conversation(0)
    conv.decide(
        "thuiszorg",
        decided_by=sb.DecisionRole.SHARED,
        rationale="Vaste hulp.",
        follow_up=dt.date(2026, 1, 20),
    )
    template = conv.to_dict()
    t = tables()
    batch: list[dict[str, Any]] = []
    with store.engine.begin() as connection:
        for i in range(total):
            id = str(uuid.UUID(int=i + 1))
            record = dict(template, id=id)
            batch.append(
                {
                    "id": id,
                    "revision": record["revision"],
                    "step": record["step"],
                    "created_at": START + dt.timedelta(seconds=i),
                    "updated_at": START + dt.timedelta(seconds=i),
                    # The due ones spread over the table; the others far ahead.
                    "follow_up": DUE - dt.timedelta(days=1)
                    if i % (total // due) == 0
                    else DUE + dt.timedelta(days=30 + i % 300),
                    "decided_option": "thuiszorg",
                    "decision_role": "shared",
                    "language": "nl",
                    "record": record,
                }
            )
            if len(batch) == 5_000:
                connection.execute(t.conversations.insert(), batch)
                batch = []
        if batch:
            connection.execute(t.conversations.insert(), batch)


def due_query(store: Store, repeat: int) -> float:
    """(c): the best time of the follow-up query, in seconds."""

    def query() -> None:
        found = list(store.find(step=sb.Step.DECIDED, follow_up_before=DUE, limit=50))
        assert 50 == len(found), len(found)

    query()  # the first one warms the caches of SQLite and the decoders
    return min(timeit.repeat(query, number=1, repeat=repeat))


def export_peak(store: Store, target: Path) -> tuple[float, int]:
    """(d): seconds and the peak of traced memory while exporting everything."""
    tracemalloc.start()
    start = time.perf_counter()
    count = store.export(target)
    seconds = time.perf_counter() - start
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert count > 0
    return seconds, peak


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--quick", action="store_true", help="fewer conversations and repeats, targets not judged"
    )
    args = parser.parse_args(argv)
    small, large = (2_000, 10_000) if args.quick else (10_000, 100_000)
    repeat = 2 if args.quick else 5
    print(f"python {sys.version.split()[0]}, samenbeslissen {sb.__version__}, "
          f"SQLAlchemy {sa.__version__}, SQLite {sqlite3.sqlite_version}")  # fmt: skip
    ok = True
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        a, b = round_trip(folder, 50 if args.quick else 200, repeat)
        ratio = a / b
        ok &= ratio <= 3
        print(f"(a) get + one action + save with the Store: {a * 1e6:,.0f} µs")
        print(f"(b) the same by hand (SELECT, UPDATE, INSERT with sqlite3): {b * 1e6:,.0f} µs")
        print(f"a/b = {ratio:.2f} (target <= 3)")

        timings = {}
        peaks = {}
        for total in (small, large):
            store = Store(f"sqlite:///{folder / f'{total}.db'}")
            store.create_tables()
            made = time.perf_counter()
            fill(store, total, 50)
            made = time.perf_counter() - made
            timings[total] = due_query(store, repeat * 4)
            seconds, peaks[total] = export_peak(store, folder / f"{total}.jsonl")
            size = (folder / f"{total}.jsonl").stat().st_size / 1e6
            print(
                f"{total:,} conversations (stored in {made:.1f} s): follow-up query "
                f"{timings[total] * 1e3:.1f} ms; export {seconds:.1f} s, {size:.0f} MB, "
                f"peak traced memory {peaks[total] / 1e6:.1f} MB"
            )
            store.engine.dispose()
        growth = timings[large] / timings[small]
        memory = peaks[large] / peaks[small]
        ok &= timings[large] < 0.050 and growth <= 2 and memory <= 1.5
        print(
            f"(c) follow-up query at {large:,}: {timings[large] * 1e3:.1f} ms (target < 50 ms), "
            f"x{growth:.2f} the time at {small:,} (target <= x2)"
        )
        print(f"(d) export memory at {large:,}: x{memory:.2f} that at {small:,} (target <= x1.5)")
    if args.quick:
        print("quick run: targets not judged")
        return 0
    print("all targets met" if ok else "TARGET MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
