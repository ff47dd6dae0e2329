"""Run one function over many items on worker processes, results as they finish.

`map_unordered` is the single entry point: a local process pool by default, a
Dask cluster when a scheduler is named ("local" starts a LocalCluster on this
machine, "tcp://host:port" joins a running one). The caller consumes results
in its own process, in the order they finish.

Items are submitted through a bounded window rather than all at once, so a
million-file ingest does not queue a million futures, and the caller's item
generator (which hashes files and skips known ones) runs interleaved with the
work instead of before it.
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from typing import Any


def default_workers() -> int:
    try:
        return len(os.sched_getaffinity(0))  # the cores this process may use, not the machine's
    except AttributeError:
        return os.cpu_count() or 1


def map_unordered(fn: Callable[[Any], Any], items: Iterable[Any], workers: int | None = None,
                  scheduler: str | None = None,
                  on_crash: Callable[[Any, BaseException], Any] | None = None,
                  initializer: Callable[[], None] | None = None,
                  chunk: int = 1, alone: Callable[[Any], bool] | None = None,
                  many: Callable[[list], list] | None = None) -> Iterator[tuple[Any, Any]]:
    """Yield (item, fn(item)) in completion order.

    `fn` should catch its own errors and return them as values; `on_crash(item,
    exc)` supplies the value for an item whose worker died (default: re-raise).
    `initializer` runs once in each local worker process (limits, parent watch).
    `chunk` > 1 (local pool only) hands items to a worker up to that many at a time, except those
    `alone(item)` is true of (a big file: it would hold its chunk's others back): a round trip through
    the pool costs the caller about half a millisecond of CPU, as much as storing a small plan. The
    worker runs `many(items)` on a chunk (the ingest stores a chunk in one commit), `fn` on each item
    of it by default; `many` must return a value for each item, in their order. The items of a chunk
    whose worker died are rerun one at a time with `fn`, like any other.
    Closing the iterator early (the caller stopped: an error, Ctrl+C) ends the
    workers at once instead of waiting for the items in flight.
    """
    workers = max(1, workers or default_workers())
    if scheduler:
        return _dask_map(fn, items, workers, scheduler, on_crash)
    return _pool_map(fn, items, workers, on_crash, initializer, chunk, alone, many)


@contextmanager
def _pool(workers: int, initializer):
    pool = ProcessPoolExecutor(max_workers=workers, initializer=initializer)
    try:
        yield pool
    except BaseException:  # GeneratorExit included: nobody wants the results in flight any more
        processes = list((getattr(pool, "_processes", None) or {}).values())
        pool.shutdown(wait=False, cancel_futures=True)
        for proc in processes:  # our own workers, by handle
            if proc.is_alive():
                proc.kill()
        raise
    pool.shutdown(wait=True)


def _chunks(items: Iterable[Any], size: int, alone: Callable[[Any], bool] | None) -> Iterator[list]:
    """The items in lists of up to `size`, in their order; an item `alone` is true of in a list of its own."""
    group: list = []
    for item in items:
        if size > 1 and alone is not None and alone(item):
            if group:  # the ones before it first: one worker stores them in the order given
                yield group
                group = []
            yield [item]
            continue
        group.append(item)
        if len(group) >= size:
            yield group
            group = []
    if group:
        yield group


def _each(fn: Callable[[Any], Any], items: list) -> list:
    """Runs on a worker: fn over a chunk of items."""
    return [fn(item) for item in items]


def _pool_map(fn, items, workers, on_crash, initializer=None, chunk=1, alone=None, many=None):
    pending = _chunks(items, chunk, alone)
    window = workers * 4
    suspects: list = []  # items in flight when a worker died
    while True:
        with _pool(workers, initializer) as pool:
            # A dead worker breaks the whole pool and every future in flight, so the
            # culprit is unknown; rerun those items one at a time, where a crash
            # names its cause (a reader library segfaulting, memory exhausted).
            while suspects:
                item = suspects.pop(0)
                try:
                    value = pool.submit(fn, item).result()
                except BrokenProcessPool as exc:
                    if on_crash is None:
                        raise
                    yield item, on_crash(item, exc)
                    break  # this pool is dead; the outer loop makes a new one
                yield item, value
            if suspects:
                continue
            running: dict = {}  # future → the items it runs
            unsubmitted: list = []
            try:
                for group in pending:
                    unsubmitted = group  # submit() itself raises once the pool has died
                    future = (pool.submit(fn, group[0]) if len(group) == 1 else
                              pool.submit(many, group) if many else pool.submit(_each, fn, group))
                    running[future] = group
                    unsubmitted = []
                    if len(running) < window:
                        continue
                    yield from _drain(running, False)
                yield from _drain(running, True)
                return
            except BrokenProcessPool:
                suspects = [item for group in running.values() for item in group] + unsubmitted


def _drain(running: dict, everything: bool):
    """Yield (item, value) pairs as they finish: the first batch to finish, or all of them."""
    while running:
        done, _ = wait(running, return_when=FIRST_COMPLETED)
        for fut in done:
            value = fut.result()  # BrokenProcessPool propagates; the items stay in `running`
            group = running.pop(fut)
            if len(group) == 1:
                yield group[0], value
            else:
                yield from zip(group, value)
        if not everything:
            return


_END = object()


def _dask_map(fn, items, workers, scheduler, on_crash):
    from distributed import Client, LocalCluster, as_completed

    cluster = None
    if scheduler == "local":
        # one thread per worker process: extraction is CPU-bound Python, threads would share one GIL
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
    else:
        client = Client(scheduler)
    try:
        window = max(workers, sum(client.nthreads().values())) * 4
        pending = iter(items)
        futures: dict = {}
        queue = as_completed()

        def submit():
            item = next(pending, _END)
            if item is _END:
                return False
            fut = client.submit(fn, item, pure=False)
            futures[fut.key] = item
            queue.add(fut)
            return True

        for _ in range(window):
            if not submit():
                break
        for fut in queue:
            item = futures.pop(fut.key)
            try:
                value = fut.result()
            except Exception as exc:  # KilledWorker after Dask's own retries
                if on_crash is None:
                    raise
                value = on_crash(item, exc)
            fut.release()
            yield item, value
            submit()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
