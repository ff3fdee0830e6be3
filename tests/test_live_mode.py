"""Live mode against an OpenAI-compatible server, with a model the price database does not know.

The server is the course's fake of the APIs (autograder.fake_provider) on 127.0.0.1; the settings are the
README's own example: COURSE_BASE_URL and COURSE_MODEL=llama3.2, and no key.
"""
from __future__ import annotations

import importlib
import os
import sys
from decimal import Decimal
from pathlib import Path

import pytest

import agentkit
from agentkit import Client, UnknownModelError, Usage, format_usd, pricing
from autograder.fake_provider import FakeProvider

ROOT = Path(__file__).resolve().parents[1]
MODEL = "llama3.2"
SCENARIO = "../patterns/cost-manager/fixtures/scenarios/support-desk.yaml"  # named by the notebook, unused live


@pytest.fixture
def server(monkeypatch):
    """The fake server, and the environment of a learner who points the course at it."""
    for name in ("COURSE_LLM_MODE", "COURSE_PROVIDER", "COURSE_PRICE_PER_MTOK", "ANTHROPIC_API_KEY",
                 "OPENAI_API_KEY"):
        monkeypatch.delenv(name, raising=False)
    with FakeProvider() as fake:
        monkeypatch.setenv("COURSE_BASE_URL", fake.url + "/v1")
        monkeypatch.setenv("COURSE_MODEL", MODEL)
        yield fake


@pytest.fixture
def cost_manager(monkeypatch):
    """The reference cost manager, imported fresh from solutions/ (and forgotten afterwards)."""
    monkeypatch.syspath_prepend(str(ROOT / "solutions" / "day5-production" / "cost-manager"))
    for name in [m for m in sys.modules if m == "cost_manager" or m.startswith("cost_manager.")]:
        monkeypatch.delitem(sys.modules, name)
    module = importlib.import_module("cost_manager")
    yield module
    for name in [m for m in sys.modules if m == "cost_manager" or m.startswith("cost_manager.")]:
        del sys.modules[name]


def test_the_price_database_does_not_know_the_model():
    with pytest.raises(UnknownModelError):
        pricing.database_cost(MODEL, Usage(input_tokens=1))


def test_a_notebook_client_goes_to_the_server_whatever_provider_it_names(server, capsys):
    client = agentkit.connect(SCENARIO, "anthropic", max_retries=0)
    assert "agentkit: live mode, openai-compatible llama3.2 at http://127.0.0.1:" in capsys.readouterr().out
    reply = client.chat("Where is my parcel?", system="Be brief.", max_tokens=50)
    routed = client.chat("And my refund?", model="claude-opus-5-5", max_tokens=50)  # a model the code names
    streamed = client.stream("Stream hello")
    assert (reply.text, routed.text, streamed.text()) == (
        "fake reply: Where is my parcel?", "fake reply: And my refund?", "fake reply: Stream hello")
    assert [(path, body["model"], body.get("max_tokens")) for path, _, body in server.requests] == \
        [("/v1/chat/completions", MODEL, 50), ("/v1/chat/completions", MODEL, 50), ("/v1/chat/completions", MODEL, 1024)]
    assert reply.usage == Usage(input_tokens=6, output_tokens=6)


def test_an_unpriced_call_succeeds_and_its_cost_is_unknown_not_free(server):
    client = Client("openai")
    reply = client.chat("Say hello")
    assert reply.text == "fake reply: Say hello" and reply.usage.output_tokens > 0
    assert reply.cost_usd is None and client.total_cost_usd is None
    assert format_usd(reply.cost_usd) == "unknown" and format_usd(0.0011442) == "$0.001144"
    assert client.price_per_million() is None


def test_a_budget_without_a_price_fails_clearly_before_any_call(server, cost_manager):
    client = Client("anthropic")
    with pytest.raises(UnknownModelError, match="COURSE_PRICE_PER_MTOK") as refused:
        client.require_price()
    assert MODEL in str(refused.value)
    budgeted = cost_manager.BudgetedClient(client, cost_manager.CostManager(cost_manager.Budget(daily="1")))
    with pytest.raises(UnknownModelError, match="COURSE_PRICE_PER_MTOK"):
        budgeted.chat("Where is my parcel?", max_tokens=100)
    assert server.requests == [], "a budget that cannot price the call must not send it"


def test_a_budget_with_a_supplied_price_works(server, cost_manager, monkeypatch):
    monkeypatch.setenv("COURSE_PRICE_PER_MTOK", "0.5, 1.5")
    client = Client("anthropic")
    client.require_price()
    assert client.price_per_million() == (0.5, 1.5)
    manager = cost_manager.CostManager(cost_manager.Budget(daily=manager_room(cost_manager)))
    budgeted = cost_manager.BudgetedClient(client, manager)
    reply = budgeted.chat("Where is my parcel?", max_tokens=100)
    expected = (reply.usage.input_tokens * Decimal("0.5") + reply.usage.output_tokens * Decimal("1.5")) / 1_000_000
    assert reply.cost_usd == pytest.approx(float(expected)) and client.total_cost_usd == reply.cost_usd
    assert manager.spend_by_model() == {MODEL: expected}
    with pytest.raises(cost_manager.BudgetExceededError):
        budgeted.chat("Write a long guide.", max_tokens=5_000)
    assert len(server.requests) == 1


