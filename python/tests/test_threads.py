"""score_pairs releases the GIL, and a forked child gets a working thread pool."""

from __future__ import annotations

import multiprocessing
import sys
import threading
import time
import warnings

import pytest

import hawiya

LEFTS = [f"Saleh Al-Fadhala {i % 5000}" for i in range(200_000)]
RIGHTS = [f"صالح الفضالة {i % 4000}" for i in range(200_000)]


def test_score_pairs_releases_the_gil() -> None:
    done = threading.Event()
    result: list[object] = []

    def work() -> None:
        result.append(hawiya.score_pairs(LEFTS, RIGHTS))
        done.set()

    t = threading.Thread(target=work)
    ticks = 0
    t.start()
    start = time.perf_counter()
    while not done.is_set():
        ticks += 1
        time.sleep(0.001)
    elapsed = time.perf_counter() - start
    t.join()
    assert len(result[0]) == len(LEFTS)  # type: ignore[arg-type]
    # With the GIL held during the Rust call, this loop could not run in the meantime.
    if elapsed > 0.05:
        assert ticks >= 10, (ticks, elapsed)


def _child() -> float:
    return float(hawiya.score_pairs(["Saleh Al-Fadhala"] * 1000, ["صالح الفضالة"] * 1000).sum())


@pytest.mark.skipif(sys.platform != "linux", reason="fork start method")
def test_fork_after_parallel_work_does_not_hang() -> None:
    parent = float(hawiya.score_pairs(["Saleh Al-Fadhala"] * 1000, ["صالح الفضالة"] * 1000).sum())
    ctx = multiprocessing.get_context("fork")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        with ctx.Pool(1) as pool:
            child = pool.apply_async(_child).get(timeout=120)
    assert child == parent
