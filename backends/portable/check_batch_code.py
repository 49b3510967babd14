#!/usr/bin/env python3
"""Checks the code GCC made of portable's batch loops (ctest portable.batch_code_paths).

The loops are meant to vectorize: a sweep of all 2^32 inputs spends most of its time in them.
In a file of some 300 instantiations GCC once left a helper (shift_right_jam) as an out-of-line
call inside every loop, which stops vectorization, and the conversions ran scalar, about 7 times
slower, with every test still passing. So, in the AVX2 clone of every batch loop:
  - no call (a call in the loop is what stopped it);
  - binary32 -> binary16, bfloat16, E4M3 and E5M2, every mode: 256-bit vector code (ymm);
  - add, sub and mul on binary16 and bfloat16, every mode: the same (branch-free since their
    branchy form ran scalar, 2 to 3 times slower a sweep; div and sqrt stay scalar: no vector
    integer division).
Usage: check_batch_code.py OBJDUMP OBJECT
"""
import re
import subprocess
import sys

WIDE = ("kBinary16", "kBfloat16", "kE4m3fn", "kE5m2")
ARITH = ("add", "sub", "mul")
ARITH_FORMATS = ("kBinary16", "kBfloat16")
# The loops that must hold vector code, and how many of each there are (five modes each).
EXPECTED = {"narrowing": len(WIDE) * 5, "add/sub/mul": len(ARITH) * len(ARITH_FORMATS) * 5}


def vector_kind(name):
    """Which of EXPECTED's kinds a batch loop is, or None."""
    m = re.search(r"portable::narrow<fpconform::(\w+), \(fpconform::Rounding\)\d", name)
    if m and m.group(1) in WIDE:
        return "narrowing"
    a = re.search(r"portable::arith::(\w+)<fpconform::(\w+), \(fpconform::Rounding\)\d", name)
    if a and a.group(1) in ARITH and a.group(2) in ARITH_FORMATS:
        return "add/sub/mul"
    return None


def functions(asm):
    name, body = None, []
    for line in asm.splitlines():
        m = re.match(r"^[0-9a-f]+ <(.*)>:$", line)
        if m:
            if name:
                yield name, body
            name, body = m.group(1), []
        elif name:
            body.append(line)
    if name:
        yield name, body


def main():
    objdump, obj = sys.argv[1], sys.argv[2]
    asm = subprocess.run([objdump, "-d", "-r", "--no-show-raw-insn", "-C", obj], check=True,
                         capture_output=True, text=True).stdout
    failures, clones = [], 0
    found = {kind: 0 for kind in EXPECTED}
    for name, body in functions(asm):
        if "[clone .avx2]" not in name or "batch<" not in name:
            continue
        clones += 1
        text = "\n".join(body)
        # With -r the callee is the relocation on the line after the call.
        calls = [body[i + 1].split("\t")[-1] if i + 1 < len(body) and "R_X86_64" in body[i + 1]
                 else l.split("\t")[-1] for i, l in enumerate(body) if re.search(r"\tcall ", l)]
        if calls:
            failures.append(f"{name}: {len(calls)} call(s) in the loop's clone, first {calls[0]}")
        kind = vector_kind(name)
        if kind:
            found[kind] += 1
            if "ymm" not in text:
                failures.append(f"{name}: no 256-bit vector code")
    if clones == 0 or found != EXPECTED:
        failures.append(f"found {clones} AVX2 batch clones; loops checked for vector code, of each "
                        f"kind: {found}, expected {EXPECTED}: the names changed?")
    for f in failures:
        print("FAIL", f)
    checked = ", ".join(f"{n} {kind}" for kind, n in found.items())
    print(f"portable batch loops: {clones} AVX2 clones without calls; vectorized: {checked}"
          if not failures else f"{len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
