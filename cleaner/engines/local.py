"""Run input files in supervised local worker processes (or inline).

Workers are processes, not threads: lxml and trafilatura are not
thread-safe.  The parent keeps ``jobs`` workers busy with a bounded number
of files in flight, so memory does not grow with the number of inputs, and:

* replaces each worker after ``recycle`` documents, bounding the memory lxml
  accumulates;
* watches the document each worker is on (two shared numbers per worker) and
  kills a worker that overruns the time limit by ``grace`` seconds, which
  catches hangs inside C code that ``SIGALRM`` cannot interrupt;
* when a worker dies or is killed, runs the same file again in a fresh worker
  with that document marked ``timeout`` / ``crash``, so the rest of the file
  is still processed and the output is the same whichever worker ran it.
"""

from __future__ import annotations

import contextlib
import importlib
import multiprocessing as mp
import os
import time
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any

from cleaner.options import DEFAULT_OPTIONS, StageOptions
from cleaner.runner import Limits, TaskResult, process_input
from cleaner.sources.files import InputFile

# A file whose workers keep dying is given up after this many fresh starts.
MAX_RESTARTS = 20


def _context() -> Any:
    methods = mp.get_all_start_methods()
    # fork starts a worker in milliseconds with the parent's modules already imported.
    return mp.get_context("fork" if "fork" in methods else "spawn")


