"""The code the prompts work on: a small module, a known-buggy version of it, and a diff to review.

All given: the unit's lesson is about checking what a model says about code, not about this code."""
from __future__ import annotations

MODULE = "durations"  # the import name the generated tests use

SOURCE = '''"""Parse short durations such as "1h30m" or "45s" into seconds."""
import re

UNITS = {"h": 3600, "m": 60, "s": 1}
PART = re.compile(r"(\\d+)([hms])")


def parse_duration(text):
    """Seconds in `text`: one or more <number><unit> parts, units h, m, s, in that order, each at most once."""
    text = text.strip().lower()
    parts = PART.findall(text)
    if not text or "".join(n + u for n, u in parts) != text:
        raise ValueError(f"not a duration: {text!r}")
    units = [u for _, u in parts]
    if units != sorted(set(units), key="hms".index):
        raise ValueError(f"units out of order or repeated: {text!r}")
    total = 0
    for number, unit in parts:
        total += int(number) * UNITS[unit]
    return total
'''

# The same module with one bug: each part overwrites the total instead of adding to it ("1h30m" gives 1800).
BUGGY_SOURCE = SOURCE.replace("total += int(number)", "total = int(number)")

# A change under review. The new `paginate` has an off-by-one (page 1 skips the first `size` items) and no
# check that `size` is positive.
DIFF = '''--- a/shop/listing.py
+++ b/shop/listing.py
@@ -10,9 +10,12 @@ from shop.models import Product
 
 def visible_products(products, user):
     return [p for p in products if p.published or user.is_staff]
 
 
-def first_page(products, size=20):
-    return products[:size]
+def paginate(products, page, size=20):
+    """Items of `page` (numbered from 1), `size` per page."""
+    start = page * size
+    return products[start:start + size]
 
 
 def price_label(product):
'''
