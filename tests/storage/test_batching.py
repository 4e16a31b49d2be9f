"""The group-commit Batcher, with a plain async `run` and no database."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

import pytest

from bot.storage.batching import Batcher

# Every wait in these tests is bounded: a broken Batcher fails them, it never hangs them.
LIMIT_SECONDS = 5


class Recorder:
    """A `run` that remembers every batch it was given and answers item -> item * 10."""

    def __init__(self) -> None:
        self.batches: list[list[int]] = []

    async def __call__(self, items: list[int]) -> list[int]:
        self.batches.append(list(items))
        await asyncio.sleep(0)  # a real run awaits the database at least once
        return [item * 10 for item in items]


async def test_a_lone_call_gets_its_result_in_one_round() -> None:
    run = Recorder()
    batcher: Batcher[int, int] = Batcher(run)
    async with asyncio.timeout(LIMIT_SECONDS):
        assert await batcher(7) == 70
    assert run.batches == [[7]]
    assert batcher.rounds == 1


async def test_concurrent_calls_share_rounds_and_each_gets_its_own_result() -> None:
    run = Recorder()
    batcher: Batcher[int, int] = Batcher(run)
    items = list(range(50))
    async with asyncio.timeout(LIMIT_SECONDS):
        results = await asyncio.gather(*(batcher(i) for i in items))
    assert results == [i * 10 for i in items]  # the right result to the right caller
    assert batcher.rounds == len(run.batches)
    assert batcher.rounds <= 5  # far fewer than one per call
    assert max(len(b) for b in run.batches) > 1
    assert sorted(i for b in run.batches for i in b) == items  # each item run exactly once


async def test_pairing_follows_the_order_run_answers_in() -> None:
    """Results are handed back by position, so distinct results reach distinct callers."""

    async def run(items: list[str]) -> list[str]:
        await asyncio.sleep(0)
        return [f"answer to {item}" for item in items]

    batcher: Batcher[str, str] = Batcher(run)
    names = [f"caller-{i}" for i in range(20)]
    async with asyncio.timeout(LIMIT_SECONDS):
        results = await asyncio.gather(*(batcher(n) for n in names))
    assert results == [f"answer to {n}" for n in names]


async def test_max_batch_is_respected() -> None:
    run = Recorder()
    batcher: Batcher[int, int] = Batcher(run, max_batch=5)
    async with asyncio.timeout(LIMIT_SECONDS):
        results = await asyncio.gather(*(batcher(i) for i in range(23)))
    assert results == [i * 10 for i in range(23)]
    assert all(1 <= len(b) <= 5 for b in run.batches), run.batches
    assert batcher.rounds == len(run.batches) >= 5  # 23 items cannot fit in fewer rounds
    assert sorted(i for b in run.batches for i in b) == list(range(23))


async def test_one_bad_item_fails_only_its_own_caller() -> None:
    batches: list[list[int]] = []

    async def run(items: list[int]) -> list[int]:
        batches.append(list(items))
        await asyncio.sleep(0)
        if 13 in items:
            raise ValueError("13 is bad")
        return [item * 10 for item in items]

    batcher: Batcher[int, int] = Batcher(run)
    async with asyncio.timeout(LIMIT_SECONDS):
        results = await asyncio.gather(*(batcher(i) for i in range(20)), return_exceptions=True)
    for i, result in enumerate(results):
        if i == 13:
            assert isinstance(result, ValueError) and "13 is bad" in str(result)
        else:
            assert result == i * 10
    # The shared round failed, then every item was tried on its own.
    assert len(batches[0]) > 1 and 13 in batches[0]
    assert [13] in batches
    assert batcher.rounds == len(batches)


async def test_wrong_number_of_results_fails_the_callers_clearly() -> None:
    async def run(items: list[int]) -> list[int]:
        await asyncio.sleep(0)
        return [item * 10 for item in items][:-1]  # always one short

    batcher: Batcher[int, int] = Batcher(run)
    async with asyncio.timeout(LIMIT_SECONDS):
        with pytest.raises(RuntimeError, match="batch of 1 gave 0 results"):
            await batcher(1)
        results = await asyncio.gather(*(batcher(i) for i in range(4)), return_exceptions=True)
    assert len(results) == 4
    for result in results:
        assert isinstance(result, RuntimeError)
        assert "gave 0 results" in str(result)


async def test_wrong_count_for_a_batch_is_retried_one_by_one() -> None:
    """A run that miscounts only big batches still answers everyone, by retrying alone."""

    async def run(items: Sequence[int]) -> list[int]:
        await asyncio.sleep(0)
        answers = [item * 10 for item in items]
        return answers if len(items) == 1 else answers + [0]

    batcher: Batcher[int, int] = Batcher(run)
    async with asyncio.timeout(LIMIT_SECONDS):
        results = await asyncio.gather(*(batcher(i) for i in range(6)))
    assert results == [i * 10 for i in range(6)]


async def test_a_cancelled_caller_does_not_stop_the_others() -> None:
    entered = asyncio.Event()
    release = asyncio.Event()
    batches: list[list[int]] = []

    async def run(items: list[int]) -> list[int]:
        batches.append(list(items))
        entered.set()
        await release.wait()
        return [item * 10 for item in items]

    batcher: Batcher[int, int] = Batcher(run)
    async with asyncio.timeout(LIMIT_SECONDS):
        # The first caller is the one that started the worker: cancelling it is the
        # strongest case.
        tasks = [asyncio.create_task(batcher(i)) for i in range(3)]
        await entered.wait()
        late = asyncio.create_task(batcher(3))  # queued while the round runs
        await asyncio.sleep(0)
        tasks[0].cancel()
        late.cancel()
        release.set()
        results = await asyncio.gather(*tasks, late, return_exceptions=True)
    assert isinstance(results[0], asyncio.CancelledError)
    assert results[1:3] == [10, 20]
    assert isinstance(results[3], asyncio.CancelledError)
    assert batches[0] == [0, 1, 2]
    # A call after all that still works.
    async with asyncio.timeout(LIMIT_SECONDS):
        assert await batcher(4) == 40


async def test_a_call_during_a_round_goes_to_the_next_round() -> None:
    entered = asyncio.Event()
    release = asyncio.Event()
    batches: list[list[int]] = []

    async def run(items: list[int]) -> list[int]:
        batches.append(list(items))
        if len(batches) == 1:
            entered.set()
            await release.wait()
        return [item * 10 for item in items]

    batcher: Batcher[int, int] = Batcher(run)
    async with asyncio.timeout(LIMIT_SECONDS):
        first = asyncio.create_task(batcher(1))
        await entered.wait()
        second = asyncio.create_task(batcher(2))
        third = asyncio.create_task(batcher(3))
        await asyncio.sleep(0)
        release.set()
        assert await asyncio.gather(first, second, third) == [10, 20, 30]
    assert batches == [[1], [2, 3]]
    assert batcher.rounds == 2


async def test_after_the_worker_finishes_a_new_call_starts_a_new_round() -> None:
    run = Recorder()
    batcher: Batcher[int, int] = Batcher(run)
    async with asyncio.timeout(LIMIT_SECONDS):
        for n in range(1, 4):  # bounded: three separate moments
            assert await batcher(n) == n * 10
            assert batcher.rounds == n
            for _ in range(3):  # let the worker task finish; a few ticks at most
                await asyncio.sleep(0)
            # Nothing left queued or running: the next call must start a worker itself.
            assert batcher._worker is not None and batcher._worker.done()
            assert batcher._queue == []
        results = await asyncio.gather(batcher(8), batcher(9))
    assert results == [80, 90]
    assert run.batches == [[1], [2], [3], [8, 9]]
    assert batcher.rounds == 4
