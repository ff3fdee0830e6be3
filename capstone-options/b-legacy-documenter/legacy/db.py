import sqlite3

import config
import utils

_conn = None
_schema_done = False

SCHEMA = [
    "CREATE TABLE IF NOT EXISTS items (sku TEXT PRIMARY KEY, name TEXT, price REAL, qty INTEGER, cost REAL)",
    "CREATE TABLE IF NOT EXISTS customers (id INTEGER PRIMARY KEY, name TEXT, email TEXT, tier TEXT, "
    "credit_limit REAL, balance REAL)",
    "CREATE TABLE IF NOT EXISTS invoices (id INTEGER PRIMARY KEY, number TEXT, customer_id INTEGER, day TEXT, "
    "net REAL, tax REAL, total REAL, paid INTEGER)",
    "CREATE TABLE IF NOT EXISTS invoice_lines (invoice_id INTEGER, sku TEXT, qty INTEGER, price REAL)",
    "CREATE TABLE IF NOT EXISTS stock_moves (sku TEXT, delta INTEGER, reason TEXT, day TEXT)",
]


def get_conn():
    global _conn, _schema_done
    if _conn is None:
        _conn = sqlite3.connect(config.DB_FILE)
        utils.log("opened " + config.DB_FILE)
    if not _schema_done:
        for stmt in SCHEMA:
            _conn.execute(stmt)
        _conn.commit()
        _schema_done = True
    return _conn


def query(sql, args=()):
    c = get_conn()
    if config.DEBUG:
        utils.log("SQL " + sql + " " + repr(args), "DEBUG")
    cur = c.execute(sql, args)
    rows = cur.fetchall()
    return rows


def query_one(sql, args=()):
    rows = query(sql, args)
    if len(rows) == 0:
        return None
    return rows[0]


def execute(sql, args=(), commit=True):
    c = get_conn()
    if config.DEBUG:
        utils.log("SQL " + sql + " " + repr(args), "DEBUG")
    cur = c.execute(sql, args)
    if commit:
        c.commit()
    return cur.lastrowid


def close():
    global _conn, _schema_done
    if _conn is not None:
        _conn.close()
    _conn = None
    _schema_done = False
