import sys

import billing
import config
import customers
import db
import inventory
import reports
import utils

HELP = """commands:
  item SKU NAME PRICE [QTY]      add or update an item
  stock SKU DELTA [REASON]       change stock
  customer NAME EMAIL [TIER]     add a customer
  invoice CUSTOMER_ID SKU:QTY... create an invoice
  paid NUMBER                    mark an invoice paid
  report YEAR MONTH              monthly report
  overdue                        overdue invoices
  statement CUSTOMER_ID          a customer's statement
  low                            low stock
  quit"""


def run_command(cmd, args):
    if cmd == "item":
        if len(args) < 3:
            return "usage: item SKU NAME PRICE [QTY]"
        qty = int(args[3]) if len(args) > 3 else 0
        ok = inventory.add_item(args[0], args[1], float(args[2]), qty)
        return "ok" if ok else "failed"
    elif cmd == "stock":
        if len(args) < 2:
            return "usage: stock SKU DELTA [REASON]"
        left = inventory.adjust_stock(args[0], int(args[1]), args[2] if len(args) > 2 else "manual")
        return "failed" if left is None else "%s now %d" % (args[0], left)
    elif cmd == "customer":
        if len(args) < 2:
            return "usage: customer NAME EMAIL [TIER]"
        cid = customers.add_customer(args[0], args[1], args[2] if len(args) > 2 else "none")
        return "failed" if cid is None else "customer %d" % cid
    elif cmd == "invoice":
        if len(args) < 2:
            return "usage: invoice CUSTOMER_ID SKU:QTY..."
        items = []
        for a in args[1:]:
            if ":" in a:
                sku, qty = a.split(":", 1)
                items.append((sku, int(qty)))
            else:
                items.append((a, 1))
        inv = billing.create_invoice(int(args[0]), items)
        if inv is None:
            return "failed: " + billing.last_error
        return "%s total %s due %s" % (inv.number, utils.money(inv.total), inv.due_date().isoformat())
    elif cmd == "paid":
        return "ok" if billing.mark_paid(args[0]) else "no such invoice"
    elif cmd == "report":
        return reports.monthly_report(int(args[0]), int(args[1]))
    elif cmd == "overdue":
        return reports.overdue_report()
    elif cmd == "statement":
        return reports.customer_statement(int(args[0]))
    elif cmd == "low":
        return inventory.low_stock_report()
    elif cmd in ("help", "?"):
        return HELP
    return "unknown command " + cmd + " (try help)"


def main():
    config.load_config()
    utils.log("stockbook starting, db " + config.DB_FILE)
    if len(sys.argv) > 1:
        print(run_command(sys.argv[1], sys.argv[2:]))
        db.close()
        return
    print("stockbook. type help.")
    while True:
        try:
            line = input("> ")
        except EOFError:
            break
        parts = line.split()
        if not parts:
            continue
        if parts[0] in ("quit", "exit"):
            break
        try:
            print(run_command(parts[0], parts[1:]))
        except Exception as e:
            utils.log("command failed: %s" % e, "ERROR")
            print("error: %s" % e)
    db.close()


if __name__ == "__main__":
    main()
