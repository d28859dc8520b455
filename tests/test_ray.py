"""The Ray engine on a local Ray instance gives byte-identical outputs to the local engine."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from cleaner.cli import run_inputs

ray = pytest.importorskip("ray", reason="the optional Ray extra is not installed (pip install 'cleaner[ray]')")
pytestmark = pytest.mark.ray

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def local_ray() -> Iterator[None]:
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        yield
    finally:
        ray.shutdown()


def outputs(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*.json*"))
            if ".cleaner" not in p.parts}  # fmt: skip


def test_ray_matches_local(tmp_path: Path, local_ray: None) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for p in (ROOT / "raw").iterdir():
        (src / p.name).write_bytes(p.read_bytes())
    records = [{"url": f"https://example.org/{n}", "html": f"<html><body><article><p>Item {n} of the list. "
                f"It describes one small harbour event in some detail.</p></article></body></html>"}
               for n in range(5)] + [{"html": ""}]  # fmt: skip
    (src / "batch.jsonl.gz").write_bytes(gzip.compress("".join(json.dumps(r) + "\n" for r in records).encode()))
    (src / "noise.bin").write_bytes(bytes(range(256)) * 8)
    local, remote = tmp_path / "local", tmp_path / "ray"
    assert run_inputs([str(src)], str(local), jobs=2, quiet=True) == 0
    assert run_inputs([str(src)], str(remote), engine="ray", quiet=True) == 0
    assert outputs(local) == outputs(remote)
    assert len(outputs(remote)) == len(list((ROOT / "raw").iterdir())) + 1
    reports = [json.loads((d / ".cleaner" / "report.json").read_text()) for d in (local, remote)]
    assert reports[0]["rejected"] == reports[1]["rejected"] and reports[0]["articles"] == reports[1]["articles"] == 9
    # the driver keeps the incremental state: a second Ray run skips everything
    assert run_inputs([str(src)], str(remote), engine="ray", quiet=True) == 0
    again = json.loads((remote / ".cleaner" / "report.json").read_text())
    assert again["skipped_unchanged"] == again["inputs"] and again["processed"] == 0
