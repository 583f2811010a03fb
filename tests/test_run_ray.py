"""`--engine ray`: on a real local Ray cluster started here (2 CPUs), the report is the local one; a dead
actor costs only its call; without Ray installed the flag says how to install it."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass

import pytest
from typer.testing import CliRunner

from msgcheck.cli.main import app
from msgcheck.errors import EngineError
from msgcheck.report.schema import to_json
from msgcheck.run import CheckerSpec, make_runner
from msgcheck.types import CallReport

cli = CliRunner()


def test_without_ray_the_engine_says_how_to_install_it(monkeypatch, demo_campaign_dir, demo_calls):
    monkeypatch.setitem(sys.modules, "ray", None)  # `import ray` now raises ImportError
    with pytest.raises(EngineError, match=r"pip install 'msgcheck\[scale\]'"):
        make_runner("ray")
    result = cli.invoke(app, ["check", "-a", str(demo_campaign_dir), str(demo_calls[0]), "--engine", "ray"])
    assert result.exit_code == 2
    assert "pip install 'msgcheck[scale]'" in result.stderr and "Traceback" not in result.output


@pytest.fixture(scope="module")
def ray_cluster():
    ray = pytest.importorskip("ray")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield ray
    ray.shutdown()


class _FakeChecker:
    def check_call(self, campaign, transcript):
        return None

    def check_source(self, campaign, t, reps):
        if getattr(t, "name", "") == "poison.txt":
            os._exit(9)  # the actor's process dies, as an out-of-memory kill would end it
        return CallReport(call=str(getattr(t, "name", t)), reps=[], prospects=[campaign], drift_score=0.0)


@dataclass(frozen=True)
class _FakeSpec(CheckerSpec):
    def build(self):
        return _FakeChecker()


@dataclass(frozen=True)
class _Named:
    name: str


def test_a_dead_actor_costs_only_its_call(ray_cluster):
    from ray import cloudpickle

    from msgcheck.run.ray import RayRunner

    cloudpickle.register_pickle_by_value(sys.modules[__name__])  # the actors cannot import this test file
    calls = [_Named("a.txt"), _Named("poison.txt"), _Named("b.txt"), _Named("c.txt")]
    reports = list(RayRunner(_FakeSpec(), actors=2).run("camp", calls))
    assert [r.call for r in reports] == ["a.txt", "poison.txt", "b.txt", "c.txt"]
    assert [r.error is None for r in reports] == [True, False, True, True]
    assert reports[1].internal and reports[0].prospects == ["camp"]


@pytest.mark.slow
def test_a_local_ray_cluster_writes_the_local_report(
    ray_cluster, checker, demo_campaign_dir, demo_calls, tmp_path
):
    """`msgcheck check --engine ray` on the cluster this test started (actors with the real models, the
    campaign through the object store, calls shipped as bytes) writes the report a local run writes,
    with a missing call reported as a local run reports it."""
    calls = [demo_calls[0], tmp_path / "missing.txt", demo_calls[2], demo_calls[4]]
    result = cli.invoke(
        app,
        ["check", "-a", str(demo_campaign_dir), *map(str, calls), "-f", "json", "--engine", "ray", "-j", "2"],
    )
    assert result.exit_code == 2, result.output  # the missing call
    assert result.stdout == to_json(checker.check([demo_campaign_dir], calls))
    assert "missing.txt: file not found" in result.stderr
