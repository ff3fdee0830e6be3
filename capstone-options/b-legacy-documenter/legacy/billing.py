import datetime

import config
import customers
import db
import inventory
import utils

_next_number = None
last_error = ""


class Invoice:
    def __init__(self, customer_id, day=None):
        self.id = None
        self.number = None
        self.customer_id = customer_id
        self.day = day or datetime.date.today()
        self.lines = []
        self.net = 0.0
        self.tax = 0.0
        self.total = 0.0
        self.paid = False

    def add_line(self, sku, qty, price):
        self.lines.append((sku, qty, price))

    def due_date(self):
        return self.day + datetime.timedelta(days=config.PAYMENT_DAYS)

    def is_overdue(self, today=None):
        today = today or datetime.date.today()
        return not self.paid and today > self.due_date()


def next_invoice_number():
    global _next_number
    if _next_number is None:
        row = db.query_one("SELECT MAX(id) FROM invoices")
        if row is None or row[0] is None:
            _next_number = 1
        else:
            _next_number = row[0] + 1
    n = _next_number
    _next_number = _next_number + 1
    return "%s-%05d" % (config.INVOICE_PREFIX, n)


def apply_discount(amount, tier):
    rate = config.DISCOUNTS.get(tier, 0.0)
    if amount > 5000:
        rate = rate + 0.02
    return round(amount * (1 - rate), 2)


def compute_totals(invoice, tier="none"):
    net = 0.0
    for sku, qty, price in invoice.lines:
        net = net + qty * price
    net = apply_discount(net, tier)
    invoice.net = net
    invoice.tax = round(net * config.TAX_RATE, 2)
    invoice.total = round(invoice.net + invoice.tax, 2)
    return invoice.total


def create_invoice(customer_id, items, day=None, force=False):
    global last_error
    last_error = ""
    customer = customers.get_customer(customer_id)
    if customer is None:
        last_error = "no such customer %s" % customer_id
        utils.log(last_error, "ERROR")
        return None
    if not items:
        last_error = "an invoice needs at least one line"
        return None
    inv = Invoice(customer_id, day)
    seen = {}
    for entry in items:
        if isinstance(entry, tuple):
            sku, qty = entry
        else:
            sku, qty = entry["sku"], entry.get("qty", 1)
        if qty <= 0:
            last_error = "bad quantity %s for %s" % (qty, sku)
            return None
        if sku in seen:
            seen[sku] = seen[sku] + qty
        else:
            seen[sku] = qty
    for sku in sorted(seen):
        item = inventory.find_item(sku)
        if item is None:
            last_error = "unknown item " + sku
            utils.log(last_error, "ERROR")
            return None
        if item["qty"] < seen[sku] and not force:
            last_error = "only %d of %s in stock" % (item["qty"], sku)
            return None
        inv.add_line(sku, seen[sku], item["price"])
    total = compute_totals(inv, customer.tier)
    if not force and not customers.credit_check(customer_id, total):
        last_error = "credit limit reached"
        return None
    inv.number = next_invoice_number()
    inv.id = db.execute("INSERT INTO invoices (number, customer_id, day, net, tax, total, paid) "
                        "VALUES (?, ?, ?, ?, ?, ?, 0)",
                        (inv.number, customer_id, inv.day.isoformat(), inv.net, inv.tax, inv.total), commit=False)
    for sku, qty, price in inv.lines:
        db.execute("INSERT INTO invoice_lines (invoice_id, sku, qty, price) VALUES (?, ?, ?, ?)",
                   (inv.id, sku, qty, price), commit=False)
        left = inventory.adjust_stock(sku, -qty, "sale")
        if left is None and not force:
            last_error = "stock changed while invoicing " + sku
            db.get_conn().rollback()
            return None
    db.get_conn().commit()
    customers.change_balance(customer_id, inv.total)
    utils.log("invoice %s for %s: %s" % (inv.number, customer.name, utils.money(inv.total)))
    return inv


def mark_paid(number):
    row = db.query_one("SELECT id, customer_id, total, paid FROM invoices WHERE number = ?", (number,))
    if row is None:
        return False
    if row[3]:
        return True
    db.execute("UPDATE invoices SET paid = 1 WHERE id = ?", (row[0],))
    customers.change_balance(row[1], -row[2])
    return True


def last_price_for(sku):
    row = db.query_one("SELECT l.price FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id "
                       "WHERE l.sku = ? ORDER BY i.day DESC, i.id DESC LIMIT 1", (sku,))
    if row is None:
        return None
    return row[0]


def load_invoice(number):
    row = db.query_one("SELECT id, number, customer_id, day, net, tax, total, paid FROM invoices WHERE number = ?",
                       (number,))
    if row is None:
        return None
    inv = Invoice(row[2], utils.parse_date(row[3]))
    inv.id, inv.number, inv.net, inv.tax, inv.total, inv.paid = row[0], row[1], row[4], row[5], row[6], bool(row[7])
    for l in db.query("SELECT sku, qty, price FROM invoice_lines WHERE invoice_id = ?", (inv.id,)):
        inv.add_line(l[0], l[1], l[2])
    return inv
