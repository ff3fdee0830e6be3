import datetime

import billing
import customers
import db
import inventory
import utils

WIDTH = 60


def monthly_report(year, month):
    start, end = utils.month_range(year, month)
    rows = db.query("SELECT number, customer_id, day, net, tax, total, paid FROM invoices "
                    "WHERE day >= ? AND day < ? ORDER BY day, number", (start.isoformat(), end.isoformat()))
    out = []
    out.append("=" * WIDTH)
    out.append("Stockbook monthly report %04d-%02d" % (year, month))
    out.append("=" * WIDTH)
    net = 0.0
    tax = 0.0
    total = 0.0
    unpaid = 0.0
    by_customer = {}
    for r in rows:
        net = net + r[3]
        tax = tax + r[4]
        total = total + r[5]
        if not r[6]:
            unpaid = unpaid + r[5]
        by_customer[r[1]] = by_customer.get(r[1], 0.0) + r[5]
        c = customers.get_customer(r[1])
        name = c.name if c else "?"
        out.append(utils.pad(r[0], 12) + utils.pad(r[2], 12) + utils.pad(name, 20) + utils.money(r[5]) +
                   ("" if r[6] else "  UNPAID"))
    out.append("-" * WIDTH)
    out.append("invoices: %d" % len(rows))
    out.append("net:      " + utils.money(net))
    out.append("tax:      " + utils.money(tax))
    out.append("total:    " + utils.money(total))
    out.append("unpaid:   " + utils.money(unpaid))
    if by_customer:
        best = None
        for cid in by_customer:
            if best is None or by_customer[cid] > by_customer[best]:
                best = cid
        c = customers.get_customer(best)
        out.append("best customer: %s (%s)" % (c.name if c else best, utils.money(by_customer[best])))
    out.append("stock value at cost: " + utils.money(inventory.stock_value()))
    out.append("")
    out.append(inventory.low_stock_report())
    return "\n".join(out)


def overdue_report(today=None):
    today = today or datetime.date.today()
    out = ["Overdue invoices on " + today.isoformat()]
    count = 0
    for r in db.query("SELECT number FROM invoices WHERE paid = 0 ORDER BY day"):
        inv = billing.load_invoice(r[0])
        if inv is not None and inv.is_overdue(today):
            c = customers.get_customer(inv.customer_id)
            days = (today - inv.due_date()).days
            out.append("%s  %s  %s  %d days late" % (inv.number, c.name if c else "?", utils.money(inv.total), days))
            count = count + 1
    if count == 0:
        out.append("none")
    return "\n".join(out)


def customer_statement(customer_id):
    c = customers.get_customer(customer_id)
    if c is None:
        return "no such customer"
    out = ["Statement for " + c.name + " <" + c.email + ">", ""]
    for r in db.query("SELECT number, day, total, paid FROM invoices WHERE customer_id = ? ORDER BY day",
                      (customer_id,)):
        out.append(utils.pad(r[0], 12) + utils.pad(r[1], 12) + utils.pad(utils.money(r[2]), 16) +
                   ("paid" if r[3] else "open"))
    out.append("")
    out.append("balance: " + utils.money(c.balance) + " of " + utils.money(c.credit_limit))
    return "\n".join(out)
