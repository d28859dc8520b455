"""The run report: what each stage did, what was rejected and why."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cleaner.sinks.files import atomic_write
from cleaner.stages.base import StageStats


@dataclass
class RunReport:
    """Counts for one run; merged from every worker."""

    inputs: int = 0
    skipped_unchanged: int = 0
    processed: int = 0
    articles: int = 0
    rejected: list[dict[str, str]] = field(default_factory=list)
    stages: dict[str, StageStats] = field(default_factory=dict)
    seconds: float = 0.0
    skipped_records: Counter[str] = field(default_factory=Counter)  # container records that are not pages
    worker_restarts: int = 0  # workers replaced after a crash or a hard timeout
    peak_rss_mib: float = 0.0  # of the process that ran the report (workers are recycled separately)

    def add_skipped(self, skipped: dict[str, int]) -> None:
        self.skipped_records.update(skipped)

    def add_stages(self, stats: dict[str, dict[str, Any]]) -> None:
        for name, data in stats.items():
            self.stages.setdefault(name, StageStats()).merge(StageStats.from_dict(data))

    def reject(self, path: str, reason: str, detail: str) -> None:
        self.rejected.append({"path": path, "reason": reason, "detail": detail})

    def removal_reasons(self) -> dict[str, int]:
        total: Counter[str] = Counter()
        for name, s in self.stages.items():
            if name == "cruft" or s.removed:
                total.update({k: v for k, v in s.reasons.items()})
        return dict(sorted(total.items()))

    def to_dict(self) -> dict[str, Any]:
        return {
            "inputs": self.inputs,
            "skipped_unchanged": self.skipped_unchanged,
            "processed": self.processed,
            "articles": self.articles,
            "rejected_count": len(self.rejected),
            "rejection_reasons": dict(sorted(Counter(r["reason"] for r in self.rejected).items())),
            "removal_reasons": self.removal_reasons(),
            "stages": {name: s.to_dict() for name, s in self.stages.items()},
            "skipped_records": dict(sorted(self.skipped_records.items())),
            "worker_restarts": self.worker_restarts,
            "peak_rss_mib": round(self.peak_rss_mib, 1),
            "seconds": round(self.seconds, 3),
            # Sorted: workers finish in any order, the report should not depend on it.
            "rejected": sorted(self.rejected, key=lambda r: (r["path"], r["reason"])),
        }

    def write(self, path: str | Path) -> None:
        atomic_write(path, [json.dumps(self.to_dict(), indent=2, ensure_ascii=False) + "\n"])

    def summary(self) -> str:
        lines = [
            f"inputs {self.inputs}: {self.skipped_unchanged} unchanged, {self.processed} processed, "
            f"{self.articles} articles, {len(self.rejected)} rejected in {self.seconds:.2f}s"
        ]
        for name, s in self.stages.items():
            rej = ", ".join(f"{k}={v}" for k, v in sorted(s.rejected.items()))
            lines.append(
                f"  {name:<10} processed {s.processed:>6}  changed {s.changed:>6}  removed {s.removed:>6}"
                f"  {s.seconds:8.3f}s" + (f"  rejected: {rej}" if rej else "")
            )
        return "\n".join(lines)
