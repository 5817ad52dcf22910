"""One conversation shared by several threads: actions are atomic, every record reloads."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator

import pytest

import samenbeslissen as sb
from tests.strategies import new

THREADS = 8
ROUNDS = 30


@pytest.fixture
def busy_switching() -> Iterator[None]:
    """Threads take turns far more often than usual, so that a race shows."""
    before = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    yield
    sys.setswitchinterval(before)


def play_round() -> None:
    conv = new()
    conv.inform(may_codecide=True)
    start = threading.Barrier(THREADS)
    saved: list[str] = []
    refused: list[sb.SamenBeslissenError] = []

    def work(number: int) -> None:
        start.wait()
        for attempt in range(4):
            # Two threads try each key: exactly one of them may add it.
            key = f"optie-{number // 2}-{attempt}"
            option = sb.Option(key=key, title=key, pros=("a",), cons=("b",))
            try:
                conv.add_option(option, user=f"u{number}")
            except sb.InputError as error:
                refused.append(error)
            saved.append(conv.to_json())

    threads = [threading.Thread(target=work, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert THREADS * 4 // 2 == len(conv.options) == len(refused)
    assert 1 + len(conv.options) == conv.revision
    for record in saved:
        assert sb.Conversation.from_json(record).revision <= conv.revision
    assert conv == sb.Conversation.from_json(conv.to_json())


@pytest.mark.usefixtures("busy_switching")
def test_eight_threads_acting_and_saving_at_once_leave_records_that_reload() -> None:
    for _ in range(ROUNDS):
        play_round()
