### BEGIN STARTER
# """The per-request boundary that ends every container's tag name: random, and absent from the untrusted text.
#
# Contract:
#
# 1. `random_boundary()` (given): `secrets.token_hex(16)`, 32 hex digits.
# 2. `occurs_in(boundary, texts)`: whether `boundary` appears in any of `texts`, ignoring case and the disguises
#    that `fold` undoes (compare `boundary.casefold()` with `fold(text)[0]`).
# 3. `choose_boundary(texts, boundary=None, new_boundary=random_boundary)`:
#    - a given `boundary` must match WELL_FORMED (16+ letters or digits) and must not occur in any text; else
#      raise BoundaryError (a ValueError). Then return it.
#    - without one, call `new_boundary()` and use the first draw that is well formed and occurs in none of the
#      texts (give up with BoundaryError after MAX_DRAWS draws).
# """
### END STARTER
### BEGIN SOLUTION
"""The per-request boundary that ends every container's tag name: random, and absent from the untrusted text.

An attacker who knows the closing tag can type it; one who must guess 32 random hex digits cannot. The
boundary is drawn after the text is known, and a draw that happens to occur in the text is thrown away, so
even a user who pastes an old prompt (with an old boundary) cannot close today's container.
"""
### END SOLUTION
from __future__ import annotations

import re
import secrets
from collections.abc import Callable, Iterable

### BEGIN STARTER
# from prompt_isolation.fold import fold  # noqa: F401 - for occurs_in
### END STARTER
### BEGIN SOLUTION
from prompt_isolation.fold import fold
### END SOLUTION

WELL_FORMED = re.compile(r"[0-9A-Za-z]{16,}")
MAX_DRAWS = 100


class BoundaryError(ValueError):
    """A boundary that is too weak, or that occurs in the text it is meant to enclose."""


def random_boundary() -> str:
    """32 hex digits from the operating system's CSPRNG."""
    return secrets.token_hex(16)


def occurs_in(boundary: str, texts: Iterable[str]) -> bool:
    """Whether `boundary` appears in any text, ignoring case and the disguises `fold` undoes."""
    ### BEGIN STARTER
    # # TODO step 1
    # raise NotImplementedError("step 1: occurs_in")
    ### END STARTER
    ### BEGIN SOLUTION
    wanted = boundary.casefold()
    return any(wanted in fold(text)[0] for text in texts)
    ### END SOLUTION


def choose_boundary(texts: Iterable[str], boundary: str | None = None,
                    new_boundary: Callable[[], str] = random_boundary) -> str:
    ### BEGIN STARTER
    # """The boundary to use around `texts` (see the module docstring)."""
    # # TODO step 1: check a given boundary, or draw until a draw is well formed and absent from every text.
    # raise NotImplementedError("step 1: choose_boundary")
    ### END STARTER
    ### BEGIN SOLUTION
    """The boundary to use around `texts`.

    A given `boundary` must be at least 16 letters or digits and must not occur in any text, else
    BoundaryError. Without one, draw from `new_boundary()` until a draw occurs in none of the texts.
    """
    texts = list(texts)
    if boundary is not None:
        if not WELL_FORMED.fullmatch(boundary):
            raise BoundaryError("a boundary needs at least 16 letters or digits and nothing else")
        if occurs_in(boundary, texts):
            raise BoundaryError("the boundary occurs in the untrusted text")
        return boundary
    for _ in range(MAX_DRAWS):
        drawn = new_boundary()
        if WELL_FORMED.fullmatch(drawn) and not occurs_in(drawn, texts):
            return drawn
    raise BoundaryError(f"no usable boundary in {MAX_DRAWS} draws; is the random source broken?")
    ### END SOLUTION
