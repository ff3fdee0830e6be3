"""The model registry agrees with the maintained price database wherever that database knows a fact."""
import pytest
from genai_prices import data_snapshot

from agentkit.models import REGISTRY

SNAPSHOT = data_snapshot.get_snapshot()


@pytest.mark.parametrize("model", sorted(REGISTRY))
def test_context_window_agrees_with_genai_prices(model):
    info = REGISTRY[model]
    _, listed = SNAPSHOT.find_provider_model(model, None, info.provider, None)
    if listed.context_window is None:
        pytest.skip(f"genai-prices gives no context window for {model}")
    assert info.context_window == listed.context_window, (
        f"{model}: the registry says {info.context_window:,} tokens, genai-prices {listed.context_window:,}")


@pytest.mark.parametrize("model", sorted(REGISTRY))
def test_output_limit_fits_inside_the_window(model):
    info = REGISTRY[model]
    assert 0 < info.max_output_tokens < info.context_window
