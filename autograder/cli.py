"""The `course` command: doctor and record (the grading commands live beside them)."""
from __future__ import annotations

import argparse
import sys


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="course", description="Agentic AI engineering course tools.")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("doctor", help="check Python, packages, keys, mode and fixtures (offline)")
    rec = commands.add_parser("record", help="re-record a unit's fixtures live (needs a key)")
    rec.add_argument("unit", help="unit name (e.g. lab05) or folder")
    args = parser.parse_args(argv)
    if args.command == "doctor":
        from autograder import doctor
        return doctor.run()
    from autograder import record
    return record.run(args.unit)


if __name__ == "__main__":
    sys.exit(main())
