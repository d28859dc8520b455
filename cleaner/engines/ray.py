"""Run input files as Ray tasks: one task per input file (or shard).

Install with ``pip install 'cleaner[ray]'``.  Each task runs the very same
:func:`cleaner.runner.process_input` as the local engine, so outputs are
byte-identical; workers write their output files directly, so on a
multi-node cluster the input and output folders must be on storage every
node sees at the same path (NFS, a mounted bucket…).  The driver keeps the
incremental state and the report, as with the local engine.

Limits: the size limit applies as usual; the time limit is the ``SIGALRM``
one (Ray runs a task in its worker's main thread), and a task whose worker
dies (a crash inside C code) is reported for the whole file as ``crash``.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterator, Sequence
from typing import Any

from cleaner.options import DEFAULT_OPTIONS, StageOptions
from cleaner.runner import Limits, TaskResult, process_input
from cleaner.sources.files import InputFile


def _task(inp: InputFile, out_dir: str, limits: Limits, options: StageOptions = DEFAULT_OPTIONS) -> TaskResult:
    return process_input(inp, out_dir, limits=limits, options=options)


class RayEngine:
    """Submit one Ray task per input; yield results as they finish.

    ``address`` is passed to ``ray.init`` (``"auto"`` or ``"ray://host:10001"``
    for an existing cluster); without it a local Ray instance is started,
    unless one is already initialised in this process.
    """

    def __init__(
        self,
        address: str | None = None,
        limits: Limits | None = None,
        in_flight: int | None = None,
        options: StageOptions = DEFAULT_OPTIONS,
    ) -> None:
        try:
            import ray
        except ImportError as exc:  # pragma: no cover - depends on the optional extra
            raise SystemExit("cleaner: --engine ray needs Ray: pip install 'cleaner[ray]'") from exc
        self.ray = ray
        self.address = address
        self.limits = limits or Limits()
        self.in_flight = in_flight
        self.options = options
        self.restarts = 0

    def _init(self) -> None:
        ray = self.ray
        if not ray.is_initialized():
            kwargs: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False}
            if self.address:
                kwargs["address"] = self.address
            ray.init(**kwargs)

    def map(self, inputs: Sequence[InputFile], out_dir: str) -> Iterator[TaskResult]:
        if not inputs:
            return
        self._init()
        ray = self.ray
        # Workers may run elsewhere (another node, another working directory): send absolute paths.
        out_dir = os.path.abspath(out_dir)
        inputs = [dataclasses.replace(inp, path=os.path.abspath(inp.path)) for inp in inputs]
        # max_retries=0: a file that kills its worker would kill the next one too.
        remote = ray.remote(num_cpus=1, max_retries=0)(_task)
        limits_ref = ray.put(self.limits)
        cpus = int(ray.cluster_resources().get("CPU", 1))
        window = self.in_flight or max(2, cpus * 2)  # bounded: the driver's memory does not grow with inputs
        pending: dict[Any, InputFile] = {}
        todo = iter(inputs)
        exhausted = False
        while pending or not exhausted:
            while not exhausted and len(pending) < window:
                inp = next(todo, None)
                if inp is None:
                    exhausted = True
                    break
                pending[remote.remote(inp, out_dir, limits_ref, self.options)] = inp
            if not pending:
                break
            done, _ = ray.wait(list(pending), num_returns=1)
            for ref in done:
                inp = pending.pop(ref)
                try:
                    yield ray.get(ref)
                except Exception as exc:  # worker died, or the task raised despite process_input's guards
                    self.restarts += 1
                    rejection = {"path": inp.rel, "reason": "crash", "detail": f"{type(exc).__name__}: {exc}"[:300]}
                    yield TaskResult(inp.rel, None, 0, 0, 0, "", [rejection])
