import datetime

import config
import db
import utils

_last_report = None
REASONS = ["sale", "purchase", "return", "manual", "count"]


def add_item(sku, name, price, qty=0, cost=None):
    if cost is None:
        cost = price * 0.6
    if price < 0:
        utils.log("negative price for " + sku, "ERROR")
        return False
    row = db.query_one("SELECT sku FROM items WHERE sku = ?", (sku,))
    if row:
        db.execute("UPDATE items SET name = ?, price = ?, cost = ? WHERE sku = ?", (name, price, cost, sku))
    else:
        db.execute("INSERT INTO items (sku, name, price, qty, cost) VALUES (?, ?, ?, ?, ?)",
                   (sku, name, price, qty, cost))
    if qty:
        db.execute("INSERT INTO stock_moves (sku, delta, reason, day) VALUES (?, ?, ?, ?)",
                   (sku, qty, "purchase", datetime.date.today().isoformat()))
    return True


def find_item(sku):
    row = db.query_one("SELECT sku, name, price, qty, cost FROM items WHERE sku = ?", (sku,))
    if row is None:
        return None
    return {"sku": row[0], "name": row[1], "price": row[2], "qty": row[3], "cost": row[4]}


def adjust_stock(sku, delta, reason='manual'):
    item = find_item(sku)
    if item is None:
        utils.log("no such item " + sku, "ERROR")
        return None
    if reason not in REASONS:
        reason = "manual"
    new_qty = item["qty"] + delta
    if new_qty < 0:
        if reason == "sale":
            utils.log("not enough stock for %s: have %d, need %d" % (sku, item["qty"], -delta), "ERROR")
            return None
        new_qty = 0
    db.execute("UPDATE items SET qty = ? WHERE sku = ?", (new_qty, sku), commit=False)
    db.execute("INSERT INTO stock_moves (sku, delta, reason, day) VALUES (?, ?, ?, ?)",
               (sku, delta, reason, datetime.date.today().isoformat()))
    if new_qty <= config.LOW_STOCK_LEVEL:
        utils.log("low stock: %s has %d left" % (sku, new_qty), "WARN")
    return new_qty


def stock_value(use_sale_price=False):
    total = 0.0
    for row in db.query("SELECT sku, price, qty, cost FROM items"):
        if use_sale_price:
            total = total + row[1] * row[2]
        else:
            total = total + row[3] * row[2]
    return total


def low_stock_report(level=None):
    global _last_report
    # billing imports this module at its top; importing billing here, late, is how the cycle was "fixed"
    from billing import last_price_for
    if level is None:
        level = config.LOW_STOCK_LEVEL
    lines = []
    lines.append(utils.pad("SKU", 10) + utils.pad("NAME", 24) + utils.pad("QTY", 6) + "LAST SOLD AT")
    for row in db.query("SELECT sku, name, qty FROM items WHERE qty <= ? ORDER BY qty, sku", (level,)):
        last = last_price_for(row[0])
        if last is None:
            last_text = "never sold"
        else:
            last_text = utils.money(last)
        lines.append(utils.pad(row[0], 10) + utils.pad(row[1], 24) + utils.pad(row[2], 6) + last_text)
    if len(lines) == 1:
        lines.append("nothing below %d" % level)
    _last_report = "\n".join(lines)
    return _last_report


def stock_moves(sku, since=None):
    if since:
        rows = db.query("SELECT delta, reason, day FROM stock_moves WHERE sku = ? AND day >= ? ORDER BY day",
                        (sku, since))
    else:
        rows = db.query("SELECT delta, reason, day FROM stock_moves WHERE sku = ? ORDER BY day", (sku,))
    return [{"delta": r[0], "reason": r[1], "day": r[2]} for r in rows]
