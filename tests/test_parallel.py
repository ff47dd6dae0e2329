"""map_unordered on a real process pool: every result comes back, and the caller hears when it is
about to wait (the ingest commits its batch of writes then)."""
from __future__ import annotations

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
