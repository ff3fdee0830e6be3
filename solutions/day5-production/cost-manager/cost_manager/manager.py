### BEGIN STARTER
# """Budgets per request, per UTC day and per UTC month, enforced with reserve-then-settle.
#
# Checking a budget and then spending is a race: twenty requests can all pass the check before the first one
# has cost anything. So a request *reserves* its worst-case cost first, atomically with the check, and every
# later check counts reservations that are still open. When the call returns, `settle` swaps the reservation
# for the actual cost; when it fails, `release` gives the reservation back. Money is Decimal throughout, as
# genai-prices returns it. Read the README's contract first; the tests check exactly that.
# """
### END STARTER
### BEGIN SOLUTION
"""Budgets per request, per UTC day and per UTC month, enforced with reserve-then-settle.

Checking a budget and then spending is a race: twenty requests can all pass the check before the first one
has cost anything. So a request *reserves* its worst-case cost first, atomically with the check, and every
later check counts reservations that are still open. When the call returns, `settle` swaps the reservation
for the actual cost; when it fails, `release` gives the reservation back. Money is Decimal throughout, as
genai-prices returns it.
"""
### END SOLUTION
from __future__ import annotations

### BEGIN SOLUTION
import itertools
import threading
from collections import defaultdict
### END SOLUTION
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from types import TracebackType

