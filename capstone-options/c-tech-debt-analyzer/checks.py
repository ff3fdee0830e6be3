"""What the capstone C checks share: the small code samples (with their measures computed by hand from the brief's
rules), the sample project the report is run on, and readers of the report."""
from __future__ import annotations

import re

NO_LLM = {"name": "no-llm", "provenance": {"kind": "authored", "note": "these calls must not reach a model"},
          "exchanges": []}

MEASURED = '''class Shop:
    def add(self, item, qty=1, *extra, note=None, **meta):
        if qty > 0 and item:
            return [x for x in extra if x]
        return None

    @staticmethod
    def make(a, b):
        try:
            return a / b
        except ZeroDivisionError:
            return 0
        except TypeError:
            return None


def outer(values):
    def inner(v):
        return v if v else 0
    total = 0
    while values:
        total += inner(values.pop())
    match total:
        case 0:
            return "none"
        case _:
            return "some"


async def fetch(urls, /, limit, *, retries):
    async for u in urls:
        if u.startswith("http") or u.startswith("ftp") or not u:
            pass
    return lambda x: x if x else None
'''
# (name, start, end, lines, params, complexity), by hand:
#   add: 1 + if + `and` (2 operands: +1) + comprehension for + its if = 5; params 6 less self = 5
#   make: a static method keeps its first parameter: 2; 1 + two except clauses = 3
#   outer: 1 + while + two cases = 4 (inner's conditional expression is inner's); inner: 1 + IfExp = 2
#   fetch: 1 + async for + if + `or` of 3 operands (+2) + the lambda's IfExp = 6; params urls, limit, retries = 3
FUNCTIONS = [("Shop.add", 2, 5, 4, 5, 5), ("Shop.make", 8, 14, 7, 2, 3), ("outer", 17, 27, 11, 1, 4),
             ("outer.inner", 18, 19, 2, 1, 2), ("fetch", 30, 34, 5, 3, 6)]

MARKED = '''# TODO: remove this module
note = "TODO: a string, not a marker"  # FIXME later
def f():
    pass  # todo in lower case is not a marker
# HACKY is no marker word; XXX is
'''
MARKERS = [(1, "TODO"), (2, "FIXME"), (5, "XXX")]

DUPLICATED = {
    "one.py": '''def total(items):
    result = 0
    for item in items:
        result += item.price
    print(result)
    return result


def short(a):
    return a + 1
''',
    "two.py": '''def summe(rows):
    """Adds the prices."""
    acc = 0
    for row in rows:
        acc += row.cost
    print(acc)
    return acc


def minus(items):
    result = 0
    for item in items:
        result -= item.price
    print(result)
    return result


def short_too(b):
    return b + 2


@overload
def stub(a: int) -> int:
    """One overload."""
    x = 0
    for y in a:
        x += y.price
    print(x)
    return x
''',
    "three.py": "def broken(:\n    pass\n",
}
# total and summe: same shape (names, attributes and the docstring do not count), 6 and 5 code lines;
# minus: `-=` is a Sub, not an Add; short and short_too: same shape but 1 code line; stub: an @overload
DUPLICATE_GROUPS = [[["one.py", "total", 1, 6], ["two.py", "summe", 1, 7]]]

REQUIREMENTS = '''# pins
click==8.1.3
Flask==2.2.2
jinja2==3.1.6
requests[socks]==2.28.1 ; python_version >= "3.8"
Pydantic_Core==2.1.0
rich>=13
numpy == 1.24.1  # held back
urllib3==2.8.0rc1
-r more.txt
# pydantic==1.0
tiny-pkg==0.1.0
'''
LATEST = {"click": "8.5.1", "flask": "3.1.3", "jinja2": "3.1.6", "requests": "2.34.2", "pydantic-core": "2.1.3",
          "numpy": "2.4.6", "urllib3": "2.8.0", "rich": "14.0.0", "pydantic": "2.14.4"}
