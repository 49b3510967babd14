#!/usr/bin/env python3
"""Whether two fpconform results files hold the same runs: every field of every run equal (counts,
kinds, classes, examples, status), but the seconds it took. Prints the first difference.
  tools/same-results.py A.json B.json   exit 0 when the same, 1 when not, 2 on a bad file"""
import json
import sys


def runs(path):
    try:
        with open(path) as f:
            data = json.load(f)
        return {(r["backend"], r["op"], r["rounding"], r["inputs"]): r for r in data["runs"]}
    except (OSError, ValueError, KeyError, TypeError) as e:
        print(f"{path}: not an fpconform results file: {e}", file=sys.stderr)
        sys.exit(2)


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    a, b = runs(sys.argv[1]), runs(sys.argv[2])
    if a.keys() != b.keys():
        print(f"different runs: only in {sys.argv[1]}: {sorted(a.keys() - b.keys())}; "
              f"only in {sys.argv[2]}: {sorted(b.keys() - a.keys())}")
        sys.exit(1)
    for key in sorted(a):
        x = {k: v for k, v in a[key].items() if k != "seconds"}
        y = {k: v for k, v in b[key].items() if k != "seconds"}
        if x != y:
            fields = sorted(k for k in x.keys() | y.keys() if x.get(k) != y.get(k))
            print(f"{' '.join(key)}: differ in {', '.join(fields)}")
            for k in fields:
                print(f"  {k}: {x.get(k)!r} / {y.get(k)!r}")
            sys.exit(1)
    print(f"the same {len(a)} runs, field for field (seconds aside)")


main()