from agentkit.types import Usage
### BEGIN STARTER
# from cost_manager import prices  # noqa: F401 - prices.cost and prices.worst_case do the pricing
# from cost_manager.periods import Clock, as_utc, day_key, month_key, utc_now  # noqa: F401
### END STARTER
### BEGIN SOLUTION
from cost_manager import prices
from cost_manager.periods import Clock, as_utc, day_key, month_key, utc_now
### END SOLUTION

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
    ### BEGIN STARTER
    # """Prices requests with genai-prices and keeps them within `budget`, safely across threads and tasks.
    #
    # Read the time only through `self.clock()` (it returns an aware datetime; the tests pass a fake one), and
    # pass `provider=self.provider` to the pricing functions.
    # """
    ### END STARTER
    ### BEGIN SOLUTION
    """Prices requests with genai-prices and keeps them within `budget`, safely across threads and tasks.

    >>> manager = CostManager(Budget(per_request="0.05", daily="5", monthly="100"))
    >>> with manager.spend("claude-haiku-4-5", input_tokens=1_200, max_output_tokens=400) as reservation:
    ...     reply = client.chat(prompt, max_tokens=400)
    ...     manager.settle(reservation, reply.usage)
    """
    ### END SOLUTION

    def __init__(self, budget: Budget, *, clock: Clock = utc_now, provider: str | None = None):
        self.budget, self.clock, self.provider = budget, clock, provider
        ### BEGIN STARTER
        # # TODO step 3: the state. Spend per day key, per month key and per model; the worst cases held by open
        # # reservations per day key and per month key; the open reservations (by id); a counter for ids; and
        # # a threading.Lock that guards all of it (step 5).
        ### END STARTER
        ### BEGIN SOLUTION
        self._lock = threading.Lock()  # guards every dict below; never held while pricing or calling a model
        self._ids = itertools.count(1)
        self._spent_by_day: dict[str, Decimal] = defaultdict(Decimal)
        self._spent_by_month: dict[str, Decimal] = defaultdict(Decimal)
        self._spent_by_model: dict[str, Decimal] = defaultdict(Decimal)
        self._held_by_day: dict[str, Decimal] = defaultdict(Decimal)
        self._held_by_month: dict[str, Decimal] = defaultdict(Decimal)
        self._open: dict[int, Reservation] = {}
        ### END SOLUTION
    ### BEGIN SOLUTION

    def _now(self) -> datetime:
        return as_utc(self.clock())

    # Prices ---------------------------------------------------------------------------------------------------
    ### END SOLUTION

    def estimate(self, model: str, input_tokens: int, max_output_tokens: int) -> Decimal:
        ### BEGIN STARTER
        # """The most this request can cost: input tokens plus `max_output_tokens` (the max_tokens you will send),
        # at genai-prices' price. UnknownModelError for a model it cannot price."""
        # # TODO step 3: prices.worst_case(..., provider=self.provider, at=<now>).
        # raise NotImplementedError("step 3: CostManager.estimate")
        ### END STARTER
        ### BEGIN SOLUTION
        """The most this request can cost: input tokens plus `max_output_tokens` (the max_tokens you will send),
        at genai-prices' current price. UnknownModelError for a model it cannot price."""
        return prices.worst_case(model, input_tokens, max_output_tokens, provider=self.provider, at=self._now())
        ### END SOLUTION

    def cost(self, model: str, usage: Usage) -> Decimal:
        """What `usage` (a reply's usage) cost on `model`. Records nothing."""
        ### BEGIN STARTER
        # return prices.cost(model, usage, provider=self.provider, at=as_utc(self.clock()))
        ### END STARTER
    ### BEGIN SOLUTION
        return prices.cost(model, usage, provider=self.provider, at=self._now())

    # Spending -------------------------------------------------------------------------------------------------
    ### END SOLUTION

    def record(self, model: str, usage: Usage) -> Decimal:
        ### BEGIN STARTER
        # """Add a call that has already happened to the current day's, month's and model's totals; return its
        # cost. No budget check: the money is spent."""
        # # TODO step 3
        # raise NotImplementedError("step 3: CostManager.record")
        ### END STARTER
        ### BEGIN SOLUTION
        """Add a call that has already happened to today's and this month's totals; return its cost. No budget
        check: the money is spent. Prefer reserve/settle, which checks before the call."""
        now = self._now()
        spent = prices.cost(model, usage, provider=self.provider, at=now)
        with self._lock:
            self._add_spend(model, day_key(now), month_key(now), spent)
        return spent
        ### END SOLUTION

    def reserve(self, model: str, input_tokens: int, max_output_tokens: int) -> Reservation:
        ### BEGIN STARTER
        # """Check every budget and hold this request's worst case, in one step. Raise BudgetExceededError naming
        # the first limit that would be exceeded, in the order per_request, daily, monthly; a request exactly
        # at a limit fits. The daily and monthly checks count spend AND open reservations of that day / month."""
        # # TODO step 4: price the worst case, check per_request, then under the lock (step 5) check the day and
        # # the month, and hold the amount against both keys. Return a Reservation.
        # raise NotImplementedError("step 4: CostManager.reserve")
        ### END STARTER
        ### BEGIN SOLUTION
        """Check every budget, counting open reservations, and hold this request's worst case, in one step.
        BudgetExceededError (naming the first limit that would be exceeded) if it does not fit."""
        now = self._now()
        amount = prices.worst_case(model, input_tokens, max_output_tokens, provider=self.provider, at=now)
        day, month = day_key(now), month_key(now)
        if self.budget.per_request is not None and amount > self.budget.per_request:
            raise BudgetExceededError("per_request", cost=amount, available=self.budget.per_request)
        with self._lock:
            self._check("daily", self.budget.daily, day, amount, self._spent_by_day, self._held_by_day)
            self._check("monthly", self.budget.monthly, month, amount, self._spent_by_month, self._held_by_month)
            reservation = Reservation(next(self._ids), model, amount, day, month, now)
            self._held_by_day[day] += amount
            self._held_by_month[month] += amount
            self._open[reservation.id] = reservation
        return reservation
        ### END SOLUTION

    def settle(self, reservation: Reservation, usage: Usage) -> Decimal:
        ### BEGIN STARTER
        # """Replace the reservation by the actual cost of `usage`; return that cost. Charge it to the day and
        # month the reservation was made in. ValueError if the reservation is not open (already settled or
        # released)."""
        # # TODO step 4
        # raise NotImplementedError("step 4: CostManager.settle")
        ### END STARTER
        ### BEGIN SOLUTION
        """Replace the reservation by the actual cost of `usage`; return that cost. It is charged to the day and
        month the reservation was made in, the periods its check was made against. ValueError if the
        reservation is not open (already settled or released)."""
        actual = prices.cost(reservation.model, usage, provider=self.provider, at=reservation.at)
        with self._lock:
            if self._open.get(reservation.id) is not reservation:
                raise ValueError(f"reservation {reservation.id} is not open: already settled or released")
            self._close(reservation)
            self._add_spend(reservation.model, reservation.day, reservation.month, actual)
        return actual
        ### END SOLUTION

    def release(self, reservation: Reservation) -> bool:
        """Give an unused reservation back (the call failed or was never made). False if it was not open."""
        ### BEGIN STARTER
        # # TODO step 4
        # raise NotImplementedError("step 4: CostManager.release")
        ### END STARTER
        ### BEGIN SOLUTION
        with self._lock:
            if self._open.get(reservation.id) is not reservation:
                return False
            self._close(reservation)
            return True
        ### END SOLUTION

    def spend(self, model: str, input_tokens: int, max_output_tokens: int) -> Spending:
        """`with manager.spend(...) as reservation:` (or `async with`): reserve on entry; inside, make the call and
        `manager.settle(reservation, reply.usage)`. If the block raises, the reservation is released."""
        return Spending(self, model, input_tokens, max_output_tokens)

    ### BEGIN SOLUTION
    # Reports --------------------------------------------------------------------------------------------------

    ### END SOLUTION
    def spend_by_day(self) -> dict[str, Decimal]:
        ### BEGIN STARTER
        # """Settled and recorded spend per UTC day key ("2026-12-31"). Open reservations are not spend."""
        # # TODO step 3
        # raise NotImplementedError("step 3: CostManager.spend_by_day")
        ### END STARTER
        ### BEGIN SOLUTION
        """Settled and recorded spend per UTC day, oldest first. Open reservations are not spend."""
        with self._lock:
            return dict(sorted(self._spent_by_day.items()))
        ### END SOLUTION

    def spend_by_month(self) -> dict[str, Decimal]:
        ### BEGIN STARTER
        # """The same per UTC month key ("2026-12")."""
        # # TODO step 3
        # raise NotImplementedError("step 3: CostManager.spend_by_month")
        ### END STARTER
        ### BEGIN SOLUTION
        with self._lock:
            return dict(sorted(self._spent_by_month.items()))
        ### END SOLUTION

    def spend_by_model(self) -> dict[str, Decimal]:
        ### BEGIN STARTER
        # """The same per model id, as it was passed to reserve / record."""
        # # TODO step 3
        # raise NotImplementedError("step 3: CostManager.spend_by_model")
        ### END STARTER
        ### BEGIN SOLUTION
        with self._lock:
            return dict(sorted(self._spent_by_model.items()))
        ### END SOLUTION
    ### BEGIN SOLUTION

    def status(self) -> dict[str, dict[str, str | Decimal | None]]:
        """Today's and this month's spend, open reservations and what is left, e.g. for a dashboard or alerts."""
        now = self._now()
        periods = {"daily": (day_key(now), self.budget.daily, self._spent_by_day, self._held_by_day),
                   "monthly": (month_key(now), self.budget.monthly, self._spent_by_month, self._held_by_month)}
        with self._lock:
            return {name: {"period": key, "limit": limit, "spent": spent.get(key, Decimal(0)),
                           "reserved": held.get(key, Decimal(0)),
                           "available": None if limit is None else limit - spent.get(key, 0) - held.get(key, 0)}
                    for name, (key, limit, spent, held) in periods.items()}

    def _settle_at_worst_case(self, reservation: Reservation) -> bool:
        """Charge a still-open reservation its full amount, in one step (no moment where it is neither held nor
        spent). False if it was already closed."""
        with self._lock:
            if self._open.get(reservation.id) is not reservation:
                return False
            self._close(reservation)
            self._add_spend(reservation.model, reservation.day, reservation.month, reservation.amount)
            return True

    # Internals (call with the lock held) ----------------------------------------------------------------------

    @staticmethod
    def _check(name: str, limit: Decimal | None, key: str, amount: Decimal, spent: dict[str, Decimal],
               held: dict[str, Decimal]) -> None:
        if limit is None:
            return
        committed = spent.get(key, Decimal(0)) + held.get(key, Decimal(0))
        if committed + amount > limit:
            raise BudgetExceededError(name, cost=amount, available=max(limit - committed, Decimal(0)), period=key)

    def _add_spend(self, model: str, day: str, month: str, amount: Decimal) -> None:
        self._spent_by_day[day] += amount
        self._spent_by_month[month] += amount
        self._spent_by_model[model] += amount

    def _close(self, reservation: Reservation) -> None:
        del self._open[reservation.id]
        for held, key in ((self._held_by_day, reservation.day), (self._held_by_month, reservation.month)):
            held[key] -= reservation.amount
            if not held[key]:
                del held[key]  # the held totals hold only periods with open reservations
    ### END SOLUTION


