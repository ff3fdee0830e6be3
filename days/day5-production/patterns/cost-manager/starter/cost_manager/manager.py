"""Budgets per request, per UTC day and per UTC month, enforced with reserve-then-settle.

Checking a budget and then spending is a race: twenty requests can all pass the check before the first one
has cost anything. So a request *reserves* its worst-case cost first, atomically with the check, and every
later check counts reservations that are still open. When the call returns, `settle` swaps the reservation
for the actual cost; when it fails, `release` gives the reservation back. Money is Decimal throughout, as
genai-prices returns it. Read the README's contract first; the tests check exactly that.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from types import TracebackType

from agentkit.types import Usage
from cost_manager import prices  # noqa: F401 - prices.cost and prices.worst_case do the pricing
from cost_manager.periods import Clock, as_utc, day_key, month_key, utc_now  # noqa: F401

LIMITS = ("per_request", "daily", "monthly")


def as_money(value: Decimal | str | int | float | None) -> Decimal | None:
    """A limit as Decimal. A float goes through its shortest repr: 0.1 becomes Decimal("0.1"), not
    Decimal("0.1000000000000000055511151231257827...")."""
    if value is None:
        return None
    money = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if not money.is_finite() or money < 0:
        raise ValueError(f"a budget limit must be a finite amount >= 0, not {value!r}")
    return money


@dataclass(frozen=True)
class Budget:
    """Limits in US dollars. None means no limit of that kind; 0 stops all spending of that kind."""

    per_request: Decimal | None = None
    daily: Decimal | None = None
    monthly: Decimal | None = None

    def __post_init__(self) -> None:
        for name in LIMITS:
            object.__setattr__(self, name, as_money(getattr(self, name)))


class BudgetExceededError(Exception):
    """A request refused before it was sent. `limit` is "per_request", "daily" or "monthly"; `period` is the
    day or month key (None for per_request); `cost` is the request's worst case; `available` what was left."""

    def __init__(self, limit: str, *, cost: Decimal, available: Decimal, period: str | None = None):
        self.limit, self.cost, self.available, self.period = limit, cost, available, period
        where = f" for {period}" if period else ""
        super().__init__(f"{limit} budget{where}: this request may cost ${cost}, but only ${available} is available")


@dataclass(frozen=True)
class Reservation:
    """The worst-case cost of one request, held against its day and month until settled or released."""

    id: int
    model: str
    amount: Decimal
    day: str
    month: str
    at: datetime = field(repr=False)


class CostManager:
    """Prices requests with genai-prices and keeps them within `budget`, safely across threads and tasks.

    Read the time only through `self.clock()` (it returns an aware datetime; the tests pass a fake one), and
    pass `provider=self.provider` to the pricing functions.
    """

    def __init__(self, budget: Budget, *, clock: Clock = utc_now, provider: str | None = None):
        self.budget, self.clock, self.provider = budget, clock, provider
        # TODO step 3: the state. Spend per day key, per month key and per model; the worst cases held by open
        # reservations per day key and per month key; the open reservations (by id); a counter for ids; and
        # a threading.Lock that guards all of it (step 5).

    def estimate(self, model: str, input_tokens: int, max_output_tokens: int) -> Decimal:
        """The most this request can cost: input tokens plus `max_output_tokens` (the max_tokens you will send),
        at genai-prices' price. UnknownModelError for a model it cannot price."""
        # TODO step 3: prices.worst_case(..., provider=self.provider, at=<now>).
        raise NotImplementedError("step 3: CostManager.estimate")

    def cost(self, model: str, usage: Usage) -> Decimal:
        """What `usage` (a reply's usage) cost on `model`. Records nothing."""
        return prices.cost(model, usage, provider=self.provider, at=as_utc(self.clock()))

    def record(self, model: str, usage: Usage) -> Decimal:
        """Add a call that has already happened to the current day's, month's and model's totals; return its
        cost. No budget check: the money is spent."""
        # TODO step 3
        raise NotImplementedError("step 3: CostManager.record")

    def reserve(self, model: str, input_tokens: int, max_output_tokens: int) -> Reservation:
        """Check every budget and hold this request's worst case, in one step. Raise BudgetExceededError naming
        the first limit that would be exceeded, in the order per_request, daily, monthly; a request exactly
        at a limit fits. The daily and monthly checks count spend AND open reservations of that day / month."""
        # TODO step 4: price the worst case, check per_request, then under the lock (step 5) check the day and
        # the month, and hold the amount against both keys. Return a Reservation.
        raise NotImplementedError("step 4: CostManager.reserve")

    def settle(self, reservation: Reservation, usage: Usage) -> Decimal:
        """Replace the reservation by the actual cost of `usage`; return that cost. Charge it to the day and
        month the reservation was made in. ValueError if the reservation is not open (already settled or
        released)."""
        # TODO step 4
        raise NotImplementedError("step 4: CostManager.settle")

    def release(self, reservation: Reservation) -> bool:
        """Give an unused reservation back (the call failed or was never made). False if it was not open."""
        # TODO step 4
        raise NotImplementedError("step 4: CostManager.release")

    def spend(self, model: str, input_tokens: int, max_output_tokens: int) -> Spending:
        """`with manager.spend(...) as reservation:` (or `async with`): reserve on entry; inside, make the call and
        `manager.settle(reservation, reply.usage)`. If the block raises, the reservation is released."""
        return Spending(self, model, input_tokens, max_output_tokens)

    def spend_by_day(self) -> dict[str, Decimal]:
        """Settled and recorded spend per UTC day key ("2026-12-31"). Open reservations are not spend."""
        # TODO step 3
        raise NotImplementedError("step 3: CostManager.spend_by_day")

    def spend_by_month(self) -> dict[str, Decimal]:
        """The same per UTC month key ("2026-12")."""
        # TODO step 3
        raise NotImplementedError("step 3: CostManager.spend_by_month")

    def spend_by_model(self) -> dict[str, Decimal]:
        """The same per model id, as it was passed to reserve / record."""
        # TODO step 3
        raise NotImplementedError("step 3: CostManager.spend_by_model")


class Spending:
    """The context manager `CostManager.spend` returns; must work with `with` and with `async with`."""

    def __init__(self, manager: CostManager, model: str, input_tokens: int, max_output_tokens: int):
        self.manager, self.model = manager, model
        self.input_tokens, self.max_output_tokens = input_tokens, max_output_tokens
        self.reservation: Reservation | None = None

    def __enter__(self) -> Reservation:
        # TODO step 6: reserve, remember the reservation, return it.
        raise NotImplementedError("step 6: Spending.__enter__")

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        # TODO step 6: if the block raised, release the reservation and let the error propagate (return None).
        # If it ended normally without settling, decide what a budget that fails closed should do.
        raise NotImplementedError("step 6: Spending.__exit__")

    async def __aenter__(self) -> Reservation:
        # TODO step 6
        raise NotImplementedError("step 6: Spending.__aenter__")

    async def __aexit__(self, kind: type[BaseException] | None, error: BaseException | None,
                        trace: TracebackType | None) -> None:
        # TODO step 6
        raise NotImplementedError("step 6: Spending.__aexit__")
