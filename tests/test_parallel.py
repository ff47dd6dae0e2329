"""map_unordered on a real process pool: every result comes back, and the caller hears when it is
about to wait (the ingest commits its batch of writes then)."""
from __future__ import annotations

import os
import time

from pipeline.parallel import map_unordered


def slow_square(x: int) -> int:
    time.sleep(0.2)  # long enough that the first wait finds nothing ready
    return x * x


def test_on_idle_runs_before_each_wait_with_nothing_ready():
    events: list = []
    for item, value in map_unordered(slow_square, range(4), workers=2, on_idle=lambda: events.append("idle")):
        events.append((item, value))
    assert sorted(e for e in events if e != "idle") == [(x, x * x) for x in range(4)]
    assert events[0] == "idle"  # nothing was ready when the caller first had to wait
    # an idle call is never followed by another without a result between them: it is a wait, not a poll
    assert all(not (a == b == "idle") for a, b in zip(events, events[1:]))


def test_on_idle_waits_its_grace_first():
    # results that come back sooner than the grace never make the caller idle (the ingest: no commit per
    # plan); a grace shorter than the work does, once per wait as before
    patient: list = []
    for item, value in map_unordered(slow_square, range(4), workers=2, on_idle=lambda: patient.append("idle"),
                                     idle_after=5.0):
        patient.append((item, value))
    assert patient and "idle" not in patient
    eager: list = []
    for item, value in map_unordered(slow_square, range(4), workers=2, on_idle=lambda: eager.append("idle"),
                                     idle_after=0.05):
        eager.append((item, value))
    assert eager[0] == "idle" and sorted(e for e in eager if e != "idle") == [(x, x * x) for x in range(4)]


def square_or_die(x: int) -> int:
    if x == 5:
        os._exit(1)  # a reader library crashing the worker: the whole process goes
    return x * x


def test_chunks_keep_order_and_a_crash_in_one_is_that_item_alone():
    # ten items in chunks of four on one worker, item 5 kills its worker: every other item still gets its own
    # value once (its chunk is rerun one item at a time), only 5 is reported dead, the one "alone" (a big
    # file) included. The order is not promised: chunks done but not yet collected when the worker died are
    # rerun after the crash (seen once in fifteen runs on a loaded machine: 2, 0, 1, 3)
    got = list(map_unordered(square_or_die, range(10), workers=1, chunk=4, alone=lambda x: x == 2,
                             on_crash=lambda item, exc: "died"))
    assert sorted(got, key=lambda pair: pair[0]) == [(x, "died" if x == 5 else x * x) for x in range(10)]


def test_chunks_group_items_in_order_with_the_alone_ones_by_themselves():
    from pipeline.parallel import _chunks

    assert list(_chunks(range(7), 3, None)) == [[0, 1, 2], [3, 4, 5], [6]]
    assert list(_chunks(range(7), 3, lambda x: x == 1)) == [[0], [1], [2, 3, 4], [5, 6]]
    assert list(_chunks(range(3), 1, lambda x: True)) == [[0], [1], [2]]