def manager_room(cost_manager) -> Decimal:
    """A daily budget with room for a 100-token reply and not for a 5,000-token one."""
    return cost_manager.CostManager(cost_manager.Budget()).estimate(MODEL, 100, 1_000)


def test_the_setting_prices_only_the_model_course_model_names(server, monkeypatch):
    monkeypatch.setenv("COURSE_PRICE_PER_MTOK", "0.5,1.5")
    assert pricing.cost_usd(MODEL, Usage(input_tokens=1_000_000)) == 0.5
    with pytest.raises(UnknownModelError):  # a typo is still refused, not billed at the configured price
        pricing.cost_usd("llama3.3", Usage(input_tokens=10))
    monkeypatch.setenv("COURSE_PRICE_PER_MTOK", "cheap")
    with pytest.raises(ValueError, match="COURSE_PRICE_PER_MTOK='cheap'"):
        pricing.cost_usd(MODEL, Usage(input_tokens=10))
    with pytest.raises(ValueError, match="COURSE_PRICE_PER_MTOK='cheap'"):
        Client("anthropic")  # before any call is made, not after
    assert server.requests == []


def test_replay_mode_ignores_the_server(server, monkeypatch):
    monkeypatch.setenv("COURSE_LLM_MODE", "replay")
    client = Client("anthropic", "claude-haiku-4-5")
    assert (client.provider, client.model, client.base_url, client.redirected) == \
        ("anthropic", "claude-haiku-4-5", None, False)


def test_the_server_needs_course_model(server, monkeypatch):
    monkeypatch.delenv("COURSE_MODEL")
    with pytest.raises(ValueError, match="set COURSE_MODEL"):
        Client("anthropic")


def kernel_manager(folder: Path):
    """A kernel on this interpreter, whatever kernelspecs the machine has installed."""
    import json

    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import AsyncKernelManager

    (folder / "course-python").mkdir()
    spec = {"argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
            "display_name": "course python", "language": "python"}
    (folder / "course-python" / "kernel.json").write_text(json.dumps(spec))
    return AsyncKernelManager(kernel_name="course-python",
                              kernel_spec_manager=KernelSpecManager(kernel_dirs=[str(folder)]))


@pytest.mark.timeout(180)
def test_the_cost_notebook_runs_live_against_the_server(server, tmp_path):
    """04-cost's first client cell (and the cells it needs), live: without a price its cost manager refuses
    with the setting's name and nothing is sent; with COURSE_PRICE_PER_MTOK the same cell runs against the
    server, and the budget still refuses the request that does not fit."""
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    path = ROOT / "days" / "day5-production" / "notebooks" / "04-cost.ipynb"
    notebook = nbformat.read(path, as_version=4)
    client_cell = next(i for i, c in enumerate(notebook.cells) if "agentkit.connect(" in c.source)
    needed = [i for i, c in enumerate(notebook.cells[:client_cell]) if c.cell_type == "code"
              and any(name in c.source for name in ("SOLUTIONS = ", "import Budget, CostManager",
                                                    "import BudgetExceededError"))]
    priced = nbformat.v4.new_code_cell('import os\nos.environ["COURSE_PRICE_PER_MTOK"] = "0.5,1.5"')
    cells = [notebook.cells[i] for i in needed]
    notebook.cells = [*cells, nbformat.v4.new_code_cell(notebook.cells[client_cell].source), priced,
                      nbformat.v4.new_code_cell(notebook.cells[client_cell].source)]
    env = {k: v for k, v in os.environ.items() if k not in ("COURSE_LLM_MODE", "COURSE_PRICE_PER_MTOK")}
    runner = nbclient.NotebookClient(notebook, km=kernel_manager(tmp_path), timeout=120, allow_errors=True,
                                     resources={"metadata": {"path": str(path.parent)}})
    runner.execute(env=env)

    def printed(cell):
        return "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")

    setup_errors = [o.evalue for c in notebook.cells[:len(cells)] for o in c.outputs if o.output_type == "error"]
    assert not setup_errors, setup_errors
    unpriced, _, live = notebook.cells[-3:]
    assert "agentkit: live mode, openai-compatible llama3.2 at http://127.0.0.1:" in printed(unpriced)
    error = next(o for o in unpriced.outputs if o.output_type == "error")
    assert error.ename == "UnknownModelError" and "COURSE_PRICE_PER_MTOK" in error.evalue, error.evalue
    assert not [o for o in live.outputs if o.output_type == "error"], live.outputs
    assert "answer: fake reply: Where is my parcel? Order 88213." in printed(live)
    assert "refused: daily budget" in printed(live) and "requests that reached the model: 1" in printed(live)
    assert [(p, body["model"]) for p, _, body in server.requests] == [("/v1/chat/completions", MODEL)]
