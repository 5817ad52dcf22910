"""Bounds on what a template may cost: time, output, and the size of what it computes.

A user's template runs in Jinja's sandbox, which keeps it away from Python's
internals but not from the machine's time and memory. Three guards keep a
template that recurses, loops or grows without end from taking a host down:

- the size guard: ``*`` and ``**`` in a template refuse results larger than
  the output limit (``"x" * 10**11``, ``2 ** 99999999999``), and ``range()``
  is capped by the sandbox;
- the output guard: a render stops as soon as it has written more than the
  output limit;
- the time guard: a render that runs longer than the time limit is stopped.
  ``range()`` checks the clock as it counts; for every other loop a watchdog
  thread raises an exception in the rendering thread at the deadline
  (CPython's ``PyThreadState_SetAsyncExc``, the mechanism behind
  ``KeyboardInterrupt``). On other interpreters, and while a tracer such as
  a debugger or a coverage tool is active (CPython then does not raise it),
  only ``range()`` is timed.

Deep recursion (a macro calling itself, a template including itself) ends in
Python's own ``RecursionError``, which the renderer reports as a template error.
"""

from __future__ import annotations

import contextlib
import ctypes
import heapq
import itertools
import os
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from jinja2.exceptions import SecurityError
from jinja2.sandbox import MAX_RANGE

__all__ = [
    "DEFAULT_MAX_OUTPUT",
    "DEFAULT_TIME_LIMIT",
    "RenderTimeout",
    "bounded",
    "budget",
    "check_binop",
    "limited_range",
]

DEFAULT_TIME_LIMIT = 5.0
"""Seconds a render may take before it is stopped (a guide takes about a millisecond)."""

DEFAULT_MAX_OUTPUT = 5_000_000
"""Characters a render may write, and the largest text or list a template may compute."""


class RenderTimeout(BaseException):  # an interruption, like KeyboardInterrupt
    """Raised in a rendering thread that went past its deadline.

    A ``BaseException``, so that no ``except Exception`` in between swallows it.
    """


_local = threading.local()


def _deadline() -> float:
    return getattr(_local, "deadline", float("inf"))


def _max_output() -> int:
    return getattr(_local, "max_output", DEFAULT_MAX_OUTPUT)


def limited_range(*args: int) -> Iterator[int]:
    """``range()`` for templates: at most the sandbox's MAX_RANGE items, and timed."""
    numbers = range(*args)
    if len(numbers) > MAX_RANGE:
        raise SecurityError(f"range() of more than {MAX_RANGE} items")
    return _timed(numbers)


def _timed(numbers: range) -> Iterator[int]:
    deadline = _deadline()
    for count, number in enumerate(numbers):
        if not count & 1023 and time.monotonic() > deadline:
            raise RenderTimeout
        yield number


def check_binop(operator: str, left: Any, right: Any) -> None:
    """Refuse ``*`` and ``**`` whose result would be larger than the output limit.

    Raises:
        SecurityError: The result would be too large to compute.
    """
    limit = _max_output()
    if operator == "*":
        for sequence, times in ((left, right), (right, left)):
            if (
                isinstance(sequence, (str, list, tuple))
                and isinstance(times, int)
                and len(sequence) * times > limit
            ):
                raise SecurityError(f"a text or list of more than {limit} items")
    elif (
        operator == "**"
        and isinstance(left, int)
        and isinstance(right, int)
        # The result has about right * bits(left) bits; a number longer than
        # the output limit could never be written anyway.
        and right > 0
        and abs(left) > 1
        and right * abs(left).bit_length() > limit * 4
    ):
        raise SecurityError("a number too large to compute")


class _Watchdog:
    """One daemon thread for the process: it interrupts renders past their deadline.

    Each render is interrupted once. Repeating it would be unsafe: an
    interruption that lands after the render let go of its watch (in a
    ``finally``) would keep hitting whatever the thread does next.
    """

    def __init__(self) -> None:
        self._reset()

    def _reset(self) -> None:
        # Also in a child process after fork (a pre-forking web server): the
        # thread did not come along, and the lock may have been held.
        self._lock = threading.Lock()
        self._wake = threading.Condition(self._lock)
        self._watched: dict[int, list[Any]] = {}  # token -> [thread id, interrupted]
        self._queue: list[tuple[float, int]] = []  # (when to interrupt, token)
        self._tokens = itertools.count()
        self._thread: threading.Thread | None = None

    def watch(self, deadline: float) -> int:
        with self._lock:
            token = next(self._tokens)
            self._watched[token] = [threading.get_ident(), False]
            heapq.heappush(self._queue, (deadline, token))
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="samenbeslissen-render-watchdog", daemon=True
                )
                self._thread.start()
            self._wake.notify()
        return token

    def release(self, token: int) -> bool:
        """Stop watching; True when the render was interrupted (or is about to be)."""
        with self._lock:
            watched = self._watched.pop(token, None)
            return watched is not None and bool(watched[1])

    def _run(self) -> None:
        with self._lock:
            while True:
                while self._queue and self._queue[0][1] not in self._watched:
                    heapq.heappop(self._queue)  # finished in time
                if not self._queue:
                    self._wake.wait()
                    continue
                when, token = self._queue[0]
                wait = when - time.monotonic()
                if wait > 0:
                    self._wake.wait(wait)
                    continue
                heapq.heappop(self._queue)
                watched = self._watched[token]
                watched[1] = True
                _interrupt(watched[0])


def _interrupt(thread_id: int) -> None:
    if sys.implementation.name == "cpython":
        ctypes.pythonapi.PyThreadState_SetAsyncExc(
            ctypes.c_ulong(thread_id), ctypes.py_object(RenderTimeout)
        )


def _clear_interrupt() -> None:
    if sys.implementation.name == "cpython":
        ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(threading.get_ident()), None)


_WATCHDOG = _Watchdog()
if hasattr(os, "register_at_fork"):  # not on Windows
    os.register_at_fork(after_in_child=_WATCHDOG._reset)


@contextlib.contextmanager
def budget(time_limit: float, max_output: int) -> Iterator[None]:
    """Run the block under a render's limits (nested budgets keep the earlier deadline)."""
    outer = (_deadline(), _max_output())
    _local.deadline = min(outer[0], time.monotonic() + time_limit)
    _local.max_output = max_output
    token = _WATCHDOG.watch(_local.deadline)
    try:
        yield
    finally:
        if _WATCHDOG.release(token):
            # Interrupted at the very end: make sure the exception is not
            # raised later, in the caller's code.
            _clear_interrupt()
        _local.deadline, _local.max_output = outer


def bounded(chunks: Callable[[], Iterable[str]], time_limit: float, max_output: int) -> str:
    """Join the chunks a template generates, within the time and output limits.

    Raises:
        RenderTimeout: The render took longer than ``time_limit`` seconds.
        SecurityError: It wrote (or computed) more than ``max_output`` characters.
    """
    written: list[str] = []
    size = 0
    with budget(time_limit, max_output):
        for chunk in chunks():
            size += len(chunk)
            if size > max_output:
                raise SecurityError(f"more than {max_output} characters of output")
            written.append(chunk)
        return "".join(written)
