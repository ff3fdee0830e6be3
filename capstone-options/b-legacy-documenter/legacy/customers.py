import db
import utils

TIERS = ["none", "silver", "gold"]
_cache = {}


class Customer:
    def __init__(self, id, name, email, tier="none", credit_limit=1000.0, balance=0.0):
        self.id = id
        self.name = name
        self.email = email
        self.tier = tier
        self.credit_limit = credit_limit
        self.balance = balance

    def can_buy(self, amount):
        if self.tier == "gold":
            return self.balance + amount <= self.credit_limit * 1.5
        return self.balance + amount <= self.credit_limit

    def to_row(self):
        return (self.name, self.email, self.tier, self.credit_limit, self.balance)


def add_customer(name, email, tier="none", credit_limit=1000.0):
    if tier not in TIERS:
        utils.log("unknown tier " + tier + ", using none", "WARN")
        tier = "none"
    if "@" not in email:
        utils.log("bad email " + email, "ERROR")
        return None
    existing = db.query_one("SELECT id FROM customers WHERE email = ?", (email,))
    if existing:
        utils.log("customer exists " + email, "WARN")
        return existing[0]
    new_id = db.execute("INSERT INTO customers (name, email, tier, credit_limit, balance) VALUES (?, ?, ?, ?, 0)",
                        (name, email, tier, credit_limit))
    _cache.clear()
    return new_id


def get_customer(customer_id):
    if customer_id in _cache:
        return _cache[customer_id]
    row = db.query_one("SELECT id, name, email, tier, credit_limit, balance FROM customers WHERE id = ?",
                       (customer_id,))
    if row is None:
        return None
    c = Customer(row[0], row[1], row[2], row[3], row[4], row[5])
    _cache[customer_id] = c
    return c


def change_balance(customer_id, delta):
    c = get_customer(customer_id)
    if c is None:
        return False
    c.balance = c.balance + delta
    db.execute("UPDATE customers SET balance = ? WHERE id = ?", (c.balance, customer_id))
    return True


def credit_check(customer_id, amount):
    c = get_customer(customer_id)
    if c is None:
        utils.log("credit check for unknown customer %s" % customer_id, "ERROR")
        return False
    ok = c.can_buy(amount)
    if not ok:
        utils.log("credit refused for %s: balance %s, amount %s, limit %s" % (
            c.name, utils.money(c.balance), utils.money(amount), utils.money(c.credit_limit)), "WARN")
    return ok


def list_customers(tier=None):
    if tier:
        rows = db.query("SELECT id FROM customers WHERE tier = ? ORDER BY name", (tier,))
    else:
        rows = db.query("SELECT id FROM customers ORDER BY name")
    result = []
    for r in rows:
        result.append(get_customer(r[0]))
    return result
