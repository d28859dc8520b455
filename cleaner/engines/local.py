"""Run input files here (``jobs=1``) or in local worker processes.

Workers are processes, not threads: lxml and trafilatura are not
thread-safe.  Each worker is replaced after ``recycle`` files to bound the
memory lxml accumulates.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait

from cleaner.runner import TaskResult, process_input
from cleaner.sources.files import InputFile


class LocalEngine:
    """Process inputs in this process or a pool; yield results as they finish."""

    def __init__(self, jobs: int | None = None, recycle: int = 500) -> None:
        self.jobs = jobs or os.cpu_count() or 1
        self.recycle = recycle

    def map(self, inputs: Sequence[InputFile], out_dir: str) -> Iterator[TaskResult]:
        if self.jobs <= 1 or len(inputs) <= 1:
            for inp in inputs:
                yield process_input(inp, out_dir)
            return
        with ProcessPoolExecutor(max_workers=self.jobs, max_tasks_per_child=self.recycle) as pool:
            pending: set[Future[TaskResult]] = set()
            todo = iter(inputs)
            window = self.jobs * 4  # bounded queue: memory does not grow with the input count
            for inp in todo:
                pending.add(pool.submit(process_input, inp, out_dir))
                if len(pending) >= window:
                    done, pending = wait(pending, return_when=FIRST_COMPLETED)
                    for fut in done:
                        yield fut.result()
            for fut in pending:
                yield fut.result()