# (line, symbol, majors behind, impact): tiny-pkg is not in the snapshot; urllib3's rc is older than 2.8.0
PINS = [(2, "click", 0, 1.0), (3, "flask", 1, 2.0), (5, "requests", 0, 1.0), (6, "pydantic-core", 0, 0.5),
        (8, "numpy", 1, 2.0), (9, "urllib3", 0, 0.5)]

PROJECT = {
    "pkg/__init__.py": "",
    "pkg/billing.py": '''"""Invoices for a small shop."""


def invoice_total(items, discount, tax_rate, currency, rounding, customer, note):
    # TODO: split the discounts out of this function
    total = 0
    for item in items:
        if item.quantity <= 0:
            continue
        if item.taxable and tax_rate:
            total += item.price * item.quantity * (1 + tax_rate)
        else:
            total += item.price * item.quantity
    if discount and customer.vip:
        total -= discount
    elif discount:
        total -= discount / 2
    while rounding and total % rounding:
        total += 1
    return total if currency == "EUR" else total * 1.1
''',
    "pkg/summaries.py": '''from pkg.billing import invoice_total


def monthly_summary(orders):
    rows = []
    for order in orders:
        amount = invoice_total(order.items, 0, 0.2, "EUR", 1, order.customer, "")
        rows.append((order.id, amount))
    rows.sort(key=lambda row: row[1])
    return rows


def weekly_summary(orders):
    lines = []
    for order in orders:
        value = invoice_total(order.items, 5, 0.1, "USD", 5, order.customer, "weekly")
        lines.append((order.number, value))
    lines.sort(key=lambda line: line[0])
    return lines
''',
    "pkg/text.py": '''def slugify(text):
    return "-".join(text.lower().split())
''',
    "pkg/broken.py": "def oops(:\n    return 1\n",
}
# invoice_total: complexity 1 + for + if + if + `and` + if + `and` + elif + while + `and` + IfExp = 11;
# 7 parameters; called twice elsewhere, so likelihood 3. The two summaries share a shape (7 lines each).
# (kind, path, start, end, symbol, priority):
RANKED = [("long-parameter-list", "pkg/billing.py", 4, 20, "invoice_total", 7 / 5 * 3),
          ("complexity", "pkg/billing.py", 4, 20, "invoice_total", 11 / 10 * 3),
          ("todo", "pkg/billing.py", 5, 5, "invoice_total", 1.0 * 3),
          ("duplication", "pkg/summaries.py", 4, 10, "monthly_summary", (2 - 1) * 7 / 10 * 1)]
SAMPLE_PINS = "click==8.1.3\npydantic==1.10.4\n"  # with the shipped snapshot: pydantic 2.0, click 1.0

LOCATION = re.compile(r"`([\w./-]+):(\d+)-(\d+)`")


def table_rows(report: str) -> list[list[str]]:
    """The ranked table's rows: cells of each `| N | ...` line under `## Ranked findings`."""
    part = report.split("## Ranked findings", 1)[-1].split("\n## ", 1)[0]
    rows = []
    for line in part.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("|") and cells and cells[0].isdigit():
            rows.append(cells)
    return rows


def explained_sections(report: str) -> dict[int, str]:
    """{rank: text} of each `### N.` section under `## Top findings explained`."""
    part = report.split("## Top findings explained", 1)[-1].split("\n## ", 1)[0]
    sections = {}
    for chunk in re.split(r"^### ", part, flags=re.M)[1:]:
        number = re.match(r"(\d+)\.", chunk)
        if number:
            sections[int(number.group(1))] = chunk
    return sections


def sources(section: str) -> list[str]:
    """The `path:start-end` citations on a section's Sources line."""
    line = next((l for l in section.splitlines() if "Sources:" in l), "")
    return ["{}:{}-{}".format(*m) for m in LOCATION.findall(line)]


def sent_text(request: dict) -> str:
    return "\n".join([request.get("system") or "", *(text for _, text in request["messages"])])
