import datetime
import sys

import config

_log_lines = []


def log(msg, level="INFO"):
    line = "%s %s %s" % (datetime.datetime.now().strftime("%Y-%m-%d %H:%M:%S"), level, msg)
    _log_lines.append(line)
    if config.DEBUG or level == "ERROR":
        sys.stderr.write(line + "\n")


def money(amount):
    amount = round(amount + 0.0000001, 2)
    s = "%.2f" % amount
    whole, cents = s.split(".")
    neg = whole.startswith("-")
    if neg:
        whole = whole[1:]
    parts = []
    while len(whole) > 3:
        parts.insert(0, whole[-3:])
        whole = whole[:-3]
    parts.insert(0, whole)
    out = ",".join(parts) + "." + cents + " " + config.CURRENCY
    if neg:
        out = "-" + out
    return out


def parse_date(text):
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y"):
        try:
            return datetime.datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            pass
    return None


def month_range(year, month):
    start = datetime.date(year, month, 1)
    if month == 12:
        end = datetime.date(year + 1, 1, 1)
    else:
        end = datetime.date(year, month + 1, 1)
    return start, end


def pad(text, width):
    text = str(text)
    if len(text) >= width:
        return text[:width]
    return text + " " * (width - len(text))
