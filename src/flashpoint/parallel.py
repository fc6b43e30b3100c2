"""Extraction across worker processes, in input order, one batch in flight while the next is read.

Each worker loads the extractor (spaCy model, gazetteer, registry) once and extracts whole chunks,
so spaCy still batches inside a worker; the parent process only reads inputs, writes results and
never loads the model. A job smaller than one batch runs in the parent: starting workers would
cost more than it saves.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import threading
from contextlib import contextmanager
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import partial
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from flashpoint.errors import ExtractionFailed
from flashpoint.models import Article, Document

if TYPE_CHECKING:  # importing the readers (trafilatura, feedparser) would slow `start_worker_server`
    from flashpoint.ingest.sources import Input

Item = TypeVar("Item")
Job = tuple[Article, str]  # (article, doc_id)

BATCH_SIZE = 64  # articles read before they are handed to the workers
LARGE_INPUT_BYTES = 512 * 1024  # inputs this large hold more than a batch of articles
CHUNK_SIZE = 8   # articles a worker extracts in one task: enough for spaCy to batch

_worker_extractor: Any = None
# One article's extraction time limit in seconds (0: none), set by the parent for every run;
# flashpoint.ingest.limits holds the user's value, not imported here to keep workers light.
DEFAULT_EXTRACT_TIMEOUT_S = 120.0


class _TimedOut(Exception):
    pass


@contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Raise _TimedOut in this thread after `seconds`; only the main thread can take the alarm
    (SIGALRM), so elsewhere (an API request's thread) there is no limit."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def alarm(signum: int, frame: Any) -> None:
        raise _TimedOut()

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _reason(error: BaseException, timeout: float) -> str:
    if isinstance(error, _TimedOut):
        return f"extraction took longer than {timeout:g} s (--extract-timeout)"
    text = " ".join(str(error).split())[:300]
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def guarded_extract(extractor: Any, jobs: list[Job], timeout: float) -> list[Document | ExtractionFailed]:
    """Documents for the jobs; one whose extraction raised or ran past `timeout` seconds comes
    back as ExtractionFailed, and the others are extracted all the same.

    The jobs go to spaCy together (it batches); the whole chunk must finish within one article's
    limit for every CHUNK_SIZE articles, which normal articles do by far. When it raises or runs
    over, each article is extracted alone, with its own limit, to find the one at fault.
    """
    try:
        with _time_limit(timeout * max(1.0, len(jobs) / CHUNK_SIZE)):
            return list(extractor.extract_many(jobs))
    except Exception as error:  # noqa: BLE001 - any failure of one article must not end the run
        if len(jobs) == 1:
            return [ExtractionFailed(jobs[0][0].source, _reason(error, timeout))]
    results: list[Document | ExtractionFailed] = []
    for job in jobs:
        try:
            with _time_limit(timeout):
                results.extend(extractor.extract_many([job]))
        except Exception as error:  # noqa: BLE001
            results.append(ExtractionFailed(job[0].source, _reason(error, timeout)))
    return results


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _start_worker() -> None:
    global _worker_extractor
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    from threadpoolctl import threadpool_limits

    from flashpoint.extract import Extractor

    # One BLAS thread a worker: the workers already use every core between them.
    threadpool_limits(limits=1, user_api="blas")
    _worker_extractor = Extractor.load()
    # The gazetteer and registry are hundreds of thousands of objects that live as long as the
    # worker: out of the collector's sight, they are not traversed on every full collection.
    gc.collect()
    gc.freeze()


def _finished(result: Document | ExtractionFailed, finish: Callable[[Document], Any] | None) -> Any:
    if finish is None or isinstance(result, ExtractionFailed):
        return result
    try:
        return finish(result)
    except Exception as error:  # noqa: BLE001 - serialising one document must not end the run
        return ExtractionFailed(result.doc_id if hasattr(result, "doc_id") else "?", _reason(error, 0))


def _extract_chunk(chunk: list[Job], finish: Callable[[Document], Any] | None = None, timeout: float = DEFAULT_EXTRACT_TIMEOUT_S) -> list[Any]:
    return [_finished(result, finish) for result in guarded_extract(_worker_extractor, chunk, timeout)]


def _worker_context() -> Any:
    # forkserver, not fork: the parent may hold a DuckDB connection and progress-bar threads.
    # Not spawn either: a spawned worker re-imports the command line (typer, trafilatura,
    # DuckDB, ...); forked from a server that imported only the extraction code, it starts
    # at once and shares those modules' memory.
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["flashpoint.extract"])
    return context


def start_worker_server() -> None:
    """Start the server that workers fork from now: it imports spaCy and the extraction code while
    the caller goes on loading (the command line) and reading the first articles."""
    from multiprocessing import forkserver

    _worker_context()
    forkserver.ensure_running()


class WorkerPool:
    """`extract_many` over worker processes; work starts when it is called, results come in order."""

    def __init__(self, workers: int):
        self.pool = _worker_context().Pool(workers, initializer=_start_worker)

    def extract_many(
        self, jobs: list[Job], finish: Callable[[Document], Any] | None = None, timeout: float = DEFAULT_EXTRACT_TIMEOUT_S,
    ) -> Iterator[Any]:
        """Documents for the jobs, in order (ExtractionFailed for one that failed); with `finish`,
        what it makes of each, made in the worker."""
        chunks = [jobs[i:i + CHUNK_SIZE] for i in range(0, len(jobs), CHUNK_SIZE)]
        results = self.pool.imap(partial(_extract_chunk, finish=finish, timeout=timeout), chunks)
        return (document for chunk in results for document in chunk)

    def close(self) -> None:
        self.pool.close()
        self.pool.join()

    def terminate(self) -> None:
        self.pool.terminate()
        self.pool.join()


def worth_workers(inputs: Sequence["Input"]) -> bool:
    """Whether the inputs surely hold more than one batch, so that workers can start loading the
    model at once, while the first articles are read (URLs count as small: their size is unknown)."""
    return _holds_a_batch(item.path for item in inputs if item.path is not None) or len(inputs) >= BATCH_SIZE


def worth_starting_early(targets: Sequence[str]) -> bool:
    """`worth_workers` for a command line's raw targets (files, folders, URLs), before anything is
    imported to read them."""
    def files() -> Iterator[Path]:
        for target in targets:
            path = Path(target)
            try:
                if path.is_dir():
                    yield from (p for p in path.rglob("*") if p.is_file())
                elif path.is_file():
                    yield path
            except OSError:
                continue  # not a readable path: reading it later says why
    return _holds_a_batch(files())


def _holds_a_batch(paths: Iterable[Path]) -> bool:
    count = size = 0
    for path in paths:
        count += 1
        try:
            size += path.stat().st_size
        except OSError:
            pass  # reported when it is read
        if count >= BATCH_SIZE or size >= LARGE_INPUT_BYTES:
            return True
    return False


def extract_in_order(
    items: Iterable[Item],
    job_for: Callable[[Item], Job | None],
    workers: int,
    local_extractor: Callable[[], Any],
    start_workers_now: bool = False,
    finish: Callable[[Document], Any] | None = None,
    timeout: float | None = None,
) -> Iterator[tuple[Item, Any]]:
    """Every item with its Document (None where `job_for` says it is not to be extracted, an
    ExtractionFailed where extracting it raised or took longer than `timeout` seconds: the
    other items go on).

    With `finish` (a module-level function, so that it reaches the workers), every item comes with
    what `finish` makes of its Document instead, made where the Document was: a worker returns a
    JSON line much faster than the parent could unpickle the Document and serialise it.

    Items are read a batch at a time; while the workers extract one batch the next is read, so
    reading, deduplication and storing overlap with extraction. Workers start when the first batch
    is full, or at once with `start_workers_now` (see `worth_workers`).
    """
    stream = iter(items)
    if timeout is None:
        from flashpoint.ingest.limits import current

        timeout = current().extract_timeout_s
    pool = WorkerPool(workers) if workers > 1 and start_workers_now else None
    first = list(islice(stream, BATCH_SIZE))
    if pool is None and workers > 1 and len(first) == BATCH_SIZE:
        pool = WorkerPool(workers)

    def extract_many(jobs: list[Job]) -> Iterator[Any]:
        if not jobs:
            return iter(())
        if pool:
            return pool.extract_many(jobs, finish, timeout)
        results = guarded_extract(local_extractor(), jobs, timeout)
        return (_finished(result, finish) for result in results)
    try:
        in_flight: tuple[list[Item], list[Job | None], Iterator[Document]] | None = None
        batch = first
        while batch:
            jobs = [job_for(item) for item in batch]
            started = extract_many([job for job in jobs if job is not None])
            if in_flight:
                yield from _pair(*in_flight)
            in_flight = (batch, jobs, started)
            batch = list(islice(stream, BATCH_SIZE))
        if in_flight:
            yield from _pair(*in_flight)
    except BaseException:
        if pool:
            pool.terminate()
            pool = None
        raise
    finally:
        if pool:
            pool.close()


def _pair(batch: list[Item], jobs: list[Job | None], documents: Iterator[Document]) -> Iterator[tuple[Item, Document | None]]:
    for item, job in zip(batch, jobs):
        yield item, (next(documents) if job is not None else None)
