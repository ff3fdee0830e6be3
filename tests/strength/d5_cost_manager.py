"""d5-cost-manager: single-bug and correct variants of the reference (see tests/test_unit_strength.py)."""
MANAGER = "manager.py"
PERIODS = "periods.py"

BROKEN = {
    "reserve: the daily and monthly checks ignore open reservations": (MANAGER, [(
        "        committed = spent.get(key, Decimal(0)) + held.get(key, Decimal(0))",
        "        committed = spent.get(key, Decimal(0))")]),
    "reserve: a request exactly at the daily or monthly limit is refused": (MANAGER, [(
        "        if committed + amount > limit:", "        if committed + amount >= limit:")]),
    "reserve: the per-request cap is never checked": (MANAGER, [(
        "        if self.budget.per_request is not None and amount > self.budget.per_request:",
        "        if False:")]),
    "periods: the day key is taken in the clock's own time zone, not UTC": (PERIODS, [(
        '''    utc = as_utc(moment)
    return f"{utc.year:04d}-{utc.month:02d}-{utc.day:02d}"''',
        '''    as_utc(moment)
    return f"{moment.year:04d}-{moment.month:02d}-{moment.day:02d}"''')]),
    "spend: a block that raises keeps its reservation instead of releasing it": (MANAGER, [(
        """        if kind is not None:
            self.manager.release(reservation)
        else:""", """        if kind is not None:
            pass
        else:""")]),
    "settle: the actual cost is not added to the model's total": (MANAGER, [(
        """        self._spent_by_month[month] += amount
        self._spent_by_model[model] += amount""", """        self._spent_by_month[month] += amount
        self._spent_by_model.setdefault(model, Decimal(0))""")]),
}

CORRECT = {
    "budget check written as what is left, keys with strftime": (MANAGER, [(
        """        committed = spent.get(key, Decimal(0)) + held.get(key, Decimal(0))
        if committed + amount > limit:""",
        """        committed = sum((totals.get(key, Decimal(0)) for totals in (spent, held)), Decimal(0))
        left = limit - committed
        if amount - left > 0:""")]),
    "period keys from strftime and isoformat": (PERIODS, [(
        '''    utc = as_utc(moment)
    return f"{utc.year:04d}-{utc.month:02d}-{utc.day:02d}"''',
        '''    return as_utc(moment).date().isoformat()'''), (
        '''    utc = as_utc(moment)
    return f"{utc.year:04d}-{utc.month:02d}"''',
        '''    return as_utc(moment).strftime("%Y-%m")''')]),
}