class Spending:
    ### BEGIN STARTER
    # """The context manager `CostManager.spend` returns; must work with `with` and with `async with`."""
    ### END STARTER
    ### BEGIN SOLUTION
    """The context manager `CostManager.spend` returns; works with `with` and with `async with`.

    Nothing in it blocks: the lock is held only for dictionary updates, so coroutines can use it directly.
    If the block ends without an exception and without settling, the request is charged its reserved worst
    case: the call may have been made, and the budget must not assume it was free.
    """
    ### END SOLUTION

    def __init__(self, manager: CostManager, model: str, input_tokens: int, max_output_tokens: int):
        self.manager, self.model = manager, model
        self.input_tokens, self.max_output_tokens = input_tokens, max_output_tokens
        self.reservation: Reservation | None = None

    def __enter__(self) -> Reservation:
        ### BEGIN STARTER
        # # TODO step 6: reserve, remember the reservation, return it.
        # raise NotImplementedError("step 6: Spending.__enter__")
        ### END STARTER
        ### BEGIN SOLUTION
        self.reservation = self.manager.reserve(self.model, self.input_tokens, self.max_output_tokens)
        return self.reservation
        ### END SOLUTION

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        ### BEGIN STARTER
        # # TODO step 6: if the block raised, release the reservation and let the error propagate (return None).
        # # If it ended normally without settling, decide what a budget that fails closed should do.
        # raise NotImplementedError("step 6: Spending.__exit__")
        ### END STARTER
        ### BEGIN SOLUTION
        reservation = self.reservation
        if reservation is None:
            return
        if kind is not None:
            self.manager.release(reservation)
        else:
            self.manager._settle_at_worst_case(reservation)
        ### END SOLUTION

    async def __aenter__(self) -> Reservation:
        ### BEGIN STARTER
        # # TODO step 6
        # raise NotImplementedError("step 6: Spending.__aenter__")
        ### END STARTER
        ### BEGIN SOLUTION
        return self.__enter__()
        ### END SOLUTION

    async def __aexit__(self, kind: type[BaseException] | None, error: BaseException | None,
                        trace: TracebackType | None) -> None:
        ### BEGIN STARTER
        # # TODO step 6
        # raise NotImplementedError("step 6: Spending.__aexit__")
        ### END STARTER
        ### BEGIN SOLUTION
        self.__exit__(kind, error, trace)
        ### END SOLUTION
