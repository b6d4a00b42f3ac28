"""The Dask backend gives the same results as the local run (a LocalCluster on loopback)."""

from __future__ import annotations

import pytest

from provenance import compare
from provenance.errors import ProvenanceError

from .conftest import FIXTURES

distributed = pytest.importorskip("distributed")


def test_dask_cluster_results_equal_local_results() -> None:
    task = FIXTURES / "tasks" / "lru-cache-ttl"
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, host="127.0.0.1", dashboard_address=":0", processes=True
    ) as cluster:
        remote = compare(
            task / "original", task / "translation", scheduler=cluster.scheduler_address
        )
    local = compare(task / "original", task / "translation", jobs=1)
    assert remote.files == local.files
    assert len(remote.files) == 4


def test_unreachable_scheduler_is_a_clear_error() -> None:
    with pytest.raises(ProvenanceError, match="cannot use the Dask scheduler"):
        compare(
            FIXTURES / "demo" / "original",
            FIXTURES / "demo" / "rewrite",
            scheduler="tcp://127.0.0.1:9",
        )
