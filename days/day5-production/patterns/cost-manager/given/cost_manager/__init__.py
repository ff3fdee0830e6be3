"""Cost management for LLM calls: genai-prices for every price, budgets per request, UTC day and UTC month,
and reserve-then-settle so concurrent requests can never spend more than the budget."""
from agentkit.errors import UnknownModelError
from cost_manager.client import BudgetedClient, count_input_tokens
from cost_manager.manager import Budget, BudgetExceededError, CostManager, Reservation, Spending
from cost_manager.periods import day_key, month_key, utc_now
from cost_manager.prices import UnpricedModelError, cost, per_million, worst_case

__all__ = ["CostManager", "Budget", "Reservation", "Spending", "BudgetExceededError", "UnknownModelError",
           "UnpricedModelError", "BudgetedClient", "count_input_tokens", "cost", "worst_case", "per_million",
           "day_key", "month_key", "utc_now"]