def _worker(
    conn: Connection,
    out_dir: str,
    limits: Limits,
    recycle: int,
    current: Any,
    started: Any,
    options: StageOptions = DEFAULT_OPTIONS,
) -> None:
    """Worker loop: receive ``(task_id, InputFile, skip)``, send ``(task_id, TaskResult, retiring)``."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops us

    def hook(index: int) -> None:
        if index < 0:
            started.value = 0.0
        else:
            current.value = index
            started.value = time.monotonic()

    done = 0
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        task_id, inp, skip = message
        result = process_input(inp, out_dir, limits=limits, skip=skip, hook=hook, options=options)
        done += max(result.documents, 1)
        # After a soft timeout the interpreter may be in an odd state: start afresh.
        retiring = done >= recycle or result.timed_out
        try:
            conn.send((task_id, result, retiring))
        except (BrokenPipeError, OSError):
            return
        if retiring:
            return


@dataclass
class _Slot:
    """One worker process and what it is doing."""

    proc: Any
    conn: Connection
    current: Any  # index of the document in progress
    started: Any  # monotonic start of that document, 0 when idle between documents
    task: tuple[int, InputFile, dict[int, str]] | None = None


@dataclass
class _Job:
    inp: InputFile
    skip: dict[int, str] = field(default_factory=dict)
    restarts: int = 0


class LocalEngine:
    """Process inputs in supervised worker processes; yield results as they finish.

    ``jobs=0`` runs inline in this process (no hard kill; ``SIGALRM`` only),
    which the Ray engine and debugging use.  ``options``: see :class:`~cleaner.pipeline.StageOptions`.
    """

    def __init__(
        self,
        jobs: int | None = None,
        recycle: int = 1000,
        limits: Limits | None = None,
        grace: float | None = None,
        options: StageOptions = DEFAULT_OPTIONS,
    ) -> None:
        self.jobs = (os.cpu_count() or 1) if jobs is None else jobs
        self.recycle = max(1, recycle)
        self.limits = limits or Limits()
        limit = self.limits.time_limit
        self.grace = grace if grace is not None else (max(2.0, limit * 0.5) if limit else 0.0)
        self.restarts = 0  # workers replaced after a crash or a hard timeout (for the report)
        self.options = options

    def map(self, inputs: Sequence[InputFile], out_dir: str) -> Iterator[TaskResult]:
        if self.jobs <= 0:
            for inp in inputs:
                yield process_input(inp, out_dir, limits=self.limits, options=self.options)
            return
        yield from self._supervised(inputs, out_dir)

    # -- supervised pool -------------------------------------------------

    def _spawn(self, out_dir: str) -> _Slot:
        # The stages' modules are imported here, once there is work, so that forked workers start
        # with them loaded; a run with nothing to do never imports them.
        importlib.import_module("cleaner.pipeline")
        ctx = _context()
        parent, child = ctx.Pipe()
        current = ctx.RawValue("q", -1)
        started = ctx.RawValue("d", 0.0)
        proc = ctx.Process(
            target=_worker,
            args=(child, out_dir, self.limits, self.recycle, current, started, self.options),
            daemon=True,
        )
        proc.start()
        child.close()
        return _Slot(proc, parent, current, started)

    @staticmethod
    def _stop(slot: _Slot, kill: bool = False) -> None:
        if kill and slot.proc.is_alive():
            slot.proc.kill()
        else:
            with contextlib.suppress(OSError, BrokenPipeError):
                slot.conn.send(None)
        slot.proc.join(timeout=5)
        if slot.proc.is_alive():
            slot.proc.kill()
            slot.proc.join()
        slot.conn.close()

    def _supervised(self, inputs: Sequence[InputFile], out_dir: str) -> Iterator[TaskResult]:
        jobs = list(inputs)
        if not jobs:
            return
        todo: deque[_Job] = deque()
        waiting: dict[int, _Job] = {}
        next_input = 0
        next_id = 0
        hard = (self.limits.time_limit or 0) + self.grace if self.limits.time_limit else None
        slots = [self._spawn(out_dir) for _ in range(min(self.jobs, len(jobs)))]
        remaining = len(jobs)

        def hand_out() -> None:
            """Give work to idle workers: retries first, then new inputs (bounded: one file per worker)."""
            nonlocal next_input, next_id
            for i, slot in enumerate(slots):
                if slot.task is not None:
                    continue
                if todo:
                    job = todo.popleft()
                elif next_input < len(jobs):
                    job = _Job(jobs[next_input])
                    next_input += 1
                else:
                    break
                if not slot.proc.is_alive():
                    self._stop(slot)
                    slot = slots[i] = self._spawn(out_dir)
                slot.task = (next_id, job.inp, dict(job.skip))
                waiting[next_id] = job
                next_id += 1
                slot.started.value = 0.0
                with contextlib.suppress(BrokenPipeError, OSError):  # a dead worker is noticed below
                    slot.conn.send(slot.task)

        try:
            while remaining:
                hand_out()
                busy = [s for s in slots if s.task is not None]
                ready = wait([s.conn for s in busy] + [s.proc.sentinel for s in busy], timeout=0.25)
                now = time.monotonic()
                finished: list[TaskResult] = []
                for i, slot in enumerate(slots):
                    if slot.task is None:
                        continue
                    task_id = slot.task[0]
                    if slot.conn in ready:
                        try:
                            got_id, result, retiring = slot.conn.recv()
                        except (EOFError, OSError):
                            got_id = None
                        if got_id == task_id:
                            waiting.pop(task_id)
                            slot.task = None
                            remaining -= 1
                            if retiring:
                                self._stop(slot)
                                slots[i] = self._spawn(out_dir)
                            finished.append(result)
                            continue
                    started = slot.started.value
                    overdue = hard is not None and started > 0 and now - started > hard
                    if overdue or not slot.proc.is_alive():
                        reason = "timeout" if overdue else "crash"
                        job = waiting.pop(task_id)
                        job.skip[int(slot.current.value)] = reason
                        job.restarts += 1
                        self.restarts += 1
                        self._stop(slot, kill=True)
                        slots[i] = self._spawn(out_dir)
                        if job.restarts > MAX_RESTARTS or started <= 0:
                            # Died between documents (reading or writing the file): no document to blame.
                            remaining -= 1
                            detail = f"the worker process died on this file ({job.restarts} times)"
                            finished.append(TaskResult(job.inp.rel, None, 0, 0, 0, "", [_giveup(job.inp.rel, detail)]))
                        else:
                            todo.append(job)
                if finished:
                    # Idle workers get their next file before the caller records these results (state
                    # commits, the report): otherwise they wait through that bookkeeping every file.
                    hand_out()
                    yield from finished
        finally:
            for slot in slots:
                self._stop(slot, kill=slot.task is not None)


def _giveup(rel: str, detail: str) -> dict[str, str]:
    return {"path": rel, "reason": "crash", "detail": detail}
