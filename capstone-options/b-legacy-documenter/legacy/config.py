# Stockbook: inventory and billing for a small wholesaler.
# Written for the course as a practice legacy codebase (course licence); not a real product.
import os

DB_FILE = os.environ.get("STOCKBOOK_DB", "stockbook.db")
TAX_RATE = 0.2
CURRENCY = "EUR"
LOW_STOCK_LEVEL = 5
DEBUG = False
INVOICE_PREFIX = "INV"
PAYMENT_DAYS = 30
DISCOUNTS = {"gold": 0.1, "silver": 0.05, "none": 0.0}
_loaded = False
settings = {}


def load_config(path=None):
    global TAX_RATE, CURRENCY, LOW_STOCK_LEVEL, DEBUG, INVOICE_PREFIX, PAYMENT_DAYS, _loaded
    if path is None:
        path = os.environ.get("STOCKBOOK_CONFIG", "stockbook.ini")
    if not os.path.exists(path):
        _loaded = True
        return settings
    f = open(path)
    for line in f.readlines():
        line = line.strip()
        if line == "" or line.startswith("#") or line.startswith(";"):
            continue
        if "=" not in line:
            continue
        key, value = line.split("=", 1)
        key = key.strip().lower()
        value = value.strip()
        settings[key] = value
        if key == "tax_rate":
            TAX_RATE = float(value)
        elif key == "currency":
            CURRENCY = value
        elif key == "low_stock_level":
            LOW_STOCK_LEVEL = int(value)
        elif key == "debug":
            DEBUG = value in ("1", "yes", "true", "on")
        elif key == "invoice_prefix":
            INVOICE_PREFIX = value
        elif key == "payment_days":
            PAYMENT_DAYS = int(value)
        elif key.startswith("discount_"):
            DISCOUNTS[key[len("discount_"):]] = float(value)
    f.close()
    _loaded = True
    return settings


def get(key, default=None):
    if not _loaded:
        load_config()
    return settings.get(key, default)
