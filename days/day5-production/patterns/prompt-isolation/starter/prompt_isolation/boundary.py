"""The per-request boundary that ends every container's tag name: random, and absent from the untrusted text.

Contract:

1. `random_boundary()` (given): `secrets.token_hex(16)`, 32 hex digits.
2. `occurs_in(boundary, texts)`: whether `boundary` appears in any of `texts`, ignoring case and the disguises
   that `fold` undoes (compare `boundary.casefold()` with `fold(text)[0]`).
3. `choose_boundary(texts, boundary=None, new_boundary=random_boundary)`:
   - a given `boundary` must match WELL_FORMED (16+ letters or digits) and must not occur in any text; else
     raise BoundaryError (a ValueError). Then return it.
   - without one, call `new_boundary()` and use the first draw that is well formed and occurs in none of the
     texts (give up with BoundaryError after MAX_DRAWS draws).
"""
from __future__ import annotations

import re
import secrets
from collections.abc import Callable, Iterable

from prompt_isolation.fold import fold  # noqa: F401 - for occurs_in

WELL_FORMED = re.compile(r"[0-9A-Za-z]{16,}")
MAX_DRAWS = 100


class BoundaryError(ValueError):
    """A boundary that is too weak, or that occurs in the text it is meant to enclose."""


def random_boundary() -> str:
    """32 hex digits from the operating system's CSPRNG."""
    return secrets.token_hex(16)


def occurs_in(boundary: str, texts: Iterable[str]) -> bool:
    """Whether `boundary` appears in any text, ignoring case and the disguises `fold` undoes."""
    # TODO step 1
    raise NotImplementedError("step 1: occurs_in")


def choose_boundary(texts: Iterable[str], boundary: str | None = None,
                    new_boundary: Callable[[], str] = random_boundary) -> str:
    """The boundary to use around `texts` (see the module docstring)."""
    # TODO step 1: check a given boundary, or draw until a draw is well formed and absent from every text.
    raise NotImplementedError("step 1: choose_boundary")
