"""Shannon entropy: how unpredictable the characters of a string are, in bits per character."""
from __future__ import annotations

import math
from collections import Counter


def shannon_entropy(text: str) -> float:
    """-sum(p * log2 p) over the character frequencies of `text`; 0.0 for an empty string.

    English words score about 2.5-3.5, random hex about 3.5-4, random base64 of 20+ characters 4-5.
    """
    if not text:
        return 0.0
    counts = Counter(text)
    return -sum(n / len(text) * math.log2(n / len(text)) for n in counts.values())
